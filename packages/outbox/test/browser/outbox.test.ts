import { expect } from 'chai';
import { openDB } from 'idb';
import { HttpResponse, http, passthrough } from 'msw';
import { faultWorker } from '../../../../test-support/browser.js';
import {
  type DeliveredDetail,
  type FailedDetail,
  MemoryQueueStore,
  MIGRATIONS,
  Outbox,
  openIdbStore,
  type QueueStore,
} from '../../src/index.js';

const ENDPOINT = new URL('/collector/v1/responses', location.href).href;
const worker = faultWorker();
afterEach(() => worker.resetHandlers());

/** A store that forwards to `real` except where `overrides` say otherwise. */
function wrapStore(real: QueueStore, overrides: Partial<QueueStore>): QueueStore {
  return {
    persistent: real.persistent,
    add: (item) => real.add(item),
    oldest: (limit) => real.oldest(limit),
    remove: (ids) => real.remove(ids),
    bury: (items) => real.bury(items),
    resurrect: (now) => real.resurrect(now),
    count: () => real.count(),
    deadLetters: () => real.deadLetters(),
    clear: () => real.clear(),
    deviceKey: () => real.deviceKey(),
    close: () => real.close(),
    ...overrides,
  };
}

let dbCounter = 0;
async function freshOutbox(): Promise<{ outbox: Outbox; dbName: string }> {
  const dbName = `outbox-test-${Date.now()}-${dbCounter++}`;
  const outbox = await Outbox.open({
    endpoint: ENDPOINT,
    store: await openIdbStore({ name: dbName }),
  });
  return { outbox, dbName };
}

function response(overrides: Record<string, unknown> = {}) {
  return {
    id: crypto.randomUUID(),
    survey: 'page-feedback',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject: 'outbox-test',
    answers: { overall: 'satisfied' },
    locale: 'zh-Hans',
    page: location.origin + location.pathname,
    createdAt: new Date().toISOString(),
    sdk: '0.1.0',
    ...overrides,
  };
}

function collect<T>(outbox: Outbox, type: string): T[] {
  const seen: T[] = [];
  outbox.addEventListener(type, (event) => seen.push((event as CustomEvent<T>).detail));
  return seen;
}

