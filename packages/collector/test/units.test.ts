import { describe, expect, it } from 'vitest';
import { CSV_BOM, csvCell, csvRow } from '../src/csv.js';
import { capKey, isTimeZone, MAX_QUEUE_AGE_MS, periodInstant, periodKey } from '../src/periods.js';
import { RateLimiter } from '../src/rate-limit.js';
import { parseInstant, parseReadQuery } from '../src/read-query.js';
import {
  bearerToken,
  hashToken,
  inScope,
  issueToken,
  looksLikeToken,
  parseDuration,
  scopedFilter,
  tokenStatus,
} from '../src/tokens.js';

describe('periodKey', () => {
  // 2026-03-31T16:30Z is already April 1st in Shanghai.
  const instant = Date.parse('2026-03-31T16:30:00Z');
  it.each([
    ['day', '2026-04-01'],
    ['week', '2026-W14'],
    ['month', '2026-04'],
    ['quarter', '2026-Q2'],
    ['year', '2026'],
  ] as const)('counts %s in Asia/Shanghai by default: %s', (period, key) => {
    expect(periodKey(period, instant)).toBe(key);
  });

  it('counts in the survey time zone', () => {
    expect(periodKey('month', instant, 'Europe/London')).toBe('2026-03');
    expect(periodKey('day', instant, 'UTC')).toBe('2026-03-31');
  });

  it('uses ISO weeks across the turn of the year', () => {
    expect(periodKey('week', Date.parse('2026-12-31T12:00:00+08:00'))).toBe('2026-W53');
    expect(periodKey('week', Date.parse('2027-01-04T12:00:00+08:00'))).toBe('2027-W01');
    expect(periodKey('week', Date.parse('2025-12-29T12:00:00+08:00'))).toBe('2026-W01');
  });

  it('falls back to Asia/Shanghai for a zone the runtime does not know', () => {
    expect(isTimeZone('Asia/Shanghai')).toBe(true);
    expect(isTimeZone('Mars/Olympus_Mons')).toBe(false);
    expect(periodKey('month', instant, 'Mars/Olympus_Mons')).toBe('2026-04');
  });
});

describe('periodInstant', () => {
  const received = Date.parse('2026-03-15T00:00:00Z');
  it('takes createdAt, so that an answer queued offline counts where it was made', () => {
    const created = received - 3 * 86_400_000;
    expect(periodInstant(created, received)).toBe(created);
  });

  it('takes the time of receipt for createdAt in the future or older than the outbox keeps', () => {
    expect(periodInstant(received + 86_400_000, received)).toBe(received);
    expect(periodInstant(received - MAX_QUEUE_AGE_MS - 1, received)).toBe(received);
    expect(periodInstant(Number.NaN, received)).toBe(received);
  });
});

describe('capKey', () => {
  it('differs by survey, subject, device and period, and reveals none of them', () => {
    const key = capKey('s', 'subject', 'device-123', '2026-03');
    expect(key).not.toContain('device-123');
    const others = [
      capKey('t', 'subject', 'device-123', '2026-03'),
      capKey('s', 'other', 'device-123', '2026-03'),
      capKey('s', 'subject', 'device-124', '2026-03'),
      capKey('s', 'subject', 'device-123', '2026-04'),
    ];
    expect(new Set([key, ...others]).size).toBe(5);
    expect(capKey('s', 'subject', 'device-123', '2026-03')).toBe(key);
  });
});

