import { REPLY_RATING_SURVEY, type ReceiptView, replyRatingSubject } from '@minyi/schema';
import type { FastifyInstance } from 'fastify';
import { normaliseReceipt } from '../receipt.js';
import type { StoredCase } from '../storage.js';
import { publicDocument } from './consultations.js';
import type { ApiContext } from './context.js';

/**
 * One answer for every code that does not name a stored response, malformed or not: the answer
 * must not tell a guesser which codes are well-formed.
 */
const NOT_FOUND = { error: 'no receipt with this code' } as const;

/**
 * `GET /v1/receipts/{code}` (说了不白说): public, no token, rate-limited per address like the whole
 * API. It shows only what the code's holder may see about that one answer (`receiptViewSchema`).
 */
export function receiptRoutes(context: ApiContext) {
  const { store } = context;
  return async (api: FastifyInstance): Promise<void> => {
    api.get<{ Params: { code: string } }>('/v1/receipts/:code', async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const code = normaliseReceipt(request.params.code);
      const stored = code === undefined ? undefined : await store.responseByReceipt(code);
      if (!stored) return reply.code(404).send(NOT_FOUND);
      // An answer to a consultation names the topic as its survey.
      const state =
        stored.kind === 'consultation' ? await store.getTopic(stored.survey) : undefined;
      const topic =
        state && state.status !== 'draft'
          ? ((await publicDocument(store, state)) as ReceiptView['consultation'])
          : undefined;
      const title =
        topic?.title ??
        (await store.getSurvey(stored.survey, stored.surveyVersion))?.definition.title;
      const opened = await store.caseOfResponse(stored.id);
      const view: ReceiptView = {
        code: stored.receipt,
        receivedAt: stored.receivedAt,
        kind: stored.kind,
        survey: { id: stored.survey, ...(title ? { title } : {}) },
        ...(opened ? { followUp: followUpView(opened) } : {}),
        ...(topic ? { consultation: topic } : {}),
      };
      return view;
    });
  };
}

/**
 * The case as its resident sees it: where it stands and the reply. Who it is assigned to, the
 * closing note, the deadline and the log stay with evaluators.
 */
function followUpView(opened: StoredCase): NonNullable<ReceiptView['followUp']> {
  const replied = opened.reply !== undefined && opened.repliedAt !== undefined;
  return {
    id: opened.id,
    status: opened.status,
    ...(replied ? { reply: { text: opened.reply!, repliedAt: opened.repliedAt! } } : {}),
    // Offered until the resident has rated the reply; the collector takes one rating per case.
    ...(replied && opened.ratedAt === undefined
      ? { rating: { survey: REPLY_RATING_SURVEY, subject: replyRatingSubject(opened.id) } }
      : {}),
  };
}
