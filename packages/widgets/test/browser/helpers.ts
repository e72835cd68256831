import 'axe-core';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';

declare global {
  interface Window {
    axe: typeof import('axe-core');
  }
}

/** Runs axe on `element` with the WCAG 2.2 AA rule set and fails listing every violation. */
export async function expectAccessible(element: Element): Promise<void> {
  const result = await window.axe.run(element, {
    runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  });
  const problems = result.violations.map(
    (violation) =>
      `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`,
  );
  expect(problems, problems.join('\n')).to.deep.equal([]);
}

export interface AxNode {
  role: string;
  name: string;
  checked?: string;
  focused?: boolean;
  invalid?: string;
}

/** Every node of Chromium's accessibility tree with the given role, as a screen reader gets it. */
export async function nodesWithRole(role: string): Promise<AxNode[]> {
  const nodes = await executeServerCommand<AxNode[], undefined>('accessibility-tree');
  return nodes.filter((node) => node.role === role);
}

export function nextEvent<T>(target: EventTarget, type: string): Promise<CustomEvent<T>> {
  return new Promise((resolve) => {
    target.addEventListener(type, (event) => resolve(event as CustomEvent<T>), { once: true });
  });
}

export async function waitFor(condition: () => boolean, what: string, ms = 5000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Adds an element to the page, with an inline JSON document when one is given. */
export async function mount<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Record<string, string>,
  inline?: unknown,
): Promise<HTMLElementTagNameMap[K]> {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries({ collector: '/collector/', ...attributes })) {
    element.setAttribute(name, value);
  }
  if (inline !== undefined) {
    const script = document.createElement('script');
    script.type = 'application/json';
    script.textContent = typeof inline === 'string' ? inline : JSON.stringify(inline);
    element.append(script);
  }
  document.body.append(element);
  await (element as unknown as { updateComplete: Promise<unknown> }).updateComplete;
  return element;
}

/** The text a resident reads in an element's shadow root, whitespace collapsed. */
export function textOf(root: ParentNode | null | undefined, selector: string): string {
  return (root?.querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** The radio in `root` whose label reads `label`. */
export function radioLabelled(
  root: ParentNode,
  label: string,
  within?: string,
): HTMLInputElement | undefined {
  const scope = within ? root.querySelector(within) : root;
  return [...(scope?.querySelectorAll<HTMLInputElement>('input[type=radio]') ?? [])].find(
    (input) => input.labels?.[0]?.textContent?.trim() === label,
  );
}

/** A JSON fixture from `test/fixtures/`, as the test server serves it. */
// biome-ignore lint/suspicious/noExplicitAny: fixtures are plain JSON documents of any shape.
export async function fixture(name: string): Promise<any> {
  const response = await fetch(new URL(`../fixtures/${name}.json`, import.meta.url));
  return response.json();
}
