import {
  check,
  envelopeSchema,
  formatPath,
  REPLY_RATING_SURVEY,
  type ResponseKind,
  type ResponseResult,
  responseSchema,
  type SurveyDefinition,
  type SurveyResponse,
  scrub,
  type ValidationIssue,
} from '@minyi/schema';
import { contentHash } from './canonical.js';
import type { Catalog } from './catalog.js';
import {
  CASE_ID_PATTERN,
  type CollectorSurvey,
  followUpDeadline,
  followUpReasons,
  newCaseId,
  workingDaysOf,
} from './follow-up.js';
import {
  capKey,
  DEFAULT_TIME_ZONE,
  DEVICE_KEY_PATTERN,
  periodInstant,
  periodKey,
} from './periods.js';
import { surveyRuleIssues, topicRuleIssues } from './rules.js';
import type { NewCase, NewResponse, Store, StoredCase, StoreOutcome } from './storage.js';
import type { TopicContent, TopicState } from './topics.js';
import type { WorkCalendar } from './work-calendar.js';

export type EnvelopeCheck =
  | {
      readonly ok: true;
      readonly responses: readonly unknown[];
      /** The browser's device key, when it sent one. */
      readonly device: string | undefined;
    }
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
  const device = (body as Record<string, unknown>).device;
  const deviceIssues: ValidationIssue[] =
    device === undefined || (typeof device === 'string' && DEVICE_KEY_PATTERN.test(device))
      ? []
      : [
          {
            path: 'device',
            message: 'expected a device key of 8 to 64 letters, digits, "_" or "-"',
          },
        ];
  if (!parsed.ok || deviceIssues.length > 0) {
    return { ok: false, issues: [...(parsed.ok ? [] : parsed.issues), ...deviceIssues] };
  }
  return { ok: true, responses: parsed.value.responses, device: device as string | undefined };
}

/** Deeper than any real response; JSON this deep is built to exhaust a recursive reader. */
export const MAX_DEPTH = 16;

/**
 * Keys that mean something to JavaScript objects rather than to a response: `__proto__`, and
 * `constructor.prototype`. They are refused, as Fastify's own JSON parser does, so that no later
 * merge of stored responses can change an object's prototype; excessive nesting and NUL
 * characters are refused too.
 */
export function structureIssues(value: unknown, root: string): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: node, path } = stack.pop()!;
    if (node === null || typeof node !== 'object') continue;
    if (path.length >= MAX_DEPTH) {
      issues.push({
        path: formatPath(path, root),
        message: `expected at most ${MAX_DEPTH} levels of nesting`,
      });
      continue;
    }
    const record = node as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const child = record[key];
      // PostgreSQL text cannot hold U+0000; refused in both engines, so that they agree.
      if (key.includes('\u0000') || (typeof child === 'string' && child.includes('\u0000'))) {
        issues.push({
          path: formatPath([...path, Array.isArray(node) ? Number(key) : key], root),
          message: 'expected text without NUL characters (U+0000)',
        });
        continue;
      }
      if (
        key === '__proto__' ||
        (key === 'constructor' &&
          child !== null &&
          typeof child === 'object' &&
          Object.hasOwn(child, 'prototype'))
      ) {
        issues.push({ path: formatPath([...path, key], root), message: 'not allowed' });
        continue;
      }
      if (child !== null && typeof child === 'object') {
        stack.push({ value: child, path: [...path, Array.isArray(node) ? Number(key) : key] });
      }
    }
  }
  return issues;
}

export interface IngestContext {
  readonly catalog: Catalog;
  readonly device: string | undefined;
  /** The time of receipt: consultations must be open then, and caps count from it. */
  readonly nowMs: number;
  /** The cases that ratings in the batch name (`case:{id}`), looked up before checking. */
  readonly ratedCases?: ReadonlyMap<string, StoredCase | undefined>;
  /** The working days that follow-up deadlines count; Monday to Friday when omitted. */
  readonly calendar?: WorkCalendar;
}

