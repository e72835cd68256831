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
