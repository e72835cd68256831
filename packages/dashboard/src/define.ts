import { MinyiCases } from './cases/minyi-cases.js';
import { register } from './internal/register.js';
import { MinyiScoreboard } from './scoreboard/minyi-scoreboard.js';

/**
 * The package's elements, for pages built with a bundler. The script tags register one each
 * (`minyi-dashboard.js` the scoreboard, `minyi-cases.js` the cases), so that neither carries the
 * other's code.
 */
export const ELEMENTS = {
  'minyi-scoreboard': MinyiScoreboard,
  'minyi-cases': MinyiCases,
} as const;

/**
 * Registers the elements. A name the page already uses for an element of its own is left alone:
 * the page keeps working, and the web team is told which name clashed.
 */
export function defineElements(registry: CustomElementRegistry = customElements): void {
  for (const [name, element] of Object.entries(ELEMENTS)) register(name, element, registry);
}
