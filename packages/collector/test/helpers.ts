import { randomBytes, randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, afterEach } from 'vitest';
import { type RunningPostgres, startPostgres } from '../../../scripts/postgres.mjs';
import {
  type RunningCollector,
  type StartOptions,
  type Store,
  seedDemo,
  startCollector,
} from '../src/index.js';
import { hashToken, issueToken } from '../src/tokens.js';

const cleanups: (() => Promise<void> | void)[] = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Runs after the current test (or, registered in a hook, after the test that ran it). */
export function onCleanup(cleanup: () => Promise<void> | void): void {
  cleanups.push(cleanup);
}

const fileCleanups: (() => Promise<void> | void)[] = [];

/**
 * Runs `setup` (typically in a `beforeAll`) and keeps what it made until the test file ends, not
 * just the next test: for a server or database that several tests share.
 */
export async function forTheFile<T>(setup: () => Promise<T>): Promise<T> {
  const before = cleanups.length;
  try {
    return await setup();
  } finally {
    fileCleanups.push(...cleanups.splice(before));
  }
}

/** A fresh directory, removed after the test. */
export function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'minyi-collector-'));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/**
 * PostgreSQL for the tests: the server `npm test` started (`MINYI_TEST_POSTGRES_URL`), or, when
 * run on its own outside CI, one started for this test file. In CI a missing URL is a failure, so
 * that the PostgreSQL half of the suite can never be skipped without anyone noticing.
 */
let postgres: Promise<{ url: string; admin: pg.Pool }> | undefined;
let ownServer: RunningPostgres | undefined;

function postgresBase(): Promise<{ url: string; admin: pg.Pool }> {
  postgres ??= (async () => {
    let url = process.env.MINYI_TEST_POSTGRES_URL;
    if (!url) {
      if (process.env.CI === 'true') {
        throw new Error(
          'MINYI_TEST_POSTGRES_URL is not set: in CI the PostgreSQL tests must run (npm test starts PostgreSQL and sets it)',
        );
      }
      ownServer = await startPostgres({ settings: { fsync: 'off' } });
      url = ownServer.url;
    }
    const admin = new pg.Pool({ connectionString: url, max: 2 });
    return { url, admin };
  })();
  return postgres;
}

afterAll(async () => {
  for (const cleanup of fileCleanups.splice(0).reverse()) await cleanup();
  if (!postgres) return;
  const { admin } = await postgres.catch(() => ({ admin: undefined }));
  await admin?.end();
  await ownServer?.stop();
  postgres = undefined;
  ownServer = undefined;
});

/**
 * A PostgreSQL URL to an empty schema of its own, dropped after the test: tests run in parallel
 * on one server without seeing each other's rows.
 */
export async function postgresDb(): Promise<string> {
  const { url, admin } = await postgresBase();
  const schema = `t_${randomBytes(6).toString('hex')}`;
  await admin.query(`CREATE SCHEMA ${schema}`);
  cleanups.push(async () => {
    await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  });
  const target = new URL(url);
  target.searchParams.set('options', `-c search_path=${schema}`);
  return target.toString();
}

export interface Adapter {
  readonly name: 'sqlite' | 'postgres';
  /** A new, empty database: a file path or a URL, as `--db` takes it. */
  db(): Promise<string>;
}

export const SQLITE: Adapter = {
  name: 'sqlite',
  db: async () => join(tempDir(), 'data', 'minyi.sqlite'),
};
export const POSTGRES: Adapter = { name: 'postgres', db: postgresDb };
/** Every storage adapter: the suites that take this run once per engine. */
export const ADAPTERS: readonly Adapter[] = [SQLITE, POSTGRES];

/**
 * A collector on a free loopback port with its own database; closed after the test. The demo's
 * surveys and consultation are stored unless `seed` is false, since responses are only taken
 * for surveys the collector knows.
 */
export async function startTestCollector(
  options: Partial<StartOptions> & { adapter?: Adapter; seed?: boolean } = {},
): Promise<RunningCollector & { dbPath: string }> {
  const { adapter = SQLITE, seed = true, ...rest } = options;
  const dbPath = rest.dbPath ?? (await adapter.db());
  const collector = await startCollector({ port: 0, logLevel: 'silent', ...rest, dbPath });
  cleanups.push(() => collector.close());
  if (seed) await seedDemo(collector.storage);
  return { ...collector, close: collector.close, dbPath };
}

/** Stores a token directly, as `minyi-collector token create` does, and returns the secret. */
export async function makeToken(
  store: Store,
  role: 'evaluator' | 'admin',
  options: {
    surveys?: string[];
    subjects?: string[];
    expiresAt?: string;
    revoked?: boolean;
  } = {},
): Promise<string> {
  const issued = issueToken(role);
  expectHash(issued.token, issued.hash);
  await store.createToken({
    id: issued.id,
    hash: issued.hash,
    role,
    surveys: options.surveys ?? [],
    subjects: options.subjects ?? [],
    note: undefined,
    createdAt: new Date().toISOString(),
    expiresAt: options.expiresAt,
  });
  if (options.revoked) await store.revokeToken(issued.id, new Date().toISOString());
  return issued.token;
}

function expectHash(token: string, hash: string): void {
  if (hashToken(token) !== hash) throw new Error('issueToken() hashed the token differently');
}

/** A response to the demo survey `page-feedback`, which tests seed with `demo: true`. */
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

/** A response to the demo evaluation `department-evaluation`. */
export function makeEvaluation(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return makeResponse({
    survey: 'department-evaluation',
    kind: 'evaluation',
    subject: 'civil-affairs',
    group: 'resident',
    answers: {
      attitude: 'satisfied',
      efficiency: 'very-satisfied',
      openness: 'basically-satisfied',
      outcome: 'N/A',
    },
    ...overrides,
  });
}

/** An opinion on the demo consultation `elevator-retrofit`. */
export function makeOpinion(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return makeResponse({
    survey: 'elevator-retrofit',
    kind: 'consultation',
    subject: 'elevator-retrofit',
    answers: { position: 'support' },
    ...overrides,
  });
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
  retryAfter?: number;
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

/** A JSON request with an optional bearer token; the body is parsed when there is one. */
export async function api(
  url: string,
  method: string,
  path: string,
  options: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
): Promise<{ status: number; headers: Headers; text: string; json: Record<string, unknown> }> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.token) headers.authorization = `Bearer ${options.token}`;
  if (options.body !== undefined) headers['content-type'] ??= 'application/json';
  const response = await fetch(`${url}${path}`, {
    method,
    headers,
    ...(options.body === undefined
      ? {}
      : { body: typeof options.body === 'string' ? options.body : JSON.stringify(options.body) }),
  });
  // Kept byte for byte: a CSV's byte order mark is part of what is tested.
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await response.arrayBuffer());
  let json: Record<string, unknown> = {};
  try {
    json = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    // CSV and NDJSON bodies are read from `text`.
  }
  return { status: response.status, headers: response.headers, text, json };
}
