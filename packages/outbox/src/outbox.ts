import { withFlushLock } from './lock.js';
import {
  backoffDelay,
  classifyStatus,
  DEFAULT_MAX_AGE_MS,
  envelope,
  isExpired,
  MAX_BATCH_ITEMS,
  retryAfterMs,
  takeBatch,
} from './policy.js';
import {
  type DeadLetter,
  MemoryQueueStore,
  openIdbStore,
  type QueuedItem,
  type QueueStore,
} from './store.js';

export interface OutboxOptions {
  /** The collector's ingest URL, `{collector}/v1/responses`. */
  readonly endpoint: string;
  /** Where to keep answers; by default IndexedDB, or memory where IndexedDB cannot be opened. */
  readonly store?: QueueStore;
  readonly fetch?: typeof fetch;
  /** How long one request may take before it counts as failed. Default 15 s. */
  readonly timeoutMs?: number;
  /** Answers older than this go to dead letters instead of being retried. Default 30 days. */
  readonly maxAgeMs?: number;
  readonly random?: () => number;
  readonly now?: () => number;
}

export interface FlushResult {
  readonly delivered: number;
  readonly pending: number;
}

export interface DeliveredDetail {
  readonly id: string;
  readonly receipt: string | undefined;
  readonly status: 'accepted' | 'duplicate';
}

export type FailureCode = 'rejected' | 'expired' | 'storage-unavailable';

export interface FailedDetail {
  readonly id: string;
  readonly code: FailureCode;
  readonly message: string;
}

/** Events the outbox dispatches, each a CustomEvent: one per change of an answer's state. */
export interface OutboxEventMap {
  /** The answer is stored on this device. */
  queued: CustomEvent<{ readonly id: string }>;
  /** The collector has the answer; it has left the queue. */
  delivered: CustomEvent<DeliveredDetail>;
  /** The answer went to dead letters, or could not be kept on this device. */
  failed: CustomEvent<FailedDetail>;
  /** An attempt could not reach the collector; answers stay queued until the next one. */
  unreachable: CustomEvent<{ readonly pending: number; readonly retryInMs: number }>;
  /** Dead letters were moved back to the queue. */
  requeued: CustomEvent<{ readonly count: number }>;
  /** Everything this browser held was wiped. */
  cleared: CustomEvent<Record<string, never>>;
}

const DEFAULT_TIMEOUT_MS = 15_000;
/** While answers wait, look again now and then even if no event says the network is back. */
const IDLE_RETRY_MS = 60_000;
/** A closing page cannot wait for a CORS preflight; text/plain is a "simple" content type. */
const KEEPALIVE_CONTENT_TYPE = 'text/plain;charset=UTF-8';

interface ResultItem {
  id?: unknown;
  status?: unknown;
  receipt?: unknown;
  error?: unknown;
}

type SendOutcome =
  | { kind: 'retry'; afterMs: number | null }
  | { kind: 'settled'; delivered: number; settled: number };

/**
 * The queue between a resident's click and the collector. An answer leaves it only when the
 * collector has answered for it (accepted, duplicate or rejected); everything else keeps it, and
 * the collector's idempotency on the response id turns the resulting at-least-once delivery into
 * exactly-once storage.
 */
export class Outbox extends EventTarget {
  readonly #fetchImpl: typeof fetch;
  #timeoutMs: number;
  #maxAgeMs: number;
  readonly #random: () => number;
  readonly #now: () => number;
  #running: Promise<FlushResult> | undefined;
  #followUp: Promise<FlushResult> | undefined;
  #failures = 0;
  #seq = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;
  readonly #detach: Array<() => void> = [];
  /** Answers this page queued and has not seen settled: what a closing page can still send. */
  readonly #unsettled = new Map<string, string>();
  readonly #inFlight = new Set<string>();
  readonly #reported = new Set<string>();
  #stopped = false;
  #store: QueueStore;
  /** Read once, so that a closing page can send without waiting for IndexedDB. */
  #device: string | undefined;

