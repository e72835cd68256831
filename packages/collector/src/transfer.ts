import {
  CASE_ACTIONS,
  CASE_STATUSES,
  CONSULTATION_STATUSES,
  check,
  RESPONSE_KINDS,
} from '@minyi/schema';
import * as z from 'zod/mini';
import type { TopicContent, TopicOutcome } from './topics.js';

/**
 * `minyi-collector export` and `import`: every row of every table as one JSON object per line,
 * the same for both engines, so that data moves from SQLite to PostgreSQL and back. Stored values
 * travel as they are (response bodies as the exact stored text, hashes, receipts), so that ids,
 * receipts, caps and tokens keep working on the other side.
 */
export const TRANSFER_FORMAT = 1;

const text = z.string();
const nullableText = z.nullable(z.string());
const integer = z.int();

const surveyRecord = z.object({
  type: z.literal('survey'),
  id: text,
  version: integer,
  kind: z.enum(RESPONSE_KINDS),
  active: z.boolean(),
  definition: text,
  etag: text,
  createdAt: text,
  retiredAt: nullableText,
});

const topicRecord = z.object({
  type: z.literal('topic'),
  id: text,
  status: z.enum(CONSULTATION_STATUSES),
  version: integer,
  outcome: z.nullable(z.custom<TopicOutcome>((value) => typeof value === 'object')),
  createdAt: text,
  updatedAt: text,
});

const topicVersionRecord = z.object({
  type: z.literal('topic-version'),
  id: text,
  version: integer,
  content: z.custom<TopicContent>((value) => typeof value === 'object' && value !== null),
  createdAt: text,
});

const tokenRecord = z.object({
  type: z.literal('token'),
  id: text,
  hash: z.string().check(z.regex(/^[0-9a-f]{64}$/)),
  role: z.enum(['evaluator', 'admin']),
  surveys: z.array(text),
  subjects: z.array(text),
  note: nullableText,
  createdAt: text,
  expiresAt: nullableText,
  revokedAt: nullableText,
  lastUsedAt: nullableText,
});

const responseRecord = z.object({
  type: z.literal('response'),
  id: text,
  survey: text,
  surveyVersion: integer,
  kind: z.enum(RESPONSE_KINDS),
  subject: text,
  group: nullableText,
  createdAt: text,
  createdMs: z.number(),
  receivedAt: text,
  body: text,
  contentHash: text,
  receipt: text,
  capKey: nullableText,
});

/** A follow-up case; `reasons` as the JSON text stored. */
const caseRecord = z.object({
  type: z.literal('case'),
  id: text,
  responseId: text,
  survey: text,
  surveyVersion: integer,
  subject: text,
  reasons: text,
  status: z.enum(CASE_STATUSES),
  openedAt: text,
  deadline: text,
  deadlineMs: z.number(),
  assignee: nullableText,
  reply: nullableText,
  repliedAt: nullableText,
  closedAt: nullableText,
  ratingResponse: nullableText,
  ratedAt: nullableText,
});

/** One entry of a case's audit log; `actor` as the JSON text stored. */
const caseEventRecord = z.object({
  type: z.literal('case-event'),
  caseId: text,
  seq: integer,
  at: text,
  action: z.enum(CASE_ACTIONS),
  actor: text,
  detail: nullableText,
});

const headerRecord = z.object({
  type: z.literal('minyi-export'),
  format: z.literal(TRANSFER_FORMAT),
  exportedAt: text,
  engine: text,
});

export type SurveyTransfer = z.infer<typeof surveyRecord>;
export type TopicTransfer = z.infer<typeof topicRecord>;
export type TopicVersionTransfer = z.infer<typeof topicVersionRecord>;
export type TokenTransfer = z.infer<typeof tokenRecord>;
export type ResponseTransfer = z.infer<typeof responseRecord>;
export type CaseTransfer = z.infer<typeof caseRecord>;
export type CaseEventTransfer = z.infer<typeof caseEventRecord>;
export type TransferRecord =
  | SurveyTransfer
  | TopicTransfer
  | TopicVersionTransfer
  | TokenTransfer
  | ResponseTransfer
  | CaseTransfer
  | CaseEventTransfer;
export type TransferHeader = z.infer<typeof headerRecord>;

const schemas = {
  survey: surveyRecord,
  topic: topicRecord,
  'topic-version': topicVersionRecord,
  token: tokenRecord,
  response: responseRecord,
  case: caseRecord,
  'case-event': caseEventRecord,
  'minyi-export': headerRecord,
} as const;

export type ParsedLine =
  | { readonly ok: true; readonly record: TransferRecord | TransferHeader }
  | { readonly ok: false; readonly message: string };

/** One line of an export; blank lines are skipped by the caller. */
export function parseTransferLine(line: string): ParsedLine {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { ok: false, message: `not valid JSON: ${(error as Error).message}` };
  }
  const type = (value as { type?: unknown } | null)?.type;
  if (typeof type !== 'string' || !Object.hasOwn(schemas, type)) {
    return {
      ok: false,
      message: `expected "type" to be one of ${Object.keys(schemas).join(', ')}`,
    };
  }
  const parsed = check(schemas[type as keyof typeof schemas] as z.ZodMiniType<unknown>, value);
  if (!parsed.ok) {
    return {
      ok: false,
      message: parsed.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; '),
    };
  }
  return { ok: true, record: parsed.value as TransferRecord | TransferHeader };
}

export function transferHeader(engine: string, exportedAt: string): TransferHeader {
  return { type: 'minyi-export', format: TRANSFER_FORMAT, exportedAt, engine };
}
