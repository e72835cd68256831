import type { SurveyDefinition, SurveyResponse } from '@minyi/schema';
import { describe, expect, it } from 'vitest';
import { DEMO_EVALUATION, DEMO_SURVEY, DEMO_TOPIC } from '../src/demo.js';
import {
  answerIssues,
  commentIssues,
  groupIssues,
  kindIssues,
  positionIssues,
  scaleValueProblem,
  subjectIssues,
  surveyCommentRule,
  surveyRuleIssues,
  topicClosedProblem,
  topicRuleIssues,
} from '../src/rules.js';
import type { TopicState } from '../src/topics.js';
import { makeEvaluation, makeOpinion, makeResponse } from './helpers.js';

const parsed = (value: Record<string, unknown>) => value as unknown as SurveyResponse;
const HCP5_IDS = 'very-dissatisfied, dissatisfied, basically-satisfied, satisfied, very-satisfied';

describe('kindIssues', () => {
  it('names the expected kind', () => {
    expect(kindIssues('satisfaction', 'satisfaction', 'survey "x"')).toEqual([]);
    expect(kindIssues('evaluation', 'satisfaction', 'survey "x"', 'responses[2]')).toEqual([
      { path: 'responses[2].kind', message: 'expected "satisfaction", the kind of survey "x"' },
    ]);
  });
});

describe('scaleValueProblem', () => {
  it('accepts level ids of an ordinal scale and lists them otherwise', () => {
    const survey: SurveyDefinition = DEMO_SURVEY;
    expect(answerIssues({ overall: 'satisfied' }, survey)).toEqual([]);
    expect(answerIssues({ overall: '满意' }, survey)).toEqual([
      { path: 'answers.overall', message: `expected one of ${HCP5_IDS}` },
    ]);
    expect(answerIssues({ overall: 4 }, survey)[0]?.message).toBe(`expected one of ${HCP5_IDS}`);
  });

  it('accepts integers within a numeric scale only', () => {
    const scale = { type: 'numeric', min: 0, max: 10 } as const;
    expect(scaleValueProblem(0, scale, false)).toBeUndefined();
    expect(scaleValueProblem(10, scale, false)).toBeUndefined();
    for (const value of [-1, 11, 'seven']) {
      expect(scaleValueProblem(value, scale, false)).toBe('expected an integer from 0 to 10');
    }
    expect(scaleValueProblem(11, scale, true)).toBe('expected an integer from 0 to 10, or N/A');
  });
});

describe('answerIssues', () => {
  const survey: SurveyDefinition = {
    ...DEMO_EVALUATION,
    dimensions: [
      ...DEMO_EVALUATION.dimensions,
      { id: 'stars', label: { en: 'Stars' }, scale: 'stars5', required: false },
    ],
  };
  const complete = makeEvaluation().answers as Record<string, string>;

  it('finds nothing wrong with a complete evaluation', () => {
    expect(answerIssues(complete, survey)).toEqual([]);
    expect(answerIssues({ ...complete, stars: 5 }, survey)).toEqual([]);
    expect(answerIssues({ ...complete, stars: null }, survey)).toEqual([]);
  });

  it('names every dimension the survey does not have', () => {
    expect(answerIssues({ ...complete, speed: 3 }, survey, 'responses[3]')).toEqual([
      {
        path: 'responses[3].answers.speed',
        message: 'survey "department-evaluation" version 1 has no dimension "speed"',
      },
    ]);
  });

  it('requires every required dimension; null only where the dimension is optional', () => {
    const { efficiency: _missing, ...partial } = complete;
    expect(answerIssues({ ...partial, attitude: null }, survey, 'responses[3]')).toEqual([
      {
        path: 'responses[3].answers.attitude',
        message: 'an answer is required: null (skipped) is only allowed for optional dimensions',
      },
      { path: 'responses[3].answers.efficiency', message: 'an answer is required' },
    ]);
  });

  it('allows "N/A" only where it is offered', () => {
    expect(answerIssues({ overall: 'N/A' }, DEMO_SURVEY)).toEqual([
      { path: 'answers.overall', message: '"N/A" is not offered for this dimension' },
    ]);
    expect(answerIssues({ ...complete, attitude: 'N/A' }, survey)).toEqual([]);
  });

  it('checks values on custom and numeric scales', () => {
    expect(answerIssues({ ...complete, stars: 6 }, survey)).toEqual([
      { path: 'answers.stars', message: 'expected an integer from 1 to 5' },
    ]);
    expect(answerIssues({ ...complete, attitude: 'great' }, survey)).toEqual([
      { path: 'answers.attitude', message: `expected one of ${HCP5_IDS}, N/A` },
    ]);
  });
});

