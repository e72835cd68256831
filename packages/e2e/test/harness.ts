import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import {
  openSqliteStore,
  type RunningCollector,
  type StoredResponse,
  startCollector,
} from '@minyi/collector';
import { type Browser, chromium, type Page } from 'playwright-core';
import { launchOptions } from '../../../scripts/chromium.mjs';

const CLI = fileURLToPath(new URL('../../collector/bin/minyi-collector.js', import.meta.url));

export interface CollectorProcess {
  readonly url: string;
  readonly dbPath: string;
  readonly child: ChildProcess;
  /** The evaluator token `serve --demo` prints after its first line. */
  demoToken(): Promise<string>;
  stop(): Promise<void>;
}

/** Starts the built collector's command line on a free port with a fresh database. */
export async function startCollectorProcess(extraArgs: string[] = []): Promise<CollectorProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-e2e-'));
  const dbPath = join(dir, 'minyi.sqlite');
  const child = spawn(
    process.execPath,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--db', dbPath, '--demo', ...extraArgs],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const lines: string[] = [];
  const onLine = new Set<() => void>();
  createInterface({ input: child.stdout! }).on('line', (line) => {
    lines.push(line);
    for (const wake of onLine) wake();
  });
  const exited = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${stderr}`)));
  });
  // Stopping the collector ends it too, with nobody waiting for a line: not an error then.
  exited.catch(() => {});
  const line = (accept: (line: string) => boolean) =>
    Promise.race([
      exited,
      new Promise<string>((resolve) => {
        const look = () => {
          const found = lines.find(accept);
          if (found === undefined) return;
          onLine.delete(look);
          resolve(found);
        };
        onLine.add(look);
        look();
      }),
    ]);
  const firstLine = await line(() => true);
  const match = /^listening on (http:\/\/\S+)$/.exec(firstLine);
  if (!match) throw new Error(`unexpected first line from the collector: ${firstLine}`);
  return {
    url: match[1]!,
    dbPath,
    child,
    async demoToken() {
      const printed = await line((text) => text.startsWith('demo evaluator token: '));
      return printed.slice('demo evaluator token: '.length);
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * What the collector has stored for the portal's `page-feedback` survey (or the surveys given),
 * read through its own storage adapter. The demo also stores answers of its own to other surveys.
 */
export async function storedResponses(
  dbPath: string,
  surveys: readonly string[] = ['page-feedback'],
): Promise<StoredResponse[]> {
  const store = await openSqliteStore(dbPath);
  try {
    return await store.listResponses({ surveys });
  } finally {
    await store.close();
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch(launchOptions());
}

export async function eventually<T>(
  read: () => Promise<T>,
  accept: (value: T) => boolean,
  what: string,
  ms = 20_000,
): Promise<T> {
  const start = Date.now();
  for (;;) {
    const value = await read();
    if (accept(value)) return value;
    if (Date.now() - start > ms)
      throw new Error(`timed out waiting for ${what}; last: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Runs the built collector's command line to its end and returns what it printed on stdout. */
export async function collectorCommand(args: readonly string[]): Promise<string> {
  const { stdout } = await promisify(execFile)(process.execPath, [CLI, ...args]);
  return stdout;
}

export interface TokenListing {
  readonly id: string;
  readonly role: string;
  readonly scope: string;
  readonly status: string;
  readonly note: string;
}

/** `minyi-collector token list`, read by the columns of its header. */
export async function listTokens(dbPath: string): Promise<TokenListing[]> {
  const [header, ...rows] = (await collectorCommand(['token', 'list', '--db', dbPath]))
    .split('\n')
    .filter(Boolean);
  const start = (title: string) => header!.indexOf(title);
  const cell = (row: string, title: string, next?: string) =>
    row.slice(start(title), next === undefined ? undefined : start(next)).trim();
  return rows.map((row) => ({
    id: cell(row, 'ID', 'ROLE'),
    role: cell(row, 'ROLE', 'SCOPE'),
    scope: cell(row, 'SCOPE', 'EXPIRES'),
    status: cell(row, 'STATUS', 'LAST USED'),
    note: cell(row, 'NOTE'),
  }));
}

/**
 * A token made as an operator makes one (`minyi-collector token create`), with the public id
 * `token list` shows for it: the id the collector names in a case's log.
 */
export async function createToken(
  dbPath: string,
  role: 'evaluator' | 'admin',
  options: { surveys?: readonly string[]; note?: string } = {},
): Promise<{ token: string; id: string }> {
  const before = new Set((await listTokens(dbPath)).map((token) => token.id));
  const args = ['token', 'create', '--db', dbPath, '--role', role];
  for (const survey of options.surveys ?? []) args.push('--survey', survey);
  if (options.note !== undefined) args.push('--note', options.note);
  const token = (await collectorCommand(args)).trim();
  const made = (await listTokens(dbPath)).filter((listed) => !before.has(listed.id));
  if (made.length !== 1) throw new Error(`expected one new token, found ${made.length}`);
  return { token, id: made[0]!.id };
}

export interface MovableCollector extends RunningCollector {
  readonly dbPath: string;
  /** Moves the collector's clock so that its "now" is `instant` (and runs on from there). */
  setNow(instant: number): void;
}

/**
 * The collector in this process with the demo, no rate limits and a clock the test moves:
 * deadlines weeks away are reached without waiting for them.
 */
export async function startMovableCollector(): Promise<MovableCollector> {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-e2e-'));
  const dbPath = join(dir, 'minyi.sqlite');
  let offsetMs = 0;
  const collector = await startCollector({
    dbPath,
    demo: true,
    port: 0,
    now: () => new Date(Date.now() + offsetMs),
    logLevel: 'silent',
    rateLimit: { perAddress: 0, perDevice: 0 },
  });
  return {
    ...collector,
    dbPath,
    setNow(instant) {
      offsetMs = instant - Date.now();
    },
    async close() {
      await collector.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/**
 * A JSON request to the collector, with a bearer token when one is given. `T` is the body the
 * test expects; error answers are `{ error }` whatever it says.
 */
export async function api<T = { error?: string }>(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown } = {},
): Promise<{ status: number; headers: Headers; text: string; json: T }> {
  const headers: Record<string, string> = {};
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
  });
  const text = await response.text();
  return {
    status: response.status,
    headers: response.headers,
    text,
    json: JSON.parse(text) as T,
  };
}

/** Records each response the page's widgets submit, exactly as serialised. */
export async function recordSubmissions(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const target = window as unknown as { submitted: string[] };
    target.submitted = [];
    document.addEventListener('minyi-submit', (event) => {
      target.submitted.push(JSON.stringify((event as CustomEvent).detail.response));
    });
  });
  return () => page.evaluate(() => (window as unknown as { submitted: string[] }).submitted);
}
