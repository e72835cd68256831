/**
 * Delivery policy as pure functions, so that the rules can be tested without a browser and the
 * queue code stays a thin loop around them.
 */

/** A collector accepts at most this many responses per request. */
export const MAX_BATCH_ITEMS = 100;
/**
 * Stays below the collector's 64 KiB body limit with room for the envelope, and below the 64 KiB
 * that browsers allow all in-flight keepalive requests of a page together.
 */
export const MAX_BATCH_BYTES = 48 * 1024;

export const RETRY_BASE_MS = 1000;
export const RETRY_CAP_MS = 5 * 60 * 1000;

/** Answers older than this go to dead letters rather than being retried for ever. */
export const DEFAULT_MAX_AGE_MS = 30 * 24 * 60 * 60 * 1000;

export function isExpired(queuedAt: number, now: number, maxAgeMs = DEFAULT_MAX_AGE_MS): boolean {
  return now - queuedAt > maxAgeMs;
}

export type StatusClass = 'results' | 'dead' | 'retry';

/**
 * 2xx carries per-item results. 400/413/422 mean this batch will never be accepted as it is, so
 * its items go to dead letters rather than being retried for ever. 408, 425, 429 and 5xx are
 * passing conditions. Other statuses (a proxy's 404 or 401 in front of a misconfigured collector)
 * are retried too: an answer is never dropped because of the collector's configuration.
 */
export function classifyStatus(status: number): StatusClass {
  if (status >= 200 && status < 300) return 'results';
  if (status === 400 || status === 413 || status === 422) return 'dead';
  return 'retry';
}

/** Exponential backoff with full jitter: uniform in [0, min(cap, base · 2^attempt)). */
export function backoffDelay(
  attempt: number,
  random: () => number = Math.random,
  base = RETRY_BASE_MS,
  cap = RETRY_CAP_MS,
): number {
  const ceiling = Math.min(cap, base * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}

/** `Retry-After` as delta-seconds or an HTTP date, in milliseconds from `now`; null if absent. */
export function retryAfterMs(header: string | null, now: number): number | null {
  if (!header) return null;
  const trimmed = header.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const date = Date.parse(trimmed);
  return Number.isNaN(date) ? null : Math.max(0, date - now);
}

const encoder = new TextEncoder();

/**
 * The longest oldest-first prefix of `bodies` whose envelope fits `maxBytes`. A single body larger
 * than the limit is still sent alone, so that the collector's 413 moves it to dead letters
 * instead of blocking the queue behind it.
 */
export function takeBatch(
  bodies: readonly string[],
  maxItems = MAX_BATCH_ITEMS,
  maxBytes = MAX_BATCH_BYTES,
): number {
  // Room for the envelope and a device key of up to 64 characters.
  let bytes = '{"responses":[],"device":""}'.length + 64;
  let count = 0;
  for (const body of bodies) {
    if (count >= maxItems) break;
    const size = encoder.encode(body).length + (count > 0 ? 1 : 0);
    if (count > 0 && bytes + size > maxBytes) break;
    bytes += size;
    count += 1;
  }
  return count;
}

/**
 * The request body: each queued response exactly as it was first serialised, and the device key
 * when there is one.
 */
export function envelope(bodies: readonly string[], device?: string): string {
  const key = device ? `,"device":${JSON.stringify(device)}` : '';
  return `{"responses":[${bodies.join(',')}]${key}}`;
}
