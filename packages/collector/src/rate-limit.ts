/**
 * Token buckets per key (a client address, a device key), in memory. Each collector process
 * keeps its own, so behind a load balancer the effective limit is the per-process limit times
 * the number of processes; that is fine for what the limits are for: a flood, not a resident.
 */
export interface RateLimit {
  /** Requests allowed per minute, sustained; also the burst. 0 turns the limit off. */
  readonly perMinute: number;
}

export type RateDecision =
  | { readonly allowed: true }
  | { readonly allowed: false; retryAfterS: number };

interface Bucket {
  tokens: number;
  updatedMs: number;
}

/** Beyond this many keys the oldest are forgotten, so that a spray of addresses cannot exhaust memory. */
const DEFAULT_MAX_KEYS = 100_000;

export class RateLimiter {
  readonly #perMinute: number;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, Bucket>();

  constructor(limit: RateLimit, maxKeys = DEFAULT_MAX_KEYS) {
    this.#perMinute = limit.perMinute;
    this.#maxKeys = maxKeys;
  }

  get enabled(): boolean {
    return this.#perMinute > 0;
  }

  get size(): number {
    return this.#buckets.size;
  }

  /** Takes one request's token for `key` at `nowMs`, or says how long to wait for one. */
  take(key: string, nowMs: number): RateDecision {
    if (!this.enabled) return { allowed: true };
    const capacity = this.#perMinute;
    const perMs = this.#perMinute / 60_000;
    let bucket = this.#buckets.get(key);
    if (bucket) {
      bucket.tokens = Math.min(capacity, bucket.tokens + (nowMs - bucket.updatedMs) * perMs);
      bucket.updatedMs = nowMs;
      // Re-inserting keeps the map in order of last use, so eviction drops the idlest key.
      this.#buckets.delete(key);
      this.#buckets.set(key, bucket);
    } else {
      bucket = { tokens: capacity, updatedMs: nowMs };
      this.#buckets.set(key, bucket);
      if (this.#buckets.size > this.#maxKeys) {
        this.#buckets.delete(this.#buckets.keys().next().value!);
      }
    }
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true };
    }
    return {
      allowed: false,
      retryAfterS: Math.max(1, Math.ceil((1 - bucket.tokens) / perMs / 1000)),
    };
  }

  /** Forgets buckets that have filled up again: they behave exactly like new ones. */
  sweep(nowMs: number): void {
    const fullAfterMs = 60_000;
    for (const [key, bucket] of this.#buckets) {
      if (nowMs - bucket.updatedMs >= fullAfterMs) this.#buckets.delete(key);
    }
  }
}
