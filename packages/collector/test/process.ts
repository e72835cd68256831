import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { onCleanup, tempDir } from './helpers.js';

export const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
export const ROOT = resolve(PACKAGE, '../..');
export const BIN = join(PACKAGE, 'bin', 'minyi-collector.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
const LOCK = join(
  tmpdir(),
  `minyi-collector-build-${Buffer.from(ROOT).toString('hex').slice(-16)}`,
);

function newestSource(dir: string): number {
  const files = readdirSync(dir, { recursive: true, encoding: 'utf8' });
  return Math.max(0, ...files.map((file) => statSync(join(dir, file)).mtimeMs));
}

function buildIfStale(pkg: string, entry: string): void {
  const dir = join(ROOT, 'packages', pkg);
  const output = join(dir, 'dist', entry);
  const built = existsSync(output) ? statSync(output).mtimeMs : 0;
  if (newestSource(join(dir, 'src')) > built) {
    execFileSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.build.json')]);
  }
}

/**
 * Builds the schema's and the collector's dist/ when missing or older than their sources, so
 * that the command runs the current code. Test files run in parallel; a lock folder keeps two of
 * them from compiling into the same dist/ at once.
 */
export async function ensureBuilt(): Promise<void> {
  const started = Date.now();
  for (;;) {
    try {
      mkdirSync(LOCK);
      break;
    } catch {
      // A lock older than a build can take was left by a killed run.
      if (existsSync(LOCK) && Date.now() - statSync(LOCK).mtimeMs > 120_000) {
        rmSync(LOCK, { recursive: true, force: true });
      }
      if (Date.now() - started > 180_000) throw new Error(`build lock ${LOCK} is held`);
      await new Promise((done) => setTimeout(done, 200));
    }
  }
  try {
    buildIfStale('schema', 'index.js');
    buildIfStale('collector', 'cli.js');
  } finally {
    rmSync(LOCK, { recursive: true, force: true });
  }
}

export interface Cli {
  readonly child: ChildProcess;
  readonly firstLine: Promise<string>;
  readonly exit: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

export function runCli(args: string[], env: Record<string, string> = {}, input?: string): Cli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: tempDir(),
    env: { ...process.env, ...env },
    stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'],
  });
  if (input !== undefined) child.stdin!.end(input);
  // A test that fails half-way must not leave a server running.
  onCleanup(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    const check = () => {
      const end = stdout.indexOf('\n');
      if (end !== -1) resolveLine(stdout.slice(0, end));
    };
    child.stdout!.on('data', check);
    exit.then((code) => reject(new Error(`exited with ${code} before a line: ${stderr}`)));
  });
  firstLine.catch(() => {});
  return { child, firstLine, exit, stdout: () => stdout, stderr: () => stderr };
}

/** Runs a command to its end; resolves with its exit code and output. */
export async function runToEnd(
  args: string[],
  input?: string,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const cli = runCli(args, {}, input);
  const code = await cli.exit;
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}
