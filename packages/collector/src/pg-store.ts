import type { CaseStatus, ConsultationStatus, ResponseKind } from '@minyi/schema';
import pg from 'pg';
import {
  CASE_VIEW_SQL,
  type CaseEventRow,
  type CaseRow,
  type CaseViewRow,
  caseCountsSql,
  caseEventTransfer,
  caseListSql,
  caseTransfer,
  caseWhere,
  eventValues,
  fromCaseEventRow,
  fromCaseRow,
  toCaseCounts,
} from './case-rows.js';
import { GroupCommit, perRequest } from './group-commit.js';
import { POSTGRES_MIGRATIONS } from './migrations/postgres.js';
import type { Migration } from './migrations/sqlite.js';
import { generateReceipt } from './receipt.js';
import type { Durability } from './sqlite-store.js';
import {
  type CaseChange,
  type CaseCounts,
  type CaseFilter,
  type CasePage,
  checkSurveyDefinition,
  emptyImportCounts,
  firstOccurrences,
  fromSurveyJson,
  type ImportCounts,
  MAX_RECEIPT_ATTEMPTS,
  type NewCaseEvent,
  type NewResponse,
  type NewToken,
  type Page,
  type PutSurveyResult,
  ReceiptClashError,
  type ResponseFilter,
  STREAM_PAGE_SIZE,
  StorageOpenError,
  type Store,
  type StoredCase,
  type StoredCaseEvent,
  type StoredResponse,
  type StoredSurvey,
  type StoreOutcome,
  SurveyConflictError,
  type SurveyInfo,
  type TokenRecord,
  type TokenRole,
  toStoredSurvey,
} from './storage.js';
import type { TopicContent, TopicOutcome, TopicState } from './topics.js';
import type { TransferRecord } from './transfer.js';

export interface PostgresStoreOptions {
  readonly generateReceipt?: () => string;
  readonly now?: () => Date;
  /** `full` insists on `synchronous_commit = on` whatever the server's default. */
  readonly durability?: Durability;
  /** Connections per collector process. */
  readonly poolSize?: number;
  readonly migrations?: readonly Migration[];
  /** Where pool errors on idle connections go (a restarted server, a dropped connection). */
  readonly onError?: (error: Error) => void;
}

/** Versions are INTEGER columns; a larger number in a request cannot name a stored version. */
const MAX_VERSION = 2_147_483_647;
const isVersion = (version: number) => Number.isSafeInteger(version) && version <= MAX_VERSION;

/** Any constant: one advisory lock serialises migrations across collectors sharing a database. */
const MIGRATION_LOCK = 0x6d696e79;
/** Deadlocks and serialisation failures are resolved by running the transaction again. */
const RETRYABLE = new Set(['40001', '40P01']);
const MAX_TRANSACTION_ATTEMPTS = 5;

export function isPostgresUrl(db: string): boolean {
  return /^postgres(ql)?:\/\//i.test(db);
}

