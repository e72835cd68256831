import { score } from '../../scoring/src/index.js';
import type { Cell } from '../src/internal/scores.js';
import { type MakeScoresOptions, makeScores } from './fixtures/scores-data.mjs';

/** A scores answer as the collector gives it, scored by the real scoring package. */
export function scores(options: Omit<MakeScoresOptions, 'score'> = {}) {
  return makeScores({ score: score as MakeScoresOptions['score'], ...options });
}

/** A cell with only what ranking looks at; the rest neutral. */
export function cell(
  department: string,
  period: string,
  mean: number | null,
  rank: number | null,
  lowN = false,
  n = 40,
): Cell {
  return {
    department,
    period,
    n: mean === null ? 0 : n,
    n_excluded: 0,
    sum_w: mean === null ? null : n,
    score: {
      mean,
      se: mean === null ? null : 1,
      ci_low: mean === null ? null : mean - 2,
      ci_high: mean === null ? null : mean + 2,
      n: mean === null ? 0 : n,
      n_eff: mean === null ? null : lowN ? 12 : n,
      deff_kish: mean === null ? null : 1,
      low_n: mean === null ? null : lowN,
    },
    index_of_means: mean,
    dimensions: {},
    groups: {},
    rank,
  };
}
