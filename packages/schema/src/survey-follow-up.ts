import * as z from 'zod/mini';
import { flagSchema, idSchema, list, numberIn, oneOf, scalar, stringOf } from './ids.js';
import { CASE_STATUSES } from './kinds.js';

/**
 * How a survey's bad ratings are followed up (差评整改). Only the collector reads it: it is kept
 * out of `surveyDefinitionSchema`, which the residents' script carries, and checked beside it.
 */
export const followUpSchema = z.object({
  /** Open cases for this survey's answers. Default true for satisfaction and evaluation surveys. */
  enabled: z.optional(flagSchema),
  /**
   * A case opens when any dimension's answer is this many levels above the worst or fewer (0:
   * only the worst). Default: the lowest quarter of each dimension's scale, which is the two
   * lowest of five levels, 0–2 on a 0–10 scale and "no" on yes/no.
   */
  atOrBelow: z.optional(numberIn(0, 10, 'expected a level index from 0 to 10', { integer: true })),
  /** Every answer with a comment opens a case too (a complaint box). Default false. */
  comments: z.optional(flagSchema),
  /** Working days (Monday to Friday in the survey's time zone) to reply. Default 15. */
  workingDays: z.optional(
    numberIn(1, 60, 'expected a number of working days from 1 to 60', { integer: true }),
  ),
});

export type FollowUpPolicy = z.infer<typeof followUpSchema>;

export const DEFAULT_WORKING_DAYS = 15;

/** The survey residents rate an official reply with; the collector keeps it in its catalogue. */
export const REPLY_RATING_SURVEY = 'follow-up-rating';

/** The subject of a rating of the reply to case `id`. */
export const replyRatingSubject = (id: string) => `case:${id}`;

const dateTime = scalar<string>(
  (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  'expected an ISO 8601 date-time',
);
const text = scalar<string>((value) => typeof value === 'string', 'expected a string');

export const CASE_ACTIONS = ['opened', 'assigned', 'replied', 'closed', 'rated'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

const reasonSchema = z.object({
  type: oneOf(['rating', 'comment']),
  /** For a rating: the dimension answered at or below the threshold, and the answer. */
  dimension: z.optional(idSchema),
  answer: z.optional(z.union([z.string(), z.number()])),
});

const actorSchema = z.object({
  type: oneOf(['token', 'resident', 'collector']),
  /** For a token: its public id (`minyi-collector token list`) and note. */
  id: z.optional(text),
  note: z.optional(text),
});

export const caseEventSchema = z.object({
  at: dateTime,
  action: oneOf(CASE_ACTIONS),
  by: actorSchema,
  /** The assignee, the reply text or the closing note. */
  detail: z.optional(text),
});

/**
 * A follow-up case as evaluators see it (`GET /v1/cases`, `GET /v1/cases/{id}`): the answer that
 * opened it, why, where it stands, and its deadline. `events` (the audit log) is in the single
 * case only.
 */
export const followUpCaseSchema = z.object({
  id: idSchema,
  survey: idSchema,
  surveyVersion: numberIn(1, Infinity, 'expected a positive integer', { integer: true }),
  subject: text,
  /** The response as stored, as `GET /v1/responses` shows it. */
  response: z.record(z.string(), z.unknown()),
  reasons: list(reasonSchema, 1, 101, 'reasons'),
  status: oneOf(CASE_STATUSES),
  openedAt: dateTime,
  deadline: dateTime,
  /** Not replied to by the deadline: the escalation flag. */
  overdue: flagSchema,
  assignee: z.optional(text),
  reply: z.optional(z.object({ text, repliedAt: dateTime })),
  closedAt: z.optional(dateTime),
  /** The resident's rating of the reply: the response to `follow-up-rating`. */
  rating: z.optional(z.object({ response: z.record(z.string(), z.unknown()), ratedAt: dateTime })),
  events: z.optional(list(caseEventSchema, 1, 10_000, 'events')),
});

export type FollowUpCase = z.infer<typeof followUpCaseSchema>;
export type CaseEvent = z.infer<typeof caseEventSchema>;

export const CASE_COUNT_KEYS = [...CASE_STATUSES, 'overdue'] as const;

/** `GET /v1/cases`: one page of cases and the counts by status of everything the filter matches. */
export const caseListSchema = z.object({
  cases: z.array(followUpCaseSchema),
  next: z.optional(stringOf(100)),
  counts: z.object({
    open: numberIn(0, Infinity, 'expected a count', { integer: true }),
    assigned: numberIn(0, Infinity, 'expected a count', { integer: true }),
    replied: numberIn(0, Infinity, 'expected a count', { integer: true }),
    closed: numberIn(0, Infinity, 'expected a count', { integer: true }),
    overdue: numberIn(0, Infinity, 'expected a count', { integer: true }),
  }),
});

export type CaseList = z.infer<typeof caseListSchema>;
