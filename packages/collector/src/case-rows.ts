import type { CaseAction, CaseStatus } from '@minyi/schema';
import type { CaseReason } from './follow-up.js';
import type {
  CaseActor,
  CaseCounts,
  CaseFilter,
  NewCaseEvent,
  StoredCase,
  StoredCaseEvent,
} from './storage.js';
import type { CaseEventTransfer, CaseTransfer } from './transfer.js';

/**
 * The follow-up case tables as both adapters keep them: the same columns and text forms (dates
 * as ISO 8601 text), so that the SQL that reads them and the mapping of rows are shared, and an
 * export from one engine imports into the other unchanged.
 */
export interface CaseRow {
  seq: number | string;
  id: string;
  response_id: string;
  survey: string;
  survey_version: number;
  subject: string;
  reasons: string;
  status: string;
  opened_at: string;
  deadline: string;
  deadline_ms: number | string;
  assignee: string | null;
  reply: string | null;
  replied_at: string | null;
  closed_at: string | null;
  rating_response: string | null;
  rated_at: string | null;
}

export interface CaseViewRow extends CaseRow {
  response_body: string;
  rating_body: string | null;
}

export interface CaseEventRow {
  case_id: string;
  seq: number;
  at: string;
  action: string;
  actor: string;
  detail: string | null;
}

/** A case with the response that opened it and the rating of its reply, if any. */
export const CASE_VIEW_SQL = `SELECT c.*, r.body AS response_body, rr.body AS rating_body
  FROM cases c
  JOIN responses r ON r.id = c.response_id
  LEFT JOIN responses rr ON rr.id = c.rating_response`;

/**
 * One page of cases in the order opened: the page is chosen from `cases` alone, then joined to its
 * responses, so that a filter matching thousands of cases joins a page, not all of them.
 */
export function caseListSql(where: string, limit: string): string {
  return `SELECT c.*, r.body AS response_body, rr.body AS rating_body
    FROM (SELECT * FROM cases c WHERE ${where} ORDER BY c.seq LIMIT ${limit}) c
    JOIN responses r ON r.id = c.response_id
    LEFT JOIN responses rr ON rr.id = c.rating_response
    ORDER BY c.seq`;
}

export function fromCaseRow(row: CaseViewRow): StoredCase {
  return {
    seq: Number(row.seq),
    id: row.id,
    responseId: row.response_id,
    survey: row.survey,
    surveyVersion: row.survey_version,
    subject: row.subject,
    reasons: JSON.parse(row.reasons) as CaseReason[],
    status: row.status as CaseStatus,
    openedAt: row.opened_at,
    deadline: row.deadline,
    deadlineMs: Number(row.deadline_ms),
    assignee: row.assignee ?? undefined,
    reply: row.reply ?? undefined,
    repliedAt: row.replied_at ?? undefined,
    closedAt: row.closed_at ?? undefined,
    ratedAt: row.rated_at ?? undefined,
    responseJson: row.response_body,
    ratingJson: row.rating_body ?? undefined,
  };
}

export function fromCaseEventRow(row: CaseEventRow): StoredCaseEvent {
  return {
    seq: Number(row.seq),
    at: row.at,
    action: row.action as CaseAction,
    by: JSON.parse(row.actor) as CaseActor,
    ...(row.detail === null ? {} : { detail: row.detail }),
  };
}

export function caseTransfer(row: CaseRow): CaseTransfer {
  return {
    type: 'case',
    id: row.id,
    responseId: row.response_id,
    survey: row.survey,
    surveyVersion: row.survey_version,
    subject: row.subject,
    reasons: row.reasons,
    status: row.status as CaseStatus,
    openedAt: row.opened_at,
    deadline: row.deadline,
    deadlineMs: Number(row.deadline_ms),
    assignee: row.assignee,
    reply: row.reply,
    repliedAt: row.replied_at,
    closedAt: row.closed_at,
    ratingResponse: row.rating_response,
    ratedAt: row.rated_at,
  };
}

export function caseEventTransfer(row: CaseEventRow): CaseEventTransfer {
  return {
    type: 'case-event',
    caseId: row.case_id,
    seq: Number(row.seq),
    at: row.at,
    action: row.action as CaseAction,
    actor: row.actor,
    detail: row.detail,
  };
}

/** Column values of an event, in the order of `case_events` after `case_id` and `seq`. */
export function eventValues(event: NewCaseEvent): [string, string, string, string | null] {
  return [event.at, event.action, JSON.stringify(event.by), event.detail ?? null];
}

const UNANSWERED = "c.status IN ('open', 'assigned')";

/**
 * The WHERE clause of a case query. `bind` adds a parameter and answers its placeholder (`?` or
 * `$n`), so that both engines share the conditions.
 */
export function caseWhere(
  filter: CaseFilter,
  after: number | undefined,
  bind: (value: unknown) => string,
  { scopeOnly = false } = {},
): string {
  const conditions: string[] = [];
  const anyOf = (column: string, values: readonly string[] | undefined) => {
    if (values === undefined) return;
    conditions.push(
      values.length === 0 ? '1 = 0' : `${column} IN (${values.map((v) => bind(v)).join(', ')})`,
    );
  };
  anyOf('c.survey', filter.surveys);
  anyOf('c.subject', filter.subjects);
  if (!scopeOnly) {
    anyOf('c.status', filter.statuses);
    if (filter.overdue !== undefined) {
      const overdue = `(${UNANSWERED} AND c.deadline_ms <= ${bind(filter.nowMs)})`;
      conditions.push(filter.overdue ? overdue : `NOT ${overdue}`);
    }
  }
  if (after !== undefined) conditions.push(`c.seq > ${bind(after)}`);
  return conditions.length > 0 ? conditions.join(' AND ') : '1 = 1';
}

/** Counts by status and overdue among the cases the survey and subject filters match. */
export function caseCountsSql(filter: CaseFilter, bind: (value: unknown) => string): string {
  const now = bind(filter.nowMs);
  return `SELECT c.status AS status, count(*) AS n,
      sum(CASE WHEN ${UNANSWERED} AND c.deadline_ms <= ${now} THEN 1 ELSE 0 END) AS overdue
    FROM cases c WHERE ${caseWhere(filter, undefined, bind, { scopeOnly: true })}
    GROUP BY c.status`;
}

export function toCaseCounts(
  rows: readonly { status: string; n: number | string; overdue: number | string | null }[],
): CaseCounts {
  const counts: CaseCounts = { open: 0, assigned: 0, replied: 0, closed: 0, overdue: 0 };
  for (const row of rows) {
    counts[row.status as CaseStatus] = Number(row.n);
    counts.overdue += Number(row.overdue ?? 0);
  }
  return counts;
}
