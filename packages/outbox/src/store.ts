import { type DBSchema, type IDBPDatabase, type IDBPTransaction, openDB } from 'idb';

export interface QueuedItem {
  /** The response id: the idempotency key the collector deduplicates on. */
  readonly id: string;
  /** The response JSON as first serialised; re-sent byte for byte. */
  readonly body: string;
  readonly queuedAt: number;
  /**
   * Breaks ties between answers queued in the same millisecond, which IndexedDB would otherwise
   * order by id (a random UUID) rather than by arrival.
   */
  readonly seq: number;
}

export interface DeadLetter extends QueuedItem {
  readonly failedAt: number;
  readonly reason: string;
}

/** Where queued answers live: IndexedDB when the browser allows it, memory otherwise. */
export interface QueueStore {
  readonly persistent: boolean;
  add(item: QueuedItem): Promise<void>;
  oldest(limit: number): Promise<QueuedItem[]>;
  remove(ids: readonly string[]): Promise<void>;
  /** Moves items from the queue to dead letters, atomically. */
  bury(items: readonly DeadLetter[]): Promise<void>;
  /**
   * Moves every dead letter back to the queue, atomically, as if queued at `now` (so that the
   * maximum age does not bury it again at once); returns how many.
   */
  resurrect(now: number): Promise<number>;
  count(): Promise<number>;
  deadLetters(): Promise<DeadLetter[]>;
  /** Forgets everything this browser holds (for shared devices), the device key included. */
  clear(): Promise<void>;
  /**
   * A random key for this browser, made on first use and kept: the collector counts answers per
   * device with it (its rate limits, one answer per period), without knowing who anyone is.
   */
  deviceKey(): Promise<string>;
  close(): void;
}

interface OutboxSchema extends DBSchema {
  queue: { key: string; value: QueuedItem; indexes: { order: [number, number] } };
  dead: { key: string; value: DeadLetter };
  meta: { key: string; value: string };
}

type UpgradeTransaction = IDBPTransaction<
  OutboxSchema,
  ('queue' | 'dead' | 'meta')[],
  'versionchange'
>;

/**
 * The database's schema history: migration `i` takes a database from version `i` to `i + 1`.
 * Entries are only ever appended, so that a browser that last ran any earlier SDK upgrades step by
 * step, keeping every queued answer.
 */
export const MIGRATIONS: ReadonlyArray<
  (db: IDBPDatabase<OutboxSchema>, tx: UpgradeTransaction) => void
> = [
  (db) => {
    db.createObjectStore('queue', { keyPath: 'id' }).createIndex('order', ['queuedAt', 'seq']);
    db.createObjectStore('dead', { keyPath: 'id' });
  },
  (db) => {
    db.createObjectStore('meta');
  },
];

/**
 * A version 4 UUID. `crypto.randomUUID` exists only in secure contexts, and many government pages
 * are still served over plain http; a blob URL, by the File API specification, ends in a random
 * UUID in any context.
 */
export function uuid(): string {
  const url = URL.createObjectURL(new Blob());
  URL.revokeObjectURL(url);
  return url.slice(-36);
}

export const DB_NAME = 'minyi';
/** An old tab that holds an older schema version must not leave a resident's answer hanging. */
export const OPEN_TIMEOUT_MS = 3000;

export interface OpenOptions {
  readonly name?: string;
  /** For tests of upgrades: the migrations to apply, by default all of them. */
  readonly migrations?: typeof MIGRATIONS;
  readonly timeoutMs?: number;
}

export async function openIdbStore(options: OpenOptions = {}): Promise<QueueStore> {
  const migrations = options.migrations ?? MIGRATIONS;
  const timeoutMs = options.timeoutMs ?? OPEN_TIMEOUT_MS;
  let timedOut = false;
  const opening = openDB<OutboxSchema>(options.name ?? DB_NAME, migrations.length, {
    upgrade(db, oldVersion, _newVersion, tx) {
      for (let version = oldVersion; version < migrations.length; version++) {
        migrations[version]!(db, tx);
      }
    },
    // Another tab wants a newer version: close, so that its upgrade is not blocked by this page.
    // This page's later operations then fail, and the outbox carries on from memory.
    blocking() {
      void opening.then((db) => db.close());
    },
  });
  // An upgrade blocked by an old tab waits until that tab closes; a resident cannot wait that long.
  const timer = new Promise<never>((_, reject) =>
    setTimeout(() => {
      timedOut = true;
      reject(new Error(`IndexedDB did not open within ${timeoutMs} ms (blocked by another tab?)`));
    }, timeoutMs),
  );
  const db = await Promise.race([opening, timer]).finally(() => {
    if (timedOut)
      void opening.then(
        (late) => late.close(),
        () => {},
      );
  });
  return new IdbQueueStore(db);
}