describe('groupIssues', () => {
  const groups = [{ id: 'resident' }, { id: 'business' }];
  it('accepts a group the survey offers, or the 7+X groups when it names none', () => {
    expect(groupIssues('business', 'optional', groups)).toEqual([]);
    expect(groupIssues('respected-figure', 'optional', undefined)).toEqual([]);
    expect(groupIssues(undefined, 'optional', groups)).toEqual([]);
    expect(groupIssues(undefined, undefined, undefined)).toEqual([]);
  });

  it('refuses another group, naming the offered ones, and a missing required group', () => {
    expect(groupIssues('martian', 'no', groups, 'responses[0]')).toEqual([
      { path: 'responses[0].group', message: 'expected one of resident, business' },
    ]);
    expect(groupIssues('business', 'optional', undefined)[0]?.message).toMatch(
      /^expected one of party-organisation, .*, resident$/,
    );
    expect(groupIssues(undefined, 'required', groups)).toEqual([
      { path: 'group', message: 'a respondent group is required' },
    ]);
  });
});

describe('subjectIssues', () => {
  it('accepts any subject when the survey lists none, else only those listed', () => {
    expect(subjectIssues('anything', undefined)).toEqual([]);
    expect(subjectIssues('housing', DEMO_EVALUATION.subjects)).toEqual([]);
    expect(subjectIssues('zoo', DEMO_EVALUATION.subjects, 'responses[1]')).toEqual([
      {
        path: 'responses[1].subject',
        message: 'expected one of civil-affairs, housing, service-hall',
      },
    ]);
  });
});

describe('comments', () => {
  it('follow the survey: none when disabled, up to maxLength (500 by default) when enabled', () => {
    expect(surveyCommentRule({ enabled: false })).toEqual({ enabled: false, maxLength: 500 });
    expect(surveyCommentRule({ enabled: true })).toEqual({ enabled: true, maxLength: 500 });
    expect(surveyCommentRule({ enabled: true, maxLength: 80 })).toEqual({
      enabled: true,
      maxLength: 80,
    });
    expect(surveyCommentRule(undefined)).toEqual({ enabled: true, maxLength: 500 });
    expect(surveyCommentRule(undefined, 'satisfaction')).toEqual({
      enabled: false,
      maxLength: 500,
    });
    expect(commentIssues(undefined, { enabled: false, maxLength: 1 })).toEqual([]);
    expect(commentIssues('hi', { enabled: false, maxLength: 500 }, 'responses[0]')).toEqual([
      { path: 'responses[0].comment', message: 'this survey takes no comments' },
    ]);
    expect(commentIssues('字'.repeat(80), { enabled: true, maxLength: 80 })).toEqual([]);
    expect(commentIssues('字'.repeat(81), { enabled: true, maxLength: 80 })).toEqual([
      { path: 'comment', message: 'expected at most 80 characters' },
    ]);
  });
});

