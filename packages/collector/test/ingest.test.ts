import type { SurveyResponse } from '@minyi/schema';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../src/canonical.js';
import {
  checkEnvelope,
  parseEnvelope,
  resultFor,
  structureIssues,
  submittedId,
  toNewResponse,
} from '../src/ingest.js';
import { makeResponse } from './helpers.js';

describe('canonicalJson', () => {
  it('ignores key order at every depth', () => {
    const a = { b: 1, a: { y: [1, { q: 1, p: 2 }], x: null } };
    const b = { a: { x: null, y: [1, { p: 2, q: 1 }] }, b: 1 };
    expect(canonicalJson(a)).toBe(canonicalJson(b));
    expect(canonicalJson(a)).toBe('{"a":{"x":null,"y":[1,{"p":2,"q":1}]},"b":1}');
    expect(contentHash(a)).toBe(contentHash(b));
  });

  it('keeps array order and tells values apart', () => {
    expect(canonicalJson([1, 2])).not.toBe(canonicalJson([2, 1]));
    expect(contentHash({ a: '1' })).not.toBe(contentHash({ a: 1 }));
    expect(canonicalJson({ é: '民意', '"': '\n' })).toBe('{"\\"":"\\n","é":"民意"}');
  });
});

describe('parseEnvelope', () => {
  it('accepts 1 to 100 responses of any shape; they are checked one by one later', () => {
    expect(parseEnvelope('{"responses":[1,"x",null]}')).toEqual({
      ok: true,
      responses: [1, 'x', null],
    });
  });

  it('names the parser reason at $ for a body that is not JSON', () => {
    const result = parseEnvelope('{"responses": [');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues).toHaveLength(1);
    expect(result.issues[0]!.path).toBe('$');
    expect(result.issues[0]!.message).toMatch(/^not valid JSON: .+/);
  });

  it.each([
    ['null', '$'],
    ['[]', '$'],
    ['"responses"', '$'],
    ['{}', 'responses'],
    ['{"responses":{}}', 'responses'],
    ['{"responses":[]}', 'responses'],
    [JSON.stringify({ responses: Array.from({ length: 101 }, () => ({})) }), 'responses'],
  ])('refuses %s at %s', (body, path) => {
    const result = parseEnvelope(body);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual([path]);
  });

  it('ignores other envelope members', () => {
    expect(checkEnvelope({ responses: [{}], sentAt: 'now' }).ok).toBe(true);
  });
});

describe('the device key', () => {
  it('is optional, and kept when it is 8 to 64 letters, digits, "_" or "-"', () => {
    expect(parseEnvelope('{"responses":[{}]}')).toMatchObject({ ok: true, device: undefined });
    const device = 'dev_ABC-123xyz';
    expect(checkEnvelope({ responses: [{}], device })).toMatchObject({ ok: true, device });
  });

  it.each([['short'], ['x'.repeat(65)], ['with space'], ['设备标识符号码'], [42], [null]])(
    'refuses %j at "device"',
    (device) => {
      const result = checkEnvelope({ responses: [{}], device });
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.issues.map((i) => i.path)).toEqual(['device']);
    },
  );
});

