// Benchmark: accepted responses per second through the built collector, over loopback, for
// batches of 1 and of 50, with SQLite and with PostgreSQL, beside a bare node:http +
// better-sqlite3 server measured in the same run (target: at least 60% of its throughput with
// every check on), and the collector's memory over a 30-second run.
//
//   node packages/collector/bench/collector-bench.mjs      (after `pnpm build`, as `pnpm bench` does)
//
// Each server is a child process on its own core; autocannon loads it from this process with
// fresh response ids on every request. Rate limits are off (all load comes from one address);
// everything else (parsing, schema and survey validation, scrubbing, idempotency, receipts, one
// transaction per request, request logs) is on. Also importable: `run()` resolves to
// { name: 'collector', results: [...] }.
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import autocannon from 'autocannon';
import { startPostgres } from '../../../scripts/postgres.mjs';

const BIN = fileURLToPath(new URL('../bin/minyi-collector.js', import.meta.url));
const BASELINE = fileURLToPath(new URL('./baseline-server.mjs', import.meta.url));
const DIST = new URL('../dist/index.js', import.meta.url);

const CASE_SECONDS = 7;
/** Unmeasured load first, so that every server is measured with its code compiled. */
const WARM_UP_SECONDS = 2;
const MEMORY_SECONDS = 30;
const CONNECTIONS = 16;
const TARGET_RATIO = 0.6;
const BATCHES = [1, 50];

/** A page-feedback response with a comment, so that scrubbing runs too; the id is replaced. */
function template() {
  return JSON.stringify({
    id: '00000000-0000-4000-8000-000000000000',
    survey: 'page-feedback',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject: 'portal/home',
    answers: { overall: 'satisfied' },
    comment: '窗口工作人员很耐心，办事效率高。',
    locale: 'zh-Hans',
    page: 'https://www.example.gov.cn/services/permit',
    createdAt: new Date().toISOString().replace('Z', '+00:00'),
    sdk: '0.1.0',
  });
}

function batchBody(size) {
  const [before, after] = template().split('00000000-0000-4000-8000-000000000000');
  const items = Array.from({ length: size }, () => `${before}${randomUUID()}${after}`);
  return `{"responses":[${items.join(',')}],"device":"bench-device-0001"}`;
}

/** Starts a server process and resolves once it prints `listening on URL`. */
async function startServer(command, args) {
  const child = spawn(process.execPath, [command, ...args], {
    stdio: ['ignore', 'pipe', 'ignore'],
  });
  const line = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`${command} exited with ${code}`)));
  });
  return {
    url: line.replace('listening on ', ''),
    pid: child.pid,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
  return kb / 1024;
}

