import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

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
  bury(items: readonly DeadLetter[]): Promise<void>;
  count(): Promise<number>;
  deadLetters(): Promise<DeadLetter[]>;
  close(): void;
}

interface OutboxSchema extends DBSchema {
  queue: { key: string; value: QueuedItem; indexes: { order: [number, number] } };
  dead: { key: string; value: DeadLetter };
}

export const DB_NAME = 'minyi';
export const DB_VERSION = 1;
/** An old tab that holds an older schema version must not leave a resident's answer hanging. */
export const OPEN_TIMEOUT_MS = 3000;

export async function openIdbStore(name = DB_NAME): Promise<QueueStore> {
  const db = await withTimeout(
    openDB<OutboxSchema>(name, DB_VERSION, {
      upgrade(database, oldVersion) {
        if (oldVersion < 1) {
          database
            .createObjectStore('queue', { keyPath: 'id' })
            .createIndex('order', ['queuedAt', 'seq']);
          database.createObjectStore('dead', { keyPath: 'id' });
        }
      },
      // Another tab wants a newer version: let it upgrade; this page falls back on reopen.
      blocking() {
        db.close();
      },
    }),
    OPEN_TIMEOUT_MS,
  );
  return new IdbQueueStore(db);
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`IndexedDB did not open within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error);
      },
    );
  });
}

class IdbQueueStore implements QueueStore {
  readonly persistent = true;
  constructor(private readonly db: IDBPDatabase<OutboxSchema>) {}

  async add(item: QueuedItem): Promise<void> {
    // `add`, not `put`: enqueueing an id twice is a bug to surface, never a silent overwrite.
    await this.db.add('queue', item);
  }

  async oldest(limit: number): Promise<QueuedItem[]> {
    return this.db.getAllFromIndex('queue', 'order', undefined, limit);
  }

  async remove(ids: readonly string[]): Promise<void> {
    const tx = this.db.transaction('queue', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  async bury(items: readonly DeadLetter[]): Promise<void> {
    // One transaction over both stores: an item is never in neither, nor in both.
    const tx = this.db.transaction(['queue', 'dead'], 'readwrite');
    const queue = tx.objectStore('queue');
    const dead = tx.objectStore('dead');
    await Promise.all([
      ...items.flatMap((item) => [queue.delete(item.id), dead.put(item)]),
      tx.done,
    ]);
  }

  count(): Promise<number> {
    return this.db.count('queue');
  }

  deadLetters(): Promise<DeadLetter[]> {
    return this.db.getAll('dead');
  }

  close(): void {
    this.db.close();
  }
}

export class MemoryQueueStore implements QueueStore {
  readonly persistent = false;
  private readonly queue = new Map<string, QueuedItem>();
  private readonly dead = new Map<string, DeadLetter>();

  async add(item: QueuedItem): Promise<void> {
    if (this.queue.has(item.id)) throw new Error(`response ${item.id} is already queued`);
    this.queue.set(item.id, item);
  }

  async oldest(limit: number): Promise<QueuedItem[]> {
    return [...this.queue.values()]
      .sort((a, b) => a.queuedAt - b.queuedAt || a.seq - b.seq)
      .slice(0, limit);
  }

  async remove(ids: readonly string[]): Promise<void> {
    for (const id of ids) this.queue.delete(id);
  }

  async bury(items: readonly DeadLetter[]): Promise<void> {
    for (const item of items) {
      this.queue.delete(item.id);
      this.dead.set(item.id, item);
    }
  }

  async count(): Promise<number> {
    return this.queue.size;
  }

  async deadLetters(): Promise<DeadLetter[]> {
    return [...this.dead.values()];
  }

  close(): void {}
}
