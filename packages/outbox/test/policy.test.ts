import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import {
  backoffDelay,
  classifyStatus,
  envelope,
  MAX_BATCH_BYTES,
  RETRY_CAP_MS,
  retryAfterMs,
  takeBatch,
} from '../src/policy.js';

describe('classifyStatus', () => {
  test.each([
    [200, 'results'],
    [207, 'results'],
    [400, 'dead'],
    [413, 'dead'],
    [422, 'dead'],
    [408, 'retry'],
    [425, 'retry'],
    [429, 'retry'],
    [500, 'retry'],
    [503, 'retry'],
    [404, 'retry'],
  ] as const)('HTTP %i → %s', (status, verdict) => {
    expect(classifyStatus(status)).toBe(verdict);
  });
});

describe('backoffDelay', () => {
  test('full jitter: from 0 up to 1 s doubling, capped at 5 minutes', () => {
    expect(backoffDelay(0, () => 0)).toBe(0);
    expect(backoffDelay(0, () => 0.999999)).toBe(999);
    expect(backoffDelay(3, () => 0.5)).toBe(4000);
    expect(backoffDelay(20, () => 0.999999)).toBe(RETRY_CAP_MS - 1);
    expect(backoffDelay(10_000, () => 0.5)).toBe(RETRY_CAP_MS / 2);
  });

  test('property: always within [0, min(cap, 2^n s))', () => {
    fc.assert(
      fc.property(
        fc.nat(100),
        fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
        (n, r) => {
          const delay = backoffDelay(n, () => r);
          return delay >= 0 && delay < Math.min(RETRY_CAP_MS, 1000 * 2 ** n);
        },
      ),
    );
  });
});

describe('retryAfterMs', () => {
  const now = Date.parse('2026-11-27T08:00:00Z');
  test('reads seconds and HTTP dates', () => {
    expect(retryAfterMs('120', now)).toBe(120_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(retryAfterMs('Fri, 27 Nov 2026 07:00:00 GMT', now)).toBe(0);
    expect(retryAfterMs(null, now)).toBeNull();
    expect(retryAfterMs('soon', now)).toBeNull();
  });
});

describe('takeBatch', () => {
  test('stops at 100 items', () => {
    expect(takeBatch(Array.from({ length: 250 }, () => '{}'))).toBe(100);
  });

  test('stops before the envelope exceeds 48 KiB, counting UTF-8 bytes', () => {
    const body = JSON.stringify({ comment: '满'.repeat(3000) }); // about 9 KB in UTF-8
    const count = takeBatch(Array.from({ length: 10 }, () => body));
    const bytes = (n: number) => new TextEncoder().encode(envelope(Array(n).fill(body))).length;
    expect(bytes(count)).toBeLessThanOrEqual(MAX_BATCH_BYTES);
    expect(bytes(count + 1)).toBeGreaterThan(MAX_BATCH_BYTES);
  });

  test('sends an oversized item alone rather than never', () => {
    expect(takeBatch(['x'.repeat(MAX_BATCH_BYTES * 2), '{}'])).toBe(1);
  });

  test('property: the envelope of a multi-item batch always fits', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ maxLength: 4000, unit: 'grapheme' }), { maxLength: 200 }),
        (texts) => {
          const bodies = texts.map((text) => JSON.stringify({ text }));
          const count = takeBatch(bodies);
          if (bodies.length > 0 && count === 0) return false;
          if (count <= 1) return true;
          return (
            new TextEncoder().encode(envelope(bodies.slice(0, count))).length <= MAX_BATCH_BYTES
          );
        },
      ),
    );
  });
});

test('envelope carries the device key after the responses', () => {
  expect(envelope(['{"id":"a"}'], 'k-1_x')).toBe('{"responses":[{"id":"a"}],"device":"k-1_x"}');
});

test('envelope keeps each body byte for byte', () => {
  const bodies = ['{"id":"a","b":1}', '{"b":1,"id":"c"}'];
  expect(envelope(bodies)).toBe('{"responses":[{"id":"a","b":1},{"b":1,"id":"c"}]}');
  expect(JSON.parse(envelope(bodies)).responses).toHaveLength(2);
});
