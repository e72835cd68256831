// Benchmark: follow-up cases (差评整改) in the built collector, with SQLite and with PostgreSQL.
//
//   1. What opening cases costs at ingest: accepted responses per second for batches of 50 rated
//      very-dissatisfied (每条都开一个整改案件) against the same batches rated satisfied (none
//      opens one). Target: at least 80% of the throughput (ratio ≥ 0.8).
//   2. Evaluator reads with 20,000 cases stored (made through POST /v1/responses, the oldest
//      assigned, replied and closed through the case routes): latency of GET /v1/cases (first
//      page, a deep page, overdue=true with the collector's clock moved past the deadlines, status
//      and survey filters) and of GET /v1/cases/{id}. Target: p95 under 50 ms for each list and
//      under 10 ms for one case.
//   3. GET /v1/receipts/{code} of responses that opened a case: p95 under 10 ms.
//
// PostgreSQL plans these queries from its statistics, which autovacuum gathers at a moment of its
// own choosing; so autovacuum is off and the reads are measured twice, as filled (no statistics
// yet, as after a bulk import or a burst of cases) and after VACUUM ANALYZE (as autovacuum leaves
// the tables). SQLite has no statistics to gather: the collector never runs ANALYZE.
//
//   node packages/collector/bench/cases-bench.mjs      (after `pnpm build`, as `pnpm bench` does)
//
// The collector runs in a child process on its own core (this file with `--serve`), started with
// `startCollector` so that its clock can be moved forward; rate limits are off (all load comes
// from one address), request logs are on as in production. Ingest is loaded with autocannon;
// reads are timed one request after another, as one evaluator's dashboard makes them. Also
// importable: `run()` resolves to { name: 'cases', results: [...], lines }.
import { fork } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { Agent, request as httpRequest } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startPostgres } from '../../../scripts/postgres.mjs';

const SELF = fileURLToPath(import.meta.url);
const DIST = new URL('../dist/index.js', import.meta.url);

const BATCH = 50;
const CONNECTIONS = 16;
/** Unmeasured load first, so that both ratings are measured with the collector's code compiled. */
const WARM_UP_SECONDS = 1;
/**
 * Each rating is measured twice, alternating, so that a database growing during the run or a
 * noisy neighbour weighs on both alike.
 */
const SEGMENT_SECONDS = 2;
const SEGMENTS = ['satisfied', 'very-dissatisfied', 'satisfied', 'very-dissatisfied'];
const TARGET_RATIO = 0.8;

const CASES = 20_000;
const SUBJECTS = 20;
/** Oldest first, as cases are worked in practice: so many are moved on before the reads. */
const MOVES = { closed: 200, replied: 200, assigned: 400 };
const FILL_CONCURRENCY = 8;
/** Far enough past every deadline (15 working days) that every unanswered case is overdue. */
const OVERDUE_SHIFT_MS = 40 * 86_400_000;

const TARGET_LIST_MS = 50;
const TARGET_ONE_MS = 10;
/** Timed requests per read: at least MIN, at most MAX, stopping after BUDGET_MS once MIN are in. */
const SAMPLES = { warmUp: 10, min: 40, max: 400, budgetMs: 1_000 };

/**
 * The SQLite files and PostgreSQL's data go to memory-backed /dev/shm where there is one, as in
 * the collector benchmark, so that the figures compare the collector's work rather than a virtual
 * machine's disk; MINYI_BENCH_DIR chooses another place.
 */
const BASE_DIR = process.env.MINYI_BENCH_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

// ---------------------------------------------------------------------------------------------
// The collector, in a child process

/**
 * `--serve CONFIG`: a collector whose clock the parent moves with `{ shiftMs }` messages, and an
 * evaluator token made through its store, as `minyi-collector token create` makes one.
 */
async function serve(config) {
  const { startCollector, issueToken } = await import(DIST.href);
  let shiftMs = 0;
  const collector = await startCollector({
    port: 0,
    dbPath: config.db,
    demo: true,
    examplesDir: config.examplesDir,
    rateLimit: { perAddress: 0, perDevice: 0 },
    now: () => new Date(Date.now() + shiftMs),
  });
  const { token, hash, id } = issueToken('evaluator');
  await collector.storage.createToken({
    id,
    hash,
    role: 'evaluator',
    surveys: [],
    subjects: [],
    note: 'cases bench',
    createdAt: new Date().toISOString(),
    expiresAt: undefined,
  });
  const stop = async () => {
    await collector.close();
    process.exit(0);
  };
  process.on('message', (message) => {
    if (message.type === 'shift') {
      shiftMs = message.shiftMs;
      process.send({ type: 'shifted' });
    } else if (message.type === 'stop') {
      stop();
    }
  });
  // The parent is gone (crashed or killed): nothing is left running.
  process.once('disconnect', stop);
  process.send({ type: 'ready', url: collector.url, token });
}