  private constructor(
    readonly endpoint: string,
    store: QueueStore,
    options: OutboxOptions,
  ) {
    super();
    this.#store = store;
    this.#fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.#timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.#maxAgeMs = options.maxAgeMs ?? DEFAULT_MAX_AGE_MS;
    this.#random = options.random ?? Math.random;
    this.#now = options.now ?? Date.now;
  }

  /**
   * Opens the queue. Never rejects: where IndexedDB is missing, blocked by an old tab or broken,
   * answers are kept in memory for the page's life, and a `failed` event with the code
   * `storage-unavailable` says so.
   */
  static async open(options: OutboxOptions): Promise<Outbox> {
    let store = options.store;
    let storageError: unknown;
    if (!store) {
      try {
        store = await openIdbStore();
      } catch (error) {
        storageError = error;
        store = new MemoryQueueStore();
      }
    }
    const outbox = new Outbox(options.endpoint, store, options);
    outbox.#device = await store.deviceKey().catch(() => undefined);
    if (storageError !== undefined) {
      // Listeners attach after open() resolves: tell them on the next task.
      setTimeout(() => outbox.#reportStorageUnavailable('', storageError));
    }
    return outbox;
  }

  /** Changes the request timeout and the maximum age; they apply from the next attempt. */
  setLimits(limits: Pick<OutboxOptions, 'timeoutMs' | 'maxAgeMs'>): void {
    this.#timeoutMs = limits.timeoutMs ?? this.#timeoutMs;
    this.#maxAgeMs = limits.maxAgeMs ?? this.#maxAgeMs;
  }

  /** Whether answers survive a closed tab (false when IndexedDB was unavailable). */
  get persistent(): boolean {
    return this.#store.persistent;
  }

  /**
   * Stores one response in a single transaction. When this resolves the answer is on this device
   * (in IndexedDB, or in memory without it) and will be delivered. It rejects when the answer
   * could be kept nowhere, e.g. the device's storage quota is exhausted; what was stored before
   * stays stored.
   */
  async enqueue(response: { readonly id: string }): Promise<void> {
    const item: QueuedItem = {
      id: response.id,
      body: JSON.stringify(response),
      queuedAt: this.#now(),
      seq: this.#seq++,
    };
    try {
      await this.#store.add(item);
    } catch (error) {
      if (!this.#store.persistent || isNamed(error, 'ConstraintError', 'QuotaExceededError')) {
        throw error;
      }
      // IndexedDB failed mid-way (a closed connection, a browser bug): this page goes on from
      // memory. What IndexedDB already holds is sent by the next page load.
      this.#reportStorageUnavailable(item.id, error);
      this.#store = new MemoryQueueStore();
      await this.#store.add(item);
    }
    this.#unsettled.set(item.id, item.body);
    this.#emit('queued', { id: item.id });
  }

  pending(): Promise<number> {
    return this.#store.count();
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.#store.deadLetters();
  }

  /** Moves every dead letter back to the queue and starts an attempt; resolves like flush(). */
  async retryDeadLetters(): Promise<FlushResult> {
    const count = await this.#store.resurrect(this.#now());
    this.#emit('requeued', { count });
    return this.flush();
  }

  /** Wipes every queued answer and dead letter this browser holds (for shared devices). */
  async clear(): Promise<void> {
    await withFlushLock(() => this.#store.clear());
    this.#unsettled.clear();
    this.#device = await this.#store.deviceKey().catch(() => undefined);
    this.#emit('cleared', {});
  }

  /**
   * A delivery attempt now, whatever backoff is pending; resolves when it is done. An attempt
   * already running may have read the queue before the caller's latest answer, so a call made
   * meanwhile waits for it and then for one more (shared by all such callers).
   */
  flush(): Promise<FlushResult> {
    if (this.#running) {
      this.#followUp ??= this.#running.then(() => {
        this.#followUp = undefined;
        return this.flush();
      });
      return this.#followUp;
    }
    clearTimeout(this.#retryTimer);
    this.#retryTimer = undefined;
    const progress = { delivered: 0 };
    const attempt = withFlushLock(() => this.#deliverAll(progress))
      .catch(async (error: unknown): Promise<FlushResult> => {
        // The database went away under the attempt (the page is closing, or another tab
        // upgrades it). Nothing is lost: what was not confirmed is still stored.
        if (!this.#stopped) this.#reportStorageUnavailable('', error);
        return { delivered: progress.delivered, pending: await this.pending().catch(() => 0) };
      })
      .finally(() => {
        this.#running = undefined;
      });
    this.#running = attempt;
    return attempt;
  }

  /**
   * Delivers on page load, when the network says it is back, when the page is shown again, and on
   * a timer; `navigator.onLine` itself is not trusted (it is true behind a captive portal). When
   * the page is hidden for good, what it queued goes out as a keepalive request.
   */
  start(target: Window = window): void {
    const attempt = () => {
      void this.flush();
    };
    const onVisibility = () => {
      if (target.document.visibilityState === 'visible') attempt();
    };
    const onPageHide = () => this.sendBeforeUnload();
    target.addEventListener('online', attempt);
    target.addEventListener('pagehide', onPageHide);
    target.document.addEventListener('visibilitychange', onVisibility);
    this.#detach.push(
      () => target.removeEventListener('online', attempt),
      () => target.removeEventListener('pagehide', onPageHide),
      () => target.document.removeEventListener('visibilitychange', onVisibility),
    );
    attempt();
  }

  stop(): void {
    this.#stopped = true;
    for (const undo of this.#detach.splice(0)) undo();
    clearTimeout(this.#retryTimer);
    this.#store.close();
  }

  /**
   * The page is going away: send what it queued and is not already sending, in one keepalive
   * request without a preflight. The items stay queued: if the answer to this request is lost
   * with the page, the next page load sends them again and the collector answers `duplicate`.
   */
  sendBeforeUnload(): void {
    const items = [...this.#unsettled].filter(([id]) => !this.#inFlight.has(id));
    // takeBatch keeps the body under 48 KiB, within the 64 KiB browsers allow in keepalive requests.
    const count = takeBatch(items.map(([, body]) => body));
    if (count === 0) return;
    const batch = items.slice(0, count).map(([id, body]) => ({ id, body, queuedAt: 0, seq: 0 }));
    void this.#send(batch, true);
  }

  async #deliverAll(progress: { delivered: number }): Promise<FlushResult> {
    for (;;) {
      const items = await this.#store.oldest(MAX_BATCH_ITEMS);
      if (items.length === 0) break;
      const now = this.#now();
      const expired = items.filter((item) => isExpired(item.queuedAt, now, this.#maxAgeMs));
      if (expired.length > 0) {
        const days = Math.round(this.#maxAgeMs / 86_400_000);
        await this.#bury(expired, 'expired', () => `not delivered within ${days} days`);
        continue;
      }
      const batch = items.slice(0, takeBatch(items.map((item) => item.body)));
      const outcome = await this.#send(batch, false);
      if (outcome.kind === 'retry') {
        const retryInMs = this.#scheduleRetry(outcome.afterMs);
        const pending = await this.#store.count();
        this.#emit('unreachable', { pending, retryInMs });
        return { delivered: progress.delivered, pending };
      }
      this.#failures = 0;
      progress.delivered += outcome.delivered;
      // The collector answered without settling anything: wait instead of spinning.
      if (outcome.settled === 0) break;
    }
    const pending = await this.#store.count();
    if (pending > 0) this.#schedule(IDLE_RETRY_MS);
    return { delivered: progress.delivered, pending };
  }

  async #send(batch: readonly QueuedItem[], keepalive: boolean): Promise<SendOutcome> {
    const ids = batch.map((item) => item.id);
    for (const id of ids) this.#inFlight.add(id);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.#timeoutMs);
    let status: number;
    let retryAfter: string | null;
    let text = '';
    try {
      const response = await this.#fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': keepalive ? KEEPALIVE_CONTENT_TYPE : 'application/json' },
        body: envelope(
          batch.map((item) => item.body),
          this.#device,
        ),
        signal: controller.signal,
        credentials: 'omit',
        keepalive,
      });
      status = response.status;
      retryAfter = response.headers.get('retry-after');
      // The body is read under the same timeout: a server that sends its headers and then stalls
      // must not hold the queue, and the lock every tab waits for, for ever.
      if (classifyStatus(status) === 'results') text = await response.text();
    } catch {
      // Offline, DNS, reset or timeout: whatever navigator.onLine says, this attempt failed.
      return { kind: 'retry', afterMs: null };
    } finally {
      clearTimeout(timer);
      for (const id of ids) this.#inFlight.delete(id);
    }

    const verdict = classifyStatus(status);
    if (verdict === 'retry')
      return { kind: 'retry', afterMs: retryAfterMs(retryAfter, this.#now()) };
    if (verdict === 'dead') {
      const reason = `the collector refused the batch with HTTP ${status}`;
      await this.#bury(batch, 'rejected', () => reason);
      return { kind: 'settled', delivered: 0, settled: batch.length };
    }

    let results: ResultItem[];
    try {
      const json = JSON.parse(text) as { results?: unknown };
      results = Array.isArray(json.results) ? (json.results as ResultItem[]) : [];
    } catch {
      return { kind: 'retry', afterMs: null };
    }
    return this.#settle(batch, results);
  }

  async #settle(
    batch: readonly QueuedItem[],
    results: readonly ResultItem[],
  ): Promise<SendOutcome> {
    const byId = new Map<string, ResultItem>();
    for (const result of results) {
      if (typeof result.id === 'string') byId.set(result.id, result);
    }
    const done: DeliveredDetail[] = [];
    const rejected: QueuedItem[] = [];
    for (const item of batch) {
      const result = byId.get(item.id);
      // An item the collector did not answer for stays queued for the next attempt.
      if (result?.status === 'accepted' || result?.status === 'duplicate') {
        done.push({
          id: item.id,
          status: result.status,
          receipt: typeof result.receipt === 'string' ? result.receipt : undefined,
        });
      } else if (result?.status === 'rejected') {
        rejected.push(item);
      }
    }
    await this.#store.remove(done.map((detail) => detail.id));
    for (const detail of done) {
      this.#unsettled.delete(detail.id);
      // A keepalive request and a flush may both answer for one item: tell the page once.
      if (this.#reported.has(detail.id)) continue;
      this.#reported.add(detail.id);
      this.#emit('delivered', detail);
    }
    await this.#bury(rejected, 'rejected', (item) => {
      const error = byId.get(item.id)?.error;
      return typeof error === 'string' ? error : 'rejected by the collector';
    });
    return { kind: 'settled', delivered: done.length, settled: done.length + rejected.length };
  }

  async #bury(
    items: readonly QueuedItem[],
    code: FailureCode,
    reason: (item: QueuedItem) => string,
  ): Promise<void> {
    if (items.length === 0) return;
    const failedAt = this.#now();
    const letters = items.map((item) => ({ ...item, failedAt, reason: reason(item) }));
    await this.#store.bury(letters);
    for (const letter of letters) {
      this.#unsettled.delete(letter.id);
      this.#emit('failed', { id: letter.id, code, message: letter.reason });
    }
  }

  /** After a failed attempt: the collector's Retry-After, else backoff; returns the delay. */
  #scheduleRetry(afterMs: number | null): number {
    const delay = afterMs ?? backoffDelay(this.#failures, this.#random);
    this.#failures += 1;
    this.#schedule(delay);
    return delay;
  }

  #schedule(delay: number): void {
    if (this.#stopped) return;
    clearTimeout(this.#retryTimer);
    this.#retryTimer = setTimeout(() => {
      this.#retryTimer = undefined;
      void this.flush();
    }, delay);
  }

  #reportStorageUnavailable(id: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.#emit('failed', { id, code: 'storage-unavailable', message });
  }

  #emit<K extends keyof OutboxEventMap>(type: K, detail: OutboxEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function isNamed(error: unknown, ...names: string[]): boolean {
  return error instanceof DOMException && names.includes(error.name);
}