/** The URL without its password, for messages. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'the PostgreSQL URL';
  }
}

export async function openPostgresStore(
  url: string,
  options: PostgresStoreOptions = {},
): Promise<Store> {
  const pool = new pg.Pool({
    connectionString: url,
    max: options.poolSize ?? 10,
    connectionTimeoutMillis: 10_000,
  });
  pool.on('error', (error) => options.onError?.(error));
  if (options.durability === 'full') {
    pool.on('connect', (client) => {
      client.query('SET synchronous_commit = on').catch(() => {});
    });
  }
  try {
    await migrate(pool, options.migrations ?? POSTGRES_MIGRATIONS);
    return new PostgresStore(pool, options);
  } catch (error) {
    await pool.end().catch(() => {});
    if (error instanceof StorageOpenError) throw error;
    throw new StorageOpenError(
      `cannot open the database at ${redactUrl(url)}: ${(error as Error).message}`,
      { cause: error },
    );
  }
}

async function migrate(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
        version    INTEGER PRIMARY KEY,
        name       TEXT NOT NULL,
        applied_at TIMESTAMPTZ NOT NULL
      )`);
      const { rows } = await client.query<{ version: number | null }>(
        'SELECT max(version) AS version FROM schema_migrations',
      );
      const current = rows[0]?.version ?? 0;
      const latest = Math.max(0, ...migrations.map((m) => m.version));
      if (current > latest) {
        throw new StorageOpenError(
          `the database schema is at version ${current}, newer than this collector knows (${latest}); upgrade the collector`,
        );
      }
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (migration.version <= current) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query(
            'INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, now())',
            [migration.version, migration.name],
          );
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK').catch(() => {});
          throw error;
        }
      }
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    }
  } finally {
    client.release();
  }
}

interface ResponseRow {
  seq: string;
  id: string;
  survey: string;
  survey_version: number;
  kind: string;
  subject: string;
  respondent_group: string | null;
  created_at: string;
  created_ms: string;
  received_at: Date;
  body: string;
  content_hash: string;
  receipt: string;
  cap_key: string | null;
}

interface SurveyRow {
  id: string;
  version: number;
  kind: string;
  active: boolean;
  definition: string;
  etag: string;
  created_at: Date;
  retired_at: Date | null;
}

interface TopicRow {
  id: string;
  status: string;
  version: number;
  outcome: string | null;
  created_at: Date;
  updated_at: Date;
}

interface TokenRow {
  id: string;
  hash: string;
  role: string;
  surveys: string[];
  subjects: string[];
  note: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
  last_used_at: Date | null;
}

const RESPONSE_COLUMNS = `seq, id, survey, survey_version, kind, subject, respondent_group,
  created_at, created_ms, received_at, body, content_hash, receipt, cap_key`;

const INSERT_RESPONSES = `
  INSERT INTO responses (id, survey, survey_version, kind, subject, respondent_group,
    created_at, created_ms, received_at, body, content_hash, receipt, cap_key)
  SELECT i.id, i.survey, i.survey_version, i.kind, i.subject, i.respondent_group,
    i.created_at, i.created_ms, $13::timestamptz, i.body, i.content_hash, i.receipt, i.cap_key
  FROM unnest($1::text[], $2::text[], $3::int[], $4::text[], $5::text[], $6::text[],
    $7::text[], $8::bigint[], $9::text[], $10::text[], $11::text[], $12::text[])
    AS i(id, survey, survey_version, kind, subject, respondent_group, created_at, created_ms,
      body, content_hash, receipt, cap_key)
  ON CONFLICT DO NOTHING
  RETURNING id, receipt`;

const INSERT_CASES = `
  INSERT INTO cases (id, response_id, survey, survey_version, subject, reasons, status,
    opened_at, deadline, deadline_ms)
  SELECT i.id, i.response_id, i.survey, i.survey_version, i.subject, i.reasons, 'open', $9,
    i.deadline, i.deadline_ms
  FROM unnest($1::text[], $2::text[], $3::text[], $4::int[], $5::text[], $6::text[], $7::text[],
    $8::bigint[])
    AS i(id, response_id, survey, survey_version, subject, reasons, deadline, deadline_ms)`;

/** The log's next number is read in the transaction that already holds the case's row lock. */
const APPEND_EVENT = `
  INSERT INTO case_events (case_id, seq, at, action, actor, detail)
  SELECT $1, coalesce(max(seq), 0) + 1, $2, $3, $4, $5 FROM case_events WHERE case_id = $1`;

type Queryable = Pick<pg.PoolClient, 'query'>;

class PostgresStore implements Store {
  readonly engine = 'postgres';
  readonly #pool: pg.Pool;
  readonly #generateReceipt: () => string;
  readonly #now: () => Date;
  readonly #groups = new GroupCommit(
    async (requests) => perRequest(requests, await this.#storeItems(requests.flat())),
    (items) => this.#storeItems(items),
  );
  #closed: Promise<void> | undefined;

  constructor(pool: pg.Pool, options: PostgresStoreOptions) {
    this.#pool = pool;
    this.#generateReceipt = options.generateReceipt ?? generateReceipt;
    this.#now = options.now ?? (() => new Date());
  }

