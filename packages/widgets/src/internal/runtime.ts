import {
  type DeadLetter,
  type DeliveredDetail,
  type FailedDetail,
  type FlushResult,
  Outbox,
} from '@minyi/outbox';

export interface MinyiConfig {
  /** Base URL of the collector, e.g. `https://feedback.example.gov.cn`. */
  collector?: string;
  /** How long one delivery request may take, in milliseconds. Default 15,000. */
  requestTimeoutMs?: number;
  /** How many days an answer may wait before it goes to dead letters. Default 30. */
  maxAgeDays?: number;
  /** A page with `<minyi-receipt>`: receipt codes shown after sending link to it. */
  receiptPage?: string;
}

/** Detail of `minyi-delivered`. */
export interface DeliveredEventDetail {
  readonly id: string;
  readonly receipt: string | undefined;
}

/** Detail of `minyi-error`. */
export interface ErrorEventDetail {
  readonly id: string;
  readonly code: string;
  readonly message: string;
}

let config: MinyiConfig = {};
const outboxes = new Map<string, Promise<Outbox>>();
/** Which element submitted which response, so its events reach that element. */
const owners = new Map<string, EventTarget>();

export function configure(options: MinyiConfig): void {
  config = { ...config, ...options };
  // Outboxes already open (the script opens one at load) take the new limits too.
  for (const outbox of outboxes.values()) void outbox.then((opened) => opened.setLimits(limits()));
}

function limits() {
  return {
    ...(config.requestTimeoutMs ? { timeoutMs: config.requestTimeoutMs } : {}),
    ...(config.maxAgeDays ? { maxAgeMs: config.maxAgeDays * 86_400_000 } : {}),
  };
}

export function configuredCollector(): string | undefined {
  return config.collector;
}

/** A collector URL: `v1/responses`, or `v1/surveys/{id}` and the like with the id encoded. */
export function collectorUrl(collector: string, path: string, id?: string): string {
  const base = new URL(collector, document.baseURI).href;
  const tail = id === undefined ? '' : `/${encodeURIComponent(id)}`;
  return new URL(`v1/${path}${tail}`, base.endsWith('/') ? base : `${base}/`).href;
}

/** Where a receipt code links to, when the site has a receipt page. */
export function receiptLink(code: string): string | undefined {
  return config.receiptPage
    ? `${new URL(config.receiptPage, document.baseURI).href.split('#')[0]}#receipt=${encodeURIComponent(code)}`
    : undefined;
}

/** One outbox per collector for the page's life, started on first use. */
export function outboxFor(collector: string): Promise<Outbox> {
  const endpoint = collectorUrl(collector, 'responses');
  let outbox = outboxes.get(endpoint);
  if (!outbox) {
    outbox = Outbox.open({ endpoint, ...limits() }).then((opened) => {
      opened.addEventListener('delivered', (event) => {
        const { id, receipt } = (event as CustomEvent<DeliveredDetail>).detail;
        dispatch(id, 'minyi-delivered', { id, receipt } satisfies DeliveredEventDetail);
      });
      opened.addEventListener('failed', (event) => {
        const { id, code, message } = (event as CustomEvent<FailedDetail>).detail;
        dispatch(id, 'minyi-error', { id, code, message } satisfies ErrorEventDetail);
      });
      opened.start();
      return opened;
    });
    outboxes.set(endpoint, outbox);
  }
  return outbox;
}

export function track(id: string, owner: EventTarget): void {
  owners.set(id, owner);
}

function dispatch(id: string, type: string, detail: unknown): void {
  // Answers queued on an earlier visit, or by an element since removed from the page, have no
  // element to bubble from: tell the document, where listeners are told to listen.
  const owner = owners.get(id) as Element | undefined;
  const target = owner?.isConnected ? owner : document;
  target.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  if (type === 'minyi-delivered') owners.delete(id);
}

function eachOutbox<T>(action: (outbox: Outbox) => Promise<T>): Promise<T[]> {
  return Promise.all([...outboxes.values()].map(async (outbox) => action(await outbox)));
}

function sumResults(results: readonly FlushResult[]): FlushResult {
  return results.reduce(
    (sum, result) => ({
      delivered: sum.delivered + result.delivered,
      pending: sum.pending + result.pending,
    }),
    { delivered: 0, pending: 0 },
  );
}

/** Starts a delivery attempt on every collector in use and sums what they report. */
export async function flushAll(): Promise<FlushResult> {
  return sumResults(await eachOutbox((outbox) => outbox.flush()));
}

export async function pendingAll(): Promise<number> {
  const counts = await eachOutbox((outbox) => outbox.pending());
  return counts.reduce((sum, count) => sum + count, 0);
}

export async function deadLettersAll(): Promise<DeadLetter[]> {
  return (await eachOutbox((outbox) => outbox.deadLetters())).flat();
}

export async function retryDeadLettersAll(): Promise<FlushResult> {
  return sumResults(await eachOutbox((outbox) => outbox.retryDeadLetters()));
}

export async function clearAll(): Promise<void> {
  await eachOutbox((outbox) => outbox.clear());
}
