// SPEC §2 (levels and normalisation to 0–100) and §3 (response score).
import { describe, expect, test } from 'vitest';
import { type AnswerValue, type ScoringConfig, score } from '../src/index.js';
import { HCP5, input, row, SCALES } from './helpers.js';

function scoresOn(scale: ScoringConfig['scales'][string], answers: AnswerValue[]) {
  const config: ScoringConfig = {
    scales: { s: scale },
    dimensions: [{ id: 'q', scale: 's', weight: 1, top_k: 1 }],
    groups: [{ id: 'A' }],
  };
  return score(
    input(
      config,
      answers.map((q) => row({ q })),
    ),
  ).responses.score;
}

describe('SPEC §2 normalisation', () => {
  test('five ordinal levels map to 0, 25, 50, 75, 100 (worst to best)', () => {
    expect(scoresOn(SCALES.hcp5 as never, HCP5)).toEqual([0, 25, 50, 75, 100]);
  });

  test('1–5 stars use (x−1)/4·100', () => {
    expect(scoresOn(SCALES.stars5 as never, [1, 2, 3, 4, 5])).toEqual([0, 25, 50, 75, 100]);
  });

  test('0–10 uses 10x', () => {
    const xs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
    const got = scoresOn(SCALES.nps11 as never, xs) as number[];
    xs.forEach((x, i) => {
      expect(got[i]).toBeCloseTo(10 * x, 12);
    });
  });

  test('1–10 uses (x−1)/9·100, as in ACSI', () => {
    const got = scoresOn(SCALES.acsi10 as never, [1, 4, 7, 10]) as number[];
    expect(got[0]).toBe(0);
    expect(got[1]).toBeCloseTo(100 / 3, 12);
    expect(got[2]).toBeCloseTo(200 / 3, 12);
    expect(got[3]).toBe(100);
  });

  test('explicit scores replace the even spacing (好差评 0/30/60/80/100)', () => {
    const scale = { type: 'ordinal' as const, levels: HCP5, scores: [0, 30, 60, 80, 100] };
    expect(scoresOn(scale, HCP5)).toEqual([0, 30, 60, 80, 100]);
    const numeric = { type: 'numeric' as const, min: 1, max: 3, scores: [10, 80, 100] };
    expect(scoresOn(numeric, [1, 2, 3])).toEqual([10, 80, 100]);
  });

  test('a numeric scale may start below zero: k = x − min', () => {
    const scale = { type: 'numeric' as const, min: -2, max: 2 };
    expect(scoresOn(scale, [-2, -1, 0, 1, 2])).toEqual([0, 25, 50, 75, 100]);
  });
});

describe('SPEC §3 response score', () => {
  const config: ScoringConfig = {
    scales: SCALES,
    dimensions: [
      { id: 'attitude', scale: 'hcp5', weight: 0.3 },
      { id: 'efficiency', scale: 'stars5', weight: 0.3 },
      { id: 'transparency', scale: 'acsi10', weight: 0.2 },
      { id: 'outcome', scale: 'nps11', weight: 0.2 },
    ],
    groups: [{ id: 'A' }],
  };

  test('is renormalised over the answered dimensions', () => {
    const responses = [
      // all four: (0.3·75 + 0.3·100 + 0.2·100 + 0.2·50) / 1 = 82.5
      row({ attitude: '满意', efficiency: 5, transparency: 10, outcome: 5 }),
      // transparency missing, outcome N/A: (0.3·75 + 0.3·100) / 0.6 = 87.5
      row({ attitude: '满意', efficiency: 5, transparency: null, outcome: 'N/A' }),
      // only outcome: 70
      row({ outcome: 7 }),
    ];
    const got = score(input(config, responses)).responses.score as number[];
    expect(got[0]).toBeCloseTo(82.5, 12);
    expect(got[1]).toBeCloseTo(87.5, 12);
    expect(got[2]).toBeCloseTo(70, 12);
  });

  test('dimension weights need not sum to 1: scaling them changes nothing', () => {
    const responses = [
      row({ attitude: '不满意', efficiency: 4, outcome: 9 }),
      row({ attitude: '非常满意', transparency: 2 }),
    ];
    const scaled = {
      ...config,
      dimensions: config.dimensions.map((d) => ({ ...d, weight: d.weight * 37 })),
    };
    const a = score(input(config, responses));
    const b = score(input(scaled, responses));
    // (0.3·25 + 0.3·75 + 0.2·90)/0.8 = 48/0.8 = 60 and (0.3·100 + 0.2·100/9)/0.5
    expect(a.responses.score[0]).toBeCloseTo(60, 12);
    expect(a.responses.score[1]).toBeCloseTo((30 + 20 / 9) / 0.5, 12);
    b.responses.score.forEach((s, i) => {
      expect(s).toBeCloseTo(a.responses.score[i] as number, 12);
    });
    expect(b.cells[0]?.score.mean).toBeCloseTo(a.cells[0]?.score.mean as number, 12);
  });

  test('a response with nothing answered is invalid: no score, excluded, counted', () => {
    const responses = [
      row({ attitude: 'N/A', efficiency: null }),
      row({ attitude: '满意' }),
      row({}),
    ];
    const out = score(input(config, responses));
    expect(out.responses.valid).toEqual([false, true, false]);
    expect(out.responses.score).toEqual([null, 75, null]);
    expect(out.responses.weight).toEqual([1, 1, 1]);
    expect(out.responses.final_weight).toEqual([null, 1, null]);
    const cell = out.cells[0];
    expect(cell?.n).toBe(1);
    expect(cell?.n_excluded).toBe(2);
    expect(cell?.score.mean).toBe(75);
    // The invalid response's N/A is not counted: counts are over design rows only.
    expect(cell?.dimensions.attitude?.n_na).toBe(0);
  });
});