describe('Outbox', () => {
  it('has the answer in IndexedDB when enqueue resolves', async () => {
    const { outbox, dbName } = await freshOutbox();
    const answer = response();
    await outbox.enqueue(answer);
    const raw = await openDB(dbName);
    const stored = await raw.get('queue', answer.id);
    raw.close();
    expect(stored.body).to.equal(JSON.stringify(answer));
    expect(await outbox.pending()).to.equal(1);
    outbox.stop();
  });

  it('delivers to the real collector and forgets the answer only then', async () => {
    const { outbox } = await freshOutbox();
    const delivered = collect<DeliveredDetail>(outbox, 'delivered');
    const answers = [response(), response(), response()];
    for (const answer of answers) await outbox.enqueue(answer);
    expect(await outbox.flush()).to.deep.equal({ delivered: 3, pending: 0 });
    expect(delivered.map((detail) => detail.id)).to.deep.equal(answers.map((answer) => answer.id));
    expect(
      delivered.every(
        (detail) => detail.status === 'accepted' && /^\w{4}-\w{4}-\w{4}$/.test(detail.receipt!),
      ),
    ).to.be.true;
    outbox.stop();
  });

  it('re-sends byte for byte; the collector answers duplicate with the same receipt', async () => {
    const answer = response();
    const first = await freshOutbox();
    const firstDelivered = collect<DeliveredDetail>(first.outbox, 'delivered');
    await first.outbox.enqueue(answer);
    await first.outbox.flush();

    // A second device state holding the same answer, as after a lost response to a request.
    const bodies: string[] = [];
    worker.use(
      http.post('*/collector/v1/responses', async ({ request }) => {
        bodies.push(await request.clone().text());
        return passthrough();
      }),
    );
    const second = await freshOutbox();
    const secondDelivered = collect<DeliveredDetail>(second.outbox, 'delivered');
    await second.outbox.enqueue(answer);
    expect(await second.outbox.flush()).to.deep.equal({ delivered: 1, pending: 0 });
    expect(bodies).to.have.length(1);
    expect(bodies[0]).to.match(/^\{"responses":\[(.*)\],"device":"[\w-]{36}"\}$/);
    expect(bodies[0]).to.contain(`{"responses":[${JSON.stringify(answer)}],`);
    expect(secondDelivered[0]).to.deep.include({
      status: 'duplicate',
      receipt: firstDelivered[0]!.receipt,
    });
    first.outbox.stop();
    second.outbox.stop();
  });

  for (const [name, reply] of [
    ['a 503', () => new HttpResponse('busy', { status: 503 })],
    [
      'a 429',
      () => new HttpResponse('slow down', { status: 429, headers: { 'retry-after': '1' } }),
    ],
    ['a network error', () => HttpResponse.error()],
    ['a 200 that is not JSON', () => new HttpResponse('<html>', { status: 200 })],
  ] as const) {
    it(`keeps every answer after ${name}`, async () => {
      worker.use(http.post('*/collector/v1/responses', reply));
      const { outbox } = await freshOutbox();
      const unreachable = collect<{ pending: number; retryInMs: number }>(outbox, 'unreachable');
      await outbox.enqueue(response());
      await outbox.enqueue(response());
      expect(await outbox.flush()).to.deep.equal({ delivered: 0, pending: 2 });
      expect(unreachable.map((detail) => detail.pending)).to.deep.equal([2]);
      // The first retry comes within a second (backoff), or when the collector's Retry-After says.
      expect(unreachable[0]!.retryInMs).to.be.below(1001);
      expect(await outbox.deadLetters()).to.deep.equal([]);
      worker.resetHandlers();
      expect(await outbox.flush()).to.deep.equal({ delivered: 2, pending: 0 });
      outbox.stop();
    });
  }

  it('moves a rejected answer to dead letters and still delivers the others', async () => {
    const { outbox } = await freshOutbox();
    const failed = collect<FailedDetail>(outbox, 'failed');
    const good = response();
    const bad = response({ createdAt: 'yesterday' });
    await outbox.enqueue(bad);
    await outbox.enqueue(good);
    expect(await outbox.flush()).to.deep.equal({ delivered: 1, pending: 0 });
    const dead = await outbox.deadLetters();
    expect(dead.map((letter) => letter.id)).to.deep.equal([bad.id]);
    expect(dead[0]!.reason).to.contain('createdAt');
    expect(failed).to.have.length(1);
    expect(failed[0]).to.include({ id: bad.id, code: 'rejected' });
    outbox.stop();
  });

  it('moves a batch refused with 400 to dead letters instead of retrying it for ever', async () => {
    worker.use(
      http.post('*/collector/v1/responses', () => new HttpResponse('{}', { status: 400 })),
    );
    const { outbox } = await freshOutbox();
    await outbox.enqueue(response());
    expect(await outbox.flush()).to.deep.equal({ delivered: 0, pending: 0 });
    expect(await outbox.deadLetters()).to.have.length(1);
    outbox.stop();
  });

  it('sends 250 answers in batches of at most 100, oldest first', async () => {
    const sizes: number[] = [];
    worker.use(
      http.post('*/collector/v1/responses', async ({ request }) => {
        const json = (await request.clone().json()) as { responses: unknown[] };
        sizes.push(json.responses.length);
        return passthrough();
      }),
    );
    const { outbox } = await freshOutbox();
    const delivered = collect<DeliveredDetail>(outbox, 'delivered');
    const answers = Array.from({ length: 250 }, () => response());
    for (const answer of answers) await outbox.enqueue(answer);
    expect(await outbox.flush()).to.deep.equal({ delivered: 250, pending: 0 });
    expect(sizes).to.deep.equal([100, 100, 50]);
    expect(delivered.map((detail) => detail.id)).to.deep.equal(answers.map((answer) => answer.id));
    outbox.stop();
  });

  it('shares one attempt between concurrent flushes, and a later call gets one of its own', async () => {
    let requests = 0;
    worker.use(
      http.post('*/collector/v1/responses', () => {
        requests += 1;
        return passthrough();
      }),
    );
    const { outbox } = await freshOutbox();
    await outbox.enqueue(response());
    const [a, b] = await Promise.all([outbox.flush(), outbox.flush()]);
    expect(a.delivered + b.delivered).to.equal(1);
    expect(requests).to.equal(1);
    outbox.stop();
  });

  it('works from memory when IndexedDB is not available', async () => {
    const outbox = await Outbox.open({ endpoint: ENDPOINT, store: new MemoryQueueStore() });
    expect(outbox.persistent).to.equal(false);
    await outbox.enqueue(response());
    expect(await outbox.flush()).to.deep.equal({ delivered: 1, pending: 0 });
  });

  it('refuses to queue the same id twice', async () => {
    const { outbox } = await freshOutbox();
    const answer = response();
    await outbox.enqueue(answer);
    let error: unknown;
    try {
      await outbox.enqueue(answer);
    } catch (caught) {
      error = caught;
    }
    expect((error as DOMException).name).to.equal('ConstraintError');
    expect(await outbox.pending()).to.equal(1);
    outbox.stop();
  });
});