  async #transaction<T>(work: (client: Queryable) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const client = await this.#pool.connect();
      let broken: Error | undefined;
      try {
        await client.query('BEGIN');
        const result = await work(client);
        await client.query('COMMIT');
        return result;
      } catch (error) {
        try {
          await client.query('ROLLBACK');
        } catch (rollbackError) {
          // A connection that cannot even roll back is not given back to the pool.
          broken = rollbackError as Error;
        }
        const code = (error as { code?: unknown }).code;
        if (attempt < MAX_TRANSACTION_ATTEMPTS && typeof code === 'string' && RETRYABLE.has(code)) {
          continue;
        }
        throw error;
      } finally {
        client.release(broken);
      }
    }
  }

  storeBatch(responses: readonly NewResponse[]): Promise<StoreOutcome[]> {
    if (responses.length === 0) return Promise.resolve([]);
    return this.#groups.submit(responses);
  }

  /** The items of one request, or of several in arrival order, in one transaction. */
  async #storeItems(responses: readonly NewResponse[]): Promise<StoreOutcome[]> {
    const { unique, outcomes } = firstOccurrences(responses);
    const found = await this.#transaction(async (client) => {
      const result: StoreOutcome[] = new Array(unique.length);
      const receivedAt = this.#now().toISOString();
      // One multi-row insert cannot say which of two rows with the same cap key came first, so
      // such rows go in later waves, in batch order: the first one takes the cap.
      for (const wave of capWaves(unique)) {
        await this.#storeWave(client, unique, wave, result, receivedAt);
      }
      const inserted = unique.filter((_item, index) => result[index]?.stored === 'inserted');
      await this.#recordOnCases(client, inserted, receivedAt);
      return result;
    });
    return outcomes(found);
  }

  /** What inserted responses do to follow-up cases: open them, or rate their replies. */
  async #recordOnCases(
    client: Queryable,
    inserted: readonly NewResponse[],
    receivedAt: string,
  ): Promise<void> {
    const opening = inserted.filter((item) => item.opensCase !== undefined);
    if (opening.length > 0) {
      const ids = opening.map((item) => item.opensCase!.id);
      await client.query(INSERT_CASES, [
        ids,
        opening.map((item) => item.id),
        opening.map((item) => item.survey),
        opening.map((item) => item.surveyVersion),
        opening.map((item) => item.subject),
        opening.map((item) => JSON.stringify(item.opensCase!.reasons)),
        opening.map((item) => item.opensCase!.deadline),
        opening.map((item) => item.opensCase!.deadlineMs),
        receivedAt,
      ]);
      const [at, action, actor] = eventValues({
        at: receivedAt,
        action: 'opened',
        by: { type: 'collector' },
      });
      await client.query(
        `INSERT INTO case_events (case_id, seq, at, action, actor)
         SELECT id, 1, $2, $3, $4 FROM unnest($1::text[]) AS i(id)`,
        [ids, at, action, actor],
      );
    }
    for (const item of inserted) {
      if (item.ratesCase === undefined) continue;
      const { rowCount } = await client.query(
        `UPDATE cases SET rating_response = $1, rated_at = $2
         WHERE id = $3 AND rating_response IS NULL AND reply IS NOT NULL`,
        [item.id, receivedAt, item.ratesCase],
      );
      if (rowCount) {
        await client.query(APPEND_EVENT, [
          item.ratesCase,
          ...eventValues({ at: receivedAt, action: 'rated', by: { type: 'resident' } }),
        ]);
      }
    }
  }

  async #storeWave(
    client: Queryable,
    unique: readonly NewResponse[],
    wave: readonly number[],
    result: StoreOutcome[],
    receivedAt: string,
  ): Promise<void> {
    // Rows go in batch order, which is the order received. Two requests with the same ids in
    // opposite orders can deadlock; PostgreSQL then aborts one, and it runs again (#transaction).
    let pending = [...wave];
    for (let attempt = 1; pending.length > 0; attempt++) {
      if (attempt > MAX_RECEIPT_ATTEMPTS) throw new ReceiptClashError();
      const items = pending.map((index) => unique[index]!);
      const inserted = await client.query<{ id: string; receipt: string }>(INSERT_RESPONSES, [
        items.map((item) => item.id),
        items.map((item) => item.survey),
        items.map((item) => item.surveyVersion),
        items.map((item) => item.kind),
        items.map((item) => item.subject),
        items.map((item) => item.group ?? null),
        items.map((item) => item.createdAt),
        items.map((item) => item.createdMs),
        items.map((item) => item.json),
        items.map((item) => item.contentHash),
        items.map(() => this.#generateReceipt()),
        items.map((item) => item.capKey ?? null),
        receivedAt,
      ]);
      const receiptOf = new Map(inserted.rows.map((row) => [row.id, row.receipt]));
      const missing = pending.filter((index) => {
        const receipt = receiptOf.get(unique[index]!.id);
        if (receipt !== undefined) result[index] = { stored: 'inserted', receipt };
        return receipt === undefined;
      });
      if (missing.length === 0) return;
      // READ COMMITTED: a conflicting row from a concurrent request was committed before our
      // insert went on, so these reads see it.
      const existing = await client.query<{ id: string; content_hash: string; receipt: string }>(
        'SELECT id, content_hash, receipt FROM responses WHERE id = ANY($1::text[])',
        [missing.map((index) => unique[index]!.id)],
      );
      const byId = new Map(existing.rows.map((row) => [row.id, row]));
      const caps = missing.flatMap((index) => unique[index]!.capKey ?? []);
      const capped = new Set(
        caps.length === 0
          ? []
          : (
              await client.query<{ cap_key: string }>(
                'SELECT cap_key FROM responses WHERE cap_key = ANY($1::text[])',
                [caps],
              )
            ).rows.map((row) => row.cap_key),
      );
      pending = missing.filter((index) => {
        const item = unique[index]!;
        const row = byId.get(item.id);
        if (row) {
          result[index] = {
            stored: 'existing',
            receipt: row.receipt,
            contentHash: row.content_hash,
          };
          return false;
        }
        if (item.capKey !== undefined && capped.has(item.capKey)) {
          result[index] = { stored: 'capped' };
          return false;
        }
        // Neither the id nor the cap: the fresh receipt clashed. Try again with another.
        return true;
      });
    }
  }

  async countResponses(filter: ResponseFilter = {}): Promise<number> {
    const where = whereClause(filter, undefined);
    const { rows } = await this.#pool.query<{ n: string }>(
      `SELECT count(*) AS n FROM responses WHERE ${where.sql}`,
      where.params,
    );
    return Number(rows[0]!.n);
  }

  async responseByReceipt(receipt: string): Promise<StoredResponse | undefined> {
    const { rows } = await this.#pool.query<ResponseRow>(
      `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE receipt = $1`,
      [receipt],
    );
    return rows[0] && fromResponseRow(rows[0]);
  }

  async listResponses(filter: ResponseFilter = {}): Promise<StoredResponse[]> {
    const where = whereClause(filter, undefined);
    const { rows } = await this.#pool.query<ResponseRow>(
      `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql} ORDER BY seq`,
      where.params,
    );
    return rows.map(fromResponseRow);
  }

  async readResponses(
    filter: ResponseFilter,
    after: number | undefined,
    limit: number,
  ): Promise<Page> {
    const where = whereClause(filter, after);
    const { rows } = await this.#pool.query<ResponseRow>(
      `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql}
       ORDER BY seq LIMIT $${where.params.length + 1}`,
      [...where.params, limit],
    );
    return {
      rows: rows.map(fromResponseRow),
      next: rows.length === limit ? Number(rows[rows.length - 1]!.seq) : undefined,
    };
  }

  async *streamSurveyResponses(
    survey: string,
    filter: Omit<ResponseFilter, 'surveys'>,
    pageSize = STREAM_PAGE_SIZE,
  ): AsyncIterable<StoredResponse> {
    // Keyset pages: each is one short query on any pooled connection, so no cursor (and no
    // connection) is held while the scorer works through a page.
    const where = whereClause({ ...filter, surveys: [survey] }, undefined);
    const n = where.params.length;
    let last: ResponseRow | undefined;
    for (;;) {
      const { rows } =
        last === undefined
          ? await this.#pool.query<ResponseRow>(
              `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql}
               ORDER BY subject, created_ms, seq LIMIT $${n + 1}`,
              [...where.params, pageSize],
            )
          : await this.#pool.query<ResponseRow>(
              `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql}
                 AND (subject, created_ms, seq) > ($${n + 1}, $${n + 2}, $${n + 3})
               ORDER BY subject, created_ms, seq LIMIT $${n + 4}`,
              [...where.params, last.subject, last.created_ms, last.seq, pageSize],
            );
      for (const row of rows) yield fromResponseRow(row);
      if (rows.length < pageSize) return;
      last = rows[rows.length - 1]!;
    }
  }

  async getSurvey(id: string, version?: number): Promise<StoredSurvey | undefined> {
    if (version !== undefined && !isVersion(version)) return undefined;
    const { rows } =
      version === undefined
        ? await this.#pool.query<SurveyRow>(
            'SELECT * FROM surveys WHERE id = $1 AND active ORDER BY version DESC LIMIT 1',
            [id],
          )
        : await this.#pool.query<SurveyRow>(
            'SELECT * FROM surveys WHERE id = $1 AND version = $2',
            [id, version],
          );
    return rows[0] && fromSurveyRow(rows[0]);
  }

  async hasSurvey(id: string): Promise<boolean> {
    return (await this.surveyInfo(id)) !== undefined;
  }

  async surveyInfo(id: string): Promise<SurveyInfo | undefined> {
    const { rows } = await this.#pool.query<{ latest: number | null; retired_at: Date | null }>(
      'SELECT max(version) AS latest, max(retired_at) AS retired_at FROM surveys WHERE id = $1',
      [id],
    );
    const row = rows[0];
    if (!row || row.latest === null) return undefined;
    return { latestVersion: row.latest, retiredAt: iso(row.retired_at) };
  }

  async surveyVersions(id: string): Promise<StoredSurvey[]> {
    const { rows } = await this.#pool.query<SurveyRow>(
      'SELECT * FROM surveys WHERE id = $1 ORDER BY version',
      [id],
    );
    return rows.map(fromSurveyRow);
  }

  async putSurvey(
    definition: unknown,
    options: { active?: boolean } = {},
  ): Promise<PutSurveyResult> {
    const survey = toStoredSurvey(checkSurveyDefinition(definition), options.active ?? true);
    const { id, version, kind } = survey.definition;
    const { rows } = await this.#pool.query<{ id: string }>(
      `INSERT INTO surveys (id, version, kind, active, definition, etag, created_at, retired_at)
       SELECT $1::text, $2::int, $3::text, $4::boolean AND r.retired_at IS NULL, $5::text,
         $6::text, $7::timestamptz, r.retired_at
       FROM (SELECT max(retired_at) AS retired_at FROM surveys WHERE id = $1::text) AS r
       ON CONFLICT DO NOTHING RETURNING id`,
      [id, version, kind, survey.active, survey.json, survey.etag, this.#now().toISOString()],
    );
    if (rows.length === 1) return { status: 'created', survey };
    const existing = await this.getSurvey(id, version);
    if (!existing || existing.etag !== survey.etag) throw new SurveyConflictError(id, version);
    return { status: 'unchanged', survey: existing };
  }

  async retireSurvey(id: string, at: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      'UPDATE surveys SET active = FALSE, retired_at = $1 WHERE id = $2 AND retired_at IS NULL',
      [at, id],
    );
    return (rowCount ?? 0) > 0;
  }

  async getTopic(id: string): Promise<TopicState | undefined> {
    const { rows } = await this.#pool.query<TopicRow>('SELECT * FROM topics WHERE id = $1', [id]);
    return rows[0] && fromTopicRow(rows[0]);
  }

  async getTopicVersion(id: string, version: number): Promise<TopicContent | undefined> {
    if (!isVersion(version)) return undefined;
    const { rows } = await this.#pool.query<{ content: string }>(
      'SELECT content FROM topic_versions WHERE id = $1 AND version = $2',
      [id, version],
    );
    return rows[0] && (JSON.parse(rows[0].content) as TopicContent);
  }

  async createTopic(
    content: TopicContent,
    status: ConsultationStatus,
    at: string,
  ): Promise<boolean> {
    return this.#transaction(async (client) => {
      const { rowCount } = await client.query(
        `INSERT INTO topics (id, status, version, outcome, created_at, updated_at)
         VALUES ($1, $2, 1, NULL, $3, $3) ON CONFLICT DO NOTHING`,
        [content.id, status, at],
      );
      if (!rowCount) return false;
      await insertTopicVersion(client, content.id, 1, content, at);
      return true;
    });
  }

  async addTopicVersion(
    content: TopicContent,
    expectedVersion: number,
    expectedStatus: ConsultationStatus,
    at: string,
  ): Promise<boolean> {
    return this.#transaction(async (client) => {
      const { rowCount } = await client.query(
        `UPDATE topics SET version = version + 1, updated_at = $1
         WHERE id = $2 AND version = $3 AND status = $4`,
        [at, content.id, expectedVersion, expectedStatus],
      );
      if (!rowCount) return false;
      await insertTopicVersion(client, content.id, expectedVersion + 1, content, at);
      return true;
    });
  }

  async setTopicStatus(
    id: string,
    from: ConsultationStatus,
    to: ConsultationStatus,
    outcome: TopicOutcome | undefined,
    at: string,
  ): Promise<boolean> {
    const { rowCount } = await this.#pool.query(
      `UPDATE topics SET status = $1, outcome = coalesce($2, outcome), updated_at = $3
       WHERE id = $4 AND status = $5`,
      [to, outcome ? JSON.stringify(outcome) : null, at, id, from],
    );
    return (rowCount ?? 0) > 0;
  }

  async createToken(token: NewToken): Promise<void> {
    await this.#pool.query(
      `INSERT INTO tokens (id, hash, role, surveys, subjects, note, created_at, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [
        token.id,
        token.hash,
        token.role,
        token.surveys,
        token.subjects,
        token.note ?? null,
        token.createdAt,
        token.expiresAt ?? null,
      ],
    );
  }

  async findToken(hash: string): Promise<TokenRecord | undefined> {
    const { rows } = await this.#pool.query<TokenRow>('SELECT * FROM tokens WHERE hash = $1', [
      hash,
    ]);
    return rows[0] && fromTokenRow(rows[0]);
  }

  async touchToken(id: string, at: string): Promise<void> {
    await this.#pool.query('UPDATE tokens SET last_used_at = $1 WHERE id = $2', [at, id]);
  }

  async revokeToken(id: string, at: string): Promise<'revoked' | 'already-revoked' | 'unknown'> {
    const { rows } = await this.#pool.query<{ revoked: boolean }>(
      `WITH target AS (SELECT id, revoked_at FROM tokens WHERE id = $2 FOR UPDATE),
            done AS (UPDATE tokens SET revoked_at = $1
                     WHERE id IN (SELECT id FROM target WHERE revoked_at IS NULL) RETURNING id)
       SELECT EXISTS (SELECT 1 FROM done) AS revoked FROM target`,
      [at, id],
    );
    if (rows.length === 0) return 'unknown';
    return rows[0]!.revoked ? 'revoked' : 'already-revoked';
  }

  async getCase(id: string): Promise<StoredCase | undefined> {
    const { rows } = await this.#pool.query<CaseViewRow>(`${CASE_VIEW_SQL} WHERE c.id = $1`, [id]);
    return rows[0] && fromCaseRow(rows[0]);
  }

  async caseOfResponse(responseId: string): Promise<StoredCase | undefined> {
    const { rows } = await this.#pool.query<CaseViewRow>(
      `${CASE_VIEW_SQL} WHERE c.response_id = $1`,
      [responseId],
    );
    return rows[0] && fromCaseRow(rows[0]);
  }

  async listCases(filter: CaseFilter, after: number | undefined, limit: number): Promise<CasePage> {
    const params: unknown[] = [];
    const bind = (value: unknown) => `$${params.push(value)}`;
    const where = caseWhere(filter, after, bind);
    // One more than asked: whether there is a next page is known without another query.
    const { rows } = await this.#pool.query<CaseViewRow>(
      caseListSql(where, bind(limit + 1)),
      params,
    );
    const page = rows.slice(0, limit).map(fromCaseRow);
    return { cases: page, next: rows.length > limit ? page[page.length - 1]!.seq : undefined };
  }

  async countCases(filter: CaseFilter): Promise<CaseCounts> {
    const params: unknown[] = [];
    const sql = caseCountsSql(filter, (value) => `$${params.push(value)}`);
    const { rows } = await this.#pool.query<{ status: string; n: string; overdue: string }>(
      sql,
      params,
    );
    return toCaseCounts(rows);
  }

  async caseEvents(id: string): Promise<StoredCaseEvent[]> {
    const { rows } = await this.#pool.query<CaseEventRow>(
      'SELECT * FROM case_events WHERE case_id = $1 ORDER BY seq',
      [id],
    );
    return rows.map(fromCaseEventRow);
  }

  async moveCase(
    id: string,
    from: readonly CaseStatus[],
    change: CaseChange,
    event: NewCaseEvent,
  ): Promise<boolean> {
    return this.#transaction(async (client) => {
      const { rowCount } = await client.query(
        `UPDATE cases SET status = $1, assignee = coalesce($2, assignee),
           reply = coalesce($3, reply), replied_at = coalesce($4, replied_at),
           closed_at = coalesce($5, closed_at)
         WHERE id = $6 AND status = ANY($7::text[])`,
        [
          change.status,
          change.assignee ?? null,
          change.reply ?? null,
          change.repliedAt ?? null,
          change.closedAt ?? null,
          id,
          from,
        ],
      );
      if (!rowCount) return false;
      await client.query(APPEND_EVENT, [id, ...eventValues(event)]);
      return true;
    });
  }

  async listTokens(): Promise<TokenRecord[]> {
    const { rows } = await this.#pool.query<TokenRow>(
      'SELECT * FROM tokens ORDER BY created_at, id',
    );
    return rows.map(fromTokenRow);
  }

  async *exportRecords(): AsyncIterable<TransferRecord> {
    const surveys = await this.#pool.query<SurveyRow>('SELECT * FROM surveys ORDER BY id, version');
    for (const row of surveys.rows) {
      yield {
        type: 'survey',
        id: row.id,
        version: row.version,
        kind: row.kind as ResponseKind,
        active: row.active,
        definition: row.definition,
        etag: row.etag,
        createdAt: row.created_at.toISOString(),
        retiredAt: iso(row.retired_at) ?? null,
      };
    }
    const topics = await this.#pool.query<TopicRow>('SELECT * FROM topics ORDER BY id');
    for (const row of topics.rows) {
      const topic = fromTopicRow(row);
      yield {
        type: 'topic',
        id: topic.id,
        status: topic.status,
        version: topic.version,
        outcome: topic.outcome ?? null,
        createdAt: topic.createdAt,
        updatedAt: topic.updatedAt,
      };
    }
    const versions = await this.#pool.query<{
      id: string;
      version: number;
      content: string;
      created_at: Date;
    }>('SELECT * FROM topic_versions ORDER BY id, version');
    for (const row of versions.rows) {
      yield {
        type: 'topic-version',
        id: row.id,
        version: row.version,
        content: JSON.parse(row.content) as TopicContent,
        createdAt: row.created_at.toISOString(),
      };
    }
    const tokens = await this.#pool.query<TokenRow>('SELECT * FROM tokens ORDER BY created_at, id');
    for (const row of tokens.rows) {
      const token = fromTokenRow(row);
      yield {
        type: 'token',
        id: token.id,
        hash: row.hash,
        role: token.role,
        surveys: [...token.surveys],
        subjects: [...token.subjects],
        note: token.note ?? null,
        createdAt: token.createdAt,
        expiresAt: token.expiresAt ?? null,
        revokedAt: token.revokedAt ?? null,
        lastUsedAt: token.lastUsedAt ?? null,
      };
    }
    for (let after = 0; ; ) {
      const { rows } = await this.#pool.query<ResponseRow>(
        `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE seq > $1 ORDER BY seq LIMIT 1000`,
        [after],
      );
      for (const row of rows) {
        yield {
          type: 'response',
          id: row.id,
          survey: row.survey,
          surveyVersion: row.survey_version,
          kind: row.kind as ResponseKind,
          subject: row.subject,
          group: row.respondent_group,
          createdAt: row.created_at,
          createdMs: Number(row.created_ms),
          receivedAt: row.received_at.toISOString(),
          body: row.body,
          contentHash: row.content_hash,
          receipt: row.receipt,
          capKey: row.cap_key,
        };
      }
      if (rows.length < 1000) break;
      after = Number(rows[rows.length - 1]!.seq);
    }
    for (let after = 0; ; ) {
      const { rows } = await this.#pool.query<CaseRow>(
        'SELECT * FROM cases WHERE seq > $1 ORDER BY seq LIMIT 1000',
        [after],
      );
      for (const row of rows) yield caseTransfer(row);
      if (rows.length < 1000) break;
      after = Number(rows[rows.length - 1]!.seq);
    }
    const events = await this.#pool.query<CaseEventRow>(
      'SELECT * FROM case_events ORDER BY case_id, seq',
    );
    for (const row of events.rows) yield caseEventTransfer(row);
  }

  async importRecords(records: readonly TransferRecord[]): Promise<ImportCounts> {
    return this.#transaction(async (client) => {
      const counts = emptyImportCounts();
      for (const record of records) {
        const [sql, params] = importStatement(record);
        const { rowCount } = await client.query(sql, params);
        counts[record.type][rowCount ? 'inserted' : 'skipped'] += 1;
      }
      return counts;
    });
  }

  async close(): Promise<void> {
    this.#closed ??= this.#groups.drain().then(() => this.#pool.end());
    return this.#closed;
  }
}

function importStatement(record: TransferRecord): [string, unknown[]] {
  switch (record.type) {
    case 'survey':
      return [
        `INSERT INTO surveys (id, version, kind, active, definition, etag, created_at, retired_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT DO NOTHING`,
        [
          record.id,
          record.version,
          record.kind,
          record.active,
          record.definition,
          record.etag,
          record.createdAt,
          record.retiredAt,
        ],
      ];
    case 'topic':
      return [
        `INSERT INTO topics (id, status, version, outcome, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [
          record.id,
          record.status,
          record.version,
          record.outcome === null ? null : JSON.stringify(record.outcome),
          record.createdAt,
          record.updatedAt,
        ],
      ];
    case 'topic-version':
      return [
        `INSERT INTO topic_versions (id, version, content, created_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING`,
        [record.id, record.version, JSON.stringify(record.content), record.createdAt],
      ];
    case 'token':
      return [
        `INSERT INTO tokens (id, hash, role, surveys, subjects, note, created_at, expires_at,
           revoked_at, last_used_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) ON CONFLICT DO NOTHING`,
        [
          record.id,
          record.hash,
          record.role,
          record.surveys,
          record.subjects,
          record.note,
          record.createdAt,
          record.expiresAt,
          record.revokedAt,
          record.lastUsedAt,
        ],
      ];
    case 'response':
      return [
        `INSERT INTO responses (id, survey, survey_version, kind, subject, respondent_group,
           created_at, created_ms, received_at, body, content_hash, receipt, cap_key)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) ON CONFLICT DO NOTHING`,
        [
          record.id,
          record.survey,
          record.surveyVersion,
          record.kind,
          record.subject,
          record.group,
          record.createdAt,
          record.createdMs,
          record.receivedAt,
          record.body,
          record.contentHash,
          record.receipt,
          record.capKey,
        ],
      ];
    case 'case':
      return [
        `INSERT INTO cases (id, response_id, survey, survey_version, subject, reasons, status,
           opened_at, deadline, deadline_ms, assignee, reply, replied_at, closed_at,
           rating_response, rated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)
         ON CONFLICT DO NOTHING`,
        [
          record.id,
          record.responseId,
          record.survey,
          record.surveyVersion,
          record.subject,
          record.reasons,
          record.status,
          record.openedAt,
          record.deadline,
          record.deadlineMs,
          record.assignee,
          record.reply,
          record.repliedAt,
          record.closedAt,
          record.ratingResponse,
          record.ratedAt,
        ],
      ];
    case 'case-event':
      return [
        `INSERT INTO case_events (case_id, seq, at, action, actor, detail)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING`,
        [record.caseId, record.seq, record.at, record.action, record.actor, record.detail],
      ];
  }
}

