import {
  CASE_STATUSES,
  type CaseStatus,
  type FollowUpCase,
  ID_PATTERN,
  type ValidationIssue,
} from '@minyi/schema';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireToken, tokenOf } from '../auth.js';
import { CASE_MOVES, type CaseMove, caseMoveProblem, isOverdue } from '../follow-up.js';
import type {
  CaseActor,
  CaseChange,
  Store,
  StoredCase,
  StoredCaseEvent,
  TokenRecord,
} from '../storage.js';
import { inScope, scopedFilter } from '../tokens.js';
import { ADMIN_BODY_LIMIT } from './body.js';
import type { ApiContext } from './context.js';
import { adminBody } from './surveys.js';

type WithId = { Params: { id: string } };

export const DEFAULT_CASE_PAGE = 100;
export const MAX_CASE_PAGE = 1000;
const MAX_ASSIGNEE = 200;
const MAX_TEXT = 2000;

/**
 * Follow-up cases (差评整改) for evaluators and administrators: list and read them, assign, reply
 * and close. A token scoped to some surveys or subjects sees only their cases; any other case is
 * answered as if it did not exist. Every move is logged with the token that made it.
 */
export function caseRoutes(context: ApiContext) {
  const { store, now } = context;
  const worker = requireToken(store, now, ['evaluator', 'admin']);
  return async (api: FastifyInstance): Promise<void> => {
    api.get('/v1/cases', { preHandler: worker }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const parsed = parseCaseQuery(request.query as Record<string, unknown>);
      if (!parsed.ok)
        return reply.code(400).send({ error: 'invalid query', issues: parsed.issues });
      const { query } = parsed;
      const scoped = scopedFilter(tokenOf(request), query);
      if ('outOfScope' in scoped) {
        const id = scoped.outOfScope === 'survey' ? query.survey : query.subject;
        return reply
          .code(404)
          .send({ error: `unknown ${scoped.outOfScope} ${JSON.stringify(id)}` });
      }
      const nowMs = now().getTime();
      const filter = {
        ...(scoped.surveys ? { surveys: scoped.surveys } : {}),
        ...(scoped.subjects ? { subjects: scoped.subjects } : {}),
        ...(query.statuses ? { statuses: query.statuses } : {}),
        ...(query.overdue !== undefined ? { overdue: query.overdue } : {}),
        nowMs,
      };
      const [page, counts] = await Promise.all([
        store.listCases(filter, query.after, query.limit),
        store.countCases(filter),
      ]);
      return {
        cases: page.cases.map((stored) => caseView(stored, nowMs)),
        ...(page.next !== undefined ? { next: String(page.next) } : {}),
        counts,
      };
    });

    api.get<WithId>('/v1/cases/:id', { preHandler: worker }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const stored = await visibleCase(store, request.params.id, tokenOf(request));
      if (!stored) return unknownCase(reply, request.params.id);
      return caseView(stored, now().getTime(), await store.caseEvents(stored.id));
    });

    for (const move of Object.keys(CASE_MOVES) as CaseMove[]) {
      api.post<WithId>(
        `/v1/cases/:id/${move}`,
        { bodyLimit: ADMIN_BODY_LIMIT, preHandler: worker },
        async (request, reply) => moveCase(context, move, request, reply),
      );
    }
  };
}

async function moveCase(
  context: ApiContext,
  move: CaseMove,
  request: FastifyRequest<WithId>,
  reply: FastifyReply,
) {
  const { store, now } = context;
  const body = adminBody(request, reply);
  if (!body) return reply;
  const token = tokenOf(request);
  const { id } = request.params;
  const stored = await visibleCase(store, id, token);
  if (!stored) return unknownCase(reply, id);
  const fields = moveFields(move, body);
  if (!fields.ok) {
    return reply.code(400).send({ error: `invalid ${move}`, issues: fields.issues });
  }
  const problem = caseMoveProblem(id, stored.status, move);
  if (problem) return reply.code(409).send({ error: problem });
  const at = now().toISOString();
  const change: CaseChange = {
    status: CASE_MOVES[move].to,
    ...(move === 'assign' ? { assignee: fields.detail } : {}),
    ...(move === 'reply' ? { reply: fields.detail, repliedAt: at } : {}),
    ...(move === 'close' ? { closedAt: at } : {}),
  };
  const by: CaseActor = {
    type: 'token',
    id: token.id,
    ...(token.note !== undefined ? { note: token.note } : {}),
  };
  const action = ({ assign: 'assigned', reply: 'replied', close: 'closed' } as const)[move];
  const event = {
    at,
    action,
    by,
    ...(fields.detail !== undefined ? { detail: fields.detail } : {}),
  };
  if (!(await store.moveCase(id, CASE_MOVES[move].from, change, event))) {
    return reply.code(409).send({
      error: `case "${id}" changed while this request was made; fetch it and try again`,
    });
  }
  const moved = (await store.getCase(id))!;
  return caseView(moved, now().getTime(), await store.caseEvents(id));
}

async function visibleCase(
  store: Store,
  id: string,
  token: TokenRecord,
): Promise<StoredCase | undefined> {
  if (!ID_PATTERN.test(id)) return undefined;
  const stored = await store.getCase(id);
  return stored && inScope(token, stored.survey, stored.subject) ? stored : undefined;
}

