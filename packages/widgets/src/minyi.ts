/**
 * The script-tag entry: `<script src=".../minyi.js" data-collector="https://host/base" defer>`.
 * The build wraps this bundle so that a second copy on the page returns before any of it runs.
 */
import { defineElements } from './define.js';
import {
  clearAll,
  configure,
  configuredCollector,
  deadLettersAll,
  flushAll,
  type MinyiConfig,
  outboxFor,
  pendingAll,
  retryDeadLettersAll,
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
  /** Answers the collector refused or that waited too long: `{ id, body, reason, … }[]`. */
  async deadLetters() {
    await startConfiguredOutbox();
    return deadLettersAll();
  },
  /** Queues every dead letter again and starts an attempt: `{ delivered, pending }`. */
  async retryDeadLetters() {
    await startConfiguredOutbox();
    return retryDeadLettersAll();
  },
  /** Wipes every answer this browser holds, sent or not (for shared devices). */
  async clear() {
    await startConfiguredOutbox();
    return clearAll();
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
