import type { SurveyResponse } from '@minyi/schema';
import { describe, expect, it } from 'vitest';
import { REPLY_RATING_DEFINITION } from '../src/built-in-surveys.js';
import {
  CASE_ID_PATTERN,
  type CollectorSurvey,
  caseMoveProblem,
  followUpDeadline,
  followUpReasons,
  isOverdue,
  newCaseId,
} from '../src/follow-up.js';
import { DEMO_EVALUATION, DEMO_SURVEY, SurveyValidationError } from '../src/index.js';
import { checkSurveyDefinition } from '../src/storage.js';
import { isWorkingDay, parseWorkCalendar } from '../src/work-calendar.js';

function answer(
  answers: SurveyResponse['answers'],
  extra: Partial<SurveyResponse> = {},
): SurveyResponse {
  return {
    id: '5f0c5d2e-8a4b-4c1d-9e2f-3a4b5c6d7e8f',
    survey: 'x',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject: 'portal/home',
    answers,
    locale: 'zh-Hans',
    page: 'https://www.example.gov.cn/',
    createdAt: '2026-11-27T09:00:00+08:00',
    ...extra,
  } as SurveyResponse;
}

const ON = (scale: string, followUp?: CollectorSurvey['followUp']): CollectorSurvey => ({
  ...DEMO_SURVEY,
  dimensions: [{ ...DEMO_SURVEY.dimensions[0]!, scale }],
  ...(followUp ? { followUp } : {}),
});

describe('followUpReasons', () => {
  it('opens a case for the two lowest of five levels by default, and for no other', () => {
    const levels = [
      'very-dissatisfied',
      'dissatisfied',
      'basically-satisfied',
      'satisfied',
      'very-satisfied',
    ];
    expect(levels.map((level) => followUpReasons(DEMO_SURVEY, answer({ overall: level })))).toEqual(
      [
        [{ type: 'rating', dimension: 'overall', answer: 'very-dissatisfied' }],
        [{ type: 'rating', dimension: 'overall', answer: 'dissatisfied' }],
        [],
        [],
        [],
      ],
    );
  });

  it('takes the lowest quarter of other scales: 0–2 of 0–10, two stars of five, "no"', () => {
    const opened = (scale: string, value: string | number) =>
      followUpReasons(ON(scale), answer({ overall: value })).length > 0;
    expect([0, 1, 2, 3, 10].map((value) => opened('nps11', value))).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
    expect([1, 2, 3].map((value) => opened('stars5', value))).toEqual([true, true, false]);
    expect(['no', 'yes'].map((value) => opened('yesno', value))).toEqual([true, false]);
  });

  it('follows the survey: a threshold, comments, or no follow-up at all', () => {
    const strict = ON('hcp5', { atOrBelow: 0 });
    expect(followUpReasons(strict, answer({ overall: 'dissatisfied' }))).toEqual([]);
    expect(followUpReasons(strict, answer({ overall: 'very-dissatisfied' }))).toHaveLength(1);
    const complaints = ON('hcp5', { comments: true });
    expect(
      followUpReasons(
        complaints,
        answer({ overall: 'satisfied' }, { comment: '希望延长周末办公' }),
      ),
    ).toEqual([{ type: 'comment' }]);
    expect(
      followUpReasons(complaints, answer({ overall: 'satisfied' }, { comment: '  ' })),
    ).toEqual([]);
    expect(
      followUpReasons(ON('hcp5', { enabled: false }), answer({ overall: 'very-dissatisfied' })),
    ).toEqual([]);
  });

  it('names every low dimension of an evaluation and skips "not applicable"', () => {
    const reasons = followUpReasons(
      DEMO_EVALUATION,
      answer(
        {
          attitude: 'dissatisfied',
          efficiency: 'satisfied',
          openness: 'very-dissatisfied',
          outcome: 'N/A',
        },
        { kind: 'evaluation' },
      ),
    );
    expect(reasons.map((reason) => reason.type === 'rating' && reason.dimension)).toEqual([
      'attitude',
      'openness',
    ]);
  });

  it('opens nothing for a rating of a reply', () => {
    expect(
      followUpReasons(REPLY_RATING_DEFINITION, answer({ reply: 'very-dissatisfied' })),
    ).toEqual([]);
  });
});

describe('followUpDeadline', () => {
  const at = (iso: string) => Date.parse(iso);
  const iso = (ms: number) => new Date(ms).toISOString();

  it('ends with the last working day, Monday to Friday, in the survey time zone', () => {
    // Friday 27 November 2026, 20:00 in Beijing: one working day is Monday 30 November.
    expect(iso(followUpDeadline(at('2026-11-27T20:00:00+08:00'), 1))).toBe(
      '2026-11-30T16:00:00.000Z',
    );
    // Fifteen working days are three weeks: Friday 18 December, ending at midnight Beijing time.
    expect(iso(followUpDeadline(at('2026-11-27T20:00:00+08:00'), 15))).toBe(
      '2026-12-18T16:00:00.000Z',
    );
    // Saturday counts from the day it is: five working days end on Friday.
    expect(iso(followUpDeadline(at('2026-11-28T10:00:00+08:00'), 5))).toBe(
      '2026-12-04T16:00:00.000Z',
    );
  });

  it('counts days where the survey is: late Friday in UTC is Saturday in Beijing', () => {
    const lateFriday = at('2026-11-27T23:30:00Z');
    expect(iso(followUpDeadline(lateFriday, 1, 'UTC'))).toBe('2026-12-01T00:00:00.000Z');
    expect(iso(followUpDeadline(lateFriday, 1, 'Asia/Shanghai'))).toBe('2026-11-30T16:00:00.000Z');
  });
});

