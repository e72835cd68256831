import {
  type ConsultationStatus,
  check,
  consultationTopicSchema,
  localizedTextSchema,
  type SurveyDefinition,
  type ValidationIssue,
} from '@minyi/schema';
import { canonicalJson } from './canonical.js';
import { structureIssues } from './ingest.js';
import { checkSurveyDefinition, SurveyValidationError } from './storage.js';
import { contentOf, isConsultationStatus, type TopicContent, type TopicOutcome } from './topics.js';

/**
 * The admin API's decisions, as pure functions: what a request body becomes, or the status and
 * message that refuse it. Route handlers only fetch, call these, and store.
 */
export type Decision<T> =
  | { readonly ok: true; readonly value: T }
  | {
      readonly ok: false;
      readonly status: 400 | 404 | 409;
      readonly error: string;
      readonly issues?: readonly ValidationIssue[];
    };

const invalid = <T>(error: string, issues?: readonly ValidationIssue[]): Decision<T> => ({
  ok: false,
  status: 400,
  error,
  ...(issues ? { issues } : {}),
});
const conflict = <T>(error: string): Decision<T> => ({ ok: false, status: 409, error });

/** Admin bodies are JSON objects; the same structural limits apply as to responses. */
export function parseJsonObject(text: string): Decision<Record<string, unknown>> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return invalid('the body is not JSON', [
      { path: '$', message: `not valid JSON: ${(error as Error).message}` },
    ]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return invalid('the body is not a JSON object', [
      { path: '$', message: 'expected a JSON object' },
    ]);
  }
  const structure = structureIssues(value, '');
  if (structure.length > 0) return invalid('the body is not acceptable', structure);
  return { ok: true, value: value as Record<string, unknown> };
}

/**
 * A survey definition for `version`, from a body that may leave out the id (taken from the
 * path) and the version (the next one). A version given must be that next one, so that two
 * editors cannot both publish "version 3".
 */
export function surveyVersionFrom(
  body: Record<string, unknown>,
  id: string,
  version: number,
): Decision<SurveyDefinition> {
  if (body.id !== undefined && body.id !== id) {
    return invalid(`the body's id ${JSON.stringify(body.id)} is not the survey's id "${id}"`, [
      { path: 'id', message: `expected "${id}"` },
    ]);
  }
  if (body.version !== undefined && body.version !== version) {
    return conflict(
      `survey "${id}" can only get version ${version} now; leave "version" out to get the next one`,
    );
  }
  try {
    return { ok: true, value: checkSurveyDefinition({ ...body, id, version }) };
  } catch (error) {
    if (error instanceof SurveyValidationError) {
      return invalid('invalid survey definition', error.issues);
    }
    throw error;
  }
}

/** Whether two definitions say the same, whatever their versions and key order. */
export function sameDefinition(a: object, b: object): boolean {
  return canonicalJson({ ...a, version: 0 }) === canonicalJson({ ...b, version: 0 });
}

/**
 * Topic content for `version` from a create or edit body. Status and outcome are not content:
 * they move with the status request. A create may start as a draft or open.
 */
export function topicContentFrom(
  body: Record<string, unknown>,
  id: string,
  version: number,
  creating: boolean,
): Decision<{ content: TopicContent; status: ConsultationStatus }> {
  if (body.id !== undefined && body.id !== id) {
    return invalid(`the body's id ${JSON.stringify(body.id)} is not the topic's id "${id}"`, [
      { path: 'id', message: `expected "${id}"` },
    ]);
  }
  if (body.version !== undefined && body.version !== version) {
    return conflict(
      `consultation "${id}" can only get version ${version} now; leave "version" out to get the next one`,
    );
  }
  if (body.outcome !== undefined) {
    return invalid('the outcome is set when the consultation is published', [
      { path: 'outcome', message: `not allowed here; use POST /v1/consultations/${id}/status` },
    ]);
  }
  let status: ConsultationStatus = 'draft';
  if (body.status !== undefined) {
    if (!creating) {
      return invalid('the status is moved by its own request', [
        { path: 'status', message: `not allowed here; use POST /v1/consultations/${id}/status` },
      ]);
    }
    if (body.status !== 'draft' && body.status !== 'open') {
      return invalid('a new consultation starts as a draft or open', [
        { path: 'status', message: 'expected "draft" or "open"' },
      ]);
    }
    status = body.status;
  }
  const parsed = check(consultationTopicSchema, { ...body, id, version, status });
  if (!parsed.ok) return invalid('invalid consultation topic', parsed.issues);
  const { opensAt, closesAt } = parsed.value;
  if (opensAt && closesAt && Date.parse(closesAt) <= Date.parse(opensAt)) {
    return invalid('invalid consultation topic', [
      { path: 'closesAt', message: 'expected a time after "opensAt"' },
    ]);
  }
  return { ok: true, value: { content: contentOf(parsed.value), status } };
}

export interface StatusRequest {
  readonly status: ConsultationStatus;
  readonly outcomeText: TopicOutcome['text'] | undefined;
}

/** `{"status": "published", "outcome": {"text": {...}}}` or another status without an outcome. */
export function statusRequestFrom(body: Record<string, unknown>): Decision<StatusRequest> {
  if (!isConsultationStatus(body.status)) {
    return invalid('expected a status', [
      { path: 'status', message: 'expected one of "open", "closed", "published"' },
    ]);
  }
  const extra = Object.keys(body).filter((key) => key !== 'status' && key !== 'outcome');
  if (extra.length > 0) {
    return invalid('unexpected members', [
      { path: extra[0]!, message: 'expected only "status" and, to publish, "outcome"' },
    ]);
  }
  if (body.status !== 'published') {
    if (body.outcome !== undefined) {
      return invalid('an outcome is only given when publishing', [
        { path: 'outcome', message: 'not allowed unless "status" is "published"' },
      ]);
    }
    return { ok: true, value: { status: body.status, outcomeText: undefined } };
  }
  const outcome = body.outcome as { text?: unknown } | undefined;
  const text = check(localizedTextSchema, outcome?.text, 'outcome.text');
  if (!text.ok) return invalid('publishing needs the outcome text (公示)', text.issues);
  return { ok: true, value: { status: 'published', outcomeText: text.value } };
}
