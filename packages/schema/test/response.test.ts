import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { check, envelopeSchema, responseSchema, type SurveyResponse } from '../src/index.js';

const valid: SurveyResponse = {
  id: '5f0c6d52-3b7e-4c1a-9d7e-2b8f0a1c3e4d',
  survey: 'page-feedback',
  surveyVersion: 1,
  kind: 'satisfaction',
  subject: '/zwgk/index.html',
  answers: { overall: 'satisfied' },
  locale: 'zh-Hans',
  page: 'https://www.example.gov.cn/zwgk/index.html',
  createdAt: '2026-11-27T08:30:00.000Z',
  sdk: '0.1.0',
};

function issuesFor(data: unknown) {
  const result = check(responseSchema, data);
  return result.ok ? [] : result.issues;
}

describe('responseSchema', () => {
  test('accepts a complete response, with optional fields and extra fields', () => {
    expect(issuesFor(valid)).toEqual([]);
    expect(
      issuesFor({
        ...valid,
        group: 'resident',
        comment: '窗口服务很好',
        answers: { a: 'satisfied', b: 4, c: 'N/A', d: null },
        createdAt: '2026-11-27T16:30:00+08:00',
        futureField: true,
      }),
    ).toEqual([]);
  });

  // Each field, given a value it must refuse, is named by its path and what was expected.
  const badValues: Record<string, unknown[]> = {
    id: ['', 'not-a-uuid', 42, null, '5f0c6d52-3b7e-0c1a-9d7e-2b8f0a1c3e4d'],
    survey: ['', 'has space', '-leading', 'x'.repeat(101), 7],
    surveyVersion: [0, -1, 1.5, '1', null],
    kind: ['rating', '', 1],
    subject: ['', 'x'.repeat(501), 3, null],
    group: ['', 'has space', 5],
    answers: [null, [], {}, 'satisfied', { overall: 1.5 }, { overall: {} }, { 'bad key': 'x' }],
    comment: [5, 'x'.repeat(5001)],
    locale: ['zh-CN', 'EN', '', null],
    page: ['/relative', 'https://a.gov.cn/?q=1', 'https://a.gov.cn/#top', 'javascript:alert(1)', 1],
    createdAt: ['2026-11-27', '2026-11-27T08:30:00', 'yesterday', 1764232200000],
    sdk: ['', 1, 'x'.repeat(65)],
  };

  for (const [field, values] of Object.entries(badValues)) {
    const cases = values.map((value) => [String(JSON.stringify(value)).slice(0, 24), value]);
    test.each(cases)(`refuses ${field} = %s, naming the path`, (_label, value) => {
      const issues = issuesFor({ ...valid, [field]: value });
      expect(issues.length).toBeGreaterThan(0);
      for (const issue of issues) {
        expect(issue.path.startsWith(field)).toBe(true);
        expect(issue.message).toMatch(/expected/);
      }
    });
  }

  test.each([
    'id',
    'survey',
    'surveyVersion',
    'kind',
    'subject',
    'answers',
    'locale',
    'page',
    'createdAt',
    'sdk',
  ])('requires %s', (field) => {
    const copy: Record<string, unknown> = { ...valid };
    delete copy[field];
    expect(issuesFor(copy).map((issue) => issue.path)).toEqual([field]);
  });

  test('names a bad answer by its dimension', () => {
    expect(issuesFor({ ...valid, answers: { overall: 'satisfied', speed: 2.5 } })).toEqual([
      { path: 'answers.speed', message: 'expected a level id, an integer, "N/A" or null' },
    ]);
  });

  test('property: any one field replaced by a value of the wrong type is refused at that path', () => {
    const fields = Object.keys(badValues);
    // Values no field accepts: no boolean, array or nested object is valid anywhere, and no
    // number that is not a positive integer.
    const wrongType = fc.oneof(
      fc.constant(undefined),
      fc.boolean(),
      fc.double({ noNaN: false }).filter((value) => !Number.isInteger(value) || value <= 0),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.dictionary(fc.string(), fc.constant({}), { minKeys: 1, maxKeys: 2 }),
    );
    fc.assert(
      fc.property(fc.constantFrom(...fields), wrongType, (field, value) => {
        if (value === undefined && (field === 'group' || field === 'comment')) return true;
        const issues = issuesFor({ ...valid, [field]: value });
        return issues.length > 0 && issues.every((issue) => issue.path.startsWith(field));
      }),
      { numRuns: 500 },
    );
  });

  test('property: well-formed responses with arbitrary answers and comments are accepted', () => {
    const answer = fc.oneof(
      fc.constant(null),
      fc.constant('N/A'),
      fc.integer({ min: -1000, max: 1000 }),
      fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/),
    );
    fc.assert(
      fc.property(
        fc.uuid({ version: 4 }),
        fc.dictionary(fc.stringMatching(/^[a-z][a-z0-9_]{0,15}$/), answer, {
          minKeys: 1,
          maxKeys: 10,
        }),
        fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
        (id, answers, comment) =>
          issuesFor({ ...valid, id, answers, ...(comment === undefined ? {} : { comment }) })
            .length === 0,
      ),
      { numRuns: 300 },
    );
  });
});

describe('envelopeSchema', () => {
  test('names the envelope problems by path', () => {
    const issues = (data: unknown) => {
      const result = check(envelopeSchema, data);
      return result.ok ? [] : result.issues.map((issue) => issue.path);
    };
    expect(issues({ responses: [valid] })).toEqual([]);
    expect(issues({})).toEqual(['responses']);
    expect(issues({ responses: [] })).toEqual(['responses']);
    expect(issues({ responses: 'x' })).toEqual(['responses']);
    expect(issues({ responses: Array.from({ length: 101 }, () => valid) })).toEqual(['responses']);
    expect(issues([])).toEqual(['$']);
  });
});
