import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { formatFor } from '../src/internal/format.js';
import {
  distributionRows,
  groupRows,
  periodsOf,
  rankingRows,
  rankText,
  round1,
  subjectsOf,
  trendOf,
} from '../src/internal/shape.js';
import { cell, scores } from './helpers.js';

describe('ranking', () => {
  test('keeps the collector’s ties and marks them "=", skipping the next rank', () => {
    const rows = rankingRows(
      [cell('a', 'p', 80, 1), cell('b', 'p', 75, 2), cell('c', 'p', 75, 2), cell('d', 'p', 70, 4)],
      'p',
    );
    expect(rows.map((row) => [row.subject, rankText(row)])).toEqual([
      ['a', '1'],
      ['b', '=2'],
      ['c', '=2'],
      ['d', '4'],
    ]);
  });

  test('never ranks a low_n cell, and renumbers the others without gaps', () => {
    const rows = rankingRows(
      [
        cell('a', 'p', 80, 1),
        cell('b', 'p', 79, 2, true),
        cell('c', 'p', 75, 3),
        cell('d', 'p', 75, 3),
        cell('e', 'p', 70, 5),
      ],
      'p',
    );
    expect(rows.map((row) => [row.subject, row.status, rankText(row) ?? null])).toEqual([
      ['a', 'ranked', '1'],
      ['c', 'ranked', '=2'],
      ['d', 'ranked', '=2'],
      ['e', 'ranked', '4'],
      ['b', 'low-n', null],
    ]);
  });

  test('lists subjects without answers last, and cells below the ranking minimum as unranked', () => {
    const rows = rankingRows(
      [cell('a', 'p', 60, null), cell('b', 'p', 70, 1), cell('c', 'p', null, null)],
      'p',
      ['z', 'a', 'b', 'c'],
    );
    expect(rows.map((row) => [row.subject, row.status])).toEqual([
      ['b', 'ranked'],
      ['a', 'unranked'],
      ['c', 'no-data'],
      ['z', 'no-data'],
    ]);
    expect(rows.find((row) => row.subject === 'z')?.cell).toBeUndefined();
  });

  test('only looks at the period asked for', () => {
    const rows = rankingRows([cell('a', 'p', 80, 1), cell('a', 'q', 10, 1)], 'q');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.mean).toBe(10);
  });

  test('shown ranks are competition ranks of the collector’s, whatever the cells', () => {
    const cellArb = fc.record({
      rank: fc.option(fc.integer({ min: 1, max: 8 }), { nil: null }),
      lowN: fc.boolean(),
      mean: fc.option(fc.double({ min: 0, max: 100, noNaN: true }), { nil: null }),
    });
    fc.assert(
      fc.property(fc.array(cellArb, { maxLength: 20 }), (specs) => {
        const cells = specs.map((spec, i) => cell(`s${i}`, 'p', spec.mean, spec.rank, spec.lowN));
        const rows = rankingRows(cells, 'p');
        const ranked = rows.filter((row) => row.status === 'ranked');
        const server = new Map(cells.map((c) => [c.department, c.rank]));
        for (const row of rows) {
          if (row.status !== 'ranked') {
            expect(row.rank).toBeNull();
            continue;
          }
          const own = server.get(row.subject)!;
          const better = ranked.filter((other) => server.get(other.subject)! < own).length;
          const same = ranked.filter((other) => server.get(other.subject) === own).length;
          expect(row.rank).toBe(better + 1);
          expect(row.tied).toBe(same > 1);
        }
        // Ranked rows come first, in rank order.
        expect(rows.slice(0, ranked.length)).toEqual(ranked);
        expect(ranked.map((row) => row.rank)).toEqual(
          [...ranked.map((row) => row.rank)].sort((a, b) => a! - b!),
        );
        expect(rows.filter((row) => row.cell?.score.low_n === true && row.rank !== null)).toEqual(
          [],
        );
      }),
    );
  });

  test('on scores from the scoring package: copied answers tie, a small cell is low_n', () => {
    const data = scores({ subjects: 8, lowN: ['education'], ties: [['civil-affairs', 'health']] });
    for (const period of periodsOf(data)) {
      const rows = rankingRows(data.cells, period, subjectsOf(data));
      const tied = rows.filter(
        (row) => row.subject === 'civil-affairs' || row.subject === 'health',
      );
      expect(tied.map(rankText)).toEqual([rankText(tied[0]!), rankText(tied[0]!)]);
      expect(rankText(tied[0]!)).toMatch(/^=\d+$/);
      expect(rows.find((row) => row.subject === 'education')?.status).toBe('low-n');
      expect(rows.filter((row) => row.status === 'ranked')[0]!.rank).toBe(1);
    }
  });
});

describe('trend', () => {
  test('gives every period, oldest first, with gaps where the subject had no answers', () => {
    const cells = [cell('a', '2026-09', 60, 1), cell('a', '2026-11', 70, 1, true, 12)];
    const points = trendOf(cells, 'a', ['2026-09', '2026-10', '2026-11']);
    expect(points.map((point) => [point.period, point.mean, point.lowN, point.n])).toEqual([
      ['2026-09', 60, false, 40],
      ['2026-10', null, false, 0],
      ['2026-11', 70, true, 12],
    ]);
    expect(points[0]).toMatchObject({ low: 58, high: 62 });
  });

  test('periods sort as their keys do, for months, quarters and years', () => {
    const cells = ['2026-Q1', '2025-Q4', '2026-Q2'].map((period) => cell('a', period, 50, 1));
    expect(periodsOf({ cells })).toEqual(['2025-Q4', '2026-Q1', '2026-Q2']);
  });
});

describe('distribution and groups', () => {
  test('counts are padded to the scale’s levels and shares add up to 1', () => {
    const data = scores({ subjects: 3 });
    data.distributions['2026-11']!.housing!.attitude = [3, 1];
    const rows = distributionRows(data, '2026-11', 'housing', ['attitude', 'efficiency']);
    expect(rows[0]).toMatchObject({ dimension: 'attitude', counts: [3, 1, 0, 0, 0], total: 4 });
    expect(rows[0]!.shares).toEqual([0.75, 0.25, 0, 0, 0]);
    for (const row of rows) {
      expect(row.shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 12);
    }
    expect(distributionRows(data, '2026-11', 'nobody', ['attitude'])).toEqual([]);
  });

  test('groups follow the survey’s order, flagged below the cell threshold', () => {
    const base = cell('a', 'p', 70, 1);
    const group = (n_eff: number) => ({
      n: Math.round(n_eff),
      sum_w: n_eff,
      mean: 70,
      se: 1,
      ci_low: 68,
      ci_high: 72,
      n_eff,
    });
    base.groups = { zeta: group(40), resident: group(50), alpha: group(12) };
    const rows = groupRows(base, ['resident', 'alpha'], 30);
    expect(rows.map((row) => [row.group, row.lowN])).toEqual([
      ['resident', false],
      ['alpha', true],
      ['zeta', false],
    ]);
  });
});

test('values are rounded for export exactly as Intl shows them', () => {
  for (const locale of ['zh-Hans', 'zh-Hant', 'en'] as const) {
    const format = formatFor(locale);
    fc.assert(
      fc.property(fc.double({ min: -1000, max: 1000, noNaN: true }), (value) => {
        expect(format.score(round1(value))).toBe(format.score(value));
      }),
    );
  }
  expect(formatFor('en').score(-0.04)).toBe('0.0');
  expect(round1(-0.04)).toBe(0);
  expect(round1(null)).toBeNull();
});
