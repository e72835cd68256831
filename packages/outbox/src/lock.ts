/**
 * One flush at a time across all tabs of a site, so that no answer is in two requests at once.
 * Web Locks do this exactly. Where they are missing (Safari before 15.4, some webviews) a lease in
 * localStorage approximates it; two tabs may still overlap in a race, and then the collector's
 * idempotency keeps the answer from being stored twice.
 */
export const LOCK_NAME = 'minyi-outbox-flush';
const LEASE_KEY = 'minyi-outbox-lease';
/** Longer than a request may take; renewed while the flush runs. */
const LEASE_MS = 30_000;

export async function withFlushLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  return locks ? (locks.request(LOCK_NAME, task) as Promise<T>) : withLease(task);
}

function defaultStorage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Access throws where storage is disabled (some private modes): no lease to share, then.
    return undefined;
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function withLease<T>(task: () => Promise<T>, store = defaultStorage()): Promise<T> {
  if (!store) return task();
  const owner = `${Math.random()}`;
  const holder = (): { owner?: string; until?: number } => {
    try {
      return JSON.parse(store.getItem(LEASE_KEY) as string) || {};
    } catch {
      return {};
    }
  };
  const take = () =>
    store.setItem(LEASE_KEY, JSON.stringify({ owner, until: Date.now() + LEASE_MS }));
  while (holder().owner !== owner) {
    // Take a free or expired lease, then look again: another tab may have written at the same
    // moment, and whoever's write stands owns the lease.
    if (!((holder().until ?? 0) > Date.now())) take();
    await sleep(holder().owner === owner ? 20 : 100);
  }
  const renew = setInterval(take, LEASE_MS / 6);
  try {
    return await task();
  } finally {
    clearInterval(renew);
    if (holder().owner === owner) store.removeItem(LEASE_KEY);
  }
}
