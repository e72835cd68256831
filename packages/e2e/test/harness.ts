import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { openSqliteStore, type StoredResponse } from '@minyi/collector';
import { type Browser, chromium } from 'playwright-core';
import { launchOptions } from '../../../scripts/chromium.mjs';

const CLI = fileURLToPath(new URL('../../collector/bin/minyi-collector.js', import.meta.url));

export interface CollectorProcess {
  readonly url: string;
  readonly dbPath: string;
  readonly child: ChildProcess;
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
  const firstLine = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.once('line', resolve);
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${stderr}`)));
  });
  const match = /^listening on (http:\/\/\S+)$/.exec(firstLine);
  if (!match) throw new Error(`unexpected first line from the collector: ${firstLine}`);
  return {
    url: match[1]!,
    dbPath,
    child,
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