/** The cap an accepted response takes up, for the message when it is already taken. */
interface CapInfo {
  readonly period: string;
  readonly key: string;
  /** What to say instead of the per-device message. */
  readonly taken?: string;
}

/** One element of `responses`, after validation: ready to store, or already answered. */
export type ItemCheck =
  | {
      readonly ok: true;
      readonly id: string;
      readonly path: string;
      readonly record: NewResponse;
      readonly cap: CapInfo | undefined;
      readonly survey: string;
      readonly subject: string;
    }
  | { readonly ok: false; readonly result: ResponseResult };

/**
 * The response as it is stored: free text scrubbed of personal data once more (a page may post
 * without the widgets, or with an older copy of them), otherwise exactly as submitted. Scrubbing
 * is deterministic, so a retry of the same response is still recognised as a duplicate.
 */
export function toNewResponse(
  response: SurveyResponse,
  submitted: unknown,
  capKeyValue?: string,
): NewResponse {
  let stored = submitted;
  if (typeof response.comment === 'string') {
    const cleaned = scrub(response.comment);
    if (cleaned.removed > 0) {
      stored = { ...(submitted as Record<string, unknown>), comment: cleaned.text };
    }
  }
  return {
    id: response.id,
    survey: response.survey,
    surveyVersion: response.surveyVersion,
    kind: response.kind,
    subject: response.subject,
    group: response.group,
    createdAt: response.createdAt,
    createdMs: Date.parse(response.createdAt),
    // The parsed element, not zod's output: it keeps the submitted key order and unknown keys.
    json: JSON.stringify(stored),
    contentHash: contentHash(stored),
    capKey: capKeyValue,
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
  if (outcome.stored === 'capped' && item.cap?.taken) {
    return {
      id: item.id,
      status: 'rejected',
      error: `${formatPath(['subject'], item.path)}: ${item.cap.taken}`,
    };
  }
  if (outcome.stored === 'capped') {
    const period = item.cap?.period ?? 'period';
    return {
      id: item.id,
      status: 'rejected',
      error: `${formatPath(['subject'], item.path)}: this device already answered survey "${item.survey}" about "${item.subject}" this ${period} (${item.cap?.key ?? ''}); the survey takes one answer per device and subject each ${period}`,
    };
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

/**
 * What a response names, looked up once per batch for each distinct (kind, survey, version): the
 * survey definition or the consultation topic whose rules it must follow, or why it names
 * nothing that takes answers.
 */
export type Target =
  | { readonly type: 'survey'; readonly definition: SurveyDefinition }
  | {
      readonly type: 'topic';
      readonly version: TopicContent;
      readonly state: TopicState;
      readonly current: TopicContent;
    }
  | { readonly type: 'none'; readonly field: 'survey' | 'surveyVersion'; readonly message: string };

/**
 * A consultation response names a topic; a response of another kind, or one naming an id that
 * only a survey has, names a survey. Surveys a page defines inline must also be known to the
 * collector, since their rules are what is checked here.
 */
export async function resolveTarget(
  kind: ResponseKind,
  survey: string,
  surveyVersion: number,
  catalog: Catalog,
): Promise<Target> {
  const topic = kind === 'consultation' ? await catalog.topic(survey) : undefined;
  const info = topic ? undefined : await catalog.surveyInfo(survey);
  const named =
    topic ?? (info || kind === 'consultation' ? undefined : await catalog.topic(survey));
  if (named) {
    const [version, current] = await Promise.all([
      catalog.topicVersion(named.id, surveyVersion),
      catalog.topicVersion(named.id, named.version),
    ]);
    if (!version) {
      return {
        type: 'none',
        field: 'surveyVersion',
        message: `consultation "${named.id}" has no version ${surveyVersion} on this collector`,
      };
    }
    return { type: 'topic', version, state: named, current: current ?? version };
  }
  if (!info) return { type: 'none', field: 'survey', message: `unknown survey "${survey}"` };
  if (info.retiredAt !== undefined) {
    return {
      type: 'none',
      field: 'survey',
      message: `survey "${survey}" was retired at ${info.retiredAt} and takes no more answers`,
    };
  }
  const definition = await catalog.surveyVersion(survey, surveyVersion);
  if (!definition) {
    return {
      type: 'none',
      field: 'surveyVersion',
      message: `survey "${survey}" has no version ${surveyVersion} on this collector`,
    };
  }
  return { type: 'survey', definition };
}

interface Checked {
  readonly issues: ValidationIssue[];
  /** The cap the response takes up when it is stored. */
  readonly cap?: CapInfo;
  /** The hash stored for the cap, when it is not the per-device one. */
  readonly capKey?: string;
  readonly opensCase?: NewCase;
  readonly ratesCase?: string;
}

/** The follow-up case a response to `survey` opens when it is stored, if any (差评整改). */
export function caseOpenedBy(
  survey: CollectorSurvey,
  response: SurveyResponse,
  nowMs: number,
  calendar?: WorkCalendar,
): NewCase | undefined {
  const reasons = followUpReasons(survey, response);
  if (reasons.length === 0) return undefined;
  const deadlineMs = followUpDeadline(nowMs, workingDaysOf(survey), survey.timeZone, calendar);
  return {
    id: newCaseId(),
    reasons,
    deadline: new Date(deadlineMs).toISOString(),
    deadlineMs,
  };
}

/** `case:{id}` names the case whose reply a rating rates. */
export function ratedCaseId(subject: string): string | undefined {
  const id = subject.startsWith('case:') ? subject.slice(5) : '';
  return CASE_ID_PATTERN.test(id) ? id : undefined;
}

/**
 * A rating of a reply must name a case that has one; once per case, whatever device sends it:
 * the cap is on the case, not on the device.
 */
function replyRatingCheck(
  response: SurveyResponse,
  context: Pick<IngestContext, 'ratedCases'>,
  root: string,
): Checked {
  const id = ratedCaseId(response.subject);
  const rated = id === undefined ? undefined : context.ratedCases?.get(id);
  if (id === undefined || rated?.reply === undefined) {
    return {
      issues: [
        {
          path: formatPath(['subject'], root),
          message: 'expected "case:" and the id of a follow-up case that has a reply',
        },
      ],
    };
  }
  return {
    issues: [],
    cap: { period: 'case', key: id, taken: 'the reply to this case was already rated' },
    capKey: capKey(REPLY_RATING_SURVEY, response.subject, '', 'once'),
    ratesCase: id,
  };
}

/** The rules of the target, and the per-device cap a survey with a period sets. */
export function targetIssues(
  response: SurveyResponse,
  target: Target,
  context: Pick<IngestContext, 'device' | 'nowMs' | 'ratedCases' | 'calendar'>,
  root: string,
): Checked {
  switch (target.type) {
    case 'none':
      return { issues: [{ path: formatPath([target.field], root), message: target.message }] };
    case 'topic':
      return {
        issues: topicRuleIssues(
          response,
          target.version,
          target.state,
          target.current,
          context.nowMs,
          root,
        ),
      };
    case 'survey': {
      const { definition } = target;
      const issues = surveyRuleIssues(response, definition, root);
      if (issues.length > 0) return { issues };
      if (definition.id === REPLY_RATING_SURVEY) return replyRatingCheck(response, context, root);
      const opensCase = caseOpenedBy(definition, response, context.nowMs, context.calendar);
      const opening = opensCase ? { opensCase } : {};
      if (!definition.period || context.device === undefined) return { issues, ...opening };
      const instant = periodInstant(Date.parse(response.createdAt), context.nowMs);
      const key = periodKey(definition.period, instant, definition.timeZone ?? DEFAULT_TIME_ZONE);
      return { issues: [], cap: { period: definition.period, key }, ...opening };
    }
  }
}

/** The shape of one element of `responses`: structure, then `responseSchema`. */
export function parseItem(
  submitted: unknown,
  path: string,
): { ok: true; response: SurveyResponse } | { ok: false; result: ResponseResult } {
  const structure = structureIssues(submitted, path);
  if (structure.length > 0) return { ok: false, result: rejected(submitted, structure) };
  const parsed = check(responseSchema, submitted, path);
  if (!parsed.ok) return { ok: false, result: rejected(submitted, parsed.issues) };
  // The format admits a leap second (":60"), which has no instant to file the response under.
  if (Number.isNaN(Date.parse(parsed.value.createdAt))) {
    const issue = { path: `${path}.createdAt`, message: 'expected a date and time that exists' };
    return { ok: false, result: rejected(submitted, [issue]) };
  }
  return { ok: true, response: parsed.value };
}

/** One element of `responses` checked against its target: ready to store, or answered already. */
export function checkItem(
  submitted: unknown,
  response: SurveyResponse,
  target: Target,
  path: string,
  context: Pick<IngestContext, 'device' | 'nowMs' | 'ratedCases' | 'calendar'>,
): ItemCheck {
  const checked = targetIssues(response, target, context, path);
  if (checked.issues.length > 0) return { ok: false, result: rejected(submitted, checked.issues) };
  const cap = checked.cap;
  const key =
    checked.capKey ??
    (cap && context.device !== undefined
      ? capKey(response.survey, response.subject, context.device, cap.key)
      : undefined);
  const record = toNewResponse(response, submitted, key);
  return {
    ok: true,
    id: response.id,
    path,
    record: {
      ...record,
      ...(checked.opensCase ? { opensCase: checked.opensCase } : {}),
      ...(checked.ratesCase !== undefined ? { ratesCase: checked.ratesCase } : {}),
    },
    cap,
    survey: response.survey,
    subject: response.subject,
  };
}

/**
 * Validates every response of a batch on its own, stores the valid ones in one transaction, and
 * answers one result per response, in order. What the responses name is looked up once per
 * distinct survey version, however many responses name it.
 */
export async function ingestBatch(
  store: Store,
  responses: readonly unknown[],
  context: IngestContext,
): Promise<ResponseResult[]> {
  const parsed = responses.map((submitted, index) => parseItem(submitted, `responses[${index}]`));
  const targets = new Map<string, Promise<Target>>();
  for (const item of parsed) {
    if (!item.ok) continue;
    const { kind, survey, surveyVersion } = item.response;
    const key = `${kind === 'consultation'}\u0000${survey}\u0000${surveyVersion}`;
    if (!targets.has(key)) {
      targets.set(key, resolveTarget(kind, survey, surveyVersion, context.catalog));
    }
  }
  const resolved = new Map<string, Target>();
  await Promise.all([...targets].map(async ([key, target]) => resolved.set(key, await target)));
  const ratedCases = await casesRatedIn(store, parsed);
  const items = parsed.map((item, index): ItemCheck => {
    if (!item.ok) return item;
    const { kind, survey, surveyVersion } = item.response;
    const target = resolved.get(`${kind === 'consultation'}\u0000${survey}\u0000${surveyVersion}`)!;
    return checkItem(responses[index], item.response, target, `responses[${index}]`, {
      ...context,
      ratedCases,
    });
  });
  const valid = items.filter((item): item is ItemCheck & { ok: true } => item.ok);
  const outcomes = await store.storeBatch(valid.map((item) => item.record));
  let next = 0;
  return items.map((item) => {
    if (!item.ok) return item.result;
    const outcome = outcomes[next++];
    if (!outcome) throw new Error('storage returned fewer outcomes than responses');
    return resultFor(item, outcome);
  });
}

/** The cases that the batch's ratings of replies name, each looked up once. */
async function casesRatedIn(
  store: Store,
  parsed: readonly ({ ok: true; response: SurveyResponse } | { ok: false })[],
): Promise<Map<string, StoredCase | undefined>> {
  const ids = new Set<string>();
  for (const item of parsed) {
    if (!item.ok || item.response.survey !== REPLY_RATING_SURVEY) continue;
    const id = ratedCaseId(item.response.subject);
    if (id !== undefined) ids.add(id);
  }
  const found = new Map<string, StoredCase | undefined>();
  await Promise.all([...ids].map(async (id) => found.set(id, await store.getCase(id))));
  return found;
}