describe('surveyRuleIssues', () => {
  it('reports every rule a response breaks, with paths under its place in the batch', () => {
    const response = parsed(
      makeEvaluation({
        kind: 'satisfaction',
        subject: 'zoo',
        group: 'martian',
        comment: 'x'.repeat(501),
        answers: { attitude: 'great' },
      }),
    );
    expect(surveyRuleIssues(response, DEMO_EVALUATION, 'responses[3]').map((i) => i.path)).toEqual([
      'responses[3].kind',
      'responses[3].answers.attitude',
      'responses[3].answers.efficiency',
      'responses[3].answers.openness',
      'responses[3].answers.outcome',
      'responses[3].group',
      'responses[3].subject',
      'responses[3].comment',
    ]);
    expect(surveyRuleIssues(parsed(makeEvaluation()), DEMO_EVALUATION)).toEqual([]);
    expect(surveyRuleIssues(parsed(makeResponse()), DEMO_SURVEY)).toEqual([]);
  });
});

describe('consultation topics', () => {
  const state: TopicState = {
    id: 'elevator-retrofit',
    status: 'open',
    version: 1,
    outcome: undefined,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:00.000Z',
  };
  const now = Date.parse('2026-03-01T00:00:00Z');

  it('take a position among the options, support / oppose / neutral by default', () => {
    expect(positionIssues({ position: 'oppose' }, DEMO_TOPIC)).toEqual([]);
    expect(positionIssues({ position: 'maybe' }, DEMO_TOPIC)).toEqual([
      { path: 'answers.position', message: 'expected one of support, oppose, neutral' },
    ]);
    const options = [
      { id: 'plan-a', label: { en: 'A' } },
      { id: 'plan-b', label: { en: 'B' } },
    ];
    expect(positionIssues({ position: 'plan-b' }, { id: 't', options })).toEqual([]);
    expect(positionIssues({ position: 'support', extra: 1 }, { id: 't', options })).toEqual([
      { path: 'answers.extra', message: 'consultation "t" asks only for "position"' },
      { path: 'answers.position', message: 'expected one of plan-a, plan-b' },
    ]);
    expect(positionIssues({ position: null }, DEMO_TOPIC)[0]?.message).toBe(
      'an answer is required',
    );
  });

  it('take answers only while open and inside the window', () => {
    expect(topicClosedProblem(state, {}, now)).toBeUndefined();
    expect(topicClosedProblem({ status: 'draft' }, {}, now)).toMatch(
      /^the consultation is not open/,
    );
    for (const status of ['closed', 'published'] as const) {
      expect(topicClosedProblem({ status }, {}, now)).toBe(
        `the consultation is not open: it is ${status}`,
      );
    }
    expect(topicClosedProblem(state, { opensAt: '2026-03-02T00:00:00+08:00' }, now)).toBe(
      'the consultation is not open: it opens at 2026-03-02T00:00:00+08:00',
    );
    expect(topicClosedProblem(state, { closesAt: '2026-03-01T08:00:00+08:00' }, now)).toBe(
      'the consultation is not open: it closed at 2026-03-01T08:00:00+08:00',
    );
    expect(
      topicClosedProblem(
        state,
        { opensAt: '2026-02-01T00:00:00Z', closesAt: '2026-04-01T00:00:00Z' },
        now,
      ),
    ).toBeUndefined();
  });

  it('check kind, position, group and comment (2000 characters by default)', () => {
    const ok = parsed(makeOpinion({ comment: '意'.repeat(2000) }));
    expect(topicRuleIssues(ok, DEMO_TOPIC, state, DEMO_TOPIC, now)).toEqual([]);
    const bad = parsed(
      makeOpinion({ kind: 'evaluation', group: 'martian', comment: '意'.repeat(2001) }),
    );
    expect(
      topicRuleIssues(bad, DEMO_TOPIC, state, DEMO_TOPIC, now, 'r').map((i) => i.path),
    ).toEqual(['r.kind', 'r.group', 'r.comment']);
    const closed = topicRuleIssues(ok, DEMO_TOPIC, { ...state, status: 'closed' }, DEMO_TOPIC, now);
    expect(closed).toEqual([
      { path: 'survey', message: 'the consultation is not open: it is closed' },
    ]);
  });
});
