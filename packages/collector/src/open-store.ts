import { isPostgresUrl, openPostgresStore } from './pg-store.js';
import { type Durability, openSqliteStore } from './sqlite-store.js';
import type { Store } from './storage.js';

export interface OpenStoreOptions {
  readonly durability?: Durability;
  readonly now?: () => Date;
  readonly generateReceipt?: () => string;
  /** Errors that happen outside any request, such as a PostgreSQL connection dropped while idle. */
  readonly onError?: (error: Error) => void;
}

/**
 * The one choice of engine: a `postgres://` or `postgresql://` URL is PostgreSQL (or a
 * compatible engine), anything else a SQLite file path (`:memory:` for a throwaway store).
 */
export function openStore(db: string, options: OpenStoreOptions = {}): Promise<Store> {
  return isPostgresUrl(db) ? openPostgresStore(db, options) : openSqliteStore(db, options);
}
