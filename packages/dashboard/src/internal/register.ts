/**
 * Registers `element` under `name`. A name the page already uses for an element of its own is
 * left alone: the page keeps working, and the web team is told which name clashed.
 */
export function register(
  name: string,
  element: CustomElementConstructor,
  registry: CustomElementRegistry = customElements,
): void {
  const existing = registry.get(name);
  if (!existing) registry.define(name, element);
  else if (existing !== element) {
    console.warn(`[minyi] <${name}> is already defined by the page; Minyi's is not registered.`);
  }
}
