import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../src/canonical.js';
import {
  DEMO_EVALUATION,
  DEMO_SURVEY,
  DEMO_TOPIC,
  type NewResponse,
  openSqliteStore,
  openStore,
  StorageOpenError,
  type Store,
  SurveyConflictError,
  SurveyValidationError,
} from '../src/index.js';
import { SQLITE_MIGRATIONS } from '../src/migrations/sqlite.js';
import type { OpenStoreOptions } from '../src/open-store.js';
import {
  ADAPTERS,
  type Adapter,
  makeResponse,
  onCleanup,
  POSTGRES,
  postResponses,
  SQLITE,
  startTestCollector,
  tempDir,
} from './helpers.js';

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
    createdMs: Date.parse(submitted.createdAt as string),
    json: JSON.stringify(submitted),
    contentHash: contentHash(submitted),
    capKey: undefined,
    ...overrides,
  };
}

async function openTestStore(adapter: Adapter, options: OpenStoreOptions = {}): Promise<Store> {
  const store = await openStore(await adapter.db(), options);
  onCleanup(() => store.close());
  return store;
}

describe('SQLite files', () => {
  it('creates the folder, runs each migration once and sets the pragmas', async () => {
    const path = join(tempDir(), 'nested', 'deeper', 'minyi.sqlite');
    await (await openSqliteStore(path)).close();
    await (await openSqliteStore(path)).close();
    const db = new Database(path, { readonly: true });
    try {
      expect(db.prepare('SELECT version, name FROM schema_migrations').all()).toEqual(
        SQLITE_MIGRATIONS.map(({ version, name }) => ({ version, name })),
      );
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
        'created_ms',
        'cap_key',
      ]);
    } finally {
      db.close();
    }
  });

  it('uses synchronous = NORMAL in WAL mode, and FULL with --durability full', async () => {
    const path = join(tempDir(), 'minyi.sqlite');
    const normal = await openSqliteStore(path);
    const full = await openSqliteStore(path, { durability: 'full' });
    // Each connection has its own setting; read it through a connection opened the same way.
    const probe = (durability?: 'full') => {
      const db = new Database(path);
      db.pragma(`synchronous = ${durability === 'full' ? 'FULL' : 'NORMAL'}`);
      const value = db.pragma('synchronous', { simple: true });
      db.close();
      return value;
    };
    expect([probe(), probe('full')]).toEqual([1, 2]);
    await normal.close();
    await full.close();
  });

  it('upgrades a database made by the first release, keeping its responses', async () => {
    const path = join(tempDir(), 'minyi.sqlite');
    const db = new Database(path);
    db.exec(`CREATE TABLE schema_migrations (
      version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL) STRICT`);
    db.exec(SQLITE_MIGRATIONS[0]!.sql);
    db.prepare(
      "INSERT INTO schema_migrations VALUES (1, 'responses and surveys', '2025-01-01')",
    ).run();
    db.prepare(
      `INSERT INTO responses (id, survey, survey_version, kind, subject, created_at, received_at,
         body, content_hash, receipt)
       VALUES ('a', 'page-feedback', 1, 'satisfaction', 's', '2025-03-14T09:26:53.589+08:00',
         '2025-03-14T01:27:00.000Z', '{}', 'h', 'AAAA-BBBB-CCCC')`,
    ).run();
    db.close();
    const store = await openSqliteStore(path);
    try {
      expect(await store.countResponses({ from: Date.parse('2025-03-14T01:26:53.589Z') })).toBe(1);
      expect(await store.countResponses({ from: Date.parse('2025-03-14T01:26:53.590Z') })).toBe(0);
    } finally {
      await store.close();
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

describe('PostgreSQL databases', () => {
  it('records migrations, and refuses a schema migrated by a newer collector', async () => {
    const url = await POSTGRES.db();
    await (await openStore(url)).close();
    await (await openStore(url)).close();
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query('SELECT version FROM schema_migrations');
      expect(rows).toEqual([{ version: 1 }, { version: 2 }, { version: 3 }]);
      await client.query(`INSERT INTO schema_migrations VALUES (99, 'future', now())`);
    } finally {
      await client.end();
    }
    await expect(openStore(url)).rejects.toThrow(/version 99, newer than this collector/);
  });

  it('migrates once when several collectors start together', async () => {
    const url = await POSTGRES.db();
    const stores = await Promise.all(Array.from({ length: 4 }, () => openStore(url)));
    await Promise.all(stores.map((store) => store.close()));
  });

  it('reports a server it cannot reach without showing the password', async () => {
    const error = await openStore('postgres://minyi:secret-password@127.0.0.1:9/minyi').catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(StorageOpenError);
    expect((error as Error).message).toMatch(/^cannot open the database at postgres:/);
    expect((error as Error).message).not.toContain('secret-password');
  });
});

describe.each(ADAPTERS)('storage ($name)', (adapter) => {
  it('still knows a stored id after a restart on the same database', async () => {
    const first = await startTestCollector({ adapter });
    const response = makeResponse();
    const accepted = await postResponses(first.url, response);
    await first.close();

    const second = await startTestCollector({ adapter, dbPath: first.dbPath });
    const again = await postResponses(second.url, response);
    expect(again.results[0]).toEqual({
      id: response.id,
      status: 'duplicate',
      receipt: accepted.results[0]!.receipt,
    });
    expect(await second.storage.countResponses()).toBe(1);
  });

  describe('storeBatch', () => {
    it('retries when a fresh receipt clashes with a stored one', async () => {
      const codes = ['AAAA-AAAA-AAAA', 'AAAA-AAAA-AAAA', 'BBBB-BBBB-BBBB'];
      const store = await openTestStore(adapter, { generateReceipt: () => codes.shift()! });
      const outcomes = [
        ...(await store.storeBatch([newResponse()])),
        ...(await store.storeBatch([newResponse()])),
      ];
      expect(outcomes).toEqual([
        { stored: 'inserted', receipt: 'AAAA-AAAA-AAAA' },
        { stored: 'inserted', receipt: 'BBBB-BBBB-BBBB' },
      ]);
      expect(await store.countResponses()).toBe(2);
    });

    it('gives up on a generator that keeps clashing, storing nothing of the batch', async () => {
      const store = await openTestStore(adapter, { generateReceipt: () => 'AAAA-AAAA-AAAA' });
      await store.storeBatch([newResponse()]);
      await expect(store.storeBatch([newResponse(), newResponse()])).rejects.toThrow(/UNIQUE/);
      expect(await store.countResponses()).toBe(1);
    });

    it('reports an existing id with its stored receipt and fingerprint', async () => {
      const store = await openTestStore(adapter);
      const item = newResponse();
      const [inserted] = await store.storeBatch([item]);
      const [existing] = await store.storeBatch([{ ...item, contentHash: 'different' }]);
      expect(inserted?.stored).toBe('inserted');
      expect(existing).toEqual({
        stored: 'existing',
        receipt: inserted?.stored === 'inserted' ? inserted.receipt : '',
        contentHash: item.contentHash,
      });
      expect((await store.listResponses())[0]).toMatchObject({ group: 'resident' });
    });

    it('answers a repeated id inside one batch from its first occurrence', async () => {
      const store = await openTestStore(adapter);
      const item = newResponse();
      const other = newResponse();
      const outcomes = await store.storeBatch([item, other, item, { ...item, contentHash: 'x' }]);
      expect(outcomes.map((o) => o.stored)).toEqual([
        'inserted',
        'inserted',
        'existing',
        'existing',
      ]);
      const receipt = outcomes[0]?.stored === 'inserted' ? outcomes[0].receipt : '';
      expect(outcomes[2]).toEqual({ stored: 'existing', receipt, contentHash: item.contentHash });
      expect(outcomes[3]).toEqual({ stored: 'existing', receipt, contentHash: item.contentHash });
      expect(await store.countResponses()).toBe(2);
    });

    it('stores one response per cap key; a retry of the stored one is still found by id', async () => {
      const store = await openTestStore(adapter);
      const first = newResponse({ capKey: 'cap-1' });
      const outcomes = await store.storeBatch([
        first,
        newResponse({ capKey: 'cap-1' }),
        newResponse({ capKey: 'cap-2' }),
      ]);
      expect(outcomes.map((o) => o.stored)).toEqual(['inserted', 'capped', 'inserted']);
      expect((await store.storeBatch([first]))[0]?.stored).toBe('existing');
      expect((await store.storeBatch([newResponse({ capKey: 'cap-1' })]))[0]).toEqual({
        stored: 'capped',
      });
      expect(await store.countResponses()).toBe(2);
    });

    it("commits concurrent requests together, and one request's failure is not another's", async () => {
      const store = await openTestStore(adapter);
      const first = newResponse();
      const broken = newResponse({ surveyVersion: 'one' as unknown as number });
      const results = await Promise.allSettled([
        store.storeBatch([first]),
        store.storeBatch([newResponse(), broken]),
        store.storeBatch([newResponse(), first]),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      const [accepted, , later] = results as PromiseFulfilledResult<unknown[]>[];
      expect(accepted!.value).toEqual([{ stored: 'inserted', receipt: expect.any(String) }]);
      // In arrival order: the third request finds what the first stored in the same commit.
      expect(later!.value).toEqual([
        { stored: 'inserted', receipt: expect.any(String) },
        {
          stored: 'existing',
          receipt: (accepted!.value[0] as { receipt: string }).receipt,
          contentHash: first.contentHash,
        },
      ]);
      expect(await store.countResponses()).toBe(2);
    });

    it('stores each id once when concurrent batches share ids, in any order', async () => {
      const store = await openTestStore(adapter);
      const items = Array.from({ length: 20 }, () => newResponse());
      const batches = [items, items.slice(5), items.slice(0, 15), [...items].reverse()];
      const outcomes = await Promise.all(batches.map((batch) => store.storeBatch(batch)));
      const inserted = outcomes.flat().filter((o) => o.stored === 'inserted');
      expect(inserted).toHaveLength(20);
      expect(await store.countResponses()).toBe(20);
    });
  });

  describe('reads', () => {
    it('filters by surveys, subjects and time, and pages in the order received', async () => {
      const store = await openTestStore(adapter);
      const at = (iso: string) => ({ createdAt: iso, createdMs: Date.parse(iso) });
      const items = [
        newResponse({ survey: 'a', subject: 'x', ...at('2026-03-01T00:00:00+08:00') }),
        newResponse({ survey: 'a', subject: 'y', ...at('2026-03-15T00:00:00+08:00') }),
        newResponse({ survey: 'b', subject: 'x', ...at('2026-04-01T00:00:00+08:00') }),
        newResponse({ survey: 'a', subject: 'x', ...at('2026-04-02T00:00:00+08:00') }),
        newResponse({ survey: 'c', subject: 'z', ...at('2026-04-03T00:00:00+08:00') }),
      ];
      for (const item of items) await store.storeBatch([item]);
      const ids = (rows: readonly { id: string }[]) => rows.map((row) => row.id);
      expect(await store.countResponses()).toBe(5);
      expect(await store.countResponses({ surveys: ['a'] })).toBe(3);
      expect(await store.countResponses({ surveys: [] })).toBe(0);
      expect(await store.countResponses({ surveys: ['a', 'b'], subjects: ['x'] })).toBe(3);
      const april = { from: Date.parse('2026-04-01T00:00:00+08:00') };
      expect(
        ids(await store.listResponses({ ...april, to: Date.parse('2026-04-03T00:00:00+08:00') })),
      ).toEqual(ids([items[2]!, items[3]!]));
      const seen: string[] = [];
      let after: number | undefined;
      let pages = 0;
      do {
        const page = await store.readResponses({}, after, 2);
        seen.push(...ids(page.rows));
        after = page.next;
        pages += 1;
      } while (after !== undefined);
      expect(seen).toEqual(ids(items));
      expect(pages).toBe(3);
      const listed = await store.listResponses({ subjects: ['z'] });
      expect(listed[0]).toMatchObject({ id: items[4]!.id, survey: 'c', json: items[4]!.json });
      expect(Date.parse(listed[0]!.receivedAt)).not.toBeNaN();
    });
  });

  describe('surveys', () => {
    it('validates definitions, keeps versions immutable and re-puts as no-ops', async () => {
      const store = await openTestStore(adapter);
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
      const badZone = await store
        .putSurvey({ ...DEMO_SURVEY, version: 2, timeZone: 'Mars/Base' })
        .catch((e: unknown) => e);
      expect((badZone as SurveyValidationError).issues).toEqual([
        { path: 'timeZone', message: expect.stringContaining('IANA time zone') },
      ]);

      expect(await store.hasSurvey('page-feedback')).toBe(true);
      expect(await store.hasSurvey('other')).toBe(false);
      await store.putSurvey({ ...DEMO_SURVEY, id: 'inactive' }, { active: false });
      expect(await store.hasSurvey('inactive')).toBe(true);
      expect(await store.getSurvey('inactive')).toBeUndefined();
      expect((await store.getSurvey('inactive', 1))?.active).toBe(false);
    });

    it('tells the newest version, lists versions and retires a survey for good', async () => {
      const store = await openTestStore(adapter);
      await store.putSurvey(DEMO_EVALUATION);
      await store.putSurvey({ ...DEMO_EVALUATION, version: 2, period: 'quarter' });
      expect(await store.surveyInfo('department-evaluation')).toEqual({
        latestVersion: 2,
        retiredAt: undefined,
      });
      expect(
        (await store.surveyVersions('department-evaluation')).map((s) => s.definition.version),
      ).toEqual([1, 2]);
      expect((await store.getSurvey('department-evaluation'))?.definition.period).toBe('quarter');

      const at = '2026-03-01T00:00:00.000Z';
      expect(await store.retireSurvey('department-evaluation', at)).toBe(true);
      expect(await store.retireSurvey('department-evaluation', '2026-04-01T00:00:00.000Z')).toBe(
        false,
      );
      expect(await store.retireSurvey('nothing', at)).toBe(false);
      expect(await store.surveyInfo('department-evaluation')).toEqual({
        latestVersion: 2,
        retiredAt: at,
      });
      expect(await store.getSurvey('department-evaluation')).toBeUndefined();
      expect((await store.getSurvey('department-evaluation', 1))?.definition).toEqual(
        DEMO_EVALUATION,
      );
      await store.putSurvey({ ...DEMO_EVALUATION, version: 3 });
      expect(await store.getSurvey('department-evaluation')).toBeUndefined();
      expect((await store.surveyInfo('department-evaluation'))?.retiredAt).toBe(at);
    });
  });

  describe('consultation topics', () => {
    it('are created once, edited into versions and moved through their statuses', async () => {
      const store = await openTestStore(adapter);
      const at = '2026-03-01T00:00:00.000Z';
      expect(await store.createTopic(DEMO_TOPIC, 'draft', at)).toBe(true);
      expect(await store.createTopic(DEMO_TOPIC, 'open', at)).toBe(false);
      expect(await store.getTopic('elevator-retrofit')).toEqual({
        id: 'elevator-retrofit',
        status: 'draft',
        version: 1,
        outcome: undefined,
        createdAt: at,
        updatedAt: at,
      });
      const edited = { ...DEMO_TOPIC, closesAt: '2026-04-01T00:00:00+08:00' };
      expect(await store.addTopicVersion(edited, 1, 'draft', at)).toBe(true);
      // Another editor who saw version 1, or a status that moved meanwhile, loses.
      expect(await store.addTopicVersion(edited, 1, 'draft', at)).toBe(false);
      expect(await store.addTopicVersion(edited, 2, 'open', at)).toBe(false);
      expect(await store.getTopicVersion('elevator-retrofit', 1)).toEqual(DEMO_TOPIC);
      expect(await store.getTopicVersion('elevator-retrofit', 2)).toEqual({
        ...edited,
        version: 2,
      });
      expect(await store.getTopicVersion('elevator-retrofit', 3)).toBeUndefined();

      expect(await store.setTopicStatus('elevator-retrofit', 'draft', 'open', undefined, at)).toBe(
        true,
      );
      expect(await store.setTopicStatus('elevator-retrofit', 'draft', 'open', undefined, at)).toBe(
        false,
      );
      const outcome = {
        text: { 'zh-Hans': '采纳' },
        publishedAt: at,
        tally: { byOption: { support: 1, oppose: 0, neutral: 0 } },
      };
      await store.setTopicStatus('elevator-retrofit', 'open', 'closed', undefined, at);
      await store.setTopicStatus('elevator-retrofit', 'closed', 'published', outcome, at);
      expect(await store.getTopic('elevator-retrofit')).toMatchObject({
        status: 'published',
        version: 2,
        outcome,
      });
    });
  });

  describe('tokens', () => {
    it('are found by hash only, touched, listed and revoked', async () => {
      const store = await openTestStore(adapter);
      const token = {
        id: 'abc123',
        hash: 'f'.repeat(64),
        role: 'evaluator' as const,
        surveys: ['department-evaluation'],
        subjects: ['housing', 'civil-affairs'],
        note: 'district office',
        createdAt: '2026-03-01T00:00:00.000Z',
        expiresAt: '2026-04-01T00:00:00.000Z',
      };
      await store.createToken(token);
      await store.createToken({
        ...token,
        id: 'def456',
        hash: 'e'.repeat(64),
        role: 'admin',
        surveys: [],
        subjects: [],
        note: undefined,
        expiresAt: undefined,
      });
      const { hash: _hash, ...record } = token;
      expect(await store.findToken('f'.repeat(64))).toEqual({
        ...record,
        revokedAt: undefined,
        lastUsedAt: undefined,
      });
      expect(await store.findToken('0'.repeat(64))).toBeUndefined();
      await store.touchToken('abc123', '2026-03-02T00:00:00.000Z');
      expect((await store.findToken('f'.repeat(64)))?.lastUsedAt).toBe('2026-03-02T00:00:00.000Z');
      expect(await store.revokeToken('abc123', '2026-03-03T00:00:00.000Z')).toBe('revoked');
      expect(await store.revokeToken('abc123', '2026-03-04T00:00:00.000Z')).toBe('already-revoked');
      expect(await store.revokeToken('nope', '2026-03-04T00:00:00.000Z')).toBe('unknown');
      const listed = await store.listTokens();
      expect(listed.map((t) => [t.id, t.role, t.revokedAt])).toEqual([
        ['abc123', 'evaluator', '2026-03-03T00:00:00.000Z'],
        ['def456', 'admin', undefined],
      ]);
      expect(JSON.stringify(listed)).not.toContain('f'.repeat(64));
    });
  });
});

describe.each([
  [SQLITE, POSTGRES],
  [POSTGRES, SQLITE],
] as const)('export from %s and import into %s', (from, to) => {
  it('moves every survey, topic, token, response and case, and importing again adds nothing', async () => {
    const source = await openTestStore(from, { generateReceipt: undefined });
    await source.putSurvey(DEMO_SURVEY);
    await source.putSurvey(DEMO_EVALUATION);
    await source.putSurvey({ ...DEMO_EVALUATION, version: 2 });
    await source.retireSurvey('department-evaluation', '2026-03-01T00:00:00.000Z');
    await source.createTopic(DEMO_TOPIC, 'open', '2026-03-01T00:00:00.000Z');
    await source.addTopicVersion(
      { ...DEMO_TOPIC, closesAt: '2026-05-01T00:00:00+08:00' },
      1,
      'open',
      '2026-03-02T00:00:00.000Z',
    );
    await source.createToken({
      id: 'tok1',
      hash: 'a'.repeat(64),
      role: 'evaluator',
      surveys: ['page-feedback'],
      subjects: [],
      note: undefined,
      createdAt: '2026-03-01T00:00:00.000Z',
      expiresAt: undefined,
    });
    const responses = Array.from({ length: 1203 }, (_, k) =>
      newResponse({
        capKey: k % 2 === 0 ? `cap-${k}` : undefined,
        group: k % 3 ? 'resident' : undefined,
      }),
    );
    await source.storeBatch(responses);
    // A case opened, answered and rated, with its log.
    const caseId = `c${'k'.repeat(16)}`;
    await source.storeBatch([
      newResponse({
        opensCase: {
          id: caseId,
          reasons: [{ type: 'rating', dimension: 'overall', answer: 'very-dissatisfied' }],
          deadline: '2026-03-20T16:00:00.000Z',
          deadlineMs: Date.parse('2026-03-20T16:00:00.000Z'),
        },
      }),
    ]);
    await source.moveCase(
      caseId,
      ['open'],
      { status: 'replied', reply: '已整改', repliedAt: '2026-03-05T00:00:00.000Z' },
      {
        at: '2026-03-05T00:00:00.000Z',
        action: 'replied',
        by: { type: 'token', id: 'tok1' },
        detail: '已整改',
      },
    );
    await source.storeBatch([
      newResponse({ survey: 'follow-up-rating', subject: `case:${caseId}`, ratesCase: caseId }),
    ]);

    const records = [];
    for await (const record of source.exportRecords()) records.push(record);
    expect(records.filter((r) => r.type === 'response')).toHaveLength(1205);

    const target = await openTestStore(to);
    const counts = await target.importRecords(records);
    expect(counts).toEqual({
      survey: { inserted: 3, skipped: 0 },
      topic: { inserted: 1, skipped: 0 },
      'topic-version': { inserted: 2, skipped: 0 },
      token: { inserted: 1, skipped: 0 },
      response: { inserted: 1205, skipped: 0 },
      case: { inserted: 1, skipped: 0 },
      'case-event': { inserted: 3, skipped: 0 },
    });
    const again = await target.importRecords(records);
    expect(again.response).toEqual({ inserted: 0, skipped: 1205 });
    expect(again['case-event']).toEqual({ inserted: 0, skipped: 3 });
    const moved = await target.getCase(caseId);
    expect(moved).toEqual(await source.getCase(caseId));
    expect(moved).toMatchObject({ status: 'replied', reply: '已整改' });
    expect(moved?.ratingJson).toBeDefined();
    expect((await target.caseEvents(caseId)).map((event) => event.action)).toEqual([
      'opened',
      'replied',
      'rated',
    ]);

    expect(await target.listResponses()).toEqual(await source.listResponses());
    expect(await target.surveyInfo('department-evaluation')).toEqual(
      await source.surveyInfo('department-evaluation'),
    );
    expect(await target.getSurvey('page-feedback')).toEqual(
      await source.getSurvey('page-feedback'),
    );
    expect(await target.getTopic('elevator-retrofit')).toEqual(
      await source.getTopic('elevator-retrofit'),
    );
    expect(await target.getTopicVersion('elevator-retrofit', 2)).toEqual(
      await source.getTopicVersion('elevator-retrofit', 2),
    );
    expect(await target.findToken('a'.repeat(64))).toEqual(await source.findToken('a'.repeat(64)));
    // Ids, receipts and caps carry over: a replay is a duplicate, a second answer still capped.
    const [replay] = await target.storeBatch([responses[5]!]);
    expect(replay?.stored).toBe('existing');
    const [capped] = await target.storeBatch([newResponse({ capKey: 'cap-4' })]);
    expect(capped).toEqual({ stored: 'capped' });

    const exported = [];
    for await (const record of target.exportRecords()) exported.push(record);
    expect(exported).toEqual(records);
  });
});
