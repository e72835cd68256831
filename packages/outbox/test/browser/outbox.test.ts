import { expect } from 'chai';
import { openDB } from 'idb';
import { HttpResponse, http, passthrough } from 'msw';
import { setupWorker } from 'msw/browser';
import {
  type DeliveredDetail,
  type FailedDetail,
  MemoryQueueStore,
  Outbox,
  openIdbStore,
} from '../../src/index.js';

const ENDPOINT = new URL('/collector/v1/responses', location.href).href;
const worker = setupWorker();
before(async () => {
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledFrame: 'bypass',
  });
});
after(() => worker.stop());
afterEach(() => worker.resetHandlers());

let dbCounter = 0;
async function freshOutbox(): Promise<{ outbox: Outbox; dbName: string }> {
  const dbName = `outbox-test-${Date.now()}-${dbCounter++}`;
  const outbox = await Outbox.open({ endpoint: ENDPOINT, store: await openIdbStore(dbName) });
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
    expect(bodies).to.deep.equal([`{"responses":[${JSON.stringify(answer)}]}`]);
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
      const unreachable = collect<{ pending: number }>(outbox, 'unreachable');
      await outbox.enqueue(response());
      await outbox.enqueue(response());
      expect(await outbox.flush()).to.deep.equal({ delivered: 0, pending: 2 });
      expect(unreachable).to.deep.equal([{ pending: 2 }]);
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
