import type { Migration } from './sqlite.js';

/**
 * Versioned schema changes for the PostgreSQL adapter, applied in order at start (under an
 * advisory lock, so that several collectors starting at once run each migration once) and
 * recorded in `schema_migrations`. Never edit a released entry; append a new version instead.
 * Only plain SQL that PostgreSQL-compatible engines share is used.
 */
export const POSTGRES_MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'responses, surveys, consultation topics, tokens',
    sql: `
      CREATE TABLE responses (
        -- the order received, for paging reads without holding a cursor open
        seq              BIGSERIAL NOT NULL,
        id               TEXT PRIMARY KEY,
        survey           TEXT NOT NULL,
        survey_version   INTEGER NOT NULL,
        kind             TEXT NOT NULL,
        subject          TEXT NOT NULL,
        respondent_group TEXT,
        created_at       TEXT NOT NULL,
        -- createdAt carries the resident's offset; filtering by period needs one time line
        created_ms       BIGINT NOT NULL,
        received_at      TIMESTAMPTZ NOT NULL,
        -- the response as submitted (after scrubbing), for audits and re-scoring; text, not
        -- jsonb, so that it keeps its key order byte for byte
        body             TEXT NOT NULL,
        content_hash     TEXT NOT NULL,
        receipt          TEXT NOT NULL UNIQUE,
        -- a hash of (survey, subject, device, period): at most one answer each where capped
        cap_key          TEXT
      );
      CREATE UNIQUE INDEX responses_seq ON responses (seq);
      CREATE UNIQUE INDEX responses_cap ON responses (cap_key) WHERE cap_key IS NOT NULL;
      CREATE INDEX responses_by_survey ON responses (survey, seq);
      CREATE INDEX responses_by_subject ON responses (subject, seq);

      CREATE TABLE surveys (
        id         TEXT NOT NULL,
        version    INTEGER NOT NULL,
        kind       TEXT NOT NULL,
        active     BOOLEAN NOT NULL DEFAULT TRUE,
        definition TEXT NOT NULL,
        etag       TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        retired_at TIMESTAMPTZ,
        PRIMARY KEY (id, version)
      );

      CREATE TABLE topics (
        id         TEXT PRIMARY KEY,
        status     TEXT NOT NULL CHECK (status IN ('draft', 'open', 'closed', 'published')),
        version    INTEGER NOT NULL,
        outcome    TEXT,
        created_at TIMESTAMPTZ NOT NULL,
        updated_at TIMESTAMPTZ NOT NULL
      );

      CREATE TABLE topic_versions (
        id         TEXT NOT NULL,
        version    INTEGER NOT NULL,
        content    TEXT NOT NULL,
        created_at TIMESTAMPTZ NOT NULL,
        PRIMARY KEY (id, version)
      );

      CREATE TABLE tokens (
        id           TEXT PRIMARY KEY,
        -- sha256 of the token: the token itself is shown once and never stored
        hash         TEXT NOT NULL UNIQUE,
        role         TEXT NOT NULL CHECK (role IN ('evaluator', 'admin')),
        surveys      TEXT[] NOT NULL,
        subjects     TEXT[] NOT NULL,
        note         TEXT,
        created_at   TIMESTAMPTZ NOT NULL,
        expires_at   TIMESTAMPTZ,
        revoked_at   TIMESTAMPTZ,
        last_used_at TIMESTAMPTZ
      );
    `,
  },
  {
    version: 2,
    name: 'scoring order',
    sql: `
      -- scores read one survey by subject and creation instant (GET /v1/scores)
      CREATE INDEX responses_for_scores ON responses (survey, subject, created_ms, seq);
    `,
  },
  {
    version: 3,
    name: 'follow-up cases',
    sql: `
      CREATE TABLE cases (
        -- the order opened, for paging
        seq             BIGSERIAL NOT NULL,
        id              TEXT PRIMARY KEY,
        response_id     TEXT NOT NULL UNIQUE,
        survey          TEXT NOT NULL,
        survey_version  INTEGER NOT NULL,
        subject         TEXT NOT NULL,
        -- why it opened: JSON [{"type": "rating", "dimension": …, "answer": …} | {"type": "comment"}]
        reasons         TEXT NOT NULL,
        status          TEXT NOT NULL CHECK (status IN ('open', 'assigned', 'replied', 'closed')),
        -- ISO 8601 text, as the SQLite adapter keeps them, so that exports match byte for byte
        opened_at       TEXT NOT NULL,
        deadline        TEXT NOT NULL,
        deadline_ms     BIGINT NOT NULL,
        assignee        TEXT,
        reply           TEXT,
        replied_at      TEXT,
        closed_at       TEXT,
        -- the resident's one rating of the reply: a response to follow-up-rating
        rating_response TEXT,
        rated_at        TEXT
      );
      CREATE UNIQUE INDEX cases_seq ON cases (seq);
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
      );
    `,
  },
];
