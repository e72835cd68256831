import type { FastifyReply } from 'fastify';
import type { Catalog } from '../catalog.js';
import type { RateLimiter } from '../rate-limit.js';
import type { Store } from '../storage.js';
import type { WorkCalendar } from '../work-calendar.js';

/** What the route handlers share: storage, the definition cache, the clock and the limits. */
export interface ApiContext {
  readonly store: Store;
  readonly catalog: Catalog;
  readonly now: () => Date;
  readonly addressLimit: RateLimiter;
  readonly deviceLimit: RateLimiter;
  /** The working days follow-up deadlines count. */
  readonly calendar: WorkCalendar;
}

/** Public definitions may be cached by browsers and proxies for five minutes. */
export const DEFINITION_MAX_AGE_SECONDS = 300;

/** 429 with `Retry-After`, which the outbox honours before it tries again. */
export function tooManyRequests(reply: FastifyReply, retryAfterS: number, what: string) {
  return reply
    .code(429)
    .header('Retry-After', String(retryAfterS))
    .send({
      error: `too many requests from this ${what}; try again in ${retryAfterS} s`,
      retryAfter: retryAfterS,
    });
}

export function sendDecisionError(
  reply: FastifyReply,
  decision: { status: number; error: string; issues?: readonly unknown[] },
) {
  return reply
    .code(decision.status)
    .send({ error: decision.error, ...(decision.issues ? { issues: decision.issues } : {}) });
}
