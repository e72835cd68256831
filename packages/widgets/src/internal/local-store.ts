import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * What the widgets remember on this device besides queued answers: survey definitions and topics
 * (so a widget works offline after one visit), when a subject was last evaluated (so a device
 * evaluates it once per period) and the receipts it was given (so a resident can look them up). Everything here is a convenience: when IndexedDB is unavailable,
 * reads find nothing and writes are skipped.
 */
interface WidgetSchema extends DBSchema {
  documents: { key: string; value: { url: string; json: unknown } };
  answered: { key: string; value: { key: string; period: string } };
  receipts: { key: string; value: RememberedReceipt };
}

/** A receipt this device was given, so that the resident can look it up again later. */
export interface RememberedReceipt {
  readonly code: string;
  readonly at: number;
}

const STORES = ['documents', 'answered', 'receipts'] as const;
let opening: Promise<IDBPDatabase<WidgetSchema> | undefined> | undefined;

function db(): Promise<IDBPDatabase<WidgetSchema> | undefined> {
  opening ??= openDB<WidgetSchema>('minyi-widgets', 2, {
    upgrade(database, oldVersion) {
      if (oldVersion < 1) {
        database.createObjectStore('documents', { keyPath: 'url' });
        database.createObjectStore('answered', { keyPath: 'key' });
      }
      if (oldVersion < 2) database.createObjectStore('receipts', { keyPath: 'code' });
    },
  }).catch(() => undefined);
  return opening;
}

async function attempt<T>(action: (database: IDBPDatabase<WidgetSchema>) => Promise<T>) {
  try {
    const database = await db();
    return database ? await action(database) : undefined;
  } catch {
    return undefined;
  }
}

export function cachedDocument(url: string): Promise<unknown> {
  return attempt(async (database) => (await database.get('documents', url))?.json);
}

export function cacheDocument(url: string, json: unknown): Promise<unknown> {
  return attempt((database) => database.put('documents', { url, json }));
}

export function answeredPeriod(key: string): Promise<string | undefined> {
  return attempt(async (database) => (await database.get('answered', key))?.period);
}

export function rememberAnswered(key: string, period: string): Promise<unknown> {
  return attempt((database) => database.put('answered', { key, period }));
}

export function rememberReceipt(code: string): Promise<unknown> {
  return attempt((database) => database.put('receipts', { code, at: Date.now() }));
}

/** Newest first. */
export async function rememberedReceipts(): Promise<RememberedReceipt[]> {
  const all = (await attempt((database) => database.getAll('receipts'))) ?? [];
  return all.sort((a, b) => b.at - a.at);
}

/** Forgets what the widgets keep on this device: by default everything (for shared devices). */
export function forget(stores: ReadonlyArray<(typeof STORES)[number]> = STORES): Promise<unknown> {
  return attempt(async (database) => {
    const tx = database.transaction(stores, 'readwrite');
    await Promise.all([...stores.map((store) => tx.objectStore(store).clear()), tx.done]);
  });
}
