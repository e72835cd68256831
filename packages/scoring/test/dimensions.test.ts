// SPEC §8: counts, satisfaction rate (top-k box) with Wald and Wilson intervals, and NPS.
import { describe, expect, test } from 'vitest';
import { type ScoringConfig, score, wilsonInterval } from '../src/index.js';
import { expectClose, HCP5, input, row, SCALES } from './helpers.js';

const Z95 = 1.959963984540054;

/** Wilson's interval written out from SPEC §8, for the expected values. */
function wilsonByHand(p: number, m: number, z: number): [number, number] {
  const c = 1 + (z * z) / m;
  const center = (p + (z * z) / (2 * m)) / c;
  const half = (z / c) * Math.sqrt((p * (1 - p)) / m + (z * z) / (4 * m * m));
  return [Math.max(0, center - half), Math.min(1, center + half)];
}

describe('Wilson interval', () => {
  test('single response: p = 0 gives [0, z²/(1+z²)], p = 1 gives [1/(1+z²), 1]', () => {
    // As in the R-computed small_20 case: 0.793450685622763 and 0.206549314377237.
    const zz = Z95 * Z95;
    const zero = wilsonInterval(0, 1, Z95);
    expect(zero.low).toBe(0);
    expectClose(zero.high, zz / (1 + zz));
    expectClose(zero.high, 0.793450685622763, 1e-12);
    const one = wilsonInterval(1, 1, Z95);
    expectClose(one.low, 1 / (1 + zz));
    expect(one.high).toBe(1);
  });

  test('equal weights: R prop.test(2, 3, correct = FALSE)', () => {
    // center = (2/3 + z²/6)/(1 + z²/3), half = z/(1 + z²/3) · √(2/27 + z²/36)
    const zz = Z95 * Z95;
    const c = 1 + zz / 3;
    const center = (2 / 3 + zz / 6) / c;
    const half = (Z95 / c) * Math.sqrt(2 / 27 + zz / 36);
    const got = wilsonInterval(2 / 3, 3, Z95);
    expectClose(got.low, center - half);
    expectClose(got.high, center + half);
    expectClose(got.low, 0.2076596, 1e-6);
    expectClose(got.high, 0.9385081, 1e-6);
  });

  test('p outside [0, 1] is clamped first', () => {
    expect(wilsonInterval(1.2, 4, Z95)).toEqual(wilsonInterval(1, 4, Z95));
  });
});

