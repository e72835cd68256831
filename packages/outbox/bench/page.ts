/**
 * The browser half of the outbox benchmark, bundled by outbox-bench.mjs. Each measure runs the
 * outbox and a baseline doing the same work with raw `idb` and plain `fetch`, in the same page, so
 * that their ratio says what the outbox's own code costs.
 */
import { type DBSchema, type IDBPDatabase, openDB } from 'idb';
import { DB_NAME, envelope, Outbox, type QueuedItem } from '../src/index.js';

/** The outbox's schema, repeated for the baseline database so both stores do the same work. */
interface QueueSchema extends DBSchema {
  queue: { key: string; value: QueuedItem; indexes: { order: [number, number] } };
}

const RAW_DB = 'minyi-bench-raw';
const BATCH = 100;
const FILL_PER_TRANSACTION = 1_000;

export interface LatencyResult {
  readonly outboxMs: number[];
  readonly rawMs: number[];
}

export interface FlushTiming {
  readonly ms: number;
  readonly delivered: number;
}

let outbox: Outbox | undefined;
let rawDb: IDBPDatabase<QueueSchema> | undefined;
let seq = 0;

/** A response as the satisfaction widget makes it. */
function response(n: number): { id: string } & Record<string, unknown> {
  return {
    id: crypto.randomUUID(),
    survey: 'page-feedback',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject: `bench-${n}`,
    answers: { overall: 'satisfied' },
    locale: 'zh-Hans',
    page: `${location.origin}/`,
    createdAt: new Date().toISOString(),
    sdk: '0.1.0',
  };
}

function item(n: number): QueuedItem {
  const body = response(n);
  return { id: body.id, body: JSON.stringify(body), queuedAt: Date.now(), seq: seq++ };
}

async function setup(endpoint: string): Promise<void> {
  outbox = await Outbox.open({ endpoint, timeoutMs: 30_000 });
  if (!outbox.persistent) throw new Error('IndexedDB is not available: nothing to measure');
  rawDb = await openDB<QueueSchema>(RAW_DB, 1, {
    upgrade(db) {
      db.createObjectStore('queue', { keyPath: 'id' }).createIndex('order', ['queuedAt', 'seq']);
    },
  });
}

/**
 * One answer at a time, alternating the outbox and the baseline so that both see the same
 * moments of the machine (a garbage collection, the other core busy). The baseline serialises
 * too, as the outbox does.
 */
async function enqueueLatency(count: number, warmUp: number): Promise<LatencyResult> {
  const box = outbox!;
  const db = rawDb!;
  const outboxMs: number[] = [];
  const rawMs: number[] = [];
  for (let n = 0; n < warmUp + count; n++) {
    const forOutbox = response(n);
    const forRaw = response(n);
    let started = performance.now();
    await box.enqueue(forOutbox);
    const outboxTook = performance.now() - started;
    started = performance.now();
    await db.add('queue', {
      id: forRaw.id,
      body: JSON.stringify(forRaw),
      queuedAt: Date.now(),
      seq: seq++,
    });
    const rawTook = performance.now() - started;
    if (n >= warmUp) {
      outboxMs.push(outboxTook);
      rawMs.push(rawTook);
    }
  }
  await clear();
  return { outboxMs, rawMs };
}

async function clear(): Promise<void> {
  await outbox!.clear();
  await rawDb!.clear('queue');
}

/** Fills a queue quickly, many records per transaction: only the flush is measured. */
async function fill(db: IDBPDatabase<QueueSchema>, count: number): Promise<void> {
  for (let from = 0; from < count; from += FILL_PER_TRANSACTION) {
    const tx = db.transaction('queue', 'readwrite');
    const size = Math.min(FILL_PER_TRANSACTION, count - from);
    await Promise.all([
      ...Array.from({ length: size }, (_, k) => tx.store.add(item(from + k))),
      tx.done,
    ]);
  }
}

async function flushOutbox(count: number): Promise<FlushTiming> {
  const db = await openDB<QueueSchema>(DB_NAME);
  try {
    await fill(db, count);
  } finally {
    db.close();
  }
  const started = performance.now();
  const result = await outbox!.flush();
  const ms = performance.now() - started;
  if (result.delivered !== count || result.pending !== 0) {
    throw new Error(`Outbox.flush delivered ${result.delivered}, ${result.pending} still pending`);
  }
  return { ms, delivered: result.delivered };
}

/**
 * The baseline: read the oldest 100, post them, delete them once the collector answered 200,
 * until the queue is empty. What the outbox adds beyond this is the lock, batch sizing by bytes,
 * per-item results, dead letters and events.
 */
async function flushRaw(endpoint: string, count: number): Promise<FlushTiming> {
  const db = rawDb!;
  await fill(db, count);
  const started = performance.now();
  let delivered = 0;
  for (;;) {
    const items = await db.getAllFromIndex('queue', 'order', undefined, BATCH);
    if (items.length === 0) break;
    const response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: envelope(items.map((queued) => queued.body)),
      credentials: 'omit',
    });
    const json = (await response.json()) as { results?: unknown[] };
    if (!response.ok || json.results?.length !== items.length) {
      throw new Error(`the collector answered ${response.status}: ${JSON.stringify(json)}`);
    }
    const tx = db.transaction('queue', 'readwrite');
    await Promise.all([...items.map((queued) => tx.store.delete(queued.id)), tx.done]);
    delivered += items.length;
  }
  const ms = performance.now() - started;
  if (delivered !== count) throw new Error(`the baseline delivered ${delivered} of ${count}`);
  return { ms, delivered };
}

/**
 * The storage half of the baseline alone (read 100, delete 100, no request): the ceiling that
 * IndexedDB puts on any flush, which tells how much of a flush's time is the collector's.
 */
async function drainRaw(count: number): Promise<FlushTiming> {
  const db = rawDb!;
  await fill(db, count);
  const started = performance.now();
  let drained = 0;
  for (;;) {
    const items = await db.getAllFromIndex('queue', 'order', undefined, BATCH);
    if (items.length === 0) break;
    const tx = db.transaction('queue', 'readwrite');
    await Promise.all([...items.map((queued) => tx.store.delete(queued.id)), tx.done]);
    drained += items.length;
  }
  return { ms: performance.now() - started, delivered: drained };
}

const api = { setup, enqueueLatency, flushOutbox, flushRaw, drainRaw };
export type OutboxBench = typeof api;

declare global {
  interface Window {
    outboxBench: OutboxBench;
  }
}

window.outboxBench = api;