async function startServer(db, examplesDir) {
  const child = fork(SELF, ['--serve', JSON.stringify({ db, examplesDir })], {
    // Request logs are written as in production, and thrown away.
    stdio: ['ignore', 'ignore', 'ignore', 'ipc'],
  });
  const next = (type) =>
    new Promise((resolve, reject) => {
      const onMessage = (message) => {
        if (message.type !== type) return;
        child.off('message', onMessage);
        child.off('exit', onExit);
        resolve(message);
      };
      const onExit = (code) => reject(new Error(`the collector exited with ${code}`));
      child.on('message', onMessage);
      child.once('exit', onExit);
    });
  const { url, token } = await next('ready');
  return {
    url,
    token,
    async shiftClock(shiftMs) {
      const shifted = next('shifted');
      child.send({ type: 'shift', shiftMs });
      await shifted;
    },
    async stop() {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.send({ type: 'stop' });
      await exited;
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Requests

const agent = new Agent({ keepAlive: true, maxSockets: 16 });

function call(url, { method = 'GET', token, body } = {}) {
  return new Promise((resolve, reject) => {
    const headers = {};
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    const req = httpRequest(url, { method, headers, agent }, (res) => {
      const chunks = [];
      res.on('data', (chunk) => chunks.push(chunk));
      res.on('end', () =>
        resolve({ status: res.statusCode, text: Buffer.concat(chunks).toString() }),
      );
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function getJson(url, token) {
  const { status, text } = await call(url, { token });
  if (status !== 200) throw new Error(`GET ${url}: ${status} ${text.slice(0, 300)}`);
  return JSON.parse(text);
}

/** A page-feedback response with a comment, so that scrubbing runs too; the id is replaced. */
function template(rating, subject) {
  return JSON.stringify({
    id: '00000000-0000-4000-8000-000000000000',
    survey: 'page-feedback',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject,
    answers: { overall: rating },
    comment: '排队两个小时，窗口只开了一个。',
    locale: 'zh-Hans',
    page: 'https://www.example.gov.cn/banshi/',
    createdAt: new Date().toISOString().replace('Z', '+00:00'),
    sdk: '0.1.0',
  });
}

let subjectTurn = 0;

function batchBody(rating, size) {
  const subject = `https://www.example.gov.cn/banshi/item-${subjectTurn++ % SUBJECTS}/`;
  const [before, after] = template(rating, subject).split('00000000-0000-4000-8000-000000000000');
  const items = Array.from({ length: size }, () => `${before}${randomUUID()}${after}`);
  return `{"responses":[${items.join(',')}],"device":"bench-device-0001"}`;
}

const ACCEPTED = /"status":"accepted"/g;

// ---------------------------------------------------------------------------------------------
// 1. Ingest with and without cases

async function ingestLoad(url, rating, seconds) {
  let accepted = 0;
  let short = 0;
  const result = await autocannon({
    url: `${url}/v1/responses`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest(request) {
          request.body = batchBody(rating, BATCH);
          return request;
        },
        onResponse(status, body) {
          if (status !== 200) return;
          const n = body.match(ACCEPTED)?.length ?? 0;
          accepted += n;
          if (n !== BATCH) short += 1;
        },
      },
    ],
  });
  return {
    accepted,
    responsesPerSecond: accepted / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    failed: result.non2xx + result.errors + result.timeouts + short,
  };
}

async function ingestCost(server) {
  await ingestLoad(server.url, 'very-dissatisfied', WARM_UP_SECONDS);
  await ingestLoad(server.url, 'satisfied', WARM_UP_SECONDS);
  const byRating = { satisfied: [], 'very-dissatisfied': [] };
  for (const rating of SEGMENTS)
    byRating[rating].push(await ingestLoad(server.url, rating, SEGMENT_SECONDS));
  // Throughput is the mean of the two runs of a rating; latency the worse of the two.
  const summary = (runs) => ({
    responsesPerSecond: runs.reduce((sum, run) => sum + run.responsesPerSecond, 0) / runs.length,
    p50: Math.max(...runs.map((run) => run.p50)),
    p99: Math.max(...runs.map((run) => run.p99)),
    failed: runs.reduce((sum, run) => sum + run.failed, 0),
    accepted: runs.reduce((sum, run) => sum + run.accepted, 0),
  });
  const without = summary(byRating.satisfied);
  const withCases = summary(byRating['very-dissatisfied']);
  // Every very-dissatisfied answer accepted must have opened its case, or the ratio means nothing.
  const { counts } = await getJson(
    `${server.url}/v1/cases?limit=1&survey=page-feedback`,
    server.token,
  );
  const opened = counts.open + counts.assigned + counts.replied + counts.closed;
  return { without, withCases, opened };
}

// ---------------------------------------------------------------------------------------------
// 2 and 3. Reads with 20,000 cases

async function totalCases(server) {
  const { counts } = await getJson(`${server.url}/v1/cases?limit=1`, server.token);
  return counts.open + counts.assigned + counts.replied + counts.closed;
}

/** Posts low-rated batches until CASES cases are stored; resolves to receipts of those answers. */
async function fill(server) {
  let missing = CASES - (await totalCases(server));
  const receipts = [];
  const worker = async () => {
    while (missing > 0) {
      const size = Math.min(BATCH, missing);
      missing -= size;
      // Both of the two lowest levels open a case.
      const rating = receipts.length % 2 === 0 ? 'very-dissatisfied' : 'dissatisfied';
      const { status, text } = await call(`${server.url}/v1/responses`, {
        method: 'POST',
        body: batchBody(rating, size),
      });
      const results = status === 200 ? JSON.parse(text).results : [];
      if (results.filter((item) => item.status === 'accepted').length !== size) {
        throw new Error(`filling: ${status} ${text.slice(0, 300)}`);
      }
      receipts.push(results[0].receipt);
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
  return receipts;
}

/** Every case, oldest first, 1,000 at a time: the ids and the `next` of each page. */
async function walk(server) {
  const ids = [];
  const nexts = [];
  let after;
  do {
    const page = await getJson(
      `${server.url}/v1/cases?limit=1000${after === undefined ? '' : `&after=${after}`}`,
      server.token,
    );
    ids.push(...page.cases.map((item) => item.id));
    after = page.next;
    if (after !== undefined) nexts.push(Number(after));
  } while (after !== undefined);
  return { ids, nexts };
}

/** Moves the oldest cases on through the evaluator routes, a few requests at a time. */
async function moveOldest(server, ids) {
  const plan = [];
  let index = 0;
  for (const [status, count] of Object.entries(MOVES)) {
    for (let i = 0; i < count; i++, index++) {
      const id = ids[index];
      const moves =
        status === 'assigned'
          ? [['assign', { assignee: '政务服务中心综合窗口' }]]
          : [
              ['assign', { assignee: '政务服务中心综合窗口' }],
              ['reply', { text: '已联系窗口负责人整改，下周起增加午间窗口。' }],
              ...(status === 'closed' ? [['close', { note: '已回访' }]] : []),
            ];
      plan.push({ id, moves });
    }
  }
  const worker = async () => {
    for (let item = plan.shift(); item; item = plan.shift()) {
      for (const [move, body] of item.moves) {
        const { status, text } = await call(`${server.url}/v1/cases/${item.id}/${move}`, {
          method: 'POST',
          token: server.token,
          body: JSON.stringify(body),
        });
        if (status !== 200) throw new Error(`${move} ${item.id}: ${status} ${text.slice(0, 300)}`);
      }
    }
  };
  await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
}

/** Times GETs one after another; `check` sees the first answer, so that a wrong one fails loudly. */
async function timeReads(server, paths, { anonymous = false, check } = {}) {
  const token = anonymous ? undefined : server.token;
  const at = (i) => `${server.url}${paths[i % paths.length]}`;
  const first = await call(at(0), { token });
  if (first.status !== 200) {
    throw new Error(`GET ${at(0)}: ${first.status} ${first.text.slice(0, 300)}`);
  }
  check?.(JSON.parse(first.text));
  for (let i = 1; i < SAMPLES.warmUp; i++) await call(at(i), { token });
  const times = [];
  const started = performance.now();
  while (
    times.length < SAMPLES.max &&
    (times.length < SAMPLES.min || performance.now() - started < SAMPLES.budgetMs)
  ) {
    const url = at(SAMPLES.warmUp + times.length);
    const t0 = performance.now();
    const { status } = await call(url, { token });
    times.push(performance.now() - t0);
    if (status !== 200) throw new Error(`GET ${url}: ${status}`);
  }
  times.sort((a, b) => a - b);
  const pct = (p) => times[Math.min(times.length - 1, Math.ceil(p * times.length) - 1)];
  return {
    samples: times.length,
    p50: pct(0.5),
    p95: pct(0.95),
    p99: pct(0.99),
    bytes: Buffer.byteLength(first.text),
  };
}

function expect(condition, message) {
  if (!condition) throw new Error(message);
}

/**
 * Fills the store, moves the oldest page-feedback cases on, then moves the clock past every
 * deadline; resolves to what the reads need.
 */
async function prepareReads(server) {
  const receipts = await fill(server);
  const { ids, nexts } = await walk(server);
  expect(ids.length === CASES, `${ids.length} cases listed, ${CASES} expected`);
  // The demo's department evaluations opened the first cases; the page-feedback ones follow.
  const first = await getJson(`${server.url}/v1/cases?limit=1&survey=page-feedback`, server.token);
  await moveOldest(server, ids.slice(ids.indexOf(first.cases[0].id)));
  await server.shiftClock(OVERDUE_SHIFT_MS);
  return {
    receipts,
    // 1,000 cases after it: ten pages of 100 from the end.
    deep: nexts.at(-1),
    sampleIds: ids.filter((_id, i) => i % 97 === 0),
    overdue: CASES - MOVES.closed - MOVES.replied,
  };
}

function readQueries({ receipts, deep, sampleIds, overdue }) {
  const listed = (test) => (body) => {
    expect(body.cases.length === 100, `${body.cases.length} cases on the page, 100 expected`);
    expect(body.cases.every(test), 'a case on the page does not match its filter');
  };
  return [
    {
      name: 'GET /v1/cases?limit=100 (first page)',
      paths: ['/v1/cases?limit=100'],
      target: TARGET_LIST_MS,
      check(body) {
        listed(() => true)(body);
        const { open, assigned, replied, closed } = body.counts;
        expect(open + assigned + replied + closed === CASES, 'the counts do not add up');
        expect(
          body.counts.overdue === overdue,
          `${body.counts.overdue} overdue, ${overdue} expected`,
        );
      },
    },
    {
      name: 'GET /v1/cases?limit=100&after=… (deep page)',
      paths: [`/v1/cases?limit=100&after=${deep}`],
      target: TARGET_LIST_MS,
      check(body) {
        listed(() => true)(body);
        expect(body.next !== undefined, 'the deep page says it is the last');
      },
    },
    {
      name: 'GET /v1/cases?overdue=true',
      paths: ['/v1/cases?overdue=true'],
      target: TARGET_LIST_MS,
      check: listed((item) => item.overdue === true),
    },
    {
      name: 'GET /v1/cases?status=open,assigned&survey=page-feedback',
      paths: ['/v1/cases?status=open,assigned&survey=page-feedback'],
      target: TARGET_LIST_MS,
      check: listed(
        (item) => item.survey === 'page-feedback' && ['open', 'assigned'].includes(item.status),
      ),
    },
    {
      name: 'GET /v1/cases/{id}',
      paths: sampleIds.map((id) => `/v1/cases/${id}`),
      target: TARGET_ONE_MS,
      check: (body) => expect(Array.isArray(body.events), 'a case without its events'),
    },
    {
      name: 'GET /v1/receipts/{code} (opened a case)',
      paths: receipts.map((code) => `/v1/receipts/${code}`),
      target: TARGET_ONE_MS,
      anonymous: true,
      check: (body) => expect(body.followUp?.id !== undefined, 'a receipt without its case'),
    },
  ];
}

// ---------------------------------------------------------------------------------------------

const fmt = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

export async function run() {
  const dir = mkdtempSync(join(BASE_DIR, 'minyi-cases-bench-'));
  // The demo's pages are not read here; an empty folder keeps them out of the way.
  const examplesDir = dir;
  const results = [];
  const lines = [];
  const print = (line) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  const started = performance.now();
  let postgres;
  try {
    print(
      `cases bench: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; databases in ${BASE_DIR}`,
    );
    postgres = await startPostgres({ baseDir: BASE_DIR, settings: { autovacuum: 'off' } });
    for (const engine of ['SQLite', 'PostgreSQL']) {
      const db = async (name) =>
        engine === 'PostgreSQL' ? freshPostgresDb(postgres.url, name) : join(dir, `${name}.sqlite`);

      // 1. Ingest, on a database of its own, so that the reads below see exactly CASES cases.
      let server = await startServer(await db('ingest'), examplesDir);
      let cost;
      try {
        cost = await ingestCost(server);
      } finally {
        await server.stop();
      }
      const { without, withCases, opened } = cost;
      expect(
        opened >= withCases.accepted,
        `${engine}: ${withCases.accepted} low ratings accepted, but only ${opened} cases opened`,
      );
      const ratio = withCases.responsesPerSecond / without.responsesPerSecond;
      const verdict = ratio >= TARGET_RATIO ? 'PASS' : 'MISS';
      print(
        `${engine}: ingest, batches of ${BATCH}, ${CONNECTIONS} connections, ${SEGMENTS.length / 2} × ${SEGMENT_SECONDS} s per rating (autocannon)`,
      );
      for (const [label, measured] of [
        ['rated satisfied (opens no case)', without],
        ['rated very-dissatisfied (a case each)', withCases],
      ]) {
        print(
          `  ${label.padEnd(40)}${fmt(measured.responsesPerSecond).padStart(8)} responses/s   p50 ${fmt(measured.p50).padStart(4)} ms   p99 ${fmt(measured.p99).padStart(5)} ms${measured.failed ? `   [${measured.failed} failed requests]` : ''}`,
        );
      }
      print(`  ratio ${fmt(ratio, 2)} (target ≥ ${TARGET_RATIO}): ${verdict}`);
      results.push({
        case: `${engine}, ingest: cost of opening cases`,
        satisfiedPerSecond: without.responsesPerSecond,
        dissatisfiedPerSecond: withCases.responsesPerSecond,
        ratio,
        verdict,
      });

      // 2 and 3. Reads.
      const readsDb = await db('reads');
      server = await startServer(readsDb, examplesDir);
      try {
        const t0 = performance.now();
        const prepared = await prepareReads(server);
        const seconds = (performance.now() - t0) / 1000;
        print(
          `${engine}: reads with ${fmt(CASES)} cases (filled and worked through the API in ${fmt(seconds, 1)} s: ` +
            `${MOVES.assigned} assigned, ${MOVES.replied} replied, ${MOVES.closed} closed), ` +
            `clock ${OVERDUE_SHIFT_MS / 86_400_000} days on (${fmt(prepared.overdue)} overdue), one request at a time`,
        );
        const passes =
          engine === 'PostgreSQL'
            ? [
                { label: 'as filled, no planner statistics yet' },
                { label: 'after VACUUM ANALYZE', before: () => vacuumAnalyze(readsDb) },
              ]
            : [{ label: 'as filled' }];
        for (const pass of passes) {
          await pass.before?.();
          print(
            `  ${pass.label.padEnd(58)}${'p50'.padStart(6)}${'p95'.padStart(7)}${'p99'.padStart(7)} ms  requests    size  target`,
          );
          for (const query of readQueries(prepared)) {
            const read = await timeReads(server, query.paths, query);
            const verdict = read.p95 < query.target ? 'PASS' : 'MISS';
            print(
              `    ${query.name.padEnd(56)}${fmt(read.p50, 1).padStart(6)}${fmt(read.p95, 1).padStart(7)}${fmt(read.p99, 1).padStart(7)}     ${String(read.samples).padStart(8)}${`${fmt(read.bytes / 1024)} KiB`.padStart(8)}  p95 < ${query.target} ms: ${verdict}`,
            );
            results.push({
              case: `${engine}, ${pass.label}, ${query.name}`,
              p50: read.p50,
              p95: read.p95,
              p99: read.p99,
              samples: read.samples,
              verdict,
            });
          }
        }
      } finally {
        await server.stop();
      }
    }
    print(`cases bench: ${fmt((performance.now() - started) / 1000)} s in all`);
    return { name: 'cases', results, lines };
  } finally {
    agent.destroy();
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

async function withPostgres(url, work) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** One database per collector, so that each starts empty, like the SQLite files. */
async function freshPostgresDb(url, name) {
  await withPostgres(url, (client) => client.query(`CREATE DATABASE ${name}`));
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

/** What autovacuum would have done by now, had it not been turned off. */
function vacuumAnalyze(url) {
  return withPostgres(url, (client) => client.query('VACUUM ANALYZE'));
}

if (process.argv[1] === SELF) {
  const [, , mode, config] = process.argv;
  (mode === '--serve' ? serve(JSON.parse(config)) : run()).catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
