import {
  type CaseList,
  type CaseStatus,
  caseListSchema,
  check,
  type FollowUpCase,
  followUpCaseSchema,
  type SurveyDefinition,
  surveyDefinitionSchema,
  type ValidationIssue,
} from '@minyi/schema';
import { collectorBase, requestJson } from './collector-request.js';

/**
 * - `unauthorized`: 401, no token or one that is unknown, expired or revoked;
 * - `forbidden`: 403, a token whose role may not work cases;
 * - `not-found`: 404, an unknown case, survey or subject, or one outside the token's scope (the
 *   collector does not tell them apart, so that a scope cannot be probed);
 * - `bad-request`: 400, a parameter or a field the collector refused, named in `detail`;
 * - `conflict`: 409, a move the case's status does not allow, or a case someone else changed;
 * - `server`: any other answer that is not 200;
 * - `network`: no answer at all;
 * - `invalid-response`: a 200 whose body is not the case or list the schema describes.
 */
export type CasesErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'conflict'
  | 'server'
  | 'network'
  | 'invalid-response';

export interface CasesError {
  readonly code: CasesErrorCode;
  readonly status?: number;
  /** What the collector or the schema said, for the message and for the web team's console. */
  readonly detail?: string;
}

export type CasesResult<T> =
  | { readonly ok: true; readonly data: T }
  | { readonly ok: false; readonly error: CasesError };

export interface CasesQuery {
  readonly survey?: string | undefined;
  readonly subject?: string | undefined;
  readonly status?: readonly CaseStatus[] | undefined;
  readonly overdue?: boolean | undefined;
  readonly limit?: number | undefined;
  readonly after?: string | undefined;
}

/** The moves an evaluator makes on a case, as the collector's routes name them. */
export type CaseMove = 'assign' | 'reply' | 'close';

/** `GET /v1/cases` with the query; never the token, which travels in a header. */
export function casesUrl(collector: string, query: CasesQuery): string {
  const url = new URL('v1/cases', collectorBase(collector));
  if (query.survey) url.searchParams.set('survey', query.survey);
  if (query.subject) url.searchParams.set('subject', query.subject);
  if (query.status && query.status.length > 0) {
    url.searchParams.set('status', query.status.join(','));
  }
  if (query.overdue !== undefined) url.searchParams.set('overdue', String(query.overdue));
  if (query.limit !== undefined) url.searchParams.set('limit', String(query.limit));
  if (query.after) url.searchParams.set('after', query.after);
  return url.href;
}

/** `/v1/cases/{id}`, or one of its moves. */
export function caseUrl(collector: string, id: string, move?: CaseMove): string {
  const path = `v1/cases/${encodeURIComponent(id)}${move ? `/${move}` : ''}`;
  return new URL(path, collectorBase(collector)).href;
}

function issuesText(issues: readonly ValidationIssue[]): string {
  return issues
    .slice(0, 3)
    .map((issue) => `${issue.path}: ${issue.message}`)
    .join('; ');
}

/** Only a case can conflict: with its status, or with someone else's change to it. */
const CASE_REFUSALS = { 409: 'conflict' } as const;

async function call<T>(
  url: string,
  token: string,
  read: (json: unknown) => CasesResult<T>,
  signal: AbortSignal | undefined,
  body?: unknown,
): Promise<CasesResult<T>> {
  const answer = await requestJson(url, token, { signal, body, refusals: CASE_REFUSALS });
  return answer.ok ? read(answer.json) : answer;
}

const invalid = (issues: readonly ValidationIssue[]): CasesResult<never> => ({
  ok: false,
  error: { code: 'invalid-response', status: 200, detail: issuesText(issues) },
});

/** The list is checked whole: a case the schema refuses would be shown wrongly, not partly. */
export function checkCaseList(json: unknown): CasesResult<CaseList> {
  const checked = check(caseListSchema, json);
  return checked.ok ? { ok: true, data: checked.value } : invalid(checked.issues);
}

export function checkCase(json: unknown): CasesResult<FollowUpCase> {
  const checked = check(followUpCaseSchema, json);
  return checked.ok ? { ok: true, data: checked.value } : invalid(checked.issues);
}

export function fetchCases(
  collector: string,
  query: CasesQuery,
  token: string,
  signal?: AbortSignal,
): Promise<CasesResult<CaseList>> {
  return call(casesUrl(collector, query), token, checkCaseList, signal);
}

export function fetchCase(
  collector: string,
  id: string,
  token: string,
  signal?: AbortSignal,
): Promise<CasesResult<FollowUpCase>> {
  return call(caseUrl(collector, id), token, checkCase, signal);
}

/** A move answers with the case as it is now, events included. */
export function moveCase(
  collector: string,
  id: string,
  move: CaseMove,
  body: Record<string, string>,
  token: string,
): Promise<CasesResult<FollowUpCase>> {
  return call(caseUrl(collector, id, move), token, checkCase, undefined, body);
}

/**
 * A survey's definition, for the names of its dimensions and levels. It is public (no token is
 * sent) and may come from the browser's cache. Anything but a valid definition is `undefined`:
 * the case is then shown with the ids it carries, which is less friendly but still true.
 */
export async function fetchSurvey(
  collector: string,
  survey: string,
): Promise<SurveyDefinition | undefined> {
  try {
    const url = new URL(`v1/surveys/${encodeURIComponent(survey)}`, collectorBase(collector));
    const response = await fetch(url.href, {
      headers: { Accept: 'application/json' },
      credentials: 'omit',
      referrerPolicy: 'no-referrer',
    });
    if (response.status !== 200) return undefined;
    const checked = check(surveyDefinitionSchema, await response.json());
    return checked.ok ? checked.value : undefined;
  } catch {
    return undefined;
  }
}