describe('Outbox limits and recovery', () => {
  it('moves answers older than the maximum age to dead letters, and can retry them', async () => {
    let now = Date.now();
    const dbName = `outbox-age-${Date.now()}`;
    const outbox = await Outbox.open({
      endpoint: ENDPOINT,
      store: await openIdbStore({ name: dbName }),
      maxAgeMs: 1000,
      now: () => now,
    });
    const failed = collect<FailedDetail>(outbox, 'failed');
    const old = response();
    await outbox.enqueue(old);
    now += 5000;
    const fresh = response();
    await outbox.enqueue(fresh);
    expect(await outbox.flush()).to.deep.equal({ delivered: 1, pending: 0 });
    expect(failed).to.deep.equal([
      { id: old.id, code: 'expired', message: 'not delivered within 0 days' },
    ]);
    expect((await outbox.deadLetters()).map((letter) => letter.id)).to.deep.equal([old.id]);
    expect(await outbox.retryDeadLetters()).to.deep.equal({ delivered: 1, pending: 0 });
    expect(await outbox.deadLetters()).to.deep.equal([]);
    outbox.stop();
  });

  it('clear() wipes the queue and the dead letters', async () => {
    worker.use(
      http.post('*/collector/v1/responses', () => new HttpResponse(null, { status: 400 })),
    );
    const { outbox } = await freshOutbox();
    await outbox.enqueue(response());
    await outbox.flush();
    await outbox.enqueue(response());
    expect(await outbox.pending()).to.equal(1);
    expect(await outbox.deadLetters()).to.have.length(1);
    await outbox.clear();
    expect(await outbox.pending()).to.equal(0);
    expect(await outbox.deadLetters()).to.deep.equal([]);
    outbox.stop();
  });

  it('on page hide sends what the page queued as text/plain keepalive, and keeps it queued', async () => {
    const seen: Array<{ type: string | null; keepalive: boolean; ids: string[] }> = [];
    worker.use(
      http.post('*/collector/v1/responses', async ({ request }) => {
        const json = JSON.parse(await request.clone().text()) as {
          responses: Array<{ id: string }>;
        };
        seen.push({
          type: request.headers.get('content-type'),
          keepalive: request.keepalive,
          ids: json.responses.map((item) => item.id),
        });
        return new HttpResponse(null, { status: 503 });
      }),
    );
    const { outbox } = await freshOutbox();
    const delivered = collect<DeliveredDetail>(outbox, 'delivered');
    const answer = response();
    await outbox.enqueue(answer);
    // A stand-in window: a real pagehide would also tell the mock service worker to let go.
    const page = Object.assign(new EventTarget(), {
      document: Object.assign(new EventTarget(), { visibilityState: 'hidden' }),
    });
    outbox.start(page as unknown as Window);
    await new Promise((resolve) => setTimeout(resolve, 100));
    page.dispatchEvent(new Event('pagehide'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const beacon = seen.find((request) => request.type?.startsWith('text/plain'));
    expect(beacon, JSON.stringify(seen)).to.deep.include({ keepalive: true, ids: [answer.id] });
    expect(await outbox.pending()).to.equal(1);
    expect(delivered).to.deep.equal([]);
    worker.resetHandlers();
    // The retry timer start() armed may deliver it first; either way it is delivered once.
    expect((await outbox.flush()).pending).to.equal(0);
    expect(delivered.map((detail) => detail.id)).to.deep.equal([answer.id]);
    outbox.stop();
  });

  it('two tabs flushing the same queue send each answer once', async () => {
    const sent: string[] = [];
    worker.use(
      http.post('*/collector/v1/responses', async ({ request }) => {
        const json = (await request.clone().json()) as { responses: Array<{ id: string }> };
        sent.push(...json.responses.map((item) => item.id));
        return passthrough();
      }),
    );
    const dbName = `outbox-tabs-${Date.now()}`;
    const tabA = await Outbox.open({
      endpoint: ENDPOINT,
      store: await openIdbStore({ name: dbName }),
    });
    const tabB = await Outbox.open({
      endpoint: ENDPOINT,
      store: await openIdbStore({ name: dbName }),
    });
    const answers = Array.from({ length: 120 }, () => response());
    for (const [index, answer] of answers.entries())
      await (index % 2 ? tabA : tabB).enqueue(answer);
    const [a, b] = await Promise.all([tabA.flush(), tabB.flush()]);
    expect(a.delivered + b.delivered).to.equal(120);
    expect(sent.length).to.equal(120);
    expect(new Set(sent).size).to.equal(120);
    tabA.stop();
    tabB.stop();
  });

  it('refuses a new answer when the quota is exhausted, keeping what is stored', async () => {
    const real = await openIdbStore({ name: `outbox-quota-${Date.now()}` });
    let full = false;
    const store = wrapStore(real, {
      add: (item) =>
        full ? Promise.reject(new DOMException('quota', 'QuotaExceededError')) : real.add(item),
    });
    const outbox = await Outbox.open({ endpoint: ENDPOINT, store });
    await outbox.enqueue(response());
    full = true;
    let error: unknown;
    try {
      await outbox.enqueue(response());
    } catch (caught) {
      error = caught;
    }
    expect((error as DOMException).name).to.equal('QuotaExceededError');
    expect(outbox.persistent).to.equal(true);
    expect(await outbox.pending()).to.equal(1);
    outbox.stop();
  });

  it('carries on from memory when IndexedDB fails mid-way, and says so', async () => {
    const real = await openIdbStore({ name: `outbox-broken-${Date.now()}` });
    const store = wrapStore(real, {
      add: () => Promise.reject(new DOMException('the connection is closing', 'InvalidStateError')),
    });
    const outbox = await Outbox.open({ endpoint: ENDPOINT, store });
    const failed = collect<FailedDetail>(outbox, 'failed');
    const answer = response();
    await outbox.enqueue(answer);
    expect(outbox.persistent).to.equal(false);
    expect(failed[0]).to.include({ id: answer.id, code: 'storage-unavailable' });
    expect(await outbox.flush()).to.deep.equal({ delivered: 1, pending: 0 });
  });

  it('settles within 3 s when an old tab blocks the upgrade, falling back to memory', async () => {
    const name = `outbox-blocked-${Date.now()}`;
    // An "old tab": a connection at the current version that ignores requests to close.
    const old = await openDB(name, MIGRATIONS.length, {
      upgrade(db, oldVersion, _newVersion, tx) {
        for (let version = oldVersion; version < MIGRATIONS.length; version++) {
          MIGRATIONS[version]!(db as never, tx as never);
        }
      },
    });
    const newer = [...MIGRATIONS, () => {}];
    const started = performance.now();
    let error: unknown;
    try {
      await openIdbStore({ name, migrations: newer });
    } catch (caught) {
      error = caught;
    }
    const elapsed = performance.now() - started;
    expect(String(error)).to.contain('did not open within 3000 ms');
    expect(elapsed).to.be.below(3500);
    old.close();
  });

  it('upgrades from every earlier schema version, keeping queued answers', async () => {
    for (let from = 1; from < MIGRATIONS.length; from++) {
      const name = `outbox-upgrade-${from}-${Date.now()}`;
      const earlier = await openIdbStore({ name, migrations: MIGRATIONS.slice(0, from) });
      const answer = response();
      await earlier.add({
        id: answer.id,
        body: JSON.stringify(answer),
        queuedAt: Date.now(),
        seq: 0,
      });
      earlier.close();
      const current = await openIdbStore({ name });
      expect((await current.oldest(10)).map((item) => item.id)).to.deep.equal([answer.id]);
      current.close();
    }
    // The current schema, from nothing: both stores and the ordering index exist.
    const fresh = await openDB(`outbox-schema-${Date.now()}`, MIGRATIONS.length, {
      upgrade(db, oldVersion, _newVersion, tx) {
        for (let version = oldVersion; version < MIGRATIONS.length; version++) {
          MIGRATIONS[version]!(db as never, tx as never);
        }
      },
    });
    expect([...fresh.objectStoreNames].sort()).to.deep.equal(['dead', 'meta', 'queue']);
    expect([...fresh.transaction('queue').store.indexNames]).to.deep.equal(['order']);
    fresh.close();
  });
});

describe('Outbox under a collector that stalls', () => {
  it('gives up on a body that never finishes, within the timeout, keeping the answer', async () => {
    // Headers arrive at once, then nothing: the body is read under the same timeout.
    worker.use(
      http.post(
        '*/collector/v1/responses',
        () => new HttpResponse(new ReadableStream({ start() {} }), { status: 200 }),
      ),
    );
    const { outbox } = await freshOutbox();
    outbox.setLimits({ timeoutMs: 400 });
    await outbox.enqueue(response());
    const started = performance.now();
    expect(await outbox.flush()).to.deep.equal({ delivered: 0, pending: 1 });
    expect(performance.now() - started).to.be.below(3000);
    worker.resetHandlers();
    expect(await outbox.flush()).to.deep.equal({ delivered: 1, pending: 0 });
    outbox.stop();
  });
});

describe('Outbox device key', () => {
  it('sends one random key per browser with every batch, kept across pages, new after clear()', async () => {
    const devices: Array<string | undefined> = [];
    worker.use(
      http.post('*/collector/v1/responses', async ({ request }) => {
        devices.push(((await request.clone().json()) as { device?: string }).device);
        return passthrough();
      }),
    );
    const name = `outbox-device-${Date.now()}`;
    const first = await Outbox.open({ endpoint: ENDPOINT, store: await openIdbStore({ name }) });
    await first.enqueue(response());
    await first.flush();
    first.stop();
    const again = await Outbox.open({ endpoint: ENDPOINT, store: await openIdbStore({ name }) });
    await again.enqueue(response());
    await again.flush();
    await again.clear();
    await again.enqueue(response());
    await again.flush();
    again.stop();
    expect(devices).to.have.length(3);
    expect(devices[0]).to.match(/^[A-Za-z0-9_-]{36}$/);
    expect(devices[1]).to.equal(devices[0]);
    expect(devices[2])
      .to.match(/^[A-Za-z0-9_-]{36}$/)
      .and.not.equal(devices[0]);
  });
});
