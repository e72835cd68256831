// SPEC §4 (cells), §5 (weights), §6 (estimator), §7 (cell score), §9 (groups) and §10
// (per-response outputs), on inputs small enough to work out by hand.
import { describe, expect, test } from 'vitest';
import { type ScoringConfig, score } from '../src/index.js';
import { differences, expectClose, input, row, SCALES, starsConfig } from './helpers.js';

const Z95 = 1.959963984540054;

describe('SPEC §4 cells', () => {
  test('sorted by period then department, by code point, including all-invalid cells', () => {
    const responses = [
      row({ q: 3 }, { department: 'b', period: '2024Q2' }),
      row({ q: 3 }, { department: '部门', period: '2024Q1' }),
      row({ q: 3 }, { department: 'D10', period: '2024Q1' }),
      row({ q: null }, { department: 'D2', period: '2024Q1' }),
      row({ q: 3 }, { department: 'B', period: '2024Q1' }),
      row({ q: 3 }, { department: 'a', period: '2024Q2' }),
    ];
    const cells = score(input(starsConfig(), responses)).cells;
    expect(cells.map((c) => `${c.period}/${c.department}`)).toEqual([
      '2024Q1/B',
      '2024Q1/D10',
      '2024Q1/D2',
      '2024Q1/部门',
      '2024Q2/a',
      '2024Q2/b',
    ]);
    const invalidOnly = cells[2];
    expect(invalidOnly?.n).toBe(0);
    expect(invalidOnly?.n_excluded).toBe(1);
  });
});

describe('SPEC §6 estimator, by hand', () => {
  test('equal weights: SE is the textbook s/√n', () => {
    // y = 0, 50, 100: mean 50, sample SD 50, SE 50/√3.
    const out = score(input(starsConfig(), [row({ q: 1 }), row({ q: 3 }), row({ q: 5 })]));
    const s = out.cells[0]?.score;
    expect(s?.mean).toBe(50);
    expectClose(s?.se, 50 / Math.sqrt(3));
    expectClose(s?.ci_low, 50 - Z95 * (50 / Math.sqrt(3)));
    expectClose(s?.ci_high, 50 + Z95 * (50 / Math.sqrt(3)));
    expect(s?.n).toBe(3);
    expectClose(s?.n_eff, 3);
    expectClose(s?.deff_kish, 1);
  });

  test('unequal weights 1, 1, 2 on y = 0, 100, 100', () => {
    // W = 4, ȳ = 300/4 = 75. Σ (w(y−ȳ))² = 75² + 25² + 50² = 8750, so Σ u² = 8750/16.
    // V = 3/2 · 8750/16 = 820.3125. n_eff = 4²/(1+1+4) = 8/3, deff = 3/(8/3) = 9/8.
    const responses = [
      row({ q: 1 }),
      row({ q: 5 }, { base_weight: 1 }),
      row({ q: 5 }, { base_weight: 2 }),
    ];
    const s = score(input(starsConfig(), responses)).cells[0]?.score;
    expect(s?.mean).toBe(75);
    expectClose(s?.se, Math.sqrt(820.3125));
    expectClose(s?.n_eff, 8 / 3);
    expectClose(s?.deff_kish, 9 / 8);
  });

  test('a domain keeps n = design rows of the cell, not n_D', () => {
    // q answered 0 and 100 by two rows; the third row answered only r. Equal weights, W_D = 2:
    // u = −25, 25, 0 and V = 3/2 · 1250 = 1875 (with n = n_D = 2 it would be 2 · 1250 = 2500).
    const config: ScoringConfig = {
      scales: SCALES,
      dimensions: [
        { id: 'q', scale: 'stars5', weight: 1 },
        { id: 'r', scale: 'stars5', weight: 1 },
      ],
      groups: [{ id: 'A' }],
    };
    const responses = [row({ q: 1, r: 3 }), row({ q: 5, r: 3 }), row({ r: 3 })];
    const q = score(input(config, responses)).cells[0]?.dimensions.q;
    expect(q?.n_answered).toBe(2);
    expect(q?.n_missing).toBe(1);
    expect(q?.mean).toBe(50);
    expectClose(q?.se, Math.sqrt(1875));
  });

  test('n = 1: the mean is reported, SE and CI are null', () => {
    const s = score(input(starsConfig(), [row({ q: 4 })])).cells[0]?.score;
    expect(s).toEqual({
      mean: 75,
      se: null,
      ci_low: null,
      ci_high: null,
      n: 1,
      n_eff: 1,
      deff_kish: 1,
      low_n: true,
    });
  });

  test('all answers equal: SE is exactly 0', () => {
    const out = score(input(starsConfig(), [row({ q: 4 }), row({ q: 4 }, { base_weight: 3 })]));
    expect(out.cells[0]?.score.se).toBe(0);
    expect(out.cells[0]?.dimensions.q?.rate.se).toBe(0);
  });

  test('the scale of the weights does not matter (SPEC §6 note 4), even at 1e±200', () => {
    const responses = [
      row({ q: 1 }, { base_weight: 1 }),
      row({ q: 4 }, { base_weight: 3 }),
      row({ q: 5 }, { base_weight: 2 }),
    ];
    const reference = score(input(starsConfig(), responses)).cells[0];
    for (const factor of [1000, 1e-200, 1e200]) {
      const scaled = responses.map((r) => ({
        ...r,
        base_weight: (r.base_weight as number) * factor,
      }));
      const cell = score(input(starsConfig(), scaled)).cells[0];
      expectClose(cell?.score.mean, reference?.score.mean as number);
      expectClose(cell?.score.se, reference?.score.se as number);
      expectClose(cell?.score.n_eff, reference?.score.n_eff as number);
      expectClose(cell?.dimensions.q?.rate.se, reference?.dimensions.q?.rate.se as number);
      expectClose((cell?.sum_w as number) / factor, reference?.sum_w as number);
    }
  });
});