class IdbQueueStore implements QueueStore {
  readonly persistent = true;
  readonly #db: IDBPDatabase<OutboxSchema>;

  constructor(db: IDBPDatabase<OutboxSchema>) {
    this.#db = db;
  }

  async add(item: QueuedItem): Promise<void> {
    // `add`, not `put`: enqueueing an id twice is a bug to surface, never a silent overwrite.
    await this.#db.add('queue', item);
  }

  oldest(limit: number): Promise<QueuedItem[]> {
    return this.#db.getAllFromIndex('queue', 'order', undefined, limit);
  }

  async remove(ids: readonly string[]): Promise<void> {
    if (ids.length === 0) return;
    const tx = this.#db.transaction('queue', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  async bury(items: readonly DeadLetter[]): Promise<void> {
    if (items.length === 0) return;
    // One transaction over both stores: an item is never in neither, nor in both.
    const tx = this.#db.transaction(['queue', 'dead'], 'readwrite');
    const queue = tx.objectStore('queue');
    const dead = tx.objectStore('dead');
    await Promise.all([
      ...items.flatMap((item) => [queue.delete(item.id), dead.put(item)]),
      tx.done,
    ]);
  }

  async resurrect(now: number): Promise<number> {
    const tx = this.#db.transaction(['queue', 'dead'], 'readwrite');
    const dead = tx.objectStore('dead');
    const queue = tx.objectStore('queue');
    const letters = await dead.getAll();
    await Promise.all([
      ...letters.map(({ id, body, seq }) => queue.put({ id, body, queuedAt: now, seq })),
      dead.clear(),
      tx.done,
    ]);
    return letters.length;
  }

  count(): Promise<number> {
    return this.#db.count('queue');
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.#db.getAll('dead');
  }

  async clear(): Promise<void> {
    const tx = this.#db.transaction(['queue', 'dead', 'meta'], 'readwrite');
    await Promise.all([
      tx.objectStore('queue').clear(),
      tx.objectStore('dead').clear(),
      tx.objectStore('meta').clear(),
      tx.done,
    ]);
  }

  async deviceKey(): Promise<string> {
    const tx = this.#db.transaction('meta', 'readwrite');
    let key = await tx.store.get('device');
    if (!key) {
      key = uuid();
      await tx.store.put(key, 'device');
    }
    await tx.done;
    return key;
  }

  close(): void {
    this.#db.close();
  }
}

/** The queue for browsers without usable IndexedDB: it lasts as long as the page. */
export class MemoryQueueStore implements QueueStore {
  readonly persistent = false;
  readonly #queue = new Map<string, QueuedItem>();
  readonly #dead = new Map<string, DeadLetter>();

  async add(item: QueuedItem): Promise<void> {
    if (this.#queue.has(item.id)) {
      throw new DOMException(`response ${item.id} is already queued`, 'ConstraintError');
    }
    this.#queue.set(item.id, item);
  }

  async oldest(limit: number): Promise<QueuedItem[]> {
    return [...this.#queue.values()]
      .sort((a, b) => a.queuedAt - b.queuedAt || a.seq - b.seq)
      .slice(0, limit);
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.#queue.delete(id);
  }

  async bury(items: readonly DeadLetter[]): Promise<void> {
    for (const item of items) {
      this.#queue.delete(item.id);
      this.#dead.set(item.id, item);
    }
  }

  async resurrect(now: number): Promise<number> {
    const letters = [...this.#dead.values()];
    for (const { id, body, seq } of letters) this.#queue.set(id, { id, body, queuedAt: now, seq });
    this.#dead.clear();
    return letters.length;
  }

  async count(): Promise<number> {
    return this.#queue.size;
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return [...this.#dead.values()];
  }

  #device: string | undefined;

  async clear(): Promise<void> {
    this.#queue.clear();
    this.#dead.clear();
    this.#device = undefined;
  }

  async deviceKey(): Promise<string> {
    this.#device ??= uuid();
    return this.#device;
  }

  close(): void {}
}
