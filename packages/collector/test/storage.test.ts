import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../src/canonical.js';
import {
  DEMO_SURVEY,
  type NewResponse,
  openSqliteStore,
  StorageOpenError,
  SurveyConflictError,
  SurveyValidationError,
} from '../src/index.js';
import { makeResponse, postResponses, startTestCollector, tempDir } from './helpers.js';

function newResponse(overrides: Partial<NewResponse> = {}): NewResponse {
  const submitted = makeResponse();
  return {
    id: submitted.id as string,
    survey: 'page-feedback',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject: 'portal/home',
    group: 'resident',
    createdAt: submitted.createdAt as string,
    json: JSON.stringify(submitted),
    contentHash: contentHash(submitted),
    ...overrides,
  };
}

describe('persistence', () => {
  it('still knows a stored id after a restart on the same file', async () => {
    const first = await startTestCollector();
    const response = makeResponse();
    const accepted = await postResponses(first.url, response);
    await first.close();

    const second = await startTestCollector({ dbPath: first.dbPath });
    const again = await postResponses(second.url, response);
    expect(again.results[0]).toEqual({
      id: response.id,
      status: 'duplicate',
      receipt: accepted.results[0]!.receipt,
    });
    expect(await second.storage.countResponses()).toBe(1);
  });

  it('creates the folder, runs each migration once and sets the pragmas', async () => {
    const path = join(tempDir(), 'nested', 'deeper', 'minyi.sqlite');
    await (await openSqliteStore(path)).close();
    await (await openSqliteStore(path)).close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual([
        { version: 1, name: 'responses and surveys' },
      ]);
      expect(db.pragma('journal_mode', { simple: true })).toBe('wal');
      const columns = db.prepare('PRAGMA table_info(responses)').all() as { name: string }[];
      expect(columns.map((c) => c.name)).toEqual([
        'id',
        'survey',
        'survey_version',
        'kind',
        'subject',
        'respondent_group',
        'created_at',
        'received_at',
        'body',
        'content_hash',
        'receipt',
      ]);
    } finally {
      db.close();
    }
  });

  it('refuses a database migrated by a newer collector', async () => {
    const path = join(tempDir(), 'minyi.sqlite');
    await (await openSqliteStore(path)).close();
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations VALUES (99, 'from the future', '2030-01-01')").run();
    db.close();
    await expect(openSqliteStore(path)).rejects.toThrow(/version 99, newer than this collector/);
  });

  it('reports a path it cannot create as a StorageOpenError naming the path', async () => {
    const file = join(tempDir(), 'a-file');
    writeFileSync(file, '');
    const path = join(file, 'minyi.sqlite');
    const error = await openSqliteStore(path).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StorageOpenError);
    expect((error as Error).message).toContain(path);
  });

  it('reports a file that is not a database', async () => {
    const path = join(tempDir(), 'not.sqlite');
    writeFileSync(path, 'this is not a database, it is a long enough text file. '.repeat(40));
    await expect(openSqliteStore(path)).rejects.toThrow(StorageOpenError);
  });
});

describe('storeBatch', () => {
  it('retries when a fresh receipt clashes with a stored one', async () => {
    const codes = ['AAAA-AAAA-AAAA', 'AAAA-AAAA-AAAA', 'BBBB-BBBB-BBBB'];
    const store = await openSqliteStore(':memory:', { generateReceipt: () => codes.shift()! });
    try {
      const outcomes = await store.storeBatch([newResponse(), newResponse()]);
      expect(outcomes).toEqual([
        { stored: 'inserted', receipt: 'AAAA-AAAA-AAAA' },
        { stored: 'inserted', receipt: 'BBBB-BBBB-BBBB' },
      ]);
      expect(await store.countResponses()).toBe(2);
    } finally {
      await store.close();
    }
  });

  it('gives up on a generator that keeps clashing, storing nothing of the batch', async () => {
    const store = await openSqliteStore(':memory:', { generateReceipt: () => 'AAAA-AAAA-AAAA' });
    try {
      await store.storeBatch([newResponse()]);
      await expect(store.storeBatch([newResponse(), newResponse()])).rejects.toThrow(/UNIQUE/);
      expect(await store.countResponses()).toBe(1);
    } finally {
      await store.close();
    }
  });

  it('reports an existing id with its stored receipt and fingerprint', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      const item = newResponse();
      const [inserted] = await store.storeBatch([item]);
      const [existing] = await store.storeBatch([{ ...item, contentHash: 'different' }]);
      expect(existing).toEqual({
        stored: 'existing',
        receipt: inserted!.receipt,
        contentHash: item.contentHash,
      });
      expect((await store.listResponses())[0]).toMatchObject({ group: 'resident' });
    } finally {
      await store.close();
    }
  });
});

describe('surveys', () => {
  it('validates definitions, keeps versions immutable and re-puts as no-ops', async () => {
    const store = await openSqliteStore(':memory:');
    try {
      expect((await store.putSurvey(DEMO_SURVEY)).status).toBe('created');
      const reordered = Object.fromEntries(Object.entries(DEMO_SURVEY).reverse());
      expect((await store.putSurvey(reordered)).status).toBe('unchanged');
      await expect(
        store.putSurvey({ ...DEMO_SURVEY, title: { en: 'Something else' } }),
      ).rejects.toThrow(SurveyConflictError);

      const invalid = await store
        .putSurvey({
          ...DEMO_SURVEY,
          version: 2,
          dimensions: [{ id: 'x', label: { en: 'X' }, scale: 'nope' }],
        })
        .catch((e: unknown) => e);
      expect(invalid).toBeInstanceOf(SurveyValidationError);
      expect((invalid as SurveyValidationError).issues).toEqual([
        { path: 'dimensions[0].scale', message: expect.stringContaining('built-in scale') },
      ]);

      expect(await store.hasSurvey('page-feedback')).toBe(true);
      expect(await store.hasSurvey('other')).toBe(false);
      await store.putSurvey({ ...DEMO_SURVEY, id: 'retired' }, { active: false });
      expect(await store.hasSurvey('retired')).toBe(true);
      expect(await store.getSurvey('retired')).toBeUndefined();
      expect((await store.getSurvey('retired', 1))?.active).toBe(false);
    } finally {
      await store.close();
    }
  });
});
