import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Store, TokenRecord, TokenRole } from './storage.js';
import { bearerToken, hashToken, looksLikeToken, tokenStatus } from './tokens.js';

/** `last_used_at` is for people reviewing tokens; once a minute is precise enough. */
const TOUCH_INTERVAL_MS = 60_000;

const tokens = new WeakMap<FastifyRequest, TokenRecord>();

/** The token a guarded request was authorised with. */
export function tokenOf(request: FastifyRequest): TokenRecord {
  const token = tokens.get(request);
  if (!token) throw new Error('tokenOf() on a route without a token guard');
  return token;
}

/**
 * A preHandler that lets a request through only with a valid, unexpired, unrevoked token of one
 * of `roles`. Tokens are looked up on every request, so that one created or revoked with the
 * command line takes effect at once in every running collector.
 */
export function requireToken(store: Store, now: () => Date, roles: readonly TokenRole[]) {
  const needed = roles.includes('evaluator') ? 'an evaluator or admin token' : 'an admin token';
  return async (request: FastifyRequest, reply: FastifyReply): Promise<void> => {
    const presented = bearerToken(request.headers.authorization);
    if (presented === undefined) {
      return unauthorised(
        reply,
        `this needs ${needed}: send "Authorization: Bearer <token>" (tokens are made with "minyi-collector token create")`,
        false,
      );
    }
    const record = looksLikeToken(presented)
      ? await store.findToken(hashToken(presented))
      : undefined;
    if (!record) return unauthorised(reply, 'the token is not valid', true);
    const nowMs = now().getTime();
    const status = tokenStatus(record, nowMs);
    if (status === 'expired') return unauthorised(reply, 'the token has expired', true);
    if (status === 'revoked') return unauthorised(reply, 'the token was revoked', true);
    if (!roles.includes(record.role)) {
      reply
        .code(403)
        .send({ error: `this needs ${needed}; this token is an ${record.role} token` });
      return;
    }
    tokens.set(request, record);
    const last = record.lastUsedAt === undefined ? 0 : Date.parse(record.lastUsedAt);
    if (nowMs - last >= TOUCH_INTERVAL_MS) {
      // Bookkeeping must never fail or slow the request it describes.
      store.touchToken(record.id, new Date(nowMs).toISOString()).catch((error: unknown) => {
        request.log.warn({ err: error }, 'could not record the token use');
      });
    }
  };
}

function unauthorised(reply: FastifyReply, error: string, invalid: boolean): void {
  reply
    .code(401)
    .header(
      'WWW-Authenticate',
      invalid ? 'Bearer realm="minyi", error="invalid_token"' : 'Bearer realm="minyi"',
    )
    .send({ error });
}
