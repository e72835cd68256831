import { check, consultationTopicSchema } from '@minyi/schema';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { sameDefinition, statusRequestFrom, topicContentFrom } from '../admin.js';
import { requireToken } from '../auth.js';
import { entityTag, type Store } from '../storage.js';
import {
  composeTopic,
  editProblem,
  type TallyInput,
  type TopicOutcome,
  type TopicState,
  tallyTopic,
  transitionProblem,
} from '../topics.js';
import { ADMIN_BODY_LIMIT } from './body.js';
import { type ApiContext, sendDecisionError } from './context.js';
import { adminBody, sendDefinition } from './surveys.js';

type WithId = { Params: { id: string } };

/**
 * Consultation topics (协商事项): the public document the widget shows, and their creation,
 * edits (new versions) and status moves with an admin token, up to the published outcome (公示).
 */
export function consultationRoutes(context: ApiContext) {
  const { store, catalog, now } = context;
  const admin = requireToken(store, now, ['admin']);
  return async (api: FastifyInstance): Promise<void> => {
    api.get<WithId>('/v1/consultations/:id', async (request, reply) => {
      const state = await store.getTopic(request.params.id);
      // A draft is not public yet.
      if (!state || state.status === 'draft') {
        return reply
          .code(404)
          .send({ error: `unknown consultation ${JSON.stringify(request.params.id)}` });
      }
      const document = await publicDocument(store, state);
      return sendDefinition(request, reply, JSON.stringify(document), entityTag(document));
    });

    api.post(
      '/v1/consultations',
      { bodyLimit: ADMIN_BODY_LIMIT, preHandler: admin },
      async (request, reply) => {
        const body = adminBody(request, reply);
        if (!body) return reply;
        if (typeof body.id !== 'string') {
          return reply.code(400).send({
            error: 'a new consultation needs its id',
            issues: [{ path: 'id', message: 'expected a topic id' }],
          });
        }
        const decision = topicContentFrom(body, body.id, 1, true);
        if (!decision.ok) return sendDecisionError(reply, decision);
        const { content, status } = decision.value;
        const at = now().toISOString();
        if (!(await store.createTopic(content, status, at))) {
          return reply.code(409).send({
            error: `consultation "${content.id}" exists; edit it with PUT /v1/consultations/${content.id}`,
          });
        }
        catalog.forget(content.id);
        return sendTopic(reply.code(201), store, content.id);
      },
    );

    api.put<WithId>(
      '/v1/consultations/:id',
      { bodyLimit: ADMIN_BODY_LIMIT, preHandler: admin },
      async (request, reply) => {
        const body = adminBody(request, reply);
        if (!body) return reply;
        const { id } = request.params;
        const state = await store.getTopic(id);
        if (!state) return reply.code(404).send({ error: `unknown consultation "${id}"` });
        const problem = editProblem(state.status);
        if (problem) return reply.code(409).send({ error: problem });
        const decision = topicContentFrom(body, id, state.version + 1, false);
        if (!decision.ok) return sendDecisionError(reply, decision);
        const current = await store.getTopicVersion(id, state.version);
        if (current && sameDefinition(decision.value.content, current)) {
          return sendTopic(reply, store, id);
        }
        const at = now().toISOString();
        if (
          !(await store.addTopicVersion(decision.value.content, state.version, state.status, at))
        ) {
          return reply.code(409).send({
            error: `consultation "${id}" changed while this edit was made; fetch it and edit again`,
          });
        }
        catalog.forget(id);
        return sendTopic(reply.code(201), store, id);
      },
    );

    api.post<WithId>(
      '/v1/consultations/:id/status',
      { bodyLimit: ADMIN_BODY_LIMIT, preHandler: admin },
      async (request, reply) => {
        const body = adminBody(request, reply);
        if (!body) return reply;
        const { id } = request.params;
        const state = await store.getTopic(id);
        if (!state) return reply.code(404).send({ error: `unknown consultation "${id}"` });
        const decision = statusRequestFrom(body);
        if (!decision.ok) return sendDecisionError(reply, decision);
        const { status, outcomeText } = decision.value;
        const problem = transitionProblem(state.status, status);
        if (problem) return reply.code(409).send({ error: problem });
        const at = now().toISOString();
        const outcome: TopicOutcome | undefined = outcomeText && {
          text: outcomeText,
          publishedAt: at,
          tally: await tally(store, state),
        };
        if (!(await store.setTopicStatus(id, state.status, status, outcome, at))) {
          return reply.code(409).send({
            error: `consultation "${id}" changed while this request was made; fetch it and try again`,
          });
        }
        catalog.forget(id);
        return sendTopic(reply, store, id);
      },
    );
  };
}

/**
 * A topic as the public sees it: the current version with the topic's state and, once published,
 * its outcome, checked as the widgets will check it.
 */
export async function publicDocument(store: Store, state: TopicState) {
  const content = await store.getTopicVersion(state.id, state.version);
  if (!content) throw new Error(`consultation "${state.id}" lacks its version ${state.version}`);
  const document = composeTopic(content, state);
  const checked = check(consultationTopicSchema, document);
  if (!checked.ok) {
    throw new Error(`consultation "${state.id}" is stored in a form the widgets would refuse`);
  }
  return document;
}

async function sendTopic(reply: FastifyReply, store: Store, id: string) {
  const state = await store.getTopic(id);
  if (!state) return reply.code(404).send({ error: `unknown consultation "${id}"` });
  reply.header('Cache-Control', 'no-store');
  return reply.send(await publicDocument(store, state));
}

/** Counted from the stored responses at the moment of publishing; closed topics take no more. */
async function tally(store: Store, state: TopicState) {
  const content = await store.getTopicVersion(state.id, state.version);
  if (!content) throw new Error(`consultation "${state.id}" lacks its version ${state.version}`);
  const rows: TallyInput[] = [];
  let after: number | undefined;
  do {
    const page = await store.readResponses({ surveys: [state.id] }, after, 1000);
    for (const row of page.rows) {
      if (row.kind === 'consultation') rows.push({ group: row.group, json: row.json });
    }
    after = page.next;
  } while (after !== undefined);
  return tallyTopic(content, rows);
}