function unknownCase(reply: FastifyReply, id: string) {
  return reply.code(404).send({ error: `unknown case ${JSON.stringify(id)}` });
}

/** A stored case as evaluators see it (`followUpCaseSchema`). */
export function caseView(
  stored: StoredCase,
  nowMs: number,
  events?: readonly StoredCaseEvent[],
): FollowUpCase {
  return {
    id: stored.id,
    survey: stored.survey,
    surveyVersion: stored.surveyVersion,
    subject: stored.subject,
    response: JSON.parse(stored.responseJson) as Record<string, unknown>,
    reasons: stored.reasons.map((reason) => ({ ...reason })),
    status: stored.status,
    openedAt: stored.openedAt,
    deadline: stored.deadline,
    overdue: isOverdue(stored.status, stored.deadlineMs, nowMs),
    ...(stored.assignee !== undefined ? { assignee: stored.assignee } : {}),
    ...(stored.reply !== undefined && stored.repliedAt !== undefined
      ? { reply: { text: stored.reply, repliedAt: stored.repliedAt } }
      : {}),
    ...(stored.closedAt !== undefined ? { closedAt: stored.closedAt } : {}),
    ...(stored.ratingJson !== undefined && stored.ratedAt !== undefined
      ? {
          rating: {
            response: JSON.parse(stored.ratingJson) as Record<string, unknown>,
            ratedAt: stored.ratedAt,
          },
        }
      : {}),
    ...(events
      ? {
          events: events.map(({ seq: _seq, ...event }) => ({
            ...event,
            by: { ...event.by },
          })),
        }
      : {}),
  };
}

type MoveFields =
  | { readonly ok: true; readonly detail: string | undefined }
  | { readonly ok: false; readonly issues: ValidationIssue[] };

/** The body of a move: `assignee` to assign, `text` to reply, an optional `note` to close. */
export function moveFields(move: CaseMove, body: Record<string, unknown>): MoveFields {
  const field = { assign: 'assignee', reply: 'text', close: 'note' }[move];
  const max = move === 'assign' ? MAX_ASSIGNEE : MAX_TEXT;
  const issues: ValidationIssue[] = [];
  for (const name of Object.keys(body)) {
    if (name !== field) issues.push({ path: name, message: `unknown field; expected "${field}"` });
  }
  const value = body[field];
  const optional = move === 'close';
  if (value === undefined && optional)
    return issues.length > 0 ? { ok: false, issues } : { ok: true, detail: undefined };
  if (typeof value !== 'string' || value.trim() === '' || value.length > max) {
    issues.push({
      path: field,
      message: `expected text of 1 to ${max} characters${optional ? ', or no note' : ''}`,
    });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, detail: (value as string).trim() };
}

export interface CaseQuery {
  readonly survey?: string;
  readonly subject?: string;
  readonly statuses?: readonly CaseStatus[];
  readonly overdue?: boolean;
  readonly limit: number;
  readonly after?: number;
}

const CASE_PARAMETERS = ['survey', 'subject', 'status', 'overdue', 'limit', 'after'];

/**
 * The query of `GET /v1/cases`. As with the other reads, an unknown or repeated parameter is
 * refused: a misspelt filter must not silently list every case.
 */
export function parseCaseQuery(
  raw: Readonly<Record<string, unknown>>,
): { ok: true; query: CaseQuery } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!CASE_PARAMETERS.includes(name)) {
      issues.push({
        path: name,
        message: `unknown parameter; expected ${CASE_PARAMETERS.join(', ')}`,
      });
    } else if (typeof value !== 'string') {
      issues.push({ path: name, message: 'expected the parameter once' });
    } else {
      values[name] = value;
    }
  }
  const query: { -readonly [K in keyof CaseQuery]: CaseQuery[K] } = { limit: DEFAULT_CASE_PAGE };
  const { survey, subject, status, overdue, limit, after } = values;
  if (survey !== undefined) {
    if (ID_PATTERN.test(survey)) query.survey = survey;
    else issues.push({ path: 'survey', message: 'expected a survey id' });
  }
  if (subject !== undefined) {
    if (subject.length >= 1 && subject.length <= 500) query.subject = subject;
    else issues.push({ path: 'subject', message: 'expected a subject of 1 to 500 characters' });
  }
  if (status !== undefined) {
    const statuses = status.split(',');
    if (statuses.every((item) => (CASE_STATUSES as readonly string[]).includes(item))) {
      query.statuses = statuses as CaseStatus[];
    } else {
      issues.push({
        path: 'status',
        message: `expected ${CASE_STATUSES.join(', ')}, or several separated by commas`,
      });
    }
  }
  if (overdue !== undefined) {
    if (overdue === 'true' || overdue === 'false') query.overdue = overdue === 'true';
    else issues.push({ path: 'overdue', message: 'expected true or false' });
  }
  if (limit !== undefined) {
    const n = /^\d{1,4}$/.test(limit) ? Number(limit) : 0;
    if (n >= 1 && n <= MAX_CASE_PAGE) query.limit = n;
    else issues.push({ path: 'limit', message: `expected an integer from 1 to ${MAX_CASE_PAGE}` });
  }
  if (after !== undefined) {
    if (/^\d{1,15}$/.test(after)) query.after = Number(after);
    else issues.push({ path: 'after', message: 'expected the "next" of the previous page' });
  }
  return issues.length > 0 ? { ok: false, issues } : { ok: true, query };
}
