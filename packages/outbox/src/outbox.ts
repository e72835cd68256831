import {
  backoffDelay,
  classifyStatus,
  envelope,
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
  readonly timeoutMs?: number;
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

export interface FailedDetail {
  readonly id: string;
  readonly code: 'rejected' | 'storage-unavailable';
  readonly message: string;
}

/** Events the outbox dispatches, each a CustomEvent. */
export interface OutboxEventMap {
  delivered: CustomEvent<DeliveredDetail>;
  failed: CustomEvent<FailedDetail>;
  /** An attempt could not reach the collector; items stay queued. */
  unreachable: CustomEvent<{ readonly pending: number }>;
}

const LOCK_NAME = 'minyi-outbox-flush';
const DEFAULT_TIMEOUT_MS = 15_000;
/** While answers wait, look again now and then even if no event says the network is back. */
const IDLE_RETRY_MS = 60_000;

interface ResultItem {
  id?: unknown;
  status?: unknown;
  receipt?: unknown;
  error?: unknown;
}

/**
 * The queue between a resident's click and the collector. An answer leaves it only when the
 * collector has answered for it (accepted, duplicate or rejected); everything else keeps it, and
 * the collector's idempotency on the response id turns the resulting at-least-once delivery into
 * exactly-once storage.
 */
export class Outbox extends EventTarget {
  private readonly fetchImpl: typeof fetch;
  private readonly timeoutMs: number;
  private readonly random: () => number;
  private readonly now: () => number;
  private running: Promise<FlushResult> | undefined;
  private followUp: Promise<FlushResult> | undefined;
  private failures = 0;
  private seq = 0;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private readonly detach: Array<() => void> = [];

  private constructor(
    readonly endpoint: string,
    private store: QueueStore,
    options: OutboxOptions,
  ) {
    super();
    this.fetchImpl = options.fetch ?? globalThis.fetch.bind(globalThis);
    this.timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  /** Opens the queue. Never rejects: without IndexedDB, answers are kept in memory. */
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
    if (storageError !== undefined) outbox.reportStorageUnavailable('', storageError);
    return outbox;
  }

  /** Whether answers survive a closed tab (false when IndexedDB was unavailable). */
  get persistent(): boolean {
    return this.store.persistent;
  }

  /**
   * Stores one response. When this resolves the answer is in IndexedDB (or, without it, in
   * memory) and will be delivered; it rejects only if it could be kept nowhere.
   */
  async enqueue(response: { readonly id: string }): Promise<void> {
    const item: QueuedItem = {
      id: response.id,
      body: JSON.stringify(response),
      queuedAt: this.now(),
      seq: this.seq++,
    };
    try {
      await this.store.add(item);
    } catch (error) {
      if (!this.store.persistent || isConstraintError(error)) throw error;
      // IndexedDB failed mid-way (quota aside): keep this page working from memory.
      this.reportStorageUnavailable(item.id, error);
      this.store = new MemoryQueueStore();
      await this.store.add(item);
    }
  }

  pending(): Promise<number> {
    return this.store.count();
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.store.deadLetters();
  }

  /**
   * A delivery attempt now, whatever backoff is pending; resolves when it is done. An attempt
   * already running may have read the queue before the caller's latest answer, so a call made
   * meanwhile waits for it and then for one more (shared by all such callers). Across tabs a Web
   * Lock lets one tab at a time send, so that no item is in two requests at once.
   */
  flush(): Promise<FlushResult> {
    if (this.running) {
      this.followUp ??= this.running.then(() => {
        this.followUp = undefined;
        return this.flush();
      });
      return this.followUp;
    }
    clearTimeout(this.retryTimer);
    this.retryTimer = undefined;
    const attempt = withLock(() => this.deliverAll()).finally(() => {
      this.running = undefined;
    });
    this.running = attempt;
    return attempt;
  }

  /** Starts delivering on page load, when the network returns, and when the page is shown again. */
  start(target: Window = window): void {
    const attempt = () => {
      void this.flush();
    };
    const onVisibility = () => {
      if (target.document.visibilityState === 'visible') attempt();
    };
    target.addEventListener('online', attempt);
    target.document.addEventListener('visibilitychange', onVisibility);
    this.detach.push(
      () => target.removeEventListener('online', attempt),
      () => target.document.removeEventListener('visibilitychange', onVisibility),
    );
    attempt();
  }

  stop(): void {
    for (const undo of this.detach.splice(0)) undo();
    clearTimeout(this.retryTimer);
    this.store.close();
  }

  private async deliverAll(): Promise<FlushResult> {
    let delivered = 0;
    for (;;) {
      const items = await this.store.oldest(MAX_BATCH_ITEMS);
      if (items.length === 0) break;
      const batch = items.slice(0, takeBatch(items.map((item) => item.body)));
      const outcome = await this.send(batch);
      if (outcome.kind === 'retry') {
        this.scheduleRetry(outcome.afterMs);
        const pending = await this.store.count();
        this.emit('unreachable', { pending });
        return { delivered, pending };
      }
      this.failures = 0;
      delivered += outcome.delivered;
      if (outcome.settled === 0) {
        // The collector answered without settling anything: wait instead of spinning.
        this.scheduleRetry(null);
        break;
      }
    }
    const pending = await this.store.count();
    if (pending > 0) this.scheduleRetry(null);
    return { delivered, pending };
  }

  private async send(
    batch: readonly QueuedItem[],
  ): Promise<
    | { kind: 'retry'; afterMs: number | null }
    | { kind: 'settled'; delivered: number; settled: number }
  > {
    let response: Response;
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    try {
      response = await this.fetchImpl(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: envelope(batch.map((item) => item.body)),
        signal: controller.signal,
        credentials: 'omit',
      });
    } catch {
      // Offline, DNS, reset or timeout: whatever navigator.onLine says, this attempt failed.
      return { kind: 'retry', afterMs: null };
    } finally {
      clearTimeout(timer);
    }

    const verdict = classifyStatus(response.status);
    if (verdict === 'retry') {
      return {
        kind: 'retry',
        afterMs: retryAfterMs(response.headers.get('retry-after'), this.now()),
      };
    }
    if (verdict === 'dead') {
      const reason = `the collector refused the batch with HTTP ${response.status}`;
      await this.bury(batch, () => reason);
      return { kind: 'settled', delivered: 0, settled: batch.length };
    }

    let results: ResultItem[];
    try {
      const json = (await response.json()) as { results?: unknown };
      results = Array.isArray(json.results) ? (json.results as ResultItem[]) : [];
    } catch {
      return { kind: 'retry', afterMs: null };
    }
    return this.settle(batch, results);
  }

  private async settle(
    batch: readonly QueuedItem[],
    results: readonly ResultItem[],
  ): Promise<{ kind: 'settled'; delivered: number; settled: number }> {
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
    await this.store.remove(done.map((detail) => detail.id));
    for (const detail of done) this.emit('delivered', detail);
    await this.bury(rejected, (item) => {
      const error = byId.get(item.id)?.error;
      return typeof error === 'string' ? error : 'rejected by the collector';
    });
    return { kind: 'settled', delivered: done.length, settled: done.length + rejected.length };
  }

  private async bury(items: readonly QueuedItem[], reason: (item: QueuedItem) => string) {
    if (items.length === 0) return;
    const failedAt = this.now();
    const letters = items.map((item) => ({ ...item, failedAt, reason: reason(item) }));
    await this.store.bury(letters);
    for (const letter of letters) {
      this.emit('failed', { id: letter.id, code: 'rejected', message: letter.reason });
    }
  }

  private scheduleRetry(afterMs: number | null): void {
    const delay =
      afterMs ?? (this.failures > 0 ? backoffDelay(this.failures, this.random) : IDLE_RETRY_MS);
    this.failures += 1;
    clearTimeout(this.retryTimer);
    this.retryTimer = setTimeout(() => {
      void this.flush();
    }, delay);
  }

  private reportStorageUnavailable(id: string, error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    this.emit('failed', { id, code: 'storage-unavailable', message });
  }

  private emit<K extends keyof OutboxEventMap>(type: K, detail: OutboxEventMap[K]['detail']): void {
    this.dispatchEvent(new CustomEvent(type, { detail }));
  }
}

function isConstraintError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'ConstraintError';
}

async function withLock<T>(task: () => Promise<T>): Promise<T> {
  // Where Web Locks are missing (older Safari, some webviews) a tab sends on its own; the
  // collector's idempotency still keeps a doubly sent answer from being stored twice.
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? await locks.request(LOCK_NAME, task) : task();
}
