import { MAX_BATCH_RESPONSES } from '@minyi/schema';
import type { FastifyInstance } from 'fastify';
import { ingestBatch, parseEnvelope } from '../ingest.js';
import { BODY_LIMIT, unsupportedMediaType } from './body.js';
import { type ApiContext, tooManyRequests } from './context.js';

/** `POST /v1/responses`: the batch ingest of the public contract. */
export function responseRoutes(context: ApiContext) {
  return async (api: FastifyInstance): Promise<void> => {
    api.post('/v1/responses', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      // Reached without a body parser only when the request had no body and no content type.
      if (typeof request.body !== 'string') {
        return reply.code(415).send(unsupportedMediaType(request.headers['content-type']));
      }
      const envelope = parseEnvelope(request.body);
      if (!envelope.ok) {
        return reply.code(400).send({
          error: `not a batch of responses: send {"responses": [...]} with 1 to ${MAX_BATCH_RESPONSES} responses`,
          issues: envelope.issues,
        });
      }
      if (envelope.device !== undefined) {
        const decision = context.deviceLimit.take(envelope.device, Date.now());
        if (!decision.allowed) return tooManyRequests(reply, decision.retryAfterS, 'device');
      }
      const results = await ingestBatch(context.store, envelope.responses, {
        catalog: context.catalog,
        device: envelope.device,
        nowMs: context.now().getTime(),
        calendar: context.calendar,
      });
      return { results };
    });
  };
}
