// Benchmark: the outbox in Chromium against the real collector, each measure beside a baseline
// doing the same work with raw `idb` and plain `fetch` in the same page and run.
//   - enqueue: median latency of Outbox.enqueue, 1,000 answers one by one (target: under 2 ms),
//     beside raw idb `add`, one transaction per record;
//   - flush: 10,000 queued answers delivered by Outbox.flush() (target: within 1.5x of the
//     baseline), beside reading 100, posting them with fetch, deleting them, until empty.
// Needs the collector built (`pnpm build`, as `pnpm bench` does) and Chromium.
//
//   node packages/outbox/bench/outbox-bench.mjs
//
// Also importable: `run()` returns { name: 'outbox', results: [...] }.
import { realpathSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { launchOptions } from '../../../scripts/chromium.mjs';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const ENTRY = fileURLToPath(new URL('./page.ts', import.meta.url));
const COLLECTOR = new URL('../../collector/dist/index.js', import.meta.url);

const ENQUEUE_COUNT = 1_000;
const ENQUEUE_WARM_UP = 50;
const FLUSH_COUNT = 10_000;
const FLUSH_WARM_UP = 200;
const FLUSH_ROUNDS = 5;
const TARGET_ENQUEUE_MS = 2;
const TARGET_FLUSH_RATIO = 1.5;
/** The whole benchmark, Chromium start included; past it the process stops with a message. */
const DEADLINE_MS = 120_000;

/**
 * esbuild is not a direct dependency of the repository; it comes with Vite. Resolve it from
 * Vite's own location, and fall back to Vite's library build where that fails.
 */
async function bundle(entry) {
  let esbuild;
  try {
    esbuild = await import('esbuild');
  } catch {
    try {
      const vite = realpathSync(join(ROOT, 'node_modules', 'vite', 'package.json'));
      esbuild = await import(pathToFileURL(createRequire(vite).resolve('esbuild')).href);
    } catch {
      esbuild = undefined;
    }
  }
  if (esbuild) {
    const result = await esbuild.build({
      entryPoints: [entry],
      bundle: true,
      format: 'iife',
      platform: 'browser',
      target: 'es2022',
      write: false,
      logLevel: 'error',
    });
    return result.outputFiles[0].text;
  }
  const { build } = await import('vite');
  const output = await build({
    configFile: false,
    logLevel: 'error',
    build: {
      write: false,
      minify: false,
      lib: { entry, formats: ['iife'], name: 'outboxBench', fileName: () => 'bench.js' },
    },
  });
  return (Array.isArray(output) ? output[0] : output).output[0].code;
}

/** Serves the bench page and its script on a port of its own; the collector allows its origin. */
async function servePage(script) {
  const html =
    '<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>outbox bench</title>' +
    '<script src="/bench.js"></script></head><body></body></html>';
  const server = createServer((request, response) => {
    const [type, body] =
      request.url === '/bench.js'
        ? ['text/javascript', script]
        : request.url === '/'
          ? ['text/html; charset=utf-8', html]
          : [undefined, undefined];
    if (!type) {
      response.writeHead(404).end();
      return;
    }
    response
      .writeHead(200, {
        'content-type': type,
        'cache-control': 'no-store',
        // Cross-origin isolation gives performance.now() 5 µs steps instead of 100 µs, which
        // matters for sub-millisecond enqueue latencies. CORS requests to the collector still work.
        'cross-origin-opener-policy': 'same-origin',
        'cross-origin-embedder-policy': 'require-corp',
      })
      .end(body);
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    close: () => {
      server.closeAllConnections();
      return new Promise((resolve) => server.close(resolve));
    },
  };
}

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
}
const median = (values) => quantile(values, 0.5);

/** Runs the benchmark; returns { name: 'outbox', results }. */
export async function run({ log = () => {} } = {}) {
  const { startCollector } = await import(COLLECTOR.href);
  const script = await bundle(ENTRY);
  const page = await servePage(script);
  const dir = await mkdtemp(join(tmpdir(), 'minyi-outbox-bench-'));
  let collector;
  let browser;
  try {
    collector = await startCollector({
      dbPath: join(dir, 'minyi.sqlite'),
      port: 0,
      demo: true,
      logLevel: 'warn',
      allowOrigins: [page.url],
      // One page sends everything: the collector's limits would measure themselves, not delivery.
      rateLimit: { perAddress: 0, perDevice: 0 },
    });
    const endpoint = `${collector.url}/v1/responses`;
    browser = await chromium.launch(launchOptions());
    const tab = await browser.newPage();
    const errors = [];
    tab.on('pageerror', (error) => errors.push(error.message));
    await tab.goto(`${page.url}/`);
    await tab.evaluate((url) => window.outboxBench.setup(url), endpoint);
    const isolated = await tab.evaluate(() => crossOriginIsolated);
    log(
      `Chromium ${browser.version()}, ${cpus().length} cores, collector at ${collector.url}, timer steps of ${isolated ? '5 µs' : '100 µs'}`,
    );

    const latency = await tab.evaluate(
      ([count, warmUp]) => window.outboxBench.enqueueLatency(count, warmUp),
      [ENQUEUE_COUNT, ENQUEUE_WARM_UP],
    );
    const enqueue = {
      outbox: { median: median(latency.outboxMs), p95: quantile(latency.outboxMs, 0.95) },
      raw: { median: median(latency.rawMs), p95: quantile(latency.rawMs, 0.95) },
    };
    log(
      `enqueue: outbox median ${enqueue.outbox.median.toFixed(2)} ms, raw ${enqueue.raw.median.toFixed(2)} ms`,
    );

    // The first requests pay for the CORS preflight and warm both code paths.
    await tab.evaluate((count) => window.outboxBench.flushOutbox(count), FLUSH_WARM_UP);
    await tab.evaluate(
      ([url, count]) => window.outboxBench.flushRaw(url, count),
      [endpoint, FLUSH_WARM_UP],
    );
    const outboxRuns = [];
    const rawRuns = [];
    for (let round = 0; round < FLUSH_ROUNDS; round++) {
      // Alternate which goes first, so that neither always meets the larger table.
      const order = round % 2 === 0 ? ['outbox', 'raw'] : ['raw', 'outbox'];
      for (const which of order) {
        const timing =
          which === 'outbox'
            ? await tab.evaluate((count) => window.outboxBench.flushOutbox(count), FLUSH_COUNT)
            : await tab.evaluate(
                ([url, count]) => window.outboxBench.flushRaw(url, count),
                [endpoint, FLUSH_COUNT],
              );
        (which === 'outbox' ? outboxRuns : rawRuns).push(timing.ms);
        log(`flush round ${round + 1}, ${which}: ${(timing.ms / 1000).toFixed(2)} s`);
      }
    }
    const drainRuns = [];
    for (let round = 0; round < 3; round++) {
      const timing = await tab.evaluate((count) => window.outboxBench.drainRaw(count), FLUSH_COUNT);
      drainRuns.push(timing.ms);
    }
    // The demo stores answers of its own to other surveys; the bench answers page-feedback.
    const stored = await collector.storage.countResponses({ surveys: ['page-feedback'] });
    const expected = 2 * (FLUSH_WARM_UP + FLUSH_ROUNDS * FLUSH_COUNT);
    if (stored !== expected) {
      throw new Error(`the collector stored ${stored} responses, expected ${expected}`);
    }
    if (errors.length > 0) throw new Error(`errors in the page: ${errors.join('; ')}`);

    const flushOutbox = median(outboxRuns);
    const flushRaw = median(rawRuns);
    return {
      name: 'outbox',
      results: [
        {
          name: `enqueue ${ENQUEUE_COUNT.toLocaleString('en')} answers one by one: median latency`,
          value: enqueue.outbox.median,
          unit: 'ms',
          p95: enqueue.outbox.p95,
          baseline: enqueue.raw.median,
          baselineP95: enqueue.raw.p95,
          baselineName: 'raw idb add, one transaction per record',
          ratio: enqueue.outbox.median / enqueue.raw.median,
          target: TARGET_ENQUEUE_MS,
          pass: enqueue.outbox.median < TARGET_ENQUEUE_MS,
        },
        {
          name: `flush ${FLUSH_COUNT.toLocaleString('en')} queued answers to the collector: median of ${FLUSH_ROUNDS}`,
          value: flushOutbox / 1000,
          unit: 's',
          runs: outboxRuns.map((ms) => ms / 1000),
          throughput: FLUSH_COUNT / (flushOutbox / 1000),
          baseline: flushRaw / 1000,
          baselineRuns: rawRuns.map((ms) => ms / 1000),
          baselineThroughput: FLUSH_COUNT / (flushRaw / 1000),
          baselineName: 'raw idb, 100 read + fetch + 100 deleted per step',
          storageOnly: median(drainRuns) / 1000,
          storageOnlyThroughput: FLUSH_COUNT / (median(drainRuns) / 1000),
          ratio: flushOutbox / flushRaw,
          target: TARGET_FLUSH_RATIO,
          pass: flushOutbox / flushRaw <= TARGET_FLUSH_RATIO,
        },
      ],
    };
  } finally {
    await browser?.close();
    await collector?.close();
    await page.close();
    await rm(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  const watchdog = setTimeout(() => {
    console.error(`outbox bench: not done after ${DEADLINE_MS / 1000} s; stopping`);
    process.exit(1);
  }, DEADLINE_MS);
  watchdog.unref();
  const { results } = await run({ log: (line) => console.log(line) });
  clearTimeout(watchdog);
  const verdict = (result) => (result.pass ? 'PASS' : 'MISS');
  const [enqueue, flush] = results;
  const rate = (perSecond) => `${Math.round(perSecond).toLocaleString('en')} answers/s`;
  console.log(enqueue.name);
  console.log(
    `  Outbox.enqueue:  median ${enqueue.value.toFixed(2)} ms, p95 ${enqueue.p95.toFixed(2)} ms`,
  );
  console.log(
    `  raw idb add:     median ${enqueue.baseline.toFixed(2)} ms, p95 ${enqueue.baselineP95.toFixed(2)} ms`,
  );
  console.log(`  ratio:           ${enqueue.ratio.toFixed(2)}x the baseline`);
  console.log(`  target:          median < ${TARGET_ENQUEUE_MS} ms: ${verdict(enqueue)}`);
  console.log(flush.name);
  console.log(
    `  Outbox.flush():  ${flush.value.toFixed(2)} s, ${rate(flush.throughput)}  (runs ${flush.runs.map((s) => s.toFixed(2)).join(', ')} s)`,
  );
  console.log(
    `  raw idb + fetch: ${flush.baseline.toFixed(2)} s, ${rate(flush.baselineThroughput)}  (runs ${flush.baselineRuns.map((s) => s.toFixed(2)).join(', ')} s)`,
  );
  console.log(
    `  (idb alone:      ${flush.storageOnly.toFixed(2)} s, ${rate(flush.storageOnlyThroughput)} reading and deleting 100 at a time, no requests)`,
  );
  console.log(`  ratio:           ${flush.ratio.toFixed(2)}x the baseline`);
  console.log(
    `  target:          within ${TARGET_FLUSH_RATIO}x of the baseline: ${verdict(flush)}`,
  );
  console.log(`total time:        ${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (results.some((result) => result.pass === false)) process.exitCode = 1;
}