describe('tokens', () => {
  it('are 256 random bits behind a role prefix, and stored as a SHA-256', () => {
    const evaluator = issueToken('evaluator');
    const admin = issueToken('admin');
    expect(evaluator.token).toMatch(/^minyi_ev_[A-Za-z0-9_-]{43}$/);
    expect(admin.token).toMatch(/^minyi_ad_[A-Za-z0-9_-]{43}$/);
    expect(evaluator.hash).toBe(hashToken(evaluator.token));
    expect(evaluator.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(evaluator.hash).not.toContain(evaluator.token.slice(9, 20));
    expect(evaluator.id).toMatch(/^[0-9a-f]{12}$/);
    expect(issueToken('evaluator').token).not.toBe(evaluator.token);
    expect(looksLikeToken(evaluator.token)).toBe(true);
    expect(looksLikeToken(`${evaluator.token}x`)).toBe(false);
  });

  it('are read from a Bearer authorization header', () => {
    expect(bearerToken('Bearer abc')).toBe('abc');
    expect(bearerToken('bearer  abc ')).toBe('abc');
    for (const header of [undefined, '', 'Basic abc', 'Bearer', 'Bearer a b']) {
      expect(bearerToken(header)).toBeUndefined();
    }
  });

  it('expire and are revoked', () => {
    const now = Date.parse('2026-03-01T00:00:00Z');
    expect(tokenStatus({ expiresAt: undefined, revokedAt: undefined }, now)).toBe('active');
    expect(tokenStatus({ expiresAt: '2026-03-01T00:00:01Z', revokedAt: undefined }, now)).toBe(
      'active',
    );
    expect(tokenStatus({ expiresAt: '2026-03-01T00:00:00Z', revokedAt: undefined }, now)).toBe(
      'expired',
    );
    expect(tokenStatus({ expiresAt: undefined, revokedAt: '2026-02-01T00:00:00Z' }, now)).toBe(
      'revoked',
    );
  });

  it.each([
    ['90m', 90 * 60_000],
    ['12h', 12 * 3_600_000],
    ['30d', 30 * 86_400_000],
  ])('take durations like %s', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each([['0d'], ['30'], ['1w'], ['-1d'], ['1.5h'], [' 1d']])('refuse %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });
});

describe('scopes', () => {
  const scope = { surveys: ['department-evaluation'], subjects: ['housing', 'civil-affairs'] };
  const all = { surveys: [], subjects: [] };

  it('see everything when empty, else only the listed surveys and subjects', () => {
    expect(inScope(all, 'anything', 'anyone')).toBe(true);
    expect(inScope(scope, 'department-evaluation', 'housing')).toBe(true);
    expect(inScope(scope, 'department-evaluation')).toBe(true);
    expect(inScope(scope, 'page-feedback', 'housing')).toBe(false);
    expect(inScope(scope, 'department-evaluation', 'service-hall')).toBe(false);
  });

  it('narrow every read, and report what lies outside', () => {
    expect(scopedFilter(all, {})).toEqual({});
    expect(scopedFilter(scope, { from: 1, to: 2 })).toEqual({
      surveys: ['department-evaluation'],
      subjects: ['housing', 'civil-affairs'],
      from: 1,
      to: 2,
    });
    expect(scopedFilter(scope, { subject: 'housing' })).toEqual({
      surveys: ['department-evaluation'],
      subjects: ['housing'],
    });
    expect(scopedFilter(scope, { survey: 'page-feedback' })).toEqual({ outOfScope: 'survey' });
    expect(scopedFilter(scope, { subject: 'zoo' })).toEqual({ outOfScope: 'subject' });
  });
});

describe('RateLimiter', () => {
  it('allows a burst of the per-minute limit, then answers how long to wait', () => {
    const limiter = new RateLimiter({ perMinute: 60 });
    for (let i = 0; i < 60; i++) expect(limiter.take('a', 0).allowed).toBe(true);
    expect(limiter.take('a', 0)).toEqual({ allowed: false, retryAfterS: 1 });
    expect(limiter.take('b', 0).allowed).toBe(true);
    // One token a second comes back.
    expect(limiter.take('a', 1000).allowed).toBe(true);
    expect(limiter.take('a', 1000).allowed).toBe(false);
  });

  it('is off at 0, and keeps memory bounded', () => {
    const off = new RateLimiter({ perMinute: 0 });
    for (let i = 0; i < 1000; i++) expect(off.take('a', 0).allowed).toBe(true);
    expect(off.size).toBe(0);
    const bounded = new RateLimiter({ perMinute: 10 }, 100);
    for (let i = 0; i < 1000; i++) bounded.take(`address-${i}`, i);
    expect(bounded.size).toBe(100);
    bounded.sweep(1000 + 60_000);
    expect(bounded.size).toBe(0);
  });
});

describe('CSV', () => {
  it.each([
    ['=HYPERLINK("http://x")', `"'=HYPERLINK(""http://x"")"`],
    ['+1', "'+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['\rcmd', `"'\rcmd"`],
    ['plain 文字', 'plain 文字'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['<script>alert(1)</script>', '<script>alert(1)</script>'],
  ])('writes %j as %j', (value, cell) => {
    expect(csvCell(value)).toBe(cell);
  });

  it('writes numbers, empty cells and CRLF rows; the file starts with a BOM', () => {
    expect(csvRow([1, undefined, null, 'x'])).toBe('1,,,x\r\n');
    expect(CSV_BOM).toBe('\uFEFF');
  });
});

describe('parseReadQuery', () => {
  it('reads filters and a format', () => {
    expect(
      parseReadQuery(
        { survey: 'page-feedback', subject: 'a b', from: '2026-03-01', to: '2026-04-01T00:00:00Z' },
        true,
      ),
    ).toEqual({
      ok: true,
      format: 'json',
      query: {
        survey: 'page-feedback',
        subject: 'a b',
        from: Date.parse('2026-03-01T00:00:00+08:00'),
        to: Date.parse('2026-04-01T00:00:00Z'),
      },
    });
    expect(parseReadQuery({ format: 'csv' }, true)).toMatchObject({ ok: true, format: 'csv' });
  });

  it('refuses unknown, repeated and malformed parameters, naming each', () => {
    const result = parseReadQuery(
      {
        subjet: 'x',
        survey: ['a', 'b'],
        from: 'yesterday',
        to: '2026-13-01',
        format: 'xlsx',
      },
      true,
    );
    expect(result.ok === false && result.issues.map((i) => i.path)).toEqual([
      'subjet',
      'survey',
      'from',
      'to',
      'format',
    ]);
    const counting = parseReadQuery({ format: 'csv' }, false);
    expect(counting.ok === false && counting.issues[0]?.path).toBe('format');
    const backwards = parseReadQuery({ from: '2026-03-02', to: '2026-03-01' }, false);
    expect(backwards.ok === false && backwards.issues[0]?.path).toBe('to');
  });

  it('takes dates as China Standard Time and date-times with an offset', () => {
    expect(parseInstant('2026-03-01')).toBe(Date.parse('2026-02-28T16:00:00Z'));
    expect(parseInstant('2026-03-01T08:00+08:00')).toBe(Date.parse('2026-03-01T00:00:00Z'));
    expect(parseInstant('2026-03-01T08:00:00')).toBeUndefined();
  });
});
