import type { SurveyDefinition, SurveyResponse } from '@minyi/schema';
import { score } from '@minyi/scoring';
import { describe, expect, test } from 'vitest';
import { NO_GROUP, scoreSurvey, scoringConfig } from '../src/scores.js';

const survey: SurveyDefinition = {
  id: 'dept',
  version: 1,
  kind: 'evaluation',
  title: { 'zh-Hans': '部门测评' },
  scales: [
    {
      id: 'speed',
      type: 'ordinal',
      levels: [
        { id: 'slow', label: { en: 'Slow' } },
        { id: 'fast', label: { en: 'Fast' } },
      ],
      scores: [10, 90],
    },
  ],
  dimensions: [
    {
      id: 'attitude',
      label: { 'zh-Hans': '态度' },
      scale: 'hcp5',
      weight: 0.6,
      notApplicable: true,
    },
    { id: 'speed', label: { 'zh-Hans': '速度' }, scale: 'speed', weight: 0.4 },
  ],
  askGroup: 'optional',
  groups: [
    { id: 'community', label: { 'zh-Hans': '社区' }, weight: 1.5 },
    { id: 'resident', label: { 'zh-Hans': '居民' } },
  ],
  subjects: [{ id: 'civil', label: { 'zh-Hans': '民政局' } }],
};

function response(
  subject: string,
  createdAt: string,
  answers: SurveyResponse['answers'],
  group?: string,
): SurveyResponse {
  return {
    id: crypto.randomUUID(),
    survey: 'dept',
    surveyVersion: 1,
    kind: 'evaluation',
    subject,
    ...(group ? { group } : {}),
    answers,
    locale: 'zh-Hans',
    page: 'https://example.gov.cn/',
    createdAt,
    sdk: '0.1.0',
  };
}

const month = (createdAt: string) => createdAt.slice(0, 7);

describe('scoring a survey from stored responses', () => {
  const rows = [
    response(
      'civil',
      '2026-10-03T10:00:00Z',
      { attitude: 'satisfied', speed: 'fast' },
      'community',
    ),
    response('civil', '2026-10-09T10:00:00Z', { attitude: 'N/A', speed: 'slow' }, 'resident'),
    response('civil', '2026-11-01T10:00:00Z', { attitude: 'very-dissatisfied', speed: null }),
    response(
      'hall',
      '2026-10-20T10:00:00Z',
      { attitude: 'basically-satisfied', speed: 'fast' },
      'resident',
    ),
  ];

  test('maps the definition to the specification and scores as the scoring package does', async () => {
    const view = await scoreSurvey(survey, rows, {
      period: 'month',
      poststratify: false,
      from: null,
      to: null,
      periodOf: month,
    });
    const expected = score({
      ...scoringConfig(survey, false),
      responses: rows.map((row) => ({
        department: row.subject,
        period: month(row.createdAt),
        group: row.group ?? NO_GROUP,
        answers: row.answers,
      })),
    });
    expect(view.cells).toEqual(expected.cells);
    expect(view.cells.map((cell) => [cell.period, cell.department, cell.n])).toEqual([
      ['2026-10', 'civil', 2],
      ['2026-10', 'hall', 1],
      ['2026-11', 'civil', 1],
    ]);
  });

  test('weights the custom scale by its scores and the groups by their weights', () => {
    const config = scoringConfig(survey, false);
    expect(config.scales.speed).toEqual({
      type: 'ordinal',
      levels: ['slow', 'fast'],
      scores: [10, 90],
    });
    expect(config.scales.hcp5).toEqual({
      type: 'ordinal',
      levels: [
        'very-dissatisfied',
        'dissatisfied',
        'basically-satisfied',
        'satisfied',
        'very-satisfied',
      ],
    });
    expect(config.groups).toEqual([
      { id: 'community', weight: 1.5 },
      { id: 'resident', weight: 1 },
      { id: NO_GROUP, weight: 1 },
    ]);
  });

  test('counts answered levels per period, subject and dimension, and labels everything', async () => {
    const view = await scoreSurvey(survey, rows, {
      period: 'month',
      poststratify: false,
      from: null,
      to: null,
      periodOf: month,
    });
    expect(view.distributions['2026-10']?.civil).toEqual({
      attitude: [0, 0, 0, 1, 0],
      speed: [1, 1],
    });
    expect(view.distributions['2026-11']?.civil).toEqual({
      attitude: [1, 0, 0, 0, 0],
      speed: [0, 0],
    });
    expect(view.labels.subjects).toEqual({ civil: { 'zh-Hans': '民政局' } });
    expect(view.labels.levels.speed).toEqual([
      { id: 'slow', label: { en: 'Slow' } },
      { id: 'fast', label: { en: 'Fast' } },
    ]);
    expect(view.labels.groups[NO_GROUP]?.en).toBe('Not stated');
  });
});
