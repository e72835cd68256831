// What the browser tests of every package share: axe, Chromium's accessibility tree, waiting for
// events and conditions, the msw worker that injects faults, and tokens of the real collector.
import 'axe-core';
import { executeServerCommand } from '@web/test-runner-commands';
import { expect } from 'chai';
import { type SetupWorker, setupWorker } from 'msw/browser';

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
  pressed?: string;
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

export async function waitFor(condition: () => boolean, what: string, ms = 8000): Promise<void> {
  const start = performance.now();
  while (!condition()) {
    if (performance.now() - start > ms) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/**
 * msw's worker (served at /mockServiceWorker.js by the test server), started before the file's
 * tests and stopped after them. It only injects faults: requests it has no handler for go to the
 * real collector. Each file resets the handlers after each test.
 */
export function faultWorker(): SetupWorker {
  const worker = setupWorker();
  before(async () => {
    await worker.start({
      serviceWorker: { url: '/mockServiceWorker.js' },
      quiet: true,
      onUnhandledFrame: 'bypass',
    });
  });
  after(() => worker.stop());
  return worker;
}

export interface TokenOptions {
  readonly role?: 'evaluator' | 'admin';
  readonly surveys?: readonly string[];
  readonly subjects?: readonly string[];
  readonly note?: string;
}

/** A real token in the test collector's database, as `minyi-collector token create` makes one. */
export async function collectorToken(options: TokenOptions = {}): Promise<string> {
  const made = await executeServerCommand<{ token: string; id: string }, TokenOptions>(
    'collector-token',
    options,
  );
  if (!made?.token) throw new Error('the collector-token command is missing from the test server');
  return made.token;
}
