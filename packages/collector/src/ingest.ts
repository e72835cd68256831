import {
  check,
  envelopeSchema,
  formatPath,
  type ResponseResult,
  responseSchema,
  type SurveyDefinition,
  type SurveyResponse,
  type ValidationIssue,
} from '@minyi/schema';
import { contentHash } from './canonical.js';
import type { NewResponse, ResponseStore, StoreOutcome } from './storage.js';

export type EnvelopeCheck =
  | { readonly ok: true; readonly responses: readonly unknown[] }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/** The body of `POST /v1/responses`, as text: JSON and text/plain bodies are parsed alike. */
export function parseEnvelope(text: string): EnvelopeCheck {
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return { ok: false, issues: [{ path: '$', message: `not valid JSON: ${reason}` }] };
  }
  return checkEnvelope(body);
}

export function checkEnvelope(body: unknown): EnvelopeCheck {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    return {
      ok: false,
      issues: [{ path: '$', message: 'expected an object such as {"responses": [...]}' }],
    };
  }
  const parsed = check(envelopeSchema, body);
  return parsed.ok
    ? { ok: true, responses: parsed.value.responses }
    : { ok: false, issues: parsed.issues };
}

/** What the collector knows about the survey a response names. */
export type SurveyKnowledge =
  /** Never heard of: the collector accepts responses for surveys defined elsewhere. */
  | { readonly known: false }
  /** Known, but `definition` is missing when the version is not. */
  | { readonly known: true; readonly definition: SurveyDefinition | undefined };

/**
 * Checks a response against the definition of the survey version it names. Deliberately shallow
 * for now (kind and dimension ids); answer values against scales, required dimensions, groups
 * and subjects belong here when they are checked.
 */
export function validateAgainstSurvey(
  response: SurveyResponse,
  definition: SurveyDefinition,
  root = '',
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (response.kind !== definition.kind) {
    issues.push({
      path: formatPath(['kind'], root),
      message: `expected "${definition.kind}", the kind of survey "${definition.id}"`,
    });
  }
  const dimensions = new Set(definition.dimensions.map((d) => d.id));
  for (const key of Object.keys(response.answers)) {
    if (!dimensions.has(key)) {
      issues.push({
        path: formatPath(['answers', key], root),
        message: `survey "${definition.id}" version ${definition.version} has no dimension "${key}"`,
      });
    }
  }
  return issues;
}

export function surveyIssues(
  response: SurveyResponse,
  knowledge: SurveyKnowledge,
  root = '',
): ValidationIssue[] {
  if (!knowledge.known) return [];
  if (!knowledge.definition) {
    return [
      {
        path: formatPath(['surveyVersion'], root),
        message: `survey "${response.survey}" has no version ${response.surveyVersion} on this collector`,
      },
    ];
  }
  return validateAgainstSurvey(response, knowledge.definition, root);
}

/** One element of `responses`, after validation: ready to store, or already answered. */
export type ItemCheck =
  | { readonly ok: true; readonly id: string; readonly path: string; readonly record: NewResponse }
  | { readonly ok: false; readonly result: ResponseResult };

export function toNewResponse(response: SurveyResponse, submitted: unknown): NewResponse {
  return {
    id: response.id,
    survey: response.survey,
    surveyVersion: response.surveyVersion,
    kind: response.kind,
    subject: response.subject,
    group: response.group,
    createdAt: response.createdAt,
    // The parsed element, not zod's output: it keeps the submitted key order and unknown keys.
    json: JSON.stringify(submitted),
    contentHash: contentHash(submitted),
  };
}

export function rejected(submitted: unknown, issues: readonly ValidationIssue[]): ResponseResult {
  return { id: submittedId(submitted), status: 'rejected', error: describeIssues(issues) };
}

/** The id to echo for a rejected item: any string given, so the client can match it up. */
export function submittedId(submitted: unknown): string {
  if (submitted === null || typeof submitted !== 'object') return '';
  const id = (submitted as Record<string, unknown>).id;
  return typeof id === 'string' ? id : '';
}

export function describeIssues(issues: readonly ValidationIssue[]): string {
  return issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
}

/**
 * Turns what storage found into the answer for one response: a stored response with the same
 * canonical content is the client retrying (duplicate, same receipt); different content under
 * the same id is refused rather than silently dropped, because the client would otherwise
 * believe its second response was counted.
 */
export function resultFor(item: ItemCheck & { ok: true }, outcome: StoreOutcome): ResponseResult {
  if (outcome.stored === 'inserted') {
    return { id: item.id, status: 'accepted', receipt: outcome.receipt };
  }
  if (outcome.contentHash === item.record.contentHash) {
    return { id: item.id, status: 'duplicate', receipt: outcome.receipt };
  }
  return {
    id: item.id,
    status: 'rejected',
    error: `${formatPath(['id'], item.path)}: this id was already used for a different response; a new response needs a new id`,
  };
}

export type SurveyLookup = (survey: string, version: number) => Promise<SurveyKnowledge>;

/** Looks each survey version up once per batch, however many responses name it. */
export function surveyLookup(store: ResponseStore): SurveyLookup {
  const cache = new Map<string, Promise<SurveyKnowledge>>();
  return (survey, version) => {
    const key = `${survey}\u0000${version}`;
    let knowledge = cache.get(key);
    if (!knowledge) {
      knowledge = (async (): Promise<SurveyKnowledge> => {
        const stored = await store.getSurvey(survey, version);
        if (stored) return { known: true, definition: stored.definition };
        return (await store.hasSurvey(survey))
          ? { known: true, definition: undefined }
          : { known: false };
      })();
      cache.set(key, knowledge);
    }
    return knowledge;
  };
}

export async function checkItem(
  submitted: unknown,
  index: number,
  lookup: SurveyLookup,
): Promise<ItemCheck> {
  const path = `responses[${index}]`;
  const parsed = check(responseSchema, submitted, path);
  if (!parsed.ok) return { ok: false, result: rejected(submitted, parsed.issues) };
  const response = parsed.value;
  const issues = surveyIssues(
    response,
    await lookup(response.survey, response.surveyVersion),
    path,
  );
  if (issues.length > 0) return { ok: false, result: rejected(submitted, issues) };
  return { ok: true, id: response.id, path, record: toNewResponse(response, submitted) };
}

/**
 * Validates every response of a batch on its own, stores the valid ones in one transaction, and
 * answers one result per response, in order.
 */
export async function ingestBatch(
  store: ResponseStore,
  responses: readonly unknown[],
): Promise<ResponseResult[]> {
  const lookup = surveyLookup(store);
  const items = await Promise.all(responses.map((r, index) => checkItem(r, index, lookup)));
  const valid = items.filter((item): item is ItemCheck & { ok: true } => item.ok);
  const outcomes = await store.storeBatch(valid.map((item) => item.record));
  const outcomeOf = new Map(valid.map((item, k) => [item, outcomes[k]]));
  return items.map((item) => {
    if (!item.ok) return item.result;
    const outcome = outcomeOf.get(item);
    if (!outcome) throw new Error('storage returned fewer outcomes than responses');
    return resultFor(item, outcome);
  });
}
