// Benchmark: time to first chart of the evaluator dashboard, for 50 subjects × 4 periods.
//
// A page loads the built `dist/minyi-dashboard.js` (`defer`, as evaluator pages do) with one
// `<minyi-scoreboard>`; a local server answers `GET /v1/scores` with a realistic answer: seeded
// responses (40–160 per cell, 9 respondent groups, 4 dimensions, N/A and skipped answers) scored
// by the built scoring package, wrapped as the collector wraps it (about 0.7 MB of JSON, served
// uncompressed over loopback). The token is already remembered for the tab (sessionStorage, as
// after "remember for this tab"), so the page asks for scores at once.
//
// Time to first chart: from navigation start (performance.timeOrigin) to the end of the first
// frame after the element's `minyi-rendered` event, fired once the ranking chart of the loaded
// scores is drawn on its canvas. It includes fetching, parsing and running the script, the scores
// request, checking and shaping the answer, and drawing. The time of the event itself is given
// beside it.
//
// Each sample is a cold load: a new browser context (empty HTTP cache, new renderer process).
// ITERATIONS loads without throttling and ITERATIONS with 4x CPU throttling (CDP
// Emulation.setCPUThrottlingRate), after one unrecorded warm-up load of each, interleaved.
// Needs the dashboard and the scoring package built (`pnpm build`, as `pnpm bench` does) and
// Chromium.
//
//   node packages/dashboard/bench/dashboard-bench.mjs
//
// Also importable: `run()` returns { name: 'dashboard', results: [...] }.
import { existsSync, readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus } from 'node:os';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { brotliSize } from '../../../scripts/brotli-size.mjs';
import { launchOptions } from '../../../scripts/chromium.mjs';
import { makeScores } from '../test/fixtures/scores-data.mjs';

const SCRIPT = fileURLToPath(new URL('../dist/minyi-dashboard.js', import.meta.url));
const SCORING = fileURLToPath(new URL('../../scoring/dist/index.js', import.meta.url));

const SUBJECTS = 50;
const PERIODS = ['2026-08', '2026-09', '2026-10', '2026-11'];
const ITERATIONS = 12;
const CPU_RATES = [1, 4];
const LOAD_TIMEOUT_MS = 20_000;
/** The whole benchmark, Chromium start included; past it the process stops with a message. */
const DEADLINE_MS = 180_000;
const VIEWPORT = { width: 1280, height: 800 };
const TOKEN = 'minyi_ev_benchbenchbenchbenchbenchbenchbenchbenchben';

const PAGE = `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>dashboard bench</title>
<script src="/minyi-dashboard.js" defer></script>
</head>
<body>
<minyi-scoreboard survey="department-evaluation" collector="/"></minyi-scoreboard>
</body>
</html>
`;

/** Runs before the page's scripts: remembers the token and records the first chart's frame. */
function probe([origin, token]) {
  sessionStorage.setItem(`minyi-dashboard:token:${origin}`, token);
  document.addEventListener('minyi-rendered', (event) => {
    const rendered = performance.now();
    requestAnimationFrame(() =>
      requestAnimationFrame(() => {
        window.__bench = { rendered, frame: performance.now(), charts: event.detail.charts };
      }),
    );
  });
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

const ms = (value) => `${value.toFixed(0)} ms`;

async function serve(script, scores) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://bench');
    if (url.pathname === '/') {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end(PAGE);
    } else if (url.pathname === '/minyi-dashboard.js') {
      response.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8' });
      response.end(script);
    } else if (url.pathname === '/v1/scores') {
      if (request.headers.authorization !== `Bearer ${TOKEN}`) {
        response.writeHead(401, { 'content-type': 'application/json' });
        response.end('{"error":"the token is not valid"}');
        return;
      }
      response.writeHead(200, {
        'content-type': 'application/json; charset=utf-8',
        'cache-control': 'no-store',
      });
      response.end(scores);
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, origin: `http://127.0.0.1:${server.address().port}` };
}

