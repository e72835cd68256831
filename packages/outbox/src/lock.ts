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
  const owner = Math.random().toString(36).slice(2);
  const holder = (): { owner?: string; expires?: number } => {
    try {
      return JSON.parse(store.getItem(LEASE_KEY) ?? '{}') ?? {};
    } catch {
      return {};
    }
  };
  const take = () =>
    store.setItem(LEASE_KEY, JSON.stringify({ owner, expires: Date.now() + LEASE_MS }));
  for (;;) {
    const current = holder();
    if (!current.owner || (current.expires ?? 0) < Date.now()) {
      take();
      // Another tab may have written at the same moment; whoever's write stands owns the lease.
      await sleep(20);
      if (holder().owner === owner) break;
    }
    await sleep(100);
  }
  const renew = setInterval(take, LEASE_MS / 6);
  try {
    return await task();
  } finally {
    clearInterval(renew);
    if (holder().owner === owner) store.removeItem(LEASE_KEY);
  }
}