describe('a calendar of holidays', () => {
  const at = (iso: string) => Date.parse(iso);
  const iso = (ms: number) => new Date(ms).toISOString();
  // A National Day week as the State Council arranges it: 1–7 October off, with the Sunday
  // before and the Saturday after worked in exchange (dates for illustration).
  const parsed = parseWorkCalendar({
    holidays: ['2026-10-01', '2026-10-02', '2026-10-05', '2026-10-06', '2026-10-07'],
    workdays: ['2026-09-27', '2026-10-10'],
  });
  if (!parsed.ok) throw new Error('the test calendar is invalid');
  const { calendar } = parsed;

  it('skips holidays and counts weekend days worked in exchange', () => {
    expect(isWorkingDay('2026-10-01', calendar)).toBe(false);
    expect(isWorkingDay('2026-09-27', calendar)).toBe(true);
    expect(isWorkingDay('2026-10-09', calendar)).toBe(true);
    expect(isWorkingDay('2026-10-11', calendar)).toBe(false);
    // Received Friday 25 September: Sunday 27 is the first working day, Monday 28 the second,
    // then 29 and 30 September, Thursday 8 October the fifth.
    expect(
      iso(followUpDeadline(at('2026-09-25T10:00:00+08:00'), 5, 'Asia/Shanghai', calendar)),
    ).toBe('2026-10-08T16:00:00.000Z');
    // Without the calendar the same five days end on Friday 2 October.
    expect(iso(followUpDeadline(at('2026-09-25T10:00:00+08:00'), 5, 'Asia/Shanghai'))).toBe(
      '2026-10-02T16:00:00.000Z',
    );
  });

  it('names what is wrong with a calendar file', () => {
    expect(
      parseWorkCalendar({ holidays: ['2026-02-30', 3], workdays: '2026-10-10', extra: [] }),
    ).toEqual({
      ok: false,
      issues: [
        { path: 'holidays[0]', message: 'expected a date YYYY-MM-DD' },
        { path: 'holidays[1]', message: 'expected a date YYYY-MM-DD' },
        { path: 'workdays', message: 'expected a list of dates YYYY-MM-DD' },
        { path: 'extra', message: 'unknown field; expected "holidays" or "workdays"' },
      ],
    });
    expect(parseWorkCalendar({ holidays: ['2026-10-10'], workdays: ['2026-10-10'] })).toEqual({
      ok: false,
      issues: [{ path: 'workdays', message: '2026-10-10 is also listed as a holiday' }],
    });
    expect(parseWorkCalendar([])).toMatchObject({ ok: false });
  });
});

describe('case state', () => {
  it('is overdue only while unanswered after its deadline', () => {
    expect(isOverdue('open', 1000, 999)).toBe(false);
    expect(isOverdue('open', 1000, 1000)).toBe(true);
    expect(isOverdue('assigned', 1000, 5000)).toBe(true);
    expect(isOverdue('replied', 1000, 5000)).toBe(false);
    expect(isOverdue('closed', 1000, 5000)).toBe(false);
  });

  it('says which moves a status allows', () => {
    expect(caseMoveProblem('c1', 'open', 'assign')).toBeUndefined();
    expect(caseMoveProblem('c1', 'assigned', 'reply')).toBeUndefined();
    expect(caseMoveProblem('c1', 'replied', 'close')).toBeUndefined();
    expect(caseMoveProblem('c1', 'open', 'close')).toBe(
      'case "c1" is open; only a replied case can be closed',
    );
    expect(caseMoveProblem('c1', 'closed', 'reply')).toBe(
      'case "c1" is closed; only an open or an assigned case can be replied to',
    );
  });

  it('has unguessable ids in the receipt alphabet', () => {
    const ids = new Set(Array.from({ length: 1000 }, newCaseId));
    expect(ids.size).toBe(1000);
    for (const id of ids) expect(id).toMatch(CASE_ID_PATTERN);
    expect(CASE_ID_PATTERN.test('c0000000000000000')).toBe(false);
  });
});

describe('a survey definition with a follow-up policy', () => {
  it('keeps a valid policy and names the field of an invalid one', () => {
    const kept = checkSurveyDefinition({ ...DEMO_SURVEY, followUp: { workingDays: 10 } });
    expect(kept.followUp).toEqual({ workingDays: 10 });
    const error = (() => {
      try {
        checkSurveyDefinition({ ...DEMO_SURVEY, followUp: { workingDays: 0, comments: 'yes' } });
      } catch (caught) {
        return caught;
      }
    })();
    expect(error).toBeInstanceOf(SurveyValidationError);
    expect((error as SurveyValidationError).issues).toEqual([
      { path: 'followUp.comments', message: 'expected true or false' },
      { path: 'followUp.workingDays', message: 'expected a number of working days from 1 to 60' },
    ]);
  });
});
