import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { CaseStatus, ConsultationStatus, ResponseKind } from '@minyi/schema';
import Database from 'better-sqlite3';
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
import { GroupCommit } from './group-commit.js';
import { type Migration, SQLITE_MIGRATIONS } from './migrations/sqlite.js';
import { generateReceipt } from './receipt.js';
import {
  type CaseChange,
  type CaseCounts,
  type CaseFilter,
  type CasePage,
  checkSurveyDefinition,
  emptyImportCounts,
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

export type Durability = 'normal' | 'full';

export interface SqliteStoreOptions {
  /** Issues receipt codes; replaceable so that tests can force a clash. */
  readonly generateReceipt?: () => string;
  /** The clock for `received_at`. */
  readonly now?: () => Date;
  /** Milliseconds to wait for another process holding the write lock on the same file. */
  readonly busyTimeoutMs?: number;
  /** `full` also survives power loss, at the cost of an fsync per commit. */
  readonly durability?: Durability;
  readonly migrations?: readonly Migration[];
}

interface ResponseRow {
  rowid: number;
  id: string;
  survey: string;
  survey_version: number;
  kind: string;
  subject: string;
  respondent_group: string | null;
  created_at: string;
  created_ms: number | null;
  received_at: string;
  body: string;
  content_hash: string;
  receipt: string;
  cap_key: string | null;
}

interface SurveyRow {
  id: string;
  version: number;
  kind: string;
  definition: string;
  etag: string;
  active: number;
  created_at: string;
  retired_at: string | null;
}

interface TopicRow {
  id: string;
  status: string;
  version: number;
  outcome: string | null;
  created_at: string;
  updated_at: string;
}

interface TokenRow {
  id: string;
  hash: string;
  role: string;
  surveys: string;
  subjects: string;
  note: string | null;
  created_at: string;
  expires_at: string | null;
  revoked_at: string | null;
  last_used_at: string | null;
}

/**
 * Opens (creating it and its directory if needed) and migrates a SQLite database. Any failure is
 * reported as a `StorageOpenError` naming the path, so that the command line can say what to fix.
 */
export async function openSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<Store> {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    configure(db, options);
    migrate(db, options.migrations ?? SQLITE_MIGRATIONS);
    return new SqliteStore(db, options);
  } catch (error) {
    db?.close();
    if (error instanceof StorageOpenError) throw error;
    throw new StorageOpenError(`cannot open the database at ${path}: ${messageOf(error)}`, {
      cause: error,
    });
  }
}

function configure(db: Database.Database, options: SqliteStoreOptions): void {
  // WAL lets readers (exports, evaluators) run while responses are written. In WAL mode a commit
  // is in the operating system's hands once it returns, so NORMAL survives the collector being
  // killed at any moment; FULL adds an fsync per commit so that it also survives power loss.
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.durability === 'full' ? 'FULL' : 'NORMAL'}`);
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(options.busyTimeoutMs ?? 5000))}`);
}

