import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  check,
  type ResponseKind,
  type SurveyDefinition,
  surveyDefinitionSchema,
} from '@minyi/schema';
import Database from 'better-sqlite3';
import { type Migration, SQLITE_MIGRATIONS } from './migrations/sqlite.js';
import { generateReceipt } from './receipt.js';
import {
  type NewResponse,
  type PutSurveyResult,
  type ResponseStore,
  StorageOpenError,
  type StoredResponse,
  type StoredSurvey,
  type StoreOutcome,
  SurveyConflictError,
  SurveyValidationError,
  toStoredSurvey,
} from './storage.js';

export interface SqliteStoreOptions {
  /** Issues receipt codes; replaceable so that tests can force a clash. */
  readonly generateReceipt?: () => string;
  /** The clock for `received_at`. */
  readonly now?: () => Date;
  /** Milliseconds to wait for another process holding the write lock on the same file. */
  readonly busyTimeoutMs?: number;
  readonly migrations?: readonly Migration[];
}

/** A clash among ~59-bit codes is already unlikely once; several in a row means a broken generator. */
const MAX_RECEIPT_ATTEMPTS = 5;

interface ResponseRow {
  id: string;
  survey: string;
  survey_version: number;
  kind: string;
  subject: string;
  respondent_group: string | null;
  created_at: string;
  received_at: string;
  body: string;
  content_hash: string;
  receipt: string;
}

interface SurveyRow {
  definition: string;
  etag: string;
  active: number;
}

/**
 * Opens (creating it and its directory if needed) and migrates a SQLite database. Any failure is
 * reported as a `StorageOpenError` naming the path, so that the command line can say what to fix.
 */
export async function openSqliteStore(
  path: string,
  options: SqliteStoreOptions = {},
): Promise<ResponseStore> {
  let db: Database.Database | undefined;
  try {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    db = new Database(path);
    configure(db, options.busyTimeoutMs ?? 5000);
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

function configure(db: Database.Database, busyTimeoutMs: number): void {
  // WAL lets readers (exports, dashboards) run while responses are written; NORMAL is durable
  // across application crashes in WAL mode and only risks the last commits on power loss.
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma(`busy_timeout = ${Math.max(0, Math.trunc(busyTimeoutMs))}`);
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

class SqliteStore implements ResponseStore {
  readonly #db: Database.Database;
  readonly #generateReceipt: () => string;
  readonly #now: () => Date;
  readonly #insertResponse: Database.Statement;
  readonly #findResponse: Database.Statement<[string]>;
  readonly #storeBatch: Database.Transaction<(items: readonly NewResponse[]) => StoreOutcome[]>;
  readonly #findActiveSurvey: Database.Statement<[string]>;
  readonly #findSurveyVersion: Database.Statement<[string, number]>;
  readonly #findAnySurvey: Database.Statement<[string]>;
  readonly #insertSurvey: Database.Statement;
  #closed = false;

  constructor(db: Database.Database, options: SqliteStoreOptions) {
    this.#db = db;
    this.#generateReceipt = options.generateReceipt ?? generateReceipt;
    this.#now = options.now ?? (() => new Date());
    this.#insertResponse = db.prepare(`
      INSERT INTO responses (id, survey, survey_version, kind, subject, respondent_group,
        created_at, received_at, body, content_hash, receipt)
      VALUES (@id, @survey, @surveyVersion, @kind, @subject, @group,
        @createdAt, @receivedAt, @json, @contentHash, @receipt)
      ON CONFLICT (id) DO NOTHING`);
    this.#findResponse = db.prepare('SELECT content_hash, receipt FROM responses WHERE id = ?');
    this.#findActiveSurvey = db.prepare(
      'SELECT definition, etag, active FROM surveys WHERE id = ? AND active = 1 ORDER BY version DESC LIMIT 1',
    );
    this.#findSurveyVersion = db.prepare(
      'SELECT definition, etag, active FROM surveys WHERE id = ? AND version = ?',
    );
    this.#findAnySurvey = db.prepare('SELECT 1 FROM surveys WHERE id = ? LIMIT 1');
    this.#insertSurvey = db.prepare(`
      INSERT INTO surveys (id, version, kind, active, definition, etag, created_at)
      VALUES (@id, @version, @kind, @active, @json, @etag, @createdAt)`);
    this.#storeBatch = db.transaction((items: readonly NewResponse[]) => {
      const receivedAt = this.#now().toISOString();
      return items.map((item) => this.#storeOne(item, receivedAt));
    });
  }

  #storeOne(item: NewResponse, receivedAt: string): StoreOutcome {
    for (let attempt = 1; ; attempt++) {
      const receipt = this.#generateReceipt();
      try {
        const { changes } = this.#insertResponse.run({
          ...item,
          group: item.group ?? null,
          receivedAt,
          receipt,
        });
        if (changes === 1) return { stored: 'inserted', receipt };
      } catch (error) {
        // A failed statement is undone on its own; the surrounding transaction carries on.
        if (attempt < MAX_RECEIPT_ATTEMPTS && isReceiptClash(error)) continue;
        throw error;
      }
      const existing = this.#findResponse.get(item.id) as Pick<
        ResponseRow,
        'content_hash' | 'receipt'
      >;
      return { stored: 'existing', receipt: existing.receipt, contentHash: existing.content_hash };
    }
  }

  async storeBatch(responses: readonly NewResponse[]): Promise<StoreOutcome[]> {
    if (responses.length === 0) return [];
    // IMMEDIATE: the id lookup and the insert must see the same database state even when
    // another process writes to the same file.
    return this.#storeBatch.immediate(responses);
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
    return this.#findAnySurvey.get(id) !== undefined;
  }

  async putSurvey(
    definition: unknown,
    options: { active?: boolean } = {},
  ): Promise<PutSurveyResult> {
    const parsed = check(surveyDefinitionSchema, definition);
    if (!parsed.ok) throw new SurveyValidationError(parsed.issues);
    const survey = toStoredSurvey(parsed.value, options.active ?? true);
    const { id, version, kind } = survey.definition;
    const put = this.#db.transaction((): PutSurveyResult => {
      const existing = this.#findSurveyVersion.get(id, version) as SurveyRow | undefined;
      if (existing) {
        if (existing.etag !== survey.etag) throw new SurveyConflictError(id, version);
        return { status: 'unchanged', survey: fromSurveyRow(existing) };
      }
      this.#insertSurvey.run({
        id,
        version,
        kind,
        active: survey.active ? 1 : 0,
        json: survey.json,
        etag: survey.etag,
        createdAt: this.#now().toISOString(),
      });
      return { status: 'created', survey };
    });
    return put.immediate();
  }

  async countResponses(): Promise<number> {
    const row = this.#db.prepare('SELECT count(*) AS n FROM responses').get() as { n: number };
    return row.n;
  }

  async listResponses(): Promise<StoredResponse[]> {
    const rows = this.#db.prepare('SELECT * FROM responses ORDER BY rowid').all() as ResponseRow[];
    return rows.map(fromResponseRow);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    this.#db.close();
  }
}

function isReceiptClash(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('responses.receipt')
  );
}

function fromSurveyRow(row: SurveyRow): StoredSurvey {
  return {
    // Stored only after validation, so it is trusted as it is read back.
    definition: JSON.parse(row.definition) as SurveyDefinition,
    json: row.definition,
    etag: row.etag,
    active: row.active === 1,
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
