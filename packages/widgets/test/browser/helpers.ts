export {
  type AxNode,
  collectorToken,
  expectAccessible,
  faultWorker,
  nextEvent,
  nodesWithRole,
  waitFor,
} from '../../../../test-support/browser.js';

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