describe('SPEC §8 dimension statistics', () => {
  const config: ScoringConfig = {
    scales: SCALES,
    dimensions: [
      { id: 'attitude', scale: 'hcp5', weight: 2 },
      { id: 'stars', scale: 'stars5', weight: 1, top_k: 2 },
      { id: 'bad', scale: 'hcp5', weight: 1, top_k: 3 },
      { id: 'outcome', scale: 'nps11', weight: 1, nps: true },
    ],
    groups: [{ id: 'RES', weight: 2 }, { id: 'OTHER' }],
  };

  test('counts satisfy n_answered + n_na + n_missing = n', () => {
    const responses = [
      row({ attitude: '满意', stars: 'N/A', outcome: 9 }, { group: 'RES' }),
      row({ attitude: 'N/A', stars: 4 }, { group: 'OTHER' }),
      row({ attitude: null, stars: 5, outcome: null }, { group: 'OTHER' }),
    ];
    const cell = score(input(config, responses)).cells[0];
    expect(cell?.n).toBe(3);
    for (const dim of Object.values(cell?.dimensions ?? {})) {
      expect(dim.n_answered + dim.n_na + dim.n_missing).toBe(3);
    }
    expect(cell?.dimensions.attitude).toMatchObject({ n_answered: 1, n_na: 1, n_missing: 1 });
    expect(cell?.dimensions.stars).toMatchObject({ n_answered: 2, n_na: 1, n_missing: 0 });
    expect(cell?.dimensions.bad).toMatchObject({ n_answered: 0, n_na: 0, n_missing: 3 });
  });

  test('satisfaction rate: weighted top-k share with Wald and Wilson intervals', () => {
    // attitude answered by rows with w = 2, 2, 1, 1: 非常满意, 满意 (top 2) and 基本满意, 不满意.
    const responses = [
      row({ attitude: '非常满意' }, { group: 'RES' }),
      row({ attitude: '满意' }, { group: 'RES' }),
      row({ attitude: '基本满意' }, { group: 'OTHER' }),
      row({ attitude: 'N/A', stars: 3 }, { group: 'OTHER' }),
      row({ attitude: '不满意' }, { group: 'OTHER' }),
    ];
    const rate = score(input(config, responses)).cells[0]?.dimensions.attitude?.rate;
    // p = 4/6; t − p = 1/3, 1/3, −2/3, −2/3; u = w(t − p)/6 = 1/9, 1/9, −1/9, −1/9 (and 0);
    // V = 5/4 · 4/81 = 5/81. n_eff = 36/10 = 3.6.
    expect(rate?.top_k).toBe(2);
    expectClose(rate?.p, 2 / 3);
    expectClose(rate?.se, Math.sqrt(5 / 81));
    expectClose(rate?.ci_low, 2 / 3 - Z95 * Math.sqrt(5 / 81));
    expectClose(rate?.ci_high, 2 / 3 + Z95 * Math.sqrt(5 / 81));
    expectClose(rate?.n_eff, 3.6);
    const [low, high] = wilsonByHand(2 / 3, 3.6, Z95);
    expectClose(rate?.wilson_low, low);
    expectClose(rate?.wilson_high, high);
    // The Wald interval is not clamped (it exceeds 1 here), Wilson stays inside [0, 1].
    expect(rate?.ci_high as number).toBeGreaterThan(1);
    expect(rate?.wilson_high as number).toBeLessThan(1);
  });

  test('top_k = 3 on 好差评 is 1 − 差评率 (差评 = the bottom two levels)', () => {
    const responses = HCP5.map((level) => row({ bad: level }, { group: 'OTHER' }));
    const rate = score(input(config, responses)).cells[0]?.dimensions.bad?.rate;
    expectClose(rate?.p, 1 - 2 / 5);
  });

  test('CSAT top-2 on 1–5 stars counts 4 and 5', () => {
    const responses = [1, 2, 3, 4, 5, 5].map((stars) => row({ stars }, { group: 'OTHER' }));
    const rate = score(input(config, responses)).cells[0]?.dimensions.stars?.rate;
    expectClose(rate?.p, 3 / 6);
  });

  test('NPS = % promoters (9–10) − % detractors (0–6), with its SE', () => {
    // 10, 9, 9, 3: y = 100, 100, 100, −100; ȳ = 50; u = (y − 50)/4 = 12.5 ×3, −37.5;
    // V = 4/3 · (3·156.25 + 1406.25) = 2500, SE = 50.
    const responses = [10, 9, 9, 3].map((outcome) => row({ outcome }, { group: 'OTHER' }));
    const outcome = score(input(config, responses)).cells[0]?.dimensions.outcome;
    expect(outcome?.nps?.value).toBe(50);
    expectClose(outcome?.nps?.se, 50);
    expectClose(outcome?.nps?.ci_low, 50 - Z95 * 50);
    expectClose(outcome?.nps?.ci_high, 50 + Z95 * 50);
    // Promoters 9–10 are also the top-2 box.
    expectClose(outcome?.rate.p, 3 / 4);
  });

  test('NPS passives (7–8) count 0; 6 is a detractor', () => {
    const responses = [10, 9, 8, 7, 6, 0].map((outcome) => row({ outcome }, { group: 'OTHER' }));
    const outcome = score(input(config, responses)).cells[0]?.dimensions.outcome;
    expect(outcome?.nps?.value).toBe(0);
    const only6 = score(input(config, [row({ outcome: 6 }, { group: 'OTHER' })])).cells[0];
    expect(only6?.dimensions.outcome?.nps?.value).toBe(-100);
  });

  test('nps appears only on nps dimensions', () => {
    const cell = score(input(config, [row({ outcome: 9, stars: 2 }, { group: 'OTHER' })])).cells[0];
    expect('nps' in (cell?.dimensions.outcome ?? {})).toBe(true);
    expect('nps' in (cell?.dimensions.stars ?? {})).toBe(false);
  });

  test('a dimension nobody answered: counts only, every estimate null', () => {
    const cell = score(input(config, [row({ stars: 2, bad: 'N/A' }, { group: 'OTHER' })])).cells[0];
    expect(cell?.dimensions.outcome).toEqual({
      n_answered: 0,
      n_na: 0,
      n_missing: 1,
      mean: null,
      se: null,
      ci_low: null,
      ci_high: null,
      n_eff: null,
      low_n: null,
      rate: {
        top_k: 2,
        p: null,
        se: null,
        ci_low: null,
        ci_high: null,
        wilson_low: null,
        wilson_high: null,
        n_eff: null,
      },
      nps: { value: null, se: null, ci_low: null, ci_high: null },
    });
    expect(cell?.dimensions.bad?.n_na).toBe(1);
    // The index of means skips dimensions without a mean: only stars (25) is left.
    expect(cell?.index_of_means).toBe(25);
  });

  test('Wilson is defined for a single response, Wald is not', () => {
    const rate = score(input(config, [row({ stars: 5 }, { group: 'OTHER' })])).cells[0]?.dimensions
      .stars?.rate;
    expect(rate?.p).toBe(1);
    expect(rate?.se).toBeNull();
    expect(rate?.ci_low).toBeNull();
    expectClose(rate?.wilson_low, 1 / (1 + Z95 * Z95));
    expect(rate?.wilson_high).toBe(1);
  });
});