describe('SPEC §5 weights', () => {
  const groups = [
    { id: 'A', weight: 2, population_share: 0.25 },
    { id: 'B', weight: 1, population_share: 0.75 },
  ];

  test('pre-stratification weight w = base_weight · γ', () => {
    const responses = [row({ q: 5 }, { base_weight: 1.5 }), row({ q: 1 }, { group: 'B' })];
    const out = score(input(starsConfig({}, groups), responses));
    expect(out.responses.weight).toEqual([3, 1]);
    expect(out.responses.final_weight).toEqual([3, 1]);
    // (3·100 + 1·0)/4
    expect(out.cells[0]?.score.mean).toBe(75);
    expect(out.cells[0]?.sum_w).toBe(4);
  });

  test('post-stratification: each present group totals π_g, within-group ratios kept', () => {
    // A: base 1 and 3 (γ = 2: w = 2, 6, Ŵ_A = 8); B: w = 1, 1 (Ŵ_B = 2).
    // w* = 2·0.25/8, 6·0.25/8, 1·0.75/2, 1·0.75/2.
    const responses = [
      row({ q: 1 }, { base_weight: 1 }),
      row({ q: 5 }, { base_weight: 3 }),
      row({ q: 5 }, { group: 'B' }),
      row({ q: 5 }, { group: 'B' }),
    ];
    const out = score(input(starsConfig({ poststratify: true }, groups), responses));
    expect(out.responses.weight).toEqual([2, 6, 1, 1]);
    expect(out.responses.final_weight).toEqual([0.0625, 0.1875, 0.375, 0.375]);
    expect(out.cells[0]?.sum_w).toBe(1);
    // ȳ = 0.0625·0 + 0.1875·100 + 0.75·100 = 93.75
    expectClose(out.cells[0]?.score.mean, 93.75);
    expect(out.cells[0]?.groups.A?.sum_w).toBe(0.25);
    expect(out.cells[0]?.groups.B?.sum_w).toBe(0.75);
  });

  test('post-stratified SE by hand', () => {
    // A: y = 0, 100; B: y = 100, 100; all w = 1; π = 0.25, 0.75, so w* = 0.125 ×2, 0.375 ×2.
    // ȳ = 87.5; u = w*(y − ȳ) = −10.9375, 1.5625, 4.6875, 4.6875; U_A = −9.375, U_B = 9.375;
    // e = u − w·U_g/Ŵ_g = −6.25, 6.25, 0, 0; V = 4/3 · 78.125.
    const plain = [
      { id: 'A', population_share: 0.25 },
      { id: 'B', population_share: 0.75 },
    ];
    const responses = [
      row({ q: 1 }),
      row({ q: 5 }),
      row({ q: 5 }, { group: 'B' }),
      row({ q: 5 }, { group: 'B' }),
    ];
    const s = score(input(starsConfig({ poststratify: true }, plain), responses)).cells[0]?.score;
    expectClose(s?.mean, 87.5);
    expectClose(s?.se, Math.sqrt((4 / 3) * 78.125));
    // Kish n_eff on the final weights: 1² / (2·0.125² + 2·0.375²) = 1/0.3125 = 3.2
    expectClose(s?.n_eff, 3.2);
  });

  test('a group of one row contributes no variance after post-stratification', () => {
    const responses = [row({ q: 1 }), row({ q: 5 }, { group: 'B' })];
    const out = score(input(starsConfig({ poststratify: true }, groups), responses));
    expectClose(out.cells[0]?.score.mean, 75);
    expect(out.cells[0]?.score.se).toBe(0);
  });

  test('shares are used as given: absent groups are ignored, not renormalised', () => {
    // Only group A in the cell: w* sums to π_A = 0.25; the mean is A's mean.
    const responses = [row({ q: 1 }), row({ q: 5 }, { base_weight: 3 })];
    const cell = score(input(starsConfig({ poststratify: true }, groups), responses)).cells[0];
    expect(cell?.sum_w).toBe(0.25);
    expect(cell?.score.mean).toBe(75);
    expect(Object.keys(cell?.groups ?? {})).toEqual(['A']);
  });

  test('group weights cancel out when post-stratifying', () => {
    const responses = [
      row({ q: 1 }),
      row({ q: 4 }, { base_weight: 2 }),
      row({ q: 5 }, { group: 'B' }),
      row({ q: 2 }, { group: 'B', base_weight: 0.5 }),
    ];
    const a = score(input(starsConfig({ poststratify: true }, groups), responses));
    const other = groups.map((g) => ({ ...g, weight: g.id === 'A' ? 7 : 0.1 }));
    const b = score(input(starsConfig({ poststratify: true }, other), responses));
    expect(differences(a.responses.final_weight, b.responses.final_weight)).toEqual([]);
    expect(differences(a.cells, b.cells)).toEqual([]);
  });
});