async function insertTopicVersion(
  client: Queryable,
  id: string,
  version: number,
  content: TopicContent,
  at: string,
): Promise<void> {
  await client.query(
    'INSERT INTO topic_versions (id, version, content, created_at) VALUES ($1, $2, $3, $4)',
    [id, version, JSON.stringify({ ...content, version }), at],
  );
}

/** Indices of `items` in waves with distinct cap keys, each item after those sharing its key. */
export function capWaves(items: readonly NewResponse[]): number[][] {
  const waves: number[][] = [];
  const seen = new Map<string, number>();
  items.forEach((item, index) => {
    let wave = 0;
    if (item.capKey !== undefined) {
      wave = seen.get(item.capKey) ?? 0;
      seen.set(item.capKey, wave + 1);
    }
    const members = waves[wave] ?? [];
    members.push(index);
    waves[wave] = members;
  });
  return waves;
}

function whereClause(
  filter: ResponseFilter,
  after: number | undefined,
): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  const param = (value: unknown) => {
    params.push(value);
    return `$${params.length}`;
  };
  if (filter.surveys !== undefined) {
    conditions.push(`survey = ANY(${param(filter.surveys)}::text[])`);
  }
  if (filter.subjects !== undefined) {
    conditions.push(`subject = ANY(${param(filter.subjects)}::text[])`);
  }
  if (filter.from !== undefined) conditions.push(`created_ms >= ${param(filter.from)}`);
  if (filter.to !== undefined) conditions.push(`created_ms < ${param(filter.to)}`);
  if (after !== undefined) conditions.push(`seq > ${param(after)}`);
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : 'TRUE', params };
}

