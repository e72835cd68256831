import { describe, expect, test } from 'vitest';
import { scoresUrl } from '../src/internal/api.js';
import { formatFor } from '../src/internal/format.js';
import { toLocale } from '../src/internal/locale.js';
import { checkScores } from '../src/internal/scores.js';
import { scores } from './helpers.js';

describe('the scores answer', () => {
  test('the scoring package’s output, as the collector wraps it, passes the check', () => {
    const result = checkScores(scores({ subjects: 4, nps: true, poststratify: true }));
    expect(result.ok).toBe(true);
  });

  test('a collector of another shape is reported by path, not drawn as blanks', () => {
    const data = scores({ subjects: 2 }) as unknown as Record<string, unknown> & {
      cells: Array<Record<string, unknown>>;
    };
    data.period = 'week';
    data.cells[1]!.score = { mean: 'high' };
    delete (data as Record<string, unknown>).distributions;
    const result = checkScores(data);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems).toEqual(
      expect.arrayContaining([
        '$.period: expected "month", "quarter" or "year"',
        '$.cells[1].score.mean: expected a number or null',
        '$.distributions: expected an object',
      ]),
    );
    expect(checkScores(null)).toEqual({ ok: false, problems: ['$: expected an object'] });
  });
});

describe('the request', () => {
  test('carries the query and never a token', () => {
    const url = scoresUrl('https://feedback.example.gov.cn/minyi', {
      survey: 'department-evaluation',
      period: 'quarter',
      from: '2026-01-01',
      to: undefined,
      poststratify: true,
    });
    expect(url).toBe(
      'https://feedback.example.gov.cn/minyi/v1/scores?survey=department-evaluation&period=quarter&from=2026-01-01&poststratify=true',
    );
    expect(
      scoresUrl('https://x.example/?token=abc#t', {
        survey: 'a b',
        period: 'month',
        poststratify: false,
      }),
    ).toBe('https://x.example/v1/scores?survey=a+b&period=month');
  });
});

describe('locales and numbers', () => {
  test.each([
    ['zh-CN', 'zh-Hans'],
    ['zh-SG', 'zh-Hans'],
    ['zh-Hans-HK', 'zh-Hans'],
    ['zh-TW', 'zh-Hant'],
    ['zh-HK', 'zh-Hant'],
    ['zh-MO', 'zh-Hant'],
    ['zh-Hant', 'zh-Hant'],
    ['en-GB', 'en'],
    ['fr', undefined],
  ])('%s reads as %s', (tag, locale) => {
    expect(toLocale(tag)).toBe(locale);
  });

  test('scores with one decimal, intervals in brackets, rates as percentages, NPS signed', () => {
    const en = formatFor('en');
    expect(en.interval(78.44, 74.06, 82.66)).toBe('78.4 (74.1–82.7)');
    expect(en.interval(78.44, null, null)).toBe('78.4');
    expect(en.interval(null, 1, 2)).toBe('—');
    expect(en.interval(0.784, 0.741, 0.827, 'percent')).toBe('78.4% (74.1%–82.7%)');
    expect(en.nps(12.34)).toBe('+12.3');
    expect(en.interval(-12, -20.14, -3.86, 'nps')).toBe('-12.0 (-20.1 – -3.9)');
    expect(en.interval(5, -2.04, 12, 'nps')).toBe('+5.0 (-2.0 – +12.0)');
    expect(en.count(1234)).toBe('1,234');
    expect(formatFor('zh-Hans').count(1234)).toBe('1,234');
  });

  test('periods in words, per locale', () => {
    const words = (locale: 'zh-Hans' | 'zh-Hant' | 'en') => ({
      quarter: (year: string, quarter: string) =>
        locale === 'en' ? `Q${quarter} ${year}` : `${year}年第${quarter}季度`,
      year: (year: string) => (locale === 'en' ? year : `${year}年`),
    });
    expect(formatFor('zh-Hans').period('2026-11', words('zh-Hans'))).toBe('2026年11月');
    expect(formatFor('zh-Hant').period('2026-11', words('zh-Hant'))).toBe('2026年11月');
    expect(formatFor('en').period('2026-11', words('en'))).toBe('November 2026');
    expect(formatFor('en').period('2026-Q4', words('en'))).toBe('Q4 2026');
    expect(formatFor('zh-Hans').period('2026', words('zh-Hans'))).toBe('2026年');
    expect(formatFor('en').date('2026-08-01')).toBe('August 1, 2026');
  });
});
