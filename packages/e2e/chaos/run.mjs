// `pnpm chaos [--seed N] [--answers M]`: the chaos end-to-end test at any seed and size. The test
// is TypeScript run by Vitest, so this runs Vitest on it with the choice in environment variables
// and prints the run's summary afterwards. Build first (`pnpm build`): the pages load the built
// minyi.js.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));
const TEST = 'packages/e2e/test/chaos.e2e.ts';
const MAX_SEED = 0xffff_ffff;
const MAX_ANSWERS = 1_000_000;
const USAGE = `usage: pnpm chaos [--seed N] [--answers M]
  --seed N      integer 0..${MAX_SEED}; picks faults and the scenario (default: a random one)
  --answers M   integer 1..${MAX_ANSWERS}; answers to submit (default 300)`;

class UsageError extends Error {}

/** Accepts `--flag value` and `--flag=value`; every other word is an error naming it. */
export function parseArgs(argv) {
  const options = {};
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i];
    if (word === '--help' || word === '-h') return { help: true };
    const match = /^--(seed|answers)(?:=(.*))?$/.exec(word);
    if (!match) throw new UsageError(`unknown argument ${JSON.stringify(word)}`);
    const [, name, inline] = match;
    if (name in options) throw new UsageError(`--${name} given twice`);
    const value = inline ?? argv[++i];
    if (value === undefined || value === '') throw new UsageError(`--${name} needs a value`);
    const [min, max] = name === 'seed' ? [0, MAX_SEED] : [1, MAX_ANSWERS];
    if (!/^\d+$/.test(value) || Number(value) < min || Number(value) > max) {
      throw new UsageError(
        `--${name} must be an integer from ${min} to ${max}, not ${JSON.stringify(value)}`,
      );
    }
    options[name] = Number(value);
  }
  return options;
}

function vitestBin() {
  const require = createRequire(join(ROOT, 'package.json'));
  return join(dirname(require.resolve('vitest/package.json')), 'vitest.mjs');
}

function printSummary(summary, exitCode, wallMs) {
  const { proxy } = summary;
  const seconds = (ms) => `${(ms / 1000).toFixed(1)} s`;
  const lines = [
    `chaos seed ${summary.seed}: ${exitCode === 0 ? 'PASS' : 'FAIL'}`,
    `  answers         ${summary.answers} (tab a ${summary.answersByTab[0]}, tab b ${summary.answersByTab[1]})`,
    `  requests        ${proxy.ingestRequests} to POST /v1/responses, carrying ${proxy.answersCarried} answers (${proxy.keepaliveRequests} keepalive from closing pages)`,
    `  faults          503 ${proxy.fates.unavailable}, stored-then-500 ${proxy.fates['stored-then-500']}, hang ${proxy.fates.hang} (${proxy.hangsAbandoned} timed out by the page), reset ${proxy.fates.reset}; passed ${proxy.fates.pass}`,
    `  reloads         ${summary.reloads}, ${summary.midRequestReloads} with the tab's request held open (${summary.midRequestReloadsWithoutRequest} found no request to hold)`,
    `  offline spells  ${summary.offlineSpells}`,
    `  time            ${seconds(summary.scenarioMs)} scenario, ${seconds(summary.settleMs)} final drain, ${seconds(summary.totalMs)} in all (${seconds(wallMs)} with Vitest)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function main() {
  let options;
  try {
    options = parseArgs(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(`chaos: ${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (options.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const seed = options.seed ?? Math.floor(Math.random() * MAX_SEED);
  const answers = options.answers ?? 300;
  process.stdout.write(`chaos: seed ${seed}, ${answers} answers (repeat with --seed ${seed})\n`);

  const dir = mkdtempSync(join(tmpdir(), 'minyi-chaos-report-'));
  const report = join(dir, 'summary.json');
  const began = Date.now();
  try {
    const exitCode = await new Promise((resolve, reject) => {
      const child = spawn(process.execPath, [vitestBin(), 'run', '--project', 'e2e', TEST], {
        cwd: ROOT,
        stdio: 'inherit',
        env: {
          ...process.env,
          MINYI_CHAOS_SEED: String(seed),
          MINYI_CHAOS_ANSWERS: String(answers),
          MINYI_CHAOS_REPORT: report,
          MINYI_CHAOS_PROGRESS: '1',
        },
      });
      child.once('error', reject);
      child.once('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    });
    let summary;
    try {
      summary = JSON.parse(readFileSync(report, 'utf8'));
    } catch {
      process.stdout.write(`chaos seed ${seed}: FAIL before the run finished (see above)\n`);
      return exitCode || 1;
    }
    printSummary(summary, exitCode, Date.now() - began);
    return exitCode;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  process.exitCode = await main();
}