function migrate(db: Database.Database, migrations: readonly Migration[]): void {
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version    INTEGER PRIMARY KEY,
    name       TEXT NOT NULL,
    applied_at TEXT NOT NULL
  ) STRICT`);
  const latest = Math.max(0, ...migrations.map((m) => m.version));
  const apply = db.transaction(() => {
    const row = db.prepare('SELECT max(version) AS version FROM schema_migrations').get() as {
      version: number | null;
    };
    const current = row.version ?? 0;
    if (current > latest) {
      // An older collector must not write into a schema it does not understand.
      throw new StorageOpenError(
        `the database schema is at version ${current}, newer than this collector knows (${latest}); upgrade the collector`,
      );
    }
    const record = db.prepare(
      'INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)',
    );
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (migration.version <= current) continue;
      db.exec(migration.sql);
      record.run(migration.version, migration.name, new Date().toISOString());
    }
  });
  // IMMEDIATE takes the write lock before reading the version, so two collectors starting on the
  // same file cannot both decide to run the same migration.
  apply.immediate();
}

const RESPONSE_COLUMNS = `rowid, id, survey, survey_version, kind, subject, respondent_group,
  created_at, created_ms, received_at, body, content_hash, receipt, cap_key`;

class SqliteStore implements Store {
  readonly engine = 'sqlite';
  readonly #db: Database.Database;
  readonly #generateReceipt: () => string;
  readonly #now: () => Date;
  readonly #insertResponse: Database.Statement;
  readonly #findResponse: Database.Statement<[string]>;
  readonly #findCap: Database.Statement<[string]>;
  readonly #storeBatch: Database.Transaction<(items: readonly NewResponse[]) => StoreOutcome[]>;
  readonly #storeGroup: Database.Transaction<
    (requests: readonly (readonly NewResponse[])[]) => StoreOutcome[][]
  >;
  readonly #groups: GroupCommit;
  readonly #findActiveSurvey: Database.Statement<[string]>;
  readonly #findSurveyVersion: Database.Statement<[string, number]>;
  readonly #surveyInfo: Database.Statement<[string]>;
  readonly #insertSurvey: Database.Statement;
  readonly #findToken: Database.Statement<[string]>;
  readonly #insertCase: Database.Statement;
  readonly #appendEvent: Database.Statement;
  readonly #insertFirstEvent: Database.Statement;
  readonly #rateCase: Database.Statement;
  #closed = false;

  constructor(db: Database.Database, options: SqliteStoreOptions) {
    this.#db = db;
    this.#generateReceipt = options.generateReceipt ?? generateReceipt;
    this.#now = options.now ?? (() => new Date());
    // DO NOTHING without a target covers the id, the receipt and the cap alike; which one
    // stopped the insert is found out afterwards, which costs nothing on the common path.
    this.#insertResponse = db.prepare(`
      INSERT INTO responses (id, survey, survey_version, kind, subject, respondent_group,
        created_at, created_ms, received_at, body, content_hash, receipt, cap_key)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
      ON CONFLICT DO NOTHING`);
    this.#findResponse = db.prepare('SELECT content_hash, receipt FROM responses WHERE id = ?');
    this.#findCap = db.prepare('SELECT 1 FROM responses WHERE cap_key = ?');
    this.#findActiveSurvey = db.prepare(
      'SELECT * FROM surveys WHERE id = ? AND active = 1 ORDER BY version DESC LIMIT 1',
    );
    this.#findSurveyVersion = db.prepare('SELECT * FROM surveys WHERE id = ? AND version = ?');
    this.#surveyInfo = db.prepare(
      'SELECT max(version) AS latest, max(retired_at) AS retired_at FROM surveys WHERE id = ?',
    );
    this.#insertSurvey = db.prepare(`
      INSERT INTO surveys (id, version, kind, active, definition, etag, created_at, retired_at)
      VALUES (@id, @version, @kind, @active, @json, @etag, @createdAt, @retiredAt)`);
    this.#findToken = db.prepare('SELECT * FROM tokens WHERE hash = ?');
    this.#insertCase = db.prepare(`
      INSERT INTO cases (id, response_id, survey, survey_version, subject, reasons, status,
        opened_at, deadline, deadline_ms)
      VALUES (?, ?, ?, ?, ?, ?, 'open', ?, ?, ?)`);
    // The log's next number is read and written in the same transaction as the move it records.
    this.#appendEvent = db.prepare(`
      INSERT INTO case_events (case_id, seq, at, action, actor, detail)
      SELECT ?, coalesce(max(seq), 0) + 1, ?, ?, ?, ? FROM case_events WHERE case_id = ?`);
    this.#insertFirstEvent = db.prepare(`
      INSERT INTO case_events (case_id, seq, at, action, actor, detail) VALUES (?, 1, ?, ?, ?, ?)`);
    this.#rateCase = db.prepare(`
      UPDATE cases SET rating_response = ?, rated_at = ?
      WHERE id = ? AND rating_response IS NULL AND reply IS NOT NULL`);
    this.#storeBatch = db.transaction((items: readonly NewResponse[]) => {
      const receivedAt = this.#now().toISOString();
      return items.map((item) => this.#storeOne(item, receivedAt));
    });
    this.#storeGroup = db.transaction((requests: readonly (readonly NewResponse[])[]) => {
      const receivedAt = this.#now().toISOString();
      return requests.map((items) => items.map((item) => this.#storeOne(item, receivedAt)));
    });
    // IMMEDIATE: the id lookup and the insert must see the same database state even when
    // another process writes to the same file.
    this.#groups = new GroupCommit(
      (requests) => this.#storeGroup.immediate(requests),
      (items) => this.#storeBatch.immediate(items),
    );
  }

  #storeOne(item: NewResponse, receivedAt: string): StoreOutcome {
    for (let attempt = 1; attempt <= MAX_RECEIPT_ATTEMPTS; attempt++) {
      const receipt = this.#generateReceipt();
      // Positional parameters: this runs once per response, and binding by name costs more.
      const { changes } = this.#insertResponse.run(
        item.id,
        item.survey,
        item.surveyVersion,
        item.kind,
        item.subject,
        item.group ?? null,
        item.createdAt,
        item.createdMs,
        receivedAt,
        item.json,
        item.contentHash,
        receipt,
        item.capKey ?? null,
      );
      if (changes === 1) {
        this.#recordOnCase(item, receivedAt);
        return { stored: 'inserted', receipt };
      }
      const existing = this.#findResponse.get(item.id) as
        | Pick<ResponseRow, 'content_hash' | 'receipt'>
        | undefined;
      if (existing) {
        return {
          stored: 'existing',
          receipt: existing.receipt,
          contentHash: existing.content_hash,
        };
      }
      if (item.capKey !== undefined && this.#findCap.get(item.capKey)) return { stored: 'capped' };
      // Neither the id nor the cap: the fresh receipt clashed with a stored one. Try another.
    }
    throw new ReceiptClashError();
  }

  /** What an inserted response does to follow-up cases: open one, or rate a reply. */
  #recordOnCase(item: NewResponse, receivedAt: string): void {
    if (item.opensCase) {
      const opened = item.opensCase;
      this.#insertCase.run(
        opened.id,
        item.id,
        item.survey,
        item.surveyVersion,
        item.subject,
        JSON.stringify(opened.reasons),
        receivedAt,
        opened.deadline,
        opened.deadlineMs,
      );
      // A new case's log starts here: its first number needs no lookup.
      this.#insertFirstEvent.run(
        opened.id,
        ...eventValues({ at: receivedAt, action: 'opened', by: { type: 'collector' } }),
      );
    }
    if (item.ratesCase !== undefined) {
      const { changes } = this.#rateCase.run(item.id, receivedAt, item.ratesCase);
      if (changes === 1) {
        this.#log(item.ratesCase, { at: receivedAt, action: 'rated', by: { type: 'resident' } });
      }
    }
  }

  #log(caseId: string, event: NewCaseEvent): void {
    this.#appendEvent.run(caseId, ...eventValues(event), caseId);
  }

  storeBatch(responses: readonly NewResponse[]): Promise<StoreOutcome[]> {
    if (responses.length === 0) return Promise.resolve([]);
    if (this.#closed) return Promise.reject(new Error('the database is closed'));
    return this.#groups.submit(responses);
  }

  async countResponses(filter: ResponseFilter = {}): Promise<number> {
    const where = whereClause(filter, undefined);
    const row = this.#db
      .prepare(`SELECT count(*) AS n FROM responses WHERE ${where.sql}`)
      .get(...where.params) as { n: number };
    return row.n;
  }

  async responseByReceipt(receipt: string): Promise<StoredResponse | undefined> {
    const row = this.#db
      .prepare(`SELECT ${RESPONSE_COLUMNS} FROM responses WHERE receipt = ?`)
      .get(receipt) as ResponseRow | undefined;
    return row && fromResponseRow(row);
  }

  async listResponses(filter: ResponseFilter = {}): Promise<StoredResponse[]> {
    const where = whereClause(filter, undefined);
    const rows = this.#db
      .prepare(`SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql} ORDER BY rowid`)
      .all(...where.params) as ResponseRow[];
    return rows.map(fromResponseRow);
  }

  async readResponses(
    filter: ResponseFilter,
    after: number | undefined,
    limit: number,
  ): Promise<Page> {
    const where = whereClause(filter, after);
    const rows = this.#db
      .prepare(
        `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql} ORDER BY rowid LIMIT ?`,
      )
      .all(...where.params, limit) as ResponseRow[];
    return {
      rows: rows.map(fromResponseRow),
      next: rows.length === limit ? rows[rows.length - 1]!.rowid : undefined,
    };
  }

  async *streamSurveyResponses(
    survey: string,
    filter: Omit<ResponseFilter, 'surveys'>,
    pageSize = STREAM_PAGE_SIZE,
  ): AsyncIterable<StoredResponse> {
    const where = whereClause({ ...filter, surveys: [survey] }, undefined);
    // Keyset pages rather than `.iterate()`: an open iterator keeps the connection busy, and
    // ingest shares this connection while the scorer awaits between rows.
    const first = this.#db.prepare(
      `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql}
       ORDER BY subject, created_ms, rowid LIMIT ?`,
    );
    const next = this.#db.prepare(
      `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE ${where.sql}
         AND (subject, created_ms, rowid) > (?, ?, ?)
       ORDER BY subject, created_ms, rowid LIMIT ?`,
    );
    let last: ResponseRow | undefined;
    for (;;) {
      const rows = (
        last === undefined
          ? first.all(...where.params, pageSize)
          : next.all(...where.params, last.subject, last.created_ms, last.rowid, pageSize)
      ) as ResponseRow[];
      for (const row of rows) yield fromResponseRow(row);
      if (rows.length < pageSize) return;
      last = rows[rows.length - 1]!;
    }
  }

  async getSurvey(id: string, version?: number): Promise<StoredSurvey | undefined> {
    const row = (
      version === undefined
        ? this.#findActiveSurvey.get(id)
        : this.#findSurveyVersion.get(id, version)
    ) as SurveyRow | undefined;
    return row && fromSurveyRow(row);
  }

  async hasSurvey(id: string): Promise<boolean> {
    return (await this.surveyInfo(id)) !== undefined;
  }

  async surveyInfo(id: string): Promise<SurveyInfo | undefined> {
    const row = this.#surveyInfo.get(id) as { latest: number | null; retired_at: string | null };
    if (row.latest === null) return undefined;
    return { latestVersion: row.latest, retiredAt: row.retired_at ?? undefined };
  }

  async surveyVersions(id: string): Promise<StoredSurvey[]> {
    const rows = this.#db
      .prepare('SELECT * FROM surveys WHERE id = ? ORDER BY version')
      .all(id) as SurveyRow[];
    return rows.map(fromSurveyRow);
  }

  async putSurvey(
    definition: unknown,
    options: { active?: boolean } = {},
  ): Promise<PutSurveyResult> {
    const survey = toStoredSurvey(checkSurveyDefinition(definition), options.active ?? true);
    const { id, version, kind } = survey.definition;
    const put = this.#db.transaction((): PutSurveyResult => {
      const existing = this.#findSurveyVersion.get(id, version) as SurveyRow | undefined;
      if (existing) {
        if (existing.etag !== survey.etag) throw new SurveyConflictError(id, version);
        return { status: 'unchanged', survey: fromSurveyRow(existing) };
      }
      const info = this.#surveyInfo.get(id) as { retired_at: string | null };
      this.#insertSurvey.run({
        id,
        version,
        kind,
        // A version added to a retired survey is retired with it.
        active: survey.active && info.retired_at === null ? 1 : 0,
        json: survey.json,
        etag: survey.etag,
        createdAt: this.#now().toISOString(),
        retiredAt: info.retired_at,
      });
      return { status: 'created', survey };
    });
    return put.immediate();
  }

  async retireSurvey(id: string, at: string): Promise<boolean> {
    const { changes } = this.#db
      .prepare('UPDATE surveys SET active = 0, retired_at = ? WHERE id = ? AND retired_at IS NULL')
      .run(at, id);
    return changes > 0;
  }

  async getTopic(id: string): Promise<TopicState | undefined> {
    const row = this.#db.prepare('SELECT * FROM topics WHERE id = ?').get(id) as
      | TopicRow
      | undefined;
    return row && fromTopicRow(row);
  }

  async getTopicVersion(id: string, version: number): Promise<TopicContent | undefined> {
    const row = this.#db
      .prepare('SELECT content FROM topic_versions WHERE id = ? AND version = ?')
      .get(id, version) as { content: string } | undefined;
    return row && (JSON.parse(row.content) as TopicContent);
  }

  async createTopic(
    content: TopicContent,
    status: ConsultationStatus,
    at: string,
  ): Promise<boolean> {
    const create = this.#db.transaction((): boolean => {
      const { changes } = this.#db
        .prepare(
          `INSERT INTO topics (id, status, version, outcome, created_at, updated_at)
           VALUES (?, ?, 1, NULL, ?, ?) ON CONFLICT DO NOTHING`,
        )
        .run(content.id, status, at, at);
      if (changes === 0) return false;
      this.#insertTopicVersion(content.id, 1, content, at);
      return true;
    });
    return create.immediate();
  }

  #insertTopicVersion(id: string, version: number, content: TopicContent, at: string): void {
    this.#db
      .prepare('INSERT INTO topic_versions (id, version, content, created_at) VALUES (?, ?, ?, ?)')
      .run(id, version, JSON.stringify({ ...content, version }), at);
  }

  async addTopicVersion(
    content: TopicContent,
    expectedVersion: number,
    expectedStatus: ConsultationStatus,
    at: string,
  ): Promise<boolean> {
    const add = this.#db.transaction((): boolean => {
      const { changes } = this.#db
        .prepare(
          `UPDATE topics SET version = version + 1, updated_at = ?
           WHERE id = ? AND version = ? AND status = ?`,
        )
        .run(at, content.id, expectedVersion, expectedStatus);
      if (changes === 0) return false;
      this.#insertTopicVersion(content.id, expectedVersion + 1, content, at);
      return true;
    });
    return add.immediate();
  }

  async setTopicStatus(
    id: string,
    from: ConsultationStatus,
    to: ConsultationStatus,
    outcome: TopicOutcome | undefined,
    at: string,
  ): Promise<boolean> {
    const { changes } = this.#db
      .prepare(
        `UPDATE topics SET status = ?, outcome = coalesce(?, outcome), updated_at = ?
         WHERE id = ? AND status = ?`,
      )
      .run(to, outcome ? JSON.stringify(outcome) : null, at, id, from);
    return changes > 0;
  }

  async createToken(token: NewToken): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO tokens (id, hash, role, surveys, subjects, note, created_at, expires_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        token.id,
        token.hash,
        token.role,
        JSON.stringify(token.surveys),
        JSON.stringify(token.subjects),
        token.note ?? null,
        token.createdAt,
        token.expiresAt ?? null,
      );
  }

  async findToken(hash: string): Promise<TokenRecord | undefined> {
    const row = this.#findToken.get(hash) as TokenRow | undefined;
    return row && fromTokenRow(row);
  }

  async touchToken(id: string, at: string): Promise<void> {
    this.#db.prepare('UPDATE tokens SET last_used_at = ? WHERE id = ?').run(at, id);
  }

  async revokeToken(id: string, at: string): Promise<'revoked' | 'already-revoked' | 'unknown'> {
    const revoke = this.#db.transaction(() => {
      const row = this.#db.prepare('SELECT revoked_at FROM tokens WHERE id = ?').get(id) as
        | { revoked_at: string | null }
        | undefined;
      if (!row) return 'unknown' as const;
      if (row.revoked_at !== null) return 'already-revoked' as const;
      this.#db.prepare('UPDATE tokens SET revoked_at = ? WHERE id = ?').run(at, id);
      return 'revoked' as const;
    });
    return revoke.immediate();
  }

  async getCase(id: string): Promise<StoredCase | undefined> {
    const row = this.#db.prepare(`${CASE_VIEW_SQL} WHERE c.id = ?`).get(id) as
      | CaseViewRow
      | undefined;
    return row && fromCaseRow(row);
  }

  async caseOfResponse(responseId: string): Promise<StoredCase | undefined> {
    const row = this.#db.prepare(`${CASE_VIEW_SQL} WHERE c.response_id = ?`).get(responseId) as
      | CaseViewRow
      | undefined;
    return row && fromCaseRow(row);
  }

  async listCases(filter: CaseFilter, after: number | undefined, limit: number): Promise<CasePage> {
    const params: unknown[] = [];
    const where = caseWhere(filter, after, positional(params));
    // One more than asked: whether there is a next page is known without another query.
    const rows = this.#db
      .prepare(caseListSql(where, '?'))
      .all(...params, limit + 1) as CaseViewRow[];
    const page = rows.slice(0, limit).map(fromCaseRow);
    return { cases: page, next: rows.length > limit ? page[page.length - 1]!.seq : undefined };
  }

  async countCases(filter: CaseFilter): Promise<CaseCounts> {
    const params: unknown[] = [];
    const sql = caseCountsSql(filter, positional(params));
    return toCaseCounts(this.#db.prepare(sql).all(...params) as never[]);
  }

  async caseEvents(id: string): Promise<StoredCaseEvent[]> {
    const rows = this.#db
      .prepare('SELECT * FROM case_events WHERE case_id = ? ORDER BY seq')
      .all(id) as CaseEventRow[];
    return rows.map(fromCaseEventRow);
  }

  async moveCase(
    id: string,
    from: readonly CaseStatus[],
    change: CaseChange,
    event: NewCaseEvent,
  ): Promise<boolean> {
    const move = this.#db.transaction((): boolean => {
      const { changes } = this.#db
        .prepare(
          `UPDATE cases SET status = ?, assignee = coalesce(?, assignee), reply = coalesce(?, reply),
             replied_at = coalesce(?, replied_at), closed_at = coalesce(?, closed_at)
           WHERE id = ? AND status IN (${from.map(() => '?').join(', ')})`,
        )
        .run(
          change.status,
          change.assignee ?? null,
          change.reply ?? null,
          change.repliedAt ?? null,
          change.closedAt ?? null,
          id,
          ...from,
        );
      if (changes === 0) return false;
      this.#log(id, event);
      return true;
    });
    return move.immediate();
  }

  async listTokens(): Promise<TokenRecord[]> {
    const rows = this.#db.prepare('SELECT * FROM tokens ORDER BY created_at, id').all();
    return (rows as TokenRow[]).map(fromTokenRow);
  }

  async *exportRecords(): AsyncIterable<TransferRecord> {
    for (const row of this.#db
      .prepare('SELECT * FROM surveys ORDER BY id, version')
      .all() as SurveyRow[]) {
      yield {
        type: 'survey',
        id: row.id,
        version: row.version,
        kind: row.kind as ResponseKind,
        active: row.active === 1,
        definition: row.definition,
        etag: row.etag,
        createdAt: row.created_at,
        retiredAt: row.retired_at,
      };
    }
    for (const row of this.#db.prepare('SELECT * FROM topics ORDER BY id').all() as TopicRow[]) {
      yield {
        type: 'topic',
        id: row.id,
        status: row.status as ConsultationStatus,
        version: row.version,
        outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as TopicOutcome),
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
    }
    const versions = this.#db
      .prepare('SELECT * FROM topic_versions ORDER BY id, version')
      .all() as { id: string; version: number; content: string; created_at: string }[];
    for (const row of versions) {
      yield {
        type: 'topic-version',
        id: row.id,
        version: row.version,
        content: JSON.parse(row.content) as TopicContent,
        createdAt: row.created_at,
      };
    }
    for (const row of this.#db
      .prepare('SELECT * FROM tokens ORDER BY created_at, id')
      .all() as TokenRow[]) {
      yield {
        type: 'token',
        id: row.id,
        hash: row.hash,
        role: row.role as TokenRole,
        surveys: JSON.parse(row.surveys) as string[],
        subjects: JSON.parse(row.subjects) as string[],
        note: row.note,
        createdAt: row.created_at,
        expiresAt: row.expires_at,
        revokedAt: row.revoked_at,
        lastUsedAt: row.last_used_at,
      };
    }
    const page = this.#db.prepare(
      `SELECT ${RESPONSE_COLUMNS} FROM responses WHERE rowid > ? ORDER BY rowid LIMIT 1000`,
    );
    for (let after = 0; ; ) {
      const rows = page.all(after) as ResponseRow[];
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
          createdMs: row.created_ms ?? Date.parse(row.created_at),
          receivedAt: row.received_at,
          body: row.body,
          contentHash: row.content_hash,
          receipt: row.receipt,
          capKey: row.cap_key,
        };
      }
      if (rows.length < 1000) break;
      after = rows[rows.length - 1]!.rowid;
    }
    for (const row of this.#db.prepare('SELECT * FROM cases ORDER BY seq').iterate()) {
      yield caseTransfer(row as CaseRow);
    }
    for (const row of this.#db
      .prepare('SELECT * FROM case_events ORDER BY case_id, seq')
      .iterate()) {
      yield caseEventTransfer(row as CaseEventRow);
    }
  }

  async importRecords(records: readonly TransferRecord[]): Promise<ImportCounts> {
    const statements = {
      survey: this.#db.prepare(`
        INSERT INTO surveys (id, version, kind, active, definition, etag, created_at, retired_at)
        VALUES (@id, @version, @kind, @active, @definition, @etag, @createdAt, @retiredAt)
        ON CONFLICT DO NOTHING`),
      topic: this.#db.prepare(`
        INSERT INTO topics (id, status, version, outcome, created_at, updated_at)
        VALUES (@id, @status, @version, @outcome, @createdAt, @updatedAt)
        ON CONFLICT DO NOTHING`),
      'topic-version': this.#db.prepare(`
        INSERT INTO topic_versions (id, version, content, created_at)
        VALUES (@id, @version, @content, @createdAt) ON CONFLICT DO NOTHING`),
      token: this.#db.prepare(`
        INSERT INTO tokens (id, hash, role, surveys, subjects, note, created_at, expires_at,
          revoked_at, last_used_at)
        VALUES (@id, @hash, @role, @surveys, @subjects, @note, @createdAt, @expiresAt,
          @revokedAt, @lastUsedAt) ON CONFLICT DO NOTHING`),
      response: this.#db.prepare(`
        INSERT INTO responses (id, survey, survey_version, kind, subject, respondent_group,
          created_at, created_ms, received_at, body, content_hash, receipt, cap_key)
        VALUES (@id, @survey, @surveyVersion, @kind, @subject, @group, @createdAt, @createdMs,
          @receivedAt, @body, @contentHash, @receipt, @capKey) ON CONFLICT DO NOTHING`),
      case: this.#db.prepare(`
        INSERT INTO cases (id, response_id, survey, survey_version, subject, reasons, status,
          opened_at, deadline, deadline_ms, assignee, reply, replied_at, closed_at,
          rating_response, rated_at)
        VALUES (@id, @responseId, @survey, @surveyVersion, @subject, @reasons, @status,
          @openedAt, @deadline, @deadlineMs, @assignee, @reply, @repliedAt, @closedAt,
          @ratingResponse, @ratedAt) ON CONFLICT DO NOTHING`),
      'case-event': this.#db.prepare(`
        INSERT INTO case_events (case_id, seq, at, action, actor, detail)
        VALUES (@caseId, @seq, @at, @action, @actor, @detail) ON CONFLICT DO NOTHING`),
    };
    const run = this.#db.transaction(() => {
      const counts = emptyImportCounts();
      for (const record of records) {
        const { changes } = statements[record.type].run(sqliteParams(record));
        counts[record.type][changes > 0 ? 'inserted' : 'skipped'] += 1;
      }
      return counts;
    });
    return run.immediate();
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    // Requests already waiting for a commit get it before the file is closed.
    await this.#groups.drain();
    this.#db.close();
  }
}

function sqliteParams(record: TransferRecord): Record<string, unknown> {
  const { type: _type, ...fields } = record;
  switch (record.type) {
    case 'survey':
      return { ...fields, active: record.active ? 1 : 0 };
    case 'topic':
      return {
        ...fields,
        outcome: record.outcome === null ? null : JSON.stringify(record.outcome),
      };
    case 'topic-version':
      return { ...fields, content: JSON.stringify(record.content) };
    case 'token':
      return {
        ...fields,
        surveys: JSON.stringify(record.surveys),
        subjects: JSON.stringify(record.subjects),
      };
    case 'response':
    case 'case':
    case 'case-event':
      return fields;
  }
}

/** Binds a parameter to the next `?`. */
function positional(params: unknown[]): (value: unknown) => string {
  return (value) => {
    params.push(value);
    return '?';
  };
}

function whereClause(
  filter: ResponseFilter,
  after: number | undefined,
): { sql: string; params: unknown[] } {
  const conditions: string[] = [];
  const params: unknown[] = [];
  for (const [column, values] of [
    ['survey', filter.surveys],
    ['subject', filter.subjects],
  ] as const) {
    if (values === undefined) continue;
    if (values.length === 0) {
      conditions.push('0');
      continue;
    }
    conditions.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  if (filter.from !== undefined) {
    conditions.push('created_ms >= ?');
    params.push(filter.from);
  }
  if (filter.to !== undefined) {
    conditions.push('created_ms < ?');
    params.push(filter.to);
  }
  if (after !== undefined) {
    conditions.push('rowid > ?');
    params.push(after);
  }
  return { sql: conditions.length > 0 ? conditions.join(' AND ') : '1', params };
}

function fromSurveyRow(row: SurveyRow): StoredSurvey {
  return fromSurveyJson(row.definition, row.etag, row.active === 1);
}

function fromTopicRow(row: TopicRow): TopicState {
  return {
    id: row.id,
    status: row.status as ConsultationStatus,
    version: row.version,
    outcome: row.outcome === null ? undefined : (JSON.parse(row.outcome) as TopicOutcome),
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function fromTokenRow(row: TokenRow): TokenRecord {
  return {
    id: row.id,
    role: row.role as TokenRole,
    surveys: JSON.parse(row.surveys) as string[],
    subjects: JSON.parse(row.subjects) as string[],
    note: row.note ?? undefined,
    createdAt: row.created_at,
    expiresAt: row.expires_at ?? undefined,
    revokedAt: row.revoked_at ?? undefined,
    lastUsedAt: row.last_used_at ?? undefined,
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
    receivedAt: row.received_at,
    json: row.body,
    contentHash: row.content_hash,
    receipt: row.receipt,
  };
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
