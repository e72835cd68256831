import { expect } from 'chai';
import fc from 'fast-check';
import { deleteDB } from 'idb';
import { type DeliveredDetail, Outbox, openIdbStore } from '../../src/index.js';

/**
 * A model of the collector's contract: a new id is stored and accepted, the same id with the same
 * bytes is a duplicate, anything marked bad (or a changed body) is rejected. A request can fail
 * before it arrives, after the answers were stored, or be cut off with the page that sent it.
 */
type Fault = 'none' | 'before' | 'stored-then-500' | 'stored-then-lost';

class CollectorModel {
  readonly stored = new Map<string, string>();
  fault: Fault = 'none';
  /** Ids in requests still awaiting an answer, by live page; a crashed page's do not count. */
  readonly inFlight = new Map<string, number>();
  concurrentSends = 0;
  hangNext = false;
  private hung: Array<() => void> = [];

  fetch = async (_url: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const { responses } = JSON.parse(String(init?.body)) as {
      responses: Array<{ id: string; bad?: boolean }>;
    };
    const bodies = (
      String(init?.body).match(/^\{"responses":\[(.*)\](?:,"device":"[\w-]+")?\}$/s)?.[1] ?? ''
    ).split(/,(?=\{"id":)/);
    for (const { id } of responses) {
      if ((this.inFlight.get(id) ?? 0) > 0) this.concurrentSends += 1;
      this.inFlight.set(id, (this.inFlight.get(id) ?? 0) + 1);
    }
    const release = () => {
      for (const { id } of responses) this.inFlight.set(id, (this.inFlight.get(id) ?? 1) - 1);
    };
    if (this.hangNext) {
      // The page dies with this request open: it may have been stored, and nobody hears back.
      this.hangNext = false;
      this.store(responses, bodies);
      release();
      return new Promise((_, reject) => this.hung.push(() => reject(new TypeError('page gone'))));
    }
    try {
      if (this.fault === 'before') throw new TypeError('Failed to fetch');
      const results = this.store(responses, bodies);
      if (this.fault === 'stored-then-500') return new Response('oops', { status: 500 });
      if (this.fault === 'stored-then-lost') throw new TypeError('connection reset');
      return Response.json({ results });
    } finally {
      release();
    }
  };

  private store(responses: Array<{ id: string; bad?: boolean }>, bodies: string[]) {
    return responses.map(({ id, bad }, index) => {
      const body = bodies[index]!;
      if (bad) return { id, status: 'rejected', error: 'answers.overall: unknown level' };
      const known = this.stored.get(id);
      if (known === undefined) {
        this.stored.set(id, body);
        return { id, status: 'accepted', receipt: `R-${id.slice(0, 8)}` };
      }
      return known === body
        ? { id, status: 'duplicate', receipt: `R-${id.slice(0, 8)}` }
        : { id, status: 'rejected', error: 'id already used for a different response' };
    });
  }

  abandonHung(): void {
    for (const reject of this.hung.splice(0)) reject();
  }
}

type Op =
  | { kind: 'enqueue'; bad: boolean; comment: string }
  | { kind: 'flush'; fault: Fault }
  | { kind: 'crash-mid-flush' }
  | { kind: 'reload' };

const op: fc.Arbitrary<Op> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc.record({
      kind: fc.constant('enqueue' as const),
      // One answer in five is one the collector will refuse.
      bad: fc.oneof(
        { weight: 4, arbitrary: fc.constant(false) },
        { weight: 1, arbitrary: fc.constant(true) },
      ),
      comment: fc.string({ maxLength: 40 }),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      kind: fc.constant('flush' as const),
      fault: fc.constantFrom<Fault>('none', 'before', 'stored-then-500', 'stored-then-lost'),
    }),
  },
  { weight: 1, arbitrary: fc.constant({ kind: 'crash-mid-flush' as const }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'reload' as const }) },
);

let run = 0;

describe('Outbox against a model of the collector (property)', () => {
  it('delivers every answer exactly once or puts it in dead letters, and loses none', async function () {
    this.timeout(600_000);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 1, maxLength: 14 }), async (ops) => {
        const name = `outbox-property-${run++}`;
        const model = new CollectorModel();
        const open = async () =>
          Outbox.open({
            endpoint: '/model',
            store: await openIdbStore({ name }),
            fetch: model.fetch,
          });
        let outbox = await open();
        const delivered = new Map<string, number>();
        const listen = (target: Outbox) =>
          target.addEventListener('delivered', (event) => {
            const { id } = (event as CustomEvent<DeliveredDetail>).detail;
            delivered.set(id, (delivered.get(id) ?? 0) + 1);
          });
        listen(outbox);
        const good = new Map<string, string>();
        const bad = new Set<string>();
        try {
          for (const step of ops) {
            if (step.kind === 'enqueue') {
              const response = {
                id: crypto.randomUUID(),
                answers: { overall: 'satisfied' },
                comment: step.comment,
                ...(step.bad ? { bad: true } : {}),
              };
              await outbox.enqueue(response);
              if (step.bad) bad.add(response.id);
              else good.set(response.id, JSON.stringify(response));
            } else if (step.kind === 'flush') {
              model.fault = step.fault;
              await outbox.flush();
              model.fault = 'none';
            } else {
              if (step.kind === 'crash-mid-flush') {
                model.hangNext = true;
                void outbox.flush();
                await new Promise((resolve) => setTimeout(resolve, 5));
                model.hangNext = false;
              }
              outbox.stop();
              model.abandonHung();
              outbox = await open();
              listen(outbox);
            }
          }
          // The network is healthy again: a few attempts settle everything.
          for (let attempt = 0; attempt < 3 && (await outbox.pending()) > 0; attempt++) {
            await outbox.flush();
          }
          expect(await outbox.pending(), 'queue empty').to.equal(0);
          for (const [id, body] of good) {
            expect(model.stored.get(id), `stored ${id} byte for byte`).to.equal(body);
          }
          expect(
            [...model.stored.keys()].every((id) => good.has(id)),
            'nothing else stored',
          ).to.be.true;
          const dead = (await outbox.deadLetters()).map((letter) => letter.id).sort();
          expect(dead, 'dead letters are exactly the refused answers').to.deep.equal(
            [...bad].sort(),
          );
          expect(model.concurrentSends, 'no answer in two live requests at once').to.equal(0);
          expect(
            [...delivered.values()].every((count) => count === 1),
            'delivered told once per page',
          ).to.be.true;
        } finally {
          outbox.stop();
          model.abandonHung();
          await deleteDB(name);
        }
      }),
      { numRuns: 1000 },
    );
  });
});
