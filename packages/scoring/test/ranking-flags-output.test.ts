// SPEC §11 (ranking), §12 (flags) and §13 (output structure, nulls, confidence level).
import { describe, expect, test } from 'vitest';
import { type ScoringConfig, score } from '../src/index.js';
import { eachNumber, expectClose, input, row, SCALES, starsConfig } from './helpers.js';

describe('SPEC §11 ranking', () => {
  const one = (department: string, q: number, period = 'P1') => row({ q }, { department, period });

  test('standard competition ranking: ties share the best rank, the next is skipped', () => {
    // Means 100, 75, 75, 50 (stars 5, 4, 4, 3).
    const responses = [one('D1', 4), one('D2', 5), one('D3', 3), one('D4', 4)];
    const cells = score(input(starsConfig(), responses)).cells;
    expect(cells.map((c) => [c.department, c.rank])).toEqual([
      ['D1', 2],
      ['D2', 1],
      ['D3', 4],
      ['D4', 2],
    ]);
  });

  test('means are compared after rounding to `decimals`', () => {
    // Custom scores make the means 74.996 and 75.004: equal at 2 decimals, not at 3.
    const config = (decimals: number): ScoringConfig => ({
      scales: { s: { type: 'ordinal', levels: ['a', 'b', 'c'], scores: [60, 74.996, 75.004] } },
      dimensions: [{ id: 'q', scale: 's', weight: 1, top_k: 1 }],
      groups: [{ id: 'A' }],
      options: { rank: { decimals, min_n: 1 } },
    });
    const responses = [
      row({ q: 'b' }, { department: 'D1' }),
      row({ q: 'c' }, { department: 'D2' }),
      row({ q: 'a' }, { department: 'D3' }),
    ];
    expect(score(input(config(2), responses)).cells.map((c) => c.rank)).toEqual([1, 1, 3]);
    expect(score(input(config(3), responses)).cells.map((c) => c.rank)).toEqual([2, 1, 3]);
    // 0 decimals: 75 and 75 (74.996 rounds up), 60.
    expect(score(input(config(0), responses)).cells.map((c) => c.rank)).toEqual([1, 1, 3]);
  });

  test('ranks are per period; cells below min_n or without a mean are not ranked', () => {
    const responses = [
      one('D1', 2),
      one('D2', 3),
      one('D2', 3),
      one('D3', 5),
      row({ q: null }, { department: 'D4' }),
      one('D1', 5, 'P2'),
      one('D2', 1, 'P2'),
    ];
    const cells = score(input(starsConfig({ rank: { min_n: 1 } }), responses)).cells;
    expect(cells.map((c) => [c.period, c.department, c.rank])).toEqual([
      ['P1', 'D1', 3],
      ['P1', 'D2', 2],
      ['P1', 'D3', 1],
      ['P1', 'D4', null],
      ['P2', 'D1', 1],
      ['P2', 'D2', 2],
    ]);
    const strict = score(input(starsConfig({ rank: { min_n: 2 } }), responses)).cells;
    expect(strict.map((c) => c.rank)).toEqual([null, 1, null, null, null, null]);
  });

  test('the default min_n is 30', () => {
    const cells = score({ ...starsConfig(), options: {}, responses: [one('D1', 3)] }).cells;
    expect(cells[0]?.rank).toBeNull();
  });
});

describe('SPEC §12 low_n', () => {
  const equalCell = (n: number, threshold?: number) => {
    const options = threshold === undefined ? {} : { low_n_threshold: threshold };
    const responses = Array.from({ length: n }, (_, i) => row({ q: 1 + (i % 5) }));
    return score(input(starsConfig(options), responses)).cells[0];
  };

  test('n_eff of exactly 30 is not low, 29 is (default threshold 30)', () => {
    expect(equalCell(30)?.score.low_n).toBe(false);
    expect(equalCell(29)?.score.low_n).toBe(true);
    expect(equalCell(30)?.dimensions.q?.low_n).toBe(false);
  });

  test('the threshold is an option', () => {
    expect(equalCell(5, 5)?.score.low_n).toBe(false);
    expect(equalCell(4, 5)?.score.low_n).toBe(true);
  });

  test('an n_eff within 1e-9 below the threshold is not low', () => {
    // Weights 1, 2: n_eff = 9/5 = 1.8.
    const responses = [row({ q: 1 }), row({ q: 2 }, { base_weight: 2 })];
    const cell = (t: number) =>
      score(input(starsConfig({ low_n_threshold: t }), responses)).cells[0]?.score.low_n;
    expect(cell(1.8 + 5e-10)).toBe(false);
    expect(cell(1.8 + 2e-9)).toBe(true);
  });

  test('rate, nps and groups carry no low_n; flags do not suppress values', () => {
    const cell = equalCell(3);
    expect(cell?.score.low_n).toBe(true);
    expect(cell?.score.mean).not.toBeNull();
    expect('low_n' in (cell?.dimensions.q?.rate ?? {})).toBe(false);
    expect('low_n' in (cell?.groups.A ?? {})).toBe(false);
  });
});