async function sample(browser, origin, rate) {
  const context = await browser.newContext({ viewport: VIEWPORT });
  try {
    await context.addInitScript(probe, [origin, TOKEN]);
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    if (rate > 1) {
      const cdp = await context.newCDPSession(page);
      await cdp.send('Emulation.setCPUThrottlingRate', { rate });
    }
    await page.goto(`${origin}/`);
    await page.waitForFunction(() => window.__bench, undefined, { timeout: LOAD_TIMEOUT_MS });
    if (errors.length > 0) throw new Error(`page errors: ${errors.join('; ')}`);
    return await page.evaluate(() => window.__bench);
  } finally {
    await context.close();
  }
}

export async function run() {
  if (!existsSync(SCRIPT) || !existsSync(SCORING)) {
    throw new Error('the dashboard or the scoring package is not built: run `pnpm build` first');
  }
  const { score } = await import(pathToFileURL(SCORING).href);
  const started = performance.now();
  const data = makeScores({ score, subjects: SUBJECTS, periods: PERIODS });
  const generatedMs = performance.now() - started;
  const scores = Buffer.from(JSON.stringify(data));
  const script = readFileSync(SCRIPT);
  const { server, origin } = await serve(script, scores);
  const browser = await chromium.launch(launchOptions());
  const times = Object.fromEntries(CPU_RATES.map((rate) => [rate, { rendered: [], frame: [] }]));
  let charts = [];
  try {
    for (const rate of CPU_RATES) await sample(browser, origin, rate);
    for (let i = 0; i < ITERATIONS; i++) {
      const order = i % 2 === 0 ? CPU_RATES : [...CPU_RATES].reverse();
      for (const rate of order) {
        const result = await sample(browser, origin, rate);
        times[rate].rendered.push(result.rendered);
        times[rate].frame.push(result.frame);
        charts = result.charts;
      }
    }
  } finally {
    await browser.close();
    await new Promise((resolve) => server.close(resolve));
  }
  const results = CPU_RATES.map((rate) => ({
    cpu: `${rate}x`,
    loads: ITERATIONS,
    firstChartMedianMs: median(times[rate].frame),
    firstChartMinMs: Math.min(...times[rate].frame),
    firstChartMaxMs: Math.max(...times[rate].frame),
    renderedEventMedianMs: median(times[rate].rendered),
  }));
  return {
    name: 'dashboard',
    subjects: SUBJECTS,
    periods: PERIODS.length,
    cells: data.cells.length,
    scoresBytes: scores.length,
    scoresBrotliBytes: brotliSize(scores),
    generatedMs,
    scriptBytes: script.length,
    scriptBrotliBytes: brotliSize(script),
    charts,
    results,
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const deadline = setTimeout(() => {
    console.error(`dashboard bench: no result after ${DEADLINE_MS / 1000} s; stopping`);
    process.exit(1);
  }, DEADLINE_MS);
  deadline.unref();
  const report = await run();
  const cpu = cpus()[0]?.model ?? 'unknown CPU';
  console.log(`dashboard: time to first chart, ${SUBJECTS} subjects × ${PERIODS.length} periods`);
  console.log(`  machine: ${cpus().length} × ${cpu}, Node ${process.version}`);
  console.log(
    `  minyi-dashboard.js: ${report.scriptBytes} bytes, ${report.scriptBrotliBytes} bytes brotli`,
  );
  console.log(
    `  /v1/scores answer: ${report.cells} cells, ${report.scoresBytes} bytes (${report.scoresBrotliBytes} brotli); generated and scored in ${ms(report.generatedMs)}`,
  );
  for (const result of report.results) {
    console.log(
      `  CPU ${result.cpu}: first chart median ${ms(result.firstChartMedianMs)} (min ${ms(result.firstChartMinMs)}, max ${ms(result.firstChartMaxMs)}) over ${result.loads} cold loads; minyi-rendered at ${ms(result.renderedEventMedianMs)}`,
    );
  }
}
