/**
 * The script-tag entry: `<script src=".../minyi-dashboard.js" data-collector="https://host" defer>`.
 * It registers `<minyi-scoreboard>` and `<minyi-cases>` and adds no global of its own. The build wraps the bundle so
 * that a second copy on the page returns before any of it runs.
 */
import { defineElements } from './define.js';
import { setDefaultCollector } from './internal/config.js';

const script = document.currentScript as HTMLScriptElement | null;
setDefaultCollector(script?.dataset.collector ?? collectorOf(script));

/** The reference collector serves the script at `/sdk/minyi-dashboard.js`: its origin is the collector. */
function collectorOf(tag: HTMLScriptElement | null): string | undefined {
  if (!tag?.src) return undefined;
  const url = new URL(tag.src, document.baseURI);
  return url.pathname.endsWith('/sdk/minyi-dashboard.js')
    ? url.href.replace(/sdk\/minyi-dashboard\.js$/, '')
    : undefined;
}

defineElements();
