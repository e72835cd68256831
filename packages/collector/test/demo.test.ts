import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seedDemo, seedDemoResponses } from '../src/demo.js';
import { buildServer } from '../src/server.js';
import { ADAPTERS, api, makeToken, onCleanup, startTestCollector, tempDir } from './helpers.js';

describe.each(ADAPTERS)('demo answers ($name)', (adapter) => {
  it('are seeded once, deterministically, with 40 to 120 per department and month', async () => {
    const { storage, url } = await startTestCollector({ adapter });
    const now = new Date('2026-11-20T04:00:00Z');
    const started = Date.now();
    const stored = await seedDemoResponses(storage, now);
    expect(Date.now() - started).toBeLessThan(2000);
    expect(stored).toBeGreaterThan(12 * 40 - 1);
    expect(await seedDemoResponses(storage, now)).toBe(0);
    await seedDemo(storage, now);
    expect(await storage.countResponses({ surveys: ['department-evaluation'] })).toBe(stored);

    const token = await makeToken(storage, 'evaluator');
    const scores = await api(url, 'GET', '/v1/scores?survey=department-evaluation&period=month', {
      token,
    });
    const cells = scores.json.cells as {
      period: string;
      department: string;
      n: number;
      score: { mean: number };
    }[];
    expect([...new Set(cells.map((c) => c.period))]).toEqual([
      '2026-08',
      '2026-09',
      '2026-10',
      '2026-11',
    ]);
    for (const cell of cells) {
      expect(cell.n).toBeGreaterThanOrEqual(40);
      expect(cell.n).toBeLessThanOrEqual(120);
    }
    // Housing is seeded as the weakest department.
    const mean = (department: string) => {
      const own = cells.filter((c) => c.department === department);
      return own.reduce((sum, c) => sum + c.score.mean, 0) / own.length;
    };
    expect(mean('housing')).toBeLessThan(mean('civil-affairs'));
    expect(mean('housing')).toBeLessThan(mean('service-hall'));

    // The same seed makes the same answers in another database.
    const other = await startTestCollector({ adapter });
    await seedDemoResponses(other.storage, now);
    const ids = async (store: typeof storage) =>
      (await store.listResponses({ surveys: ['department-evaluation'] })).map((r) => r.id).sort();
    expect(await ids(other.storage)).toEqual(await ids(storage));
  });
});

describe('the dashboard bundle', () => {
  it('is served at /sdk/minyi-dashboard.js with its SRI hash when built', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: '@minyi/dashboard', version: '9.8.7' }),
    );
    const file = join(dir, 'dist', 'minyi-dashboard.js');
    writeFileSync(file, 'customElements.define("x-board", class extends HTMLElement {});');
    writeFileSync(`${file}.sri`, 'sha384-abc');
    const collector = await buildServer({
      dbPath: ':memory:',
      logLevel: 'silent',
      dashboardFile: file,
    });
    onCleanup(() => collector.close());
    const script = await collector.app.inject({ url: '/sdk/minyi-dashboard.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.headers['cache-control']).toBe('no-cache');
    expect(script.headers['access-control-allow-origin']).toBe('*');
    expect(script.body).toContain('x-board');
    const again = await collector.app.inject({
      url: '/sdk/minyi-dashboard.js',
      headers: { 'if-none-match': String(script.headers.etag) },
    });
    expect(again.statusCode).toBe(304);
    const sri = await collector.app.inject({ url: '/sdk/minyi-dashboard.js.sri' });
    expect(sri.body).toBe('sha384-abc');
    const pinned = await collector.app.inject({ url: '/sdk/9.8.7/minyi-dashboard.js' });
    expect(pinned.statusCode).toBe(200);
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect((await collector.app.inject({ url: '/sdk/1.0.0/minyi-dashboard.js' })).statusCode).toBe(
      404,
    );
  });

  it('serves the follow-up cases bundle from beside it, with its own SRI hash', async () => {
    const dir = tempDir();
    mkdirSync(join(dir, 'dist'));
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: '@minyi/dashboard', version: '9.8.7' }),
    );
    const board = join(dir, 'dist', 'minyi-dashboard.js');
    writeFileSync(board, 'customElements.define("x-board", class extends HTMLElement {});');
    const cases = join(dir, 'dist', 'minyi-cases.js');
    writeFileSync(cases, 'customElements.define("x-cases", class extends HTMLElement {});');
    writeFileSync(`${cases}.sri`, 'sha384-cases');
    const collector = await buildServer({
      dbPath: ':memory:',
      logLevel: 'silent',
      dashboardFile: board,
    });
    onCleanup(() => collector.close());
    const script = await collector.app.inject({ url: '/sdk/minyi-cases.js' });
    expect(script.statusCode).toBe(200);
    expect(script.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(script.body).toContain('x-cases');
    expect((await collector.app.inject({ url: '/sdk/minyi-cases.js.sri' })).body).toBe(
      'sha384-cases',
    );
    const pinned = await collector.app.inject({ url: '/sdk/9.8.7/minyi-cases.js' });
    expect(pinned.body).toContain('x-cases');
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
  });

  it('is found in the repository by default, and is a 404 naming the build when missing', async () => {
    const collector = await buildServer({ dbPath: ':memory:', logLevel: 'silent' });
    onCleanup(() => collector.close());
    const reply = await collector.app.inject({ url: '/sdk/minyi-dashboard.js' });
    expect([200, 404]).toContain(reply.statusCode);
    const missing = await buildServer({
      dbPath: ':memory:',
      logLevel: 'silent',
      dashboardFile: join(tempDir(), 'none.js'),
    });
    onCleanup(() => missing.close());
    const absent = await missing.app.inject({ url: '/sdk/minyi-dashboard.js' });
    expect(absent.statusCode).toBe(404);
    expect(absent.json().error).toContain('pnpm --filter @minyi/dashboard build');
  });
});

describe('survey consistency', () => {
  it('refuses a definition whose ids repeat, naming the path, in the admin API', async () => {
    const { url, storage } = await startTestCollector();
    const admin = await makeToken(storage, 'admin');
    const reply = await api(url, 'POST', '/v1/surveys', {
      token: admin,
      body: {
        id: 'twice',
        kind: 'evaluation',
        title: { 'zh-Hans': '重复' },
        dimensions: [
          { id: 'a', label: { 'zh-Hans': '甲' }, scale: 'hcp5' },
          { id: 'a', label: { 'zh-Hans': '乙' }, scale: 'hcp5' },
        ],
      },
    });
    expect(reply.status).toBe(400);
    expect(reply.json.issues).toEqual([
      { path: 'dimensions[1].id', message: 'expected a unique id, "a" is repeated' },
    ]);
  });
});