function iso(date: Date | null): string | undefined {
  return date === null ? undefined : date.toISOString();
}

function fromSurveyRow(row: SurveyRow): StoredSurvey {
  return fromSurveyJson(row.definition, row.etag, row.active);
}

function fromTopicRow(row: TopicRow): TopicState {
  return {
    id: row.id,
    status: row.status as ConsultationStatus,
    version: row.version,
    outcome: row.outcome === null ? undefined : (JSON.parse(row.outcome) as TopicOutcome),
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function fromTokenRow(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    role: row.role as TokenRole,
    surveys: row.surveys,
    subjects: row.subjects,
    note: row.note ?? undefined,
    createdAt: row.created_at.toISOString(),
    expiresAt: iso(row.expires_at),
    revokedAt: iso(row.revoked_at),
    lastUsedAt: iso(row.last_used_at),
  };
}

function fromResponseRow(row: ResponseRow): StoredResponse {
  return {
    id: row.id,
    survey: row.survey,
    surveyVersion: row.survey_version,
    kind: row.kind as ResponseKind,
    subject: row.subject,
    group: row.respondent_group ?? undefined,
    createdAt: row.created_at,
    receivedAt: row.received_at.toISOString(),
    json: row.body,
    contentHash: row.content_hash,
    receipt: row.receipt,
  };
}
