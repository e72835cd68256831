/**
 * The script-tag entry: `<script src=".../minyi.js" data-collector="https://host/base" defer>`.
 * The build wraps this bundle so that a second copy on the page returns before any of it runs.
 */
import { defineElements } from './define.js';
import { forget } from './internal/local-store.js';
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
const collector = script?.dataset.collector;
if (collector) configure({ collector });
if (script?.dataset.receiptPage) configure({ receiptPage: script.dataset.receiptPage });

async function startConfiguredOutbox(): Promise<void> {
  const configured = configuredCollector();
  // Answers kept on an earlier visit are sent on this page load, widget or not.
  if (configured) await outboxFor(configured);
}

/** Each call first makes sure the configured collector's outbox is open. */
const withOutbox =
  <T>(action: () => Promise<T>) =>
  async (): Promise<T> => {
    await startConfiguredOutbox();
    return action();
  };

const api = Object.freeze({
  version: VERSION,
  configure(options: MinyiConfig): void {
    configure(options);
    void startConfiguredOutbox();
  },
  /** A delivery attempt now, whatever backoff is pending: `{ delivered, pending }`. */
  flush: withOutbox(flushAll),
  /** How many answers wait on this device. */
  pending: withOutbox(pendingAll),
  /** Answers the collector refused or that waited too long: `{ id, body, reason, … }[]`. */
  deadLetters: withOutbox(deadLettersAll),
  /** Queues every dead letter again and starts an attempt: `{ delivered, pending }`. */
  retryDeadLetters: withOutbox(retryDeadLettersAll),
  /** Wipes every answer and receipt this browser holds, sent or not (for shared devices). */
  clear: withOutbox(async () => {
    await Promise.all([clearAll(), forget()]);
  }),
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
