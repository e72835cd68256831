// `npm test`: installs what is missing (pnpm, dependencies, Chromium), builds, then runs the
// typecheck, lint, unit, browser and end-to-end tests, and ends with `N passed, N failed`.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { bootstrap, log, ROOT } from './bootstrap.mjs';
import { chromiumPath } from './chromium.mjs';
import { startPostgres } from './postgres.mjs';

const bin = (name) => join(ROOT, 'node_modules', '.bin', name);
const reports = mkdtempSync(join(tmpdir(), 'minyi-test-'));
const totals = { passed: 0, failed: 0, skipped: 0 };
const failedSteps = [];

function ensureChromium() {
  if (chromiumPath()) return;
  if (process.getuid?.() !== 0) {
    console.error(
      'Chromium is needed for the browser tests. Install it with:\n  sudo apt-get install -y chromium',
    );
    process.exit(1);
  }
  log('installing Chromium from Debian packages');
  for (const args of [['update'], ['install', '-y', 'chromium']]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    if (result.status !== 0) process.exit(result.status ?? 1);
  }
  if (!chromiumPath()) {
    console.error('apt-get finished but /usr/bin/chromium is still missing.');
    process.exit(1);
  }
}

function step(name, command, args, env = {}) {
  log(name);
  const result = spawnSync(command, args, {
    cwd: ROOT,
    stdio: 'inherit',
    env: { ...process.env, ...env },
  });
  return result.status === 0;
}

/** A check without test cases of its own (typecheck, lint) counts as one test. */
function check(name, command, args) {
  const ok = step(name, command, args);
  totals[ok ? 'passed' : 'failed'] += 1;
  if (!ok) failedSteps.push(name);
}

function addCounts(name, ok, file, read) {
  let counts;
  try {
    counts = read(JSON.parse(readFileSync(file, 'utf8')));
  } catch {
    counts = { passed: 0, failed: 0, skipped: 0 };
  }
  // A runner that failed without reporting a failed test (a crash, an unhandled error) still fails.
  if (!ok && counts.failed === 0) counts.failed = 1;
  for (const key of Object.keys(totals)) totals[key] += counts[key] ?? 0;
  if (!ok) failedSteps.push(name);
}

function vitest(name, project, env = {}) {
  const file = join(reports, `${project}.json`);
  const ok = step(
    name,
    bin('vitest'),
    [
      'run',
      '--project',
      project,
      '--reporter=default',
      '--reporter=json',
      `--outputFile.json=${file}`,
    ],
    env,
  );
  addCounts(name, ok, file, (json) => ({
    passed: json.numPassedTests,
    failed: json.numFailedTests,
    skipped: (json.numPendingTests ?? 0) + (json.numTodoTests ?? 0),
  }));
}

function browserTests() {
  const file = join(reports, 'browser.json');
  const ok = step('browser tests (Chromium)', bin('web-test-runner'), [], {
    MINYI_WTR_SUMMARY: file,
  });
  addCounts('browser tests', ok, file, (json) => json);
}

try {
  bootstrap();
  ensureChromium();
} catch (error) {
  console.error(error.message);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

check('typecheck', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
check('lint and format (Biome)', bin('biome'), ['check', '.']);

// The collector's storage tests run against PostgreSQL as well as SQLite: a throwaway server for
// this run, stopped at the end whatever happens (fsync off: nothing here survives the run).
log('starting PostgreSQL for the collector tests');
let postgres;
try {
  postgres = await startPostgres({ settings: { fsync: 'off' } });
} catch (error) {
  console.error(error.message);
  totals.failed += 1;
  failedSteps.push('PostgreSQL');
}
const stopPostgres = () => postgres?.stop();
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, async () => {
    await stopPostgres();
    process.exit(130);
  });
}
const testEnv = postgres ? { MINYI_TEST_POSTGRES_URL: postgres.url } : {};

vitest('unit tests', 'unit', testEnv);
browserTests();
vitest('end-to-end tests', 'e2e', testEnv);
await stopPostgres();

rmSync(reports, { recursive: true, force: true });
if (failedSteps.length > 0) console.error(`\nFailed: ${failedSteps.join(', ')}`);
const skipped = totals.skipped ? `, ${totals.skipped} skipped` : '';
console.log(`\n${totals.passed} passed, ${totals.failed} failed${skipped}`);
process.exit(totals.failed > 0 || failedSteps.length > 0 ? 1 : 0);