describe('structureIssues', () => {
  it('refuses __proto__ and constructor.prototype keys wherever they are', () => {
    const hostile = JSON.parse(
      '{"a":{"__proto__":{"polluted":1}},"constructor":{"prototype":{}},"list":[{"__proto__":1}]}',
    );
    expect(
      structureIssues(hostile, 'responses[0]')
        .map((i) => i.path)
        .sort(),
    ).toEqual([
      'responses[0].a.__proto__',
      'responses[0].constructor',
      'responses[0].list[0].__proto__',
    ]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('refuses NUL characters in keys and text, which PostgreSQL cannot store', () => {
    expect(
      structureIssues({ comment: 'a\u0000b', answers: { 'x\u0000': 1 }, list: ['\u0000'] }, 'r'),
    ).toEqual([
      { path: 'r.comment', message: 'expected text without NUL characters (U+0000)' },
      { path: 'r.list[0]', message: 'expected text without NUL characters (U+0000)' },
      { path: 'r.answers["x\\u0000"]', message: 'expected text without NUL characters (U+0000)' },
    ]);
  });

  it('refuses nesting deeper than 16 levels without recursing', () => {
    let deep: unknown = 'bottom';
    for (let i = 0; i < 100_000; i++) deep = [deep];
    const issues = structureIssues({ deep }, 'responses[0]');
    expect(issues).toHaveLength(1);
    expect(issues[0]!.message).toBe('expected at most 16 levels of nesting');
    expect(structureIssues({ a: { b: [1, { c: null }] } }, '')).toEqual([]);
  });
});

describe('toNewResponse', () => {
  it('scrubs personal data from the comment again, keeping everything else as sent', () => {
    const submitted = makeResponse({ comment: '请回电 13800138000 或写信 a.b@example.com' });
    const record = toNewResponse(submitted as unknown as SurveyResponse, submitted);
    const stored = JSON.parse(record.json) as Record<string, unknown>;
    expect(stored.comment).toBe('请回电 [已隐去] 或写信 [已隐去]');
    expect(Object.keys(stored)).toEqual(Object.keys(submitted));
    expect({ ...stored, comment: submitted.comment }).toEqual(submitted);
    // A retry is scrubbed the same way, so it is recognised as the same response.
    const again = toNewResponse(submitted as unknown as SurveyResponse, { ...submitted });
    expect(again.contentHash).toBe(record.contentHash);
  });

  it('stores the submitted text unchanged when there is nothing to scrub', () => {
    const submitted = makeResponse({ comment: '办事很顺利，订单号 20250314123456789' });
    const record = toNewResponse(submitted as unknown as SurveyResponse, submitted);
    expect(record.json).toBe(JSON.stringify(submitted));
    expect(record.createdMs).toBe(Date.parse('2025-03-14T01:26:53.589Z'));
  });
});

describe('results', () => {
  const submitted = makeResponse();
  const item = {
    ok: true as const,
    id: submitted.id as string,
    path: 'responses[1]',
    record: toNewResponse(submitted as unknown as SurveyResponse, submitted),
    cap: { period: 'month' as const, key: '2025-03' },
    survey: 'page-feedback',
    subject: 'portal/home',
  };

  it('keeps the submitted JSON, key order included', () => {
    const reordered = Object.fromEntries(Object.entries(submitted).reverse());
    const record = toNewResponse(submitted as unknown as SurveyResponse, reordered);
    expect(record.json).toBe(JSON.stringify(reordered));
    expect(record.contentHash).toBe(item.record.contentHash);
  });

  it('answers accepted, duplicate or rejected from what storage found', () => {
    expect(resultFor(item, { stored: 'inserted', receipt: 'AAAA-BBBB-CCCC' })).toEqual({
      id: item.id,
      status: 'accepted',
      receipt: 'AAAA-BBBB-CCCC',
    });
    expect(
      resultFor(item, {
        stored: 'existing',
        receipt: 'AAAA-BBBB-CCCC',
        contentHash: item.record.contentHash,
      }),
    ).toEqual({ id: item.id, status: 'duplicate', receipt: 'AAAA-BBBB-CCCC' });
    const conflict = resultFor(item, {
      stored: 'existing',
      receipt: 'AAAA-BBBB-CCCC',
      contentHash: 'other',
    });
    expect(conflict).toEqual({ id: item.id, status: 'rejected', error: expect.any(String) });
    expect(conflict.error).toMatch(/^responses\[1\]\.id: .*already used for a different response/);
    expect(resultFor(item, { stored: 'capped' })).toEqual({
      id: item.id,
      status: 'rejected',
      error:
        'responses[1].subject: this device already answered survey "page-feedback" about "portal/home" this month (2025-03); the survey takes one answer per device and subject each month',
    });
  });

  it.each([
    [{ id: 'not-a-uuid' }, 'not-a-uuid'],
    [{ id: 42 }, ''],
    [{}, ''],
    [null, ''],
    ['text', ''],
  ])('echoes the id of rejected item %j as %j', (input, expected) => {
    expect(submittedId(input)).toBe(expected);
  });
});