describe('SPEC §13 output', () => {
  const config: ScoringConfig = {
    scales: SCALES,
    dimensions: [
      { id: 'attitude', scale: 'hcp5', weight: 0.5 },
      { id: 'outcome', scale: 'nps11', weight: 0.5, nps: true },
    ],
    groups: [{ id: 'B' }, { id: 'A' }],
    options: { rank: { min_n: 1 } },
  };
  const responses = [
    row({ attitude: '满意', outcome: 8 }, { group: 'B' }),
    row({ attitude: '非常满意', outcome: 10 }, { group: 'A' }),
    row({ attitude: null, outcome: null }, { department: 'D0' }),
  ];
  const out = score(input(config, responses));

  test('keys in the SPEC order', () => {
    expect(Object.keys(out)).toEqual(['z', 'cells', 'responses']);
    const cell = out.cells[1];
    expect(Object.keys(cell ?? {})).toEqual([
      'department',
      'period',
      'n',
      'n_excluded',
      'sum_w',
      'score',
      'index_of_means',
      'dimensions',
      'groups',
      'rank',
    ]);
    expect(Object.keys(cell?.score ?? {})).toEqual([
      'mean',
      'se',
      'ci_low',
      'ci_high',
      'n',
      'n_eff',
      'deff_kish',
      'low_n',
    ]);
    expect(Object.keys(cell?.dimensions ?? {})).toEqual(['attitude', 'outcome']);
    expect(Object.keys(cell?.dimensions.outcome ?? {})).toEqual([
      'n_answered',
      'n_na',
      'n_missing',
      'mean',
      'se',
      'ci_low',
      'ci_high',
      'n_eff',
      'low_n',
      'rate',
      'nps',
    ]);
    expect(Object.keys(cell?.dimensions.outcome?.rate ?? {})).toEqual([
      'top_k',
      'p',
      'se',
      'ci_low',
      'ci_high',
      'wilson_low',
      'wilson_high',
      'n_eff',
    ]);
    expect(Object.keys(cell?.dimensions.outcome?.nps ?? {})).toEqual([
      'value',
      'se',
      'ci_low',
      'ci_high',
    ]);
    // Groups are keyed by id, in code point order.
    expect(Object.keys(cell?.groups ?? {})).toEqual(['A', 'B']);
    expect(Object.keys(cell?.groups.A ?? {})).toEqual([
      'n',
      'sum_w',
      'mean',
      'se',
      'ci_low',
      'ci_high',
      'n_eff',
    ]);
    expect(Object.keys(out.responses)).toEqual(['valid', 'score', 'weight', 'final_weight']);
  });

  test('a cell with n = 0: estimates, sum_w, index_of_means and rank null; groups {}', () => {
    const empty = out.cells[0];
    expect(empty?.department).toBe('D0');
    expect(empty).toMatchObject({
      n: 0,
      n_excluded: 1,
      sum_w: null,
      index_of_means: null,
      groups: {},
      rank: null,
      score: {
        mean: null,
        se: null,
        ci_low: null,
        ci_high: null,
        n: 0,
        n_eff: null,
        deff_kish: null,
        low_n: null,
      },
    });
    for (const dim of Object.values(empty?.dimensions ?? {})) {
      expect([dim.n_answered, dim.n_na, dim.n_missing]).toEqual([0, 0, 0]);
      expect(dim.mean).toBeNull();
      expect(dim.rate.p).toBeNull();
    }
    expect(empty?.dimensions.outcome?.nps).toEqual({
      value: null,
      se: null,
      ci_low: null,
      ci_high: null,
    });
  });

  test('no NaN or Infinity anywhere, and it survives JSON unchanged', () => {
    eachNumber(out, (n, path) => {
      expect(Number.isFinite(n), path).toBe(true);
    });
    expect(JSON.parse(JSON.stringify(out))).toEqual(out);
  });

  test('confidence level 0.90 uses z = 1.6448536269514722', () => {
    const ninety = score(input({ ...config, options: { confidence_level: 0.9 } }, responses));
    expectClose(ninety.z, 1.6448536269514722);
    const s = ninety.cells[1]?.score;
    expectClose(s?.ci_high, (s?.mean as number) + 1.6448536269514722 * (s?.se as number));
    expectClose(s?.ci_low, (s?.mean as number) - 1.6448536269514722 * (s?.se as number));
    // The point estimates do not depend on L; the default is 0.95.
    expect(s?.mean).toBe(out.cells[1]?.score.mean);
    expectClose(out.z, 1.959963984540054);
  });
});

describe('ids are data', () => {
  test('a dimension or group called "__proto__" is an ordinary key of the output', () => {
    const config: ScoringConfig = {
      scales: SCALES,
      dimensions: [{ id: '__proto__', scale: 'stars5', weight: 1 }],
      groups: [{ id: '__proto__' }],
    };
    const responses = JSON.parse(
      '[{"department": "D1", "period": "P1", "group": "__proto__", "answers": {"__proto__": 4}}]',
    );
    const out = score({ ...config, responses });
    const cell = out.cells[0];
    expect(Object.keys(cell?.dimensions ?? {})).toEqual(['__proto__']);
    expect(Object.keys(cell?.groups ?? {})).toEqual(['__proto__']);
    expect(JSON.stringify(out)).toContain('"dimensions":{"__proto__":{"n_answered":1');
    expect(Object.getOwnPropertyDescriptor(cell?.dimensions, '__proto__')?.value.mean).toBe(75);
  });
});
