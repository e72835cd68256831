import type { SurveyDefinition, SurveyResponse } from '@minyi/schema';
import { describe, expect, it } from 'vitest';
import { canonicalJson, contentHash } from '../src/canonical.js';
import { DEMO_SURVEY } from '../src/demo.js';
import {
  checkEnvelope,
  parseEnvelope,
  resultFor,
  submittedId,
  surveyIssues,
  toNewResponse,
  validateAgainstSurvey,
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

function parsedResponse(overrides: Record<string, unknown> = {}): SurveyResponse {
  return makeResponse(overrides) as unknown as SurveyResponse;
}

describe('validateAgainstSurvey', () => {
  it('finds nothing wrong with a response that fits the survey', () => {
    expect(validateAgainstSurvey(parsedResponse(), DEMO_SURVEY)).toEqual([]);
  });

  it('names a kind that differs from the survey and every unknown dimension', () => {
    const response = parsedResponse({
      kind: 'evaluation',
      answers: { overall: 'satisfied', speed: 3, 'with space': 1 },
    });
    expect(validateAgainstSurvey(response, DEMO_SURVEY, 'responses[4]')).toEqual([
      {
        path: 'responses[4].kind',
        message: 'expected "satisfaction", the kind of survey "page-feedback"',
      },
      {
        path: 'responses[4].answers.speed',
        message: 'survey "page-feedback" version 1 has no dimension "speed"',
      },
      {
        path: 'responses[4].answers["with space"]',
        message: 'survey "page-feedback" version 1 has no dimension "with space"',
      },
    ]);
  });
});

describe('surveyIssues', () => {
  it('lets responses for surveys the collector has never heard of through', () => {
    expect(surveyIssues(parsedResponse({ survey: 'elsewhere' }), { known: false })).toEqual([]);
  });

  it('refuses a version the collector does not have of a survey it knows', () => {
    expect(
      surveyIssues(
        parsedResponse({ surveyVersion: 9 }),
        { known: true, definition: undefined },
        'responses[0]',
      ),
    ).toEqual([
      {
        path: 'responses[0].surveyVersion',
        message: 'survey "page-feedback" has no version 9 on this collector',
      },
    ]);
  });

  it('checks the definition when it has the version', () => {
    const definition: SurveyDefinition = { ...DEMO_SURVEY, kind: 'consultation' };
    expect(surveyIssues(parsedResponse(), { known: true, definition })).toHaveLength(1);
  });
});

describe('results', () => {
  const submitted = makeResponse();
  const item = {
    ok: true as const,
    id: submitted.id as string,
    path: 'responses[1]',
    record: toNewResponse(submitted as unknown as SurveyResponse, submitted),
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
