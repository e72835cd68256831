/**
 * Versioned schema changes for the SQLite adapter, applied in order at start and recorded in
 * `schema_migrations`. Never edit a released entry: databases in the field have already run it;
 * append a new version instead.
 */
export interface Migration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const SQLITE_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'responses and surveys',
    sql: `
      CREATE TABLE responses (
        id               TEXT PRIMARY KEY,
        survey           TEXT NOT NULL,
        survey_version   INTEGER NOT NULL,
        kind             TEXT NOT NULL,
        subject          TEXT NOT NULL,
        respondent_group TEXT,
        created_at       TEXT NOT NULL,
        received_at      TEXT NOT NULL,
        -- the response exactly as submitted, for audits and for re-scoring under later rules
        body             TEXT NOT NULL,
        -- sha256 of the canonical JSON: tells a retry from a different response under the same id
        content_hash     TEXT NOT NULL,
        receipt          TEXT NOT NULL UNIQUE
      ) STRICT;
      CREATE INDEX responses_by_survey ON responses (survey, survey_version, created_at);
      CREATE INDEX responses_by_subject ON responses (subject, created_at);

      CREATE TABLE surveys (
        id         TEXT NOT NULL,
        version    INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
        definition TEXT NOT NULL,
        etag       TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;
    `,
  },
];
