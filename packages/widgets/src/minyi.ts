/**
 * The script-tag entry: `<script src=".../minyi.js" data-collector="https://host/base" defer>`.
 * The build wraps this bundle so that a second copy on the page returns before any of it runs.
 */
import { defineElements } from './define.js';
import {
  configure,
  configuredCollector,
  flushAll,
  type MinyiConfig,
  outboxFor,
  pendingAll,
} from './internal/runtime.js';
import { VERSION } from './version.js';

const script = document.currentScript as HTMLScriptElement | null;
const collector = script?.dataset.collector ?? defaultCollector(script);
if (collector) configure({ collector });

function defaultCollector(tag: HTMLScriptElement | null): string | undefined {
  // The reference collector serves the script at /sdk/minyi.js: its origin is the collector.
  if (!tag?.src) return undefined;
  const url = new URL(tag.src, document.baseURI);
  return url.pathname.endsWith('/sdk/minyi.js')
    ? url.href.replace(/sdk\/minyi\.js$/, '')
    : undefined;
}

async function startConfiguredOutbox(): Promise<void> {
  const configured = configuredCollector();
  // Answers kept on an earlier visit are sent on this page load, widget or not.
  if (configured) await outboxFor(configured);
}

const api = Object.freeze({
  version: VERSION,
  configure(options: MinyiConfig): void {
    configure(options);
    void startConfiguredOutbox();
  },
  /** A delivery attempt now, whatever backoff is pending: `{ delivered, pending }`. */
  async flush() {
    await startConfiguredOutbox();
    return flushAll();
  },
  /** How many answers wait on this device. */
  async pending() {
    await startConfiguredOutbox();
    return pendingAll();
  },
});

Object.defineProperty(window, 'Minyi', {
  value: api,
  enumerable: false,
  configurable: false,
  writable: false,
});
defineElements();
void startConfiguredOutbox();

declare global {
  interface Window {
    Minyi: typeof api;
  }
}
