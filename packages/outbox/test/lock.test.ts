import { describe, expect, test } from 'vitest';
import { withLease } from '../src/lock.js';

/** A Storage over a Map: localStorage's contract, shared by the "tabs" of one test. */
function memoryStorage(): Storage {
  const map = new Map<string, string>();
  return {
    get length() {
      return map.size;
    },
    clear: () => map.clear(),
    getItem: (key) => map.get(key) ?? null,
    key: (index) => [...map.keys()][index] ?? null,
    removeItem: (key) => {
      map.delete(key);
    },
    setItem: (key, value) => {
      map.set(key, value);
    },
  };
}

describe('withLease (the fallback where Web Locks are missing)', () => {
  test('runs tasks of several tabs one at a time', async () => {
    const storage = memoryStorage();
    let running = 0;
    let most = 0;
    const task = async () => {
      running += 1;
      most = Math.max(most, running);
      await new Promise((resolve) => setTimeout(resolve, 30));
      running -= 1;
    };
    await Promise.all([
      withLease(task, storage),
      withLease(task, storage),
      withLease(task, storage),
    ]);
    expect(most).toBe(1);
    expect(storage.length).toBe(0);
  });

  test('takes over a lease its holder left to expire', async () => {
    const storage = memoryStorage();
    storage.setItem('minyi-outbox-lease', JSON.stringify({ owner: 'gone', until: Date.now() - 1 }));
    expect(await withLease(async () => 'ran', storage)).toBe('ran');
  });

  test('releases the lease when the task throws', async () => {
    const storage = memoryStorage();
    await expect(
      withLease(async () => {
        throw new Error('boom');
      }, storage),
    ).rejects.toThrow('boom');
    expect(storage.getItem('minyi-outbox-lease')).toBeNull();
  });

  test('waits while another tab holds a live lease', async () => {
    const storage = memoryStorage();
    storage.setItem(
      'minyi-outbox-lease',
      JSON.stringify({ owner: 'other', until: Date.now() + 250 }),
    );
    const started = Date.now();
    await withLease(async () => undefined, storage);
    expect(Date.now() - started).toBeGreaterThanOrEqual(240);
  });

  test('runs the task directly where storage is unavailable', async () => {
    expect(await withLease(async () => 42, undefined)).toBe(42);
  });
});
