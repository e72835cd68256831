import { type DBSchema, type IDBPDatabase, openDB } from 'idb';

/**
 * What the widgets remember on this device besides queued answers: survey definitions and topics
 * (so a widget works offline after one visit) and when a subject was last evaluated (so a device
 * evaluates it once per period). Everything here is a convenience: when IndexedDB is unavailable,
 * reads find nothing and writes are skipped.
 */
interface WidgetSchema extends DBSchema {
  documents: { key: string; value: { url: string; json: unknown; storedAt: number } };
  answered: { key: string; value: { key: string; period: string } };
}

let opening: Promise<IDBPDatabase<WidgetSchema> | undefined> | undefined;

function db(): Promise<IDBPDatabase<WidgetSchema> | undefined> {
  opening ??= openDB<WidgetSchema>('minyi-widgets', 1, {
    upgrade(database) {
      database.createObjectStore('documents', { keyPath: 'url' });
      database.createObjectStore('answered', { keyPath: 'key' });
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
  return attempt((database) => database.put('documents', { url, json, storedAt: Date.now() }));
}

export function answeredPeriod(key: string): Promise<string | undefined> {
  return attempt(async (database) => (await database.get('answered', key))?.period);
}

export function rememberAnswered(key: string, period: string): Promise<unknown> {
  return attempt((database) => database.put('answered', { key, period }));
}
