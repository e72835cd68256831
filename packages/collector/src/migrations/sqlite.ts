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
  {
    version: 2,
    name: 'periods and caps, retired surveys, consultation topics, tokens',
    sql: `
      -- createdAt carries the resident's offset; filtering by period needs one time line
      ALTER TABLE responses ADD COLUMN created_ms INTEGER;
      UPDATE responses
         SET created_ms = CAST(round((julianday(created_at) - 2440587.5) * 86400000.0) AS INTEGER);
      -- a hash of (survey, subject, device, period): at most one answer each where a survey caps
      ALTER TABLE responses ADD COLUMN cap_key TEXT;
      CREATE UNIQUE INDEX responses_cap ON responses (cap_key) WHERE cap_key IS NOT NULL;
      -- reads page through one survey or subject in the order received (rowid)
      DROP INDEX responses_by_survey;
      DROP INDEX responses_by_subject;
      CREATE INDEX responses_by_survey ON responses (survey);
      CREATE INDEX responses_by_subject ON responses (subject);

      ALTER TABLE surveys ADD COLUMN retired_at TEXT;

      CREATE TABLE topics (
        id         TEXT PRIMARY KEY,
        status     TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'published')),
        version    INTEGER NOT NULL,
        outcome    TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      ) STRICT;

      CREATE TABLE topic_versions (
        id         TEXT NOT NULL,
        version    INTEGER NOT NULL,
        content    TEXT NOT NULL,
        created_at TEXT NOT NULL,
        PRIMARY KEY (id, version)
      ) STRICT;

      CREATE TABLE tokens (
        id           TEXT PRIMARY KEY,
        -- sha256 of the token: the token itself is shown once and never stored
        hash         TEXT NOT NULL UNIQUE,
        role         TEXT NOT NULL CHECK (role IN ('evaluator', 'admin')),
        surveys      TEXT NOT NULL,
        subjects     TEXT NOT NULL,
        note         TEXT,
        created_at   TEXT NOT NULL,
        expires_at   TEXT,
        revoked_at   TEXT,
        last_used_at TEXT
      ) STRICT;
    `,
  },
  {
    version: 3,
    name: 'scoring order',
    sql: `
      -- scores read one survey by subject and creation instant (GET /v1/scores)
      CREATE INDEX responses_for_scores ON responses (survey, subject, created_ms);
    `,
  },
  {
    version: 4,
    name: 'follow-up cases',
    sql: `
      CREATE TABLE cases (
        -- the order opened, for paging
        seq             INTEGER PRIMARY KEY AUTOINCREMENT,
        id              TEXT NOT NULL UNIQUE,
        response_id     TEXT NOT NULL UNIQUE,
        survey          TEXT NOT NULL,
        survey_version  INTEGER NOT NULL,
        subject         TEXT NOT NULL,
        -- why it opened: JSON [{"type": "rating", "dimension": …, "answer": …} | {"type": "comment"}]
        reasons         TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'replied', 'closed')),
        opened_at       TEXT NOT NULL,
        deadline        TEXT NOT NULL,
        deadline_ms     INTEGER NOT NULL,
        assignee        TEXT,
        reply           TEXT,
        replied_at      TEXT,
        closed_at       TEXT,
        -- the resident's one rating of the reply: a response to follow-up-rating
        rating_response TEXT,
        rated_at        TEXT
      ) STRICT;
      CREATE INDEX cases_by_survey ON cases (survey, seq);
      -- the counts by status and overdue of one survey, read from the index alone
      CREATE INDEX cases_counts ON cases (survey, status, deadline_ms);
      CREATE UNIQUE INDEX cases_rating ON cases (rating_response) WHERE rating_response IS NOT NULL;

      CREATE TABLE case_events (
        case_id TEXT NOT NULL,
        seq     INTEGER NOT NULL,
        at      TEXT NOT NULL,
        action  TEXT NOT NULL,
        -- who: {"type": "token", "id": …, "note": …}, {"type": "resident"} or {"type": "collector"}
        actor   TEXT NOT NULL,
        detail  TEXT,
        PRIMARY KEY (case_id, seq)
      ) STRICT, WITHOUT ROWID;
    `,
  },
];
