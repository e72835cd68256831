/**
 * One flush at a time across all tabs of a site, so that no answer is in two requests at once.
 * Web Locks do this exactly. Where they are missing (older Safari, some webviews) a lease in
 * localStorage approximates it; two tabs may still overlap in a race, and then the collector's
 * idempotency keeps the answer from being stored twice.
 */
export const LOCK_NAME = 'minyi-outbox-flush';
const LEASE_KEY = 'minyi-outbox-lease';
/** Longer than a request may take, renewed while the flush runs. */
const LEASE_MS = 30_000;
const RENEW_MS = 5_000;
const POLL_MS = 100;

export async function withFlushLock<T>(task: () => Promise<T>): Promise<T> {
  const locks = typeof navigator === 'undefined' ? undefined : navigator.locks;
  if (locks) return locks.request(LOCK_NAME, task) as Promise<T>;
  return withLease(task);
}

interface Lease {
  owner: string;
  expires: number;
}

function storage(): Storage | undefined {
  try {
    return globalThis.localStorage;
  } catch {
    // Access throws where storage is disabled (some private modes): no lease to share, then.
    return undefined;
  }
}

function readLease(store: Storage): Lease | undefined {
  try {
    return JSON.parse(store.getItem(LEASE_KEY) ?? 'null') ?? undefined;
  } catch {
    return undefined;
  }
}

export async function withLease<T>(task: () => Promise<T>, store = storage()): Promise<T> {
  if (!store) return task();
  const owner = Math.random().toString(36).slice(2);
  for (;;) {
    const current = readLease(store);
    if (!current || current.expires < Date.now() || current.owner === owner) {
      store.setItem(LEASE_KEY, JSON.stringify({ owner, expires: Date.now() + LEASE_MS }));
      // Another tab may have written at the same moment; whoever's write stands owns the lease.
      await new Promise((resolve) => setTimeout(resolve, 20));
      if (readLease(store)?.owner === owner) break;
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
  const renew = setInterval(() => {
    store.setItem(LEASE_KEY, JSON.stringify({ owner, expires: Date.now() + LEASE_MS }));
  }, RENEW_MS);
  try {
    return await task();
  } finally {
    clearInterval(renew);
    if (readLease(store)?.owner === owner) store.removeItem(LEASE_KEY);
  }
}
