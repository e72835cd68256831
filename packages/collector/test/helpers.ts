import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { type RunningCollector, type StartOptions, startCollector } from '../src/index.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A fresh directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-collector-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** A collector on a free loopback port with its own SQLite file; closed after the test. */
export async function startTestCollector(
  options: Partial<StartOptions> = {},
): Promise<RunningCollector & { dbPath: string }> {
  const dbPath = options.dbPath ?? join(tempDir(), 'data', 'minyi.sqlite');
  const collector = await startCollector({ port: 0, logLevel: 'silent', ...options, dbPath });
  cleanups.push(() => collector.close());
  return { ...collector, close: collector.close, dbPath };
}

/** A response the schema accepts, for a survey the collector does not know unless seeded. */
export function makeResponse(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id: randomUUID(),
    survey: 'page-feedback',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject: 'portal/home',
    answers: { overall: 'satisfied' },
    locale: 'zh-Hans',
    page: 'https://www.example.gov.cn/services/permit',
    createdAt: '2025-03-14T09:26:53.589+08:00',
    sdk: '0.1.0',
    ...overrides,
  };
}

export interface ResultBody {
  results: { id: string; status: string; receipt?: string; error?: string }[];
}

/** Every body `POST /v1/responses` answers with, merged, so tests can read any of them. */
export interface ReplyBody extends Partial<ResultBody> {
  error?: string;
  issues?: { path: string; message: string }[];
  accepted?: string[];
  limit?: number;
}

export async function post(
  url: string,
  body: unknown,
  contentType = 'application/json',
  headers: Record<string, string> = {},
): Promise<{ status: number; headers: Headers; json: ReplyBody }> {
  const response = await fetch(`${url}/v1/responses`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, json: text ? JSON.parse(text) : {} };
}

export async function postResponses(url: string, ...responses: unknown[]): Promise<ResultBody> {
  const { status, json } = await post(url, { responses });
  if (status !== 200 || !json.results) {
    throw new Error(`expected 200 with results, got ${status}: ${JSON.stringify(json)}`);
  }
  return { results: json.results };
}