describe('SPEC §7 and §9 on the tiny_5 data, by hand', () => {
  // Scores 275/3, 75, 125/3, 100, 50/3 with weights 2, 2, 1, 1, 1 (RES has γ = 2).
  const config: ScoringConfig = {
    scales: SCALES,
    dimensions: [
      { id: 'attitude', scale: 'hcp5', weight: 2 },
      { id: 'efficiency', scale: 'stars5', weight: 1 },
    ],
    groups: [
      { id: 'RES', weight: 2 },
      { id: 'OTHER', weight: 1 },
    ],
  };
  const responses = [
    row({ attitude: '非常满意', efficiency: 4 }, { group: 'RES' }),
    row({ attitude: '满意', efficiency: null }, { group: 'RES' }),
    row({ attitude: '基本满意', efficiency: 2 }, { group: 'OTHER' }),
    row({ attitude: 'N/A', efficiency: 5 }, { group: 'OTHER' }),
    row({ attitude: '不满意', efficiency: 1 }, { group: 'OTHER' }),
  ];
  const cell = score(input(config, responses)).cells[0];

  test('cell score', () => {
    // ȳ = (2·275 + 2·225 + 125 + 300 + 50)/3 / 7 = 1475/21.
    // w(s − ȳ)·21 = 900, 200, −600, 625, −1125; squares sum to 2866250.
    expect(cell?.sum_w).toBe(7);
    expectClose(cell?.score.mean, 1475 / 21);
    expectClose(cell?.score.se, Math.sqrt((5 / 4) * (2866250 / (441 * 49))));
    expectClose(cell?.score.n_eff, 49 / 11);
    expectClose(cell?.score.deff_kish, 55 / 49);
  });

  test('index of means = Σ ω_d m_d / Σ ω_d', () => {
    // attitude: (2·100 + 2·75 + 50 + 25)/6 = 425/6; efficiency: (2·75 + 25 + 100 + 0)/5 = 55.
    expectClose(cell?.dimensions.attitude?.mean, 425 / 6);
    expectClose(cell?.dimensions.efficiency?.mean, 55);
    expectClose(cell?.index_of_means, (2 * (425 / 6) + 55) / 3);
  });

  test('group breakdown uses the cell design (n = 5)', () => {
    // OTHER: W = 3, ȳ = 475/9; u·27 = −100, 425, −325; V = 5/4 · 296250/729.
    expect(Object.keys(cell?.groups ?? {})).toEqual(['OTHER', 'RES']);
    const other = cell?.groups.OTHER;
    expect(other?.n).toBe(3);
    expect(other?.sum_w).toBe(3);
    expectClose(other?.mean, 475 / 9);
    expectClose(other?.se, Math.sqrt((5 / 4) * (296250 / 729)));
    expectClose(other?.n_eff, 3);
    // RES: scores 275/3 and 75, both with w = 2: mean 250/3.
    const res = cell?.groups.RES;
    expect(res?.n).toBe(2);
    expect(res?.sum_w).toBe(4);
    expectClose(res?.mean, 250 / 3);
    // w(s − ȳ) = 2·(±25/3), W = 4: u = ±25/6; V = 5/4 · 2·(25/6)².
    expectClose(res?.se, Math.sqrt((5 / 4) * 2 * (25 / 6) ** 2));
  });

  test('a group absent from a cell is absent from its groups', () => {
    const more = [...responses, row({ attitude: '满意' }, { group: 'OTHER', department: 'D2' })];
    const cells = score(input(config, more)).cells;
    expect(Object.keys(cells[1]?.groups ?? {})).toEqual(['OTHER']);
    expect(cells[1]?.groups.RES).toBeUndefined();
  });
});

describe('SPEC §10 per-response outputs', () => {
  test('in input order although cells interleave', () => {
    const groups = [
      { id: 'A', weight: 2, population_share: 0.5 },
      { id: 'B', population_share: 0.5 },
    ];
    const responses = [
      row({ q: 5 }, { department: 'D2' }),
      row({ q: 1 }, { department: 'D1', group: 'B' }),
      row({ q: null }, { department: 'D2' }),
      row({ q: 3 }, { department: 'D1' }),
      row({ q: 2 }, { department: 'D2', group: 'B', base_weight: 3 }),
    ];
    const out = score(input(starsConfig({ poststratify: true }, groups), responses));
    expect(out.responses).toEqual({
      valid: [true, true, false, true, true],
      score: [100, 0, null, 50, 25],
      weight: [2, 1, 2, 2, 3],
      final_weight: [0.5, 0.5, null, 0.5, 0.5],
    });
  });
});
