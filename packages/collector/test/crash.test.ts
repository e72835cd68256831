import { beforeAll, describe, expect, it } from 'vitest';
import { openStore } from '../src/index.js';
import { ADAPTERS, makeEvaluation, makeResponse, onCleanup, tempDir } from './helpers.js';
import { ensureBuilt, runCli } from './process.js';

/**
 * "Accepted" means committed: the collector is killed with SIGKILL in the middle of a load of
 * batches, and every response it had answered `accepted` must be there after a restart.
 */
async function startCli(db: string) {
  const cli = runCli([
    'serve',
    '--port=0',
    `--db=${db}`,
    '--demo',
    `--examples=${tempDir()}`,
    '--log-level=silent',
    '--rate-limit-address=0',
    '--rate-limit-device=0',
  ]);
  onCleanup(async () => {
    if (cli.child.exitCode === null && cli.child.signalCode === null) {
      cli.child.kill('SIGKILL');
      await cli.exit;
    }
  });
  const url = (await cli.firstLine).replace('listening on ', '');
  return { cli, url };
}

interface Result {
  id: string;
  status: string;
  receipt?: string;
}

async function postBatch(url: string, responses: unknown[]): Promise<Result[] | undefined> {
  try {
    const reply = await fetch(`${url}/v1/responses`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ responses }),
    });
    if (reply.status !== 200) return undefined;
    return ((await reply.json()) as { results: Result[] }).results;
  } catch {
    // Killed mid-request: no answer, so the client would keep these and send them again.
    return undefined;
  }
}

describe.each(ADAPTERS)('a collector killed with SIGKILL under load ($name)', (adapter) => {
  beforeAll(ensureBuilt, 180_000);

  it('keeps every response it answered accepted, and takes none of them twice', async () => {
    const db = await adapter.db();
    const first = await startCli(db);
    const accepted = new Map<string, string>();
    const sent = new Map<string, unknown>();
    let stop = false;
    const worker = async (w: number) => {
      for (let round = 0; !stop; round++) {
        const batch = Array.from({ length: 25 }, (_, k) =>
          (w + round + k) % 3 === 0 ? makeEvaluation() : makeResponse(),
        );
        for (const response of batch) sent.set(response.id as string, response);
        const results = await postBatch(first.url, batch);
        if (!results) return;
        for (const result of results) {
          expect(result.status, JSON.stringify(result)).toBe('accepted');
          accepted.set(result.id, result.receipt!);
        }
      }
    };
    const workers = Array.from({ length: 8 }, (_, w) => worker(w));
    // Kill once the load is well under way, while requests are in flight.
    while (accepted.size < 1500) await new Promise((done) => setTimeout(done, 5));
    first.cli.child.kill('SIGKILL');
    stop = true;
    await Promise.all(workers);
    expect(await first.cli.exit).toBe(null);
    expect(first.cli.child.signalCode).toBe('SIGKILL');

    const second = await startCli(db);
    const store = await openStore(db);
    onCleanup(() => store.close());
    // `--demo` seeds answers of its own (sdk "demo"); only this test's answers are counted.
    const demo = (row: { json: string }) =>
      (JSON.parse(row.json) as { sdk: string }).sdk === 'demo';
    const all = await store.listResponses();
    const demoCount = all.filter(demo).length;
    const stored = new Map(all.filter((row) => !demo(row)).map((row) => [row.id, row.receipt]));
    for (const [id, receipt] of accepted) expect(stored.get(id), id).toBe(receipt);
    expect(stored.size).toBeGreaterThanOrEqual(accepted.size);
    expect(stored.size).toBeLessThanOrEqual(sent.size);

    // Sending everything that was answered accepted again stores nothing new.
    const ids = [...accepted.keys()];
    for (let start = 0; start < ids.length; start += 100) {
      const chunk = ids.slice(start, start + 100);
      const results = await postBatch(
        second.url,
        chunk.map((id) => sent.get(id)),
      );
      expect(results).toBeDefined();
      for (const result of results!) {
        expect(result).toEqual({
          id: result.id,
          status: 'duplicate',
          receipt: accepted.get(result.id),
        });
      }
    }
    expect(await store.countResponses()).toBe(stored.size + demoCount);
  });
});
