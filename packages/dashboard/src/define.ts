import { MinyiCases } from './cases/minyi-cases.js';
import { MinyiScoreboard } from './scoreboard/minyi-scoreboard.js';

export const ELEMENTS = {
  'minyi-scoreboard': MinyiScoreboard,
  'minyi-cases': MinyiCases,
} as const;

/**
 * Registers the elements. A name the page already uses for an element of its own is left alone:
 * the page keeps working, and the web team is told which name clashed.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, element] of Object.entries(ELEMENTS)) {
    const existing = registry.get(name);
    if (!existing) registry.define(name, element);
    else if (existing !== element) {
      console.warn(`[minyi] <${name}> is already defined by the page; Minyi's is not registered.`);
    }
  }
}