async function load(url, batch, seconds, onSecond) {
  let ticks = 0;
  const instance = autocannon({
    url: `${url}/v1/responses`,
    connections: CONNECTIONS,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest(request) {
          request.body = batchBody(batch);
          return request;
        },
      },
    ],
  });
  instance.on('tick', () => onSecond?.(++ticks));
  const result = await instance;
  const seconds_ = result.duration;
  return {
    requestsPerSecond: result['2xx'] / seconds_,
    responsesPerSecond: (result['2xx'] * batch) / seconds_,
    ok: result['2xx'],
    failed: result.non2xx + result.errors + result.timeouts,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

async function collectorCase(db, dir) {
  return startServer(BIN, [
    'serve',
    '--port=0',
    `--db=${db}`,
    '--demo',
    `--examples=${dir}`,
    '--rate-limit-address=0',
    '--rate-limit-device=0',
  ]);
}

/** Every response a collector case answered with 2xx must be stored, or the number means nothing. */
async function storedCount(db) {
  const { openStore } = await import(DIST.href);
  const store = await openStore(db);
  try {
    return await store.countResponses();
  } finally {
    await store.close();
  }
}

const fmt = (value, digits = 0) =>
  value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/**
 * The SQLite files and PostgreSQL's data go to memory-backed /dev/shm where there is one, so that
 * the figures compare the work of the servers rather than a virtual machine's disk (whose fsyncs
 * otherwise decide every number); MINYI_BENCH_DIR chooses another place. Both engines keep their
 * durable settings (WAL with synchronous NORMAL; synchronous_commit on).
 */
const BASE_DIR = process.env.MINYI_BENCH_DIR ?? (existsSync('/dev/shm') ? '/dev/shm' : tmpdir());

export async function run() {
  const dir = mkdtempSync(join(BASE_DIR, 'minyi-collector-bench-'));
  const results = [];
  const lines = [];
  const print = (line) => {
    lines.push(line);
    process.stdout.write(`${line}\n`);
  };
  let postgres;
  try {
    print(
      `collector bench: ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown'}), Node ${process.version}; ` +
        `${CASE_SECONDS} s per case after ${WARM_UP_SECONDS} s of warm-up, ${CONNECTIONS} connections, autocannon; databases in ${BASE_DIR}`,
    );
    postgres = await startPostgres({ baseDir: BASE_DIR });
    const baseline = {};
    const header = `${'case'.padEnd(34)}${'requests/s'.padStart(12)}${'responses/s'.padStart(13)}${'p50 ms'.padStart(8)}${'p99 ms'.padStart(8)}  vs baseline`;
    print(header);
    const targets = [
      { name: 'baseline node:http + better-sqlite3', kind: 'baseline' },
      { name: 'collector, SQLite', kind: 'sqlite' },
      { name: 'collector, PostgreSQL', kind: 'postgres' },
    ];
    let memory;
    for (const target of targets) {
      for (const batch of BATCHES) {
        const db =
          target.kind === 'postgres'
            ? await freshPostgresDb(postgres.url, `bench_${batch}`)
            : join(dir, `${target.kind}-${batch}.sqlite`);
        const server =
          target.kind === 'baseline'
            ? await startServer(BASELINE, [db])
            : await collectorCase(db, dir);
        let measured;
        // Responses answered outside the measured case, for the check of what was stored.
        let extra = 0;
        let loads = 2;
        try {
          const warmUp = await load(server.url, batch, WARM_UP_SECONDS);
          extra += warmUp.ok;
          measured = await load(server.url, batch, CASE_SECONDS);
          // Memory: the SQLite collector, warmed up by the case just run, loaded for 30 s more.
          if (target.kind === 'sqlite' && batch === 1) {
            memory = await memoryRun(server);
            extra += memory.ok;
            loads += 1;
          }
        } finally {
          await server.stop();
        }
        const label = `${target.name}, batch ${batch}`;
        let ratio = '';
        let verdict;
        if (target.kind === 'baseline') {
          baseline[batch] = measured.responsesPerSecond;
        } else {
          // Requests still in flight when the clock stops are stored but not counted.
          const answered = (measured.ok + extra) * batch;
          const stored = await storedCount(db);
          // Each load may leave a request per connection in flight when its clock stops.
          if (stored < answered || stored > answered + loads * CONNECTIONS * batch) {
            throw new Error(`${label}: ${answered} answered but ${stored} stored`);
          }
          const value = measured.responsesPerSecond / baseline[batch];
          verdict = value >= TARGET_RATIO ? 'PASS' : 'MISS';
          ratio = `${fmt(value * 100)}% (target ${TARGET_RATIO * 100}%: ${verdict})`;
        }
        if (measured.failed > 0) ratio += ` [${measured.failed} failed requests]`;
        print(
          `${label.padEnd(34)}${fmt(measured.requestsPerSecond).padStart(12)}${fmt(measured.responsesPerSecond).padStart(13)}${fmt(measured.p50, 1).padStart(8)}${fmt(measured.p99, 1).padStart(8)}  ${ratio}`,
        );
        results.push({ case: label, batch, ...measured, ...(verdict ? { verdict } : {}) });
      }
    }
    const { samples } = memory;
    const at = (second) => samples.find((sample) => sample.second >= second) ?? samples.at(-1);
    const [start, tenth, end] = [samples[0], at(10), samples.at(-1)];
    const max = Math.max(...samples.map((sample) => sample.rss));
    const growth = end.rss - start.rss;
    const lateGrowth = end.rss - tenth.rss;
    const signed = (mb) => `${mb >= 0 ? '+' : ''}${fmt(mb, 1)}`;
    print(
      `memory, collector SQLite batch 1, ${MEMORY_SECONDS} s after the warm-up case (${fmt(memory.requestsPerSecond)} requests/s): ` +
        `RSS ${[0, 10, 20, MEMORY_SECONDS].map((second) => `${fmt(at(second).rss, 1)}`).join(' / ')} MB at 0 / 10 / 20 / ${MEMORY_SECONDS} s; ` +
        `growth ${signed(growth)} MB (${signed(lateGrowth)} MB over the last ${MEMORY_SECONDS - 10} s), max ${fmt(max, 1)} MB`,
    );
    results.push({
      case: 'memory',
      startMb: start.rss,
      endMb: end.rss,
      maxMb: max,
      growthMb: growth,
      lateGrowthMb: lateGrowth,
    });
    return { name: 'collector', results, lines };
  } finally {
    await postgres?.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

/** RSS of the server process each second of a 30-second load of single responses. */
async function memoryRun(server) {
  const samples = [{ second: 0, rss: rssMb(server.pid) }];
  const measured = await load(server.url, 1, MEMORY_SECONDS, (second) => {
    samples.push({ second, rss: rssMb(server.pid) });
  });
  return { ...measured, samples };
}

/** One database per case, so that each starts empty, like the SQLite files. */
async function freshPostgresDb(url, name) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(`CREATE DATABASE ${name}`);
  } finally {
    await client.end();
  }
  const target = new URL(url);
  target.pathname = `/${name}`;
  return target.toString();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  run().catch((error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exit(1);
  });
}
