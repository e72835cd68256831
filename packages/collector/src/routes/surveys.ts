import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseJsonObject, sameDefinition, surveyVersionFrom } from '../admin.js';
import { requireToken } from '../auth.js';
import { matchesEtag } from '../http-cache.js';
import { type StoredSurvey, SurveyConflictError } from '../storage.js';
import { ADMIN_BODY_LIMIT, isJsonContentType } from './body.js';
import { type ApiContext, DEFINITION_MAX_AGE_SECONDS, sendDecisionError } from './context.js';

type WithId = { Params: { id: string } };

/** Survey definitions: public reads, and versions published and retired with an admin token. */
export function surveyRoutes(context: ApiContext) {
  const { store, catalog, now } = context;
  const admin = requireToken(store, now, ['admin']);
  return async (api: FastifyInstance): Promise<void> => {
    api.get<WithId>('/v1/surveys/:id', async (request, reply) => {
      const survey = await store.getSurvey(request.params.id);
      if (!survey) {
        return reply
          .code(404)
          .send({ error: `unknown survey ${JSON.stringify(request.params.id)}` });
      }
      return sendDefinition(request, reply, survey.json, survey.etag);
    });

    api.post(
      '/v1/surveys',
      { bodyLimit: ADMIN_BODY_LIMIT, preHandler: admin },
      async (request, reply) => {
        const body = adminBody(request, reply);
        if (!body) return reply;
        const id = body.id;
        if (typeof id !== 'string') {
          return reply.code(400).send({
            error: 'a new survey needs its id',
            issues: [{ path: 'id', message: 'expected a survey id' }],
          });
        }
        if (await store.surveyInfo(id)) {
          return reply.code(409).send({
            error: `survey "${id}" exists; publish a new version with PUT /v1/surveys/${id}`,
          });
        }
        return publish(reply, body, id, 1);
      },
    );

    api.put<WithId>(
      '/v1/surveys/:id',
      { bodyLimit: ADMIN_BODY_LIMIT, preHandler: admin },
      async (request, reply) => {
        const body = adminBody(request, reply);
        if (!body) return reply;
        const { id } = request.params;
        const info = await store.surveyInfo(id);
        if (!info) {
          return reply.code(404).send({
            error: `unknown survey "${id}"; create it with POST /v1/surveys`,
          });
        }
        if (info.retiredAt !== undefined) {
          return reply.code(409).send({ error: `survey "${id}" was retired at ${info.retiredAt}` });
        }
        const latest = await store.getSurvey(id, info.latestVersion);
        const next = surveyVersionFrom(body, id, info.latestVersion + 1);
        // Re-sending the current definition (a deployment run twice) makes no new version.
        if (latest && next.ok && sameDefinition(next.value, latest.definition)) {
          return reply.code(200).type('application/json; charset=utf-8').send(latest.json);
        }
        return publish(reply, body, id, info.latestVersion + 1);
      },
    );

    api.post<WithId>('/v1/surveys/:id/retire', { preHandler: admin }, async (request, reply) => {
      const { id } = request.params;
      await store.retireSurvey(id, now().toISOString());
      catalog.forget(id);
      const info = await store.surveyInfo(id);
      if (!info) return reply.code(404).send({ error: `unknown survey "${id}"` });
      return { id, retiredAt: info.retiredAt };
    });
  };

  async function publish(
    reply: FastifyReply,
    body: Record<string, unknown>,
    id: string,
    version: number,
  ) {
    const decision = surveyVersionFrom(body, id, version);
    if (!decision.ok) return sendDecisionError(reply, decision);
    let stored: StoredSurvey;
    try {
      ({ survey: stored } = await store.putSurvey(decision.value));
    } catch (error) {
      // Another request published this version first with other content.
      if (error instanceof SurveyConflictError) {
        return reply.code(409).send({ error: error.message });
      }
      throw error;
    }
    catalog.forget(id);
    return reply
      .code(201)
      .header('Location', `/v1/surveys/${id}`)
      .type('application/json; charset=utf-8')
      .send(stored.json);
  }
}

/** The parsed JSON object of an admin request, or `undefined` once a refusal has been sent. */
export function adminBody(
  request: FastifyRequest,
  reply: FastifyReply,
): Record<string, unknown> | undefined {
  reply.header('Cache-Control', 'no-store');
  if (typeof request.body !== 'string' || !isJsonContentType(request.headers['content-type'])) {
    reply.code(415).send({
      error: 'send the body as application/json',
      accepted: ['application/json'],
    });
    return undefined;
  }
  const parsed = parseJsonObject(request.body);
  if (!parsed.ok) {
    sendDecisionError(reply, parsed);
    return undefined;
  }
  return parsed.value;
}

/** A public definition with the caching headers the widgets rely on. */
export function sendDefinition(
  request: FastifyRequest,
  reply: FastifyReply,
  json: string,
  etag: string,
) {
  reply
    .header('Cache-Control', `public, max-age=${DEFINITION_MAX_AGE_SECONDS}`)
    .header('ETag', etag);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type('application/json; charset=utf-8').send(json);
}
