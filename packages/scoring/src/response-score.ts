// SPEC §3: a response's score is the dimension-weighted mean of its normalised answers over the
// dimensions it answered with a level, the weights renormalised over those dimensions (so the
// ω_d need not sum to 1, and a skipped item neither counts as 0 nor drags the score). A response
// that answered nothing has no score: it is invalid and leaves the design.

import { normalisedValue } from './levels.js';

export interface ScoredDimension {
  /** ω_d. */
  readonly weight: number;
  readonly scale: {
    readonly levelCount: number;
    readonly scores: readonly number[] | null;
    readonly values: Float64Array | null;
  };
}

/**
 * Writes s_r for responses 0..count−1 to `out` (NaN when the response is invalid) and returns
 * the number of valid responses. `codes[d][r]` is the level code of response r on dimension d.
 */
export function responseScores(
  dimensions: readonly ScoredDimension[],
  codes: readonly Int32Array[],
  count: number,
  out: Float64Array,
): number {
  const dimensionCount = dimensions.length;
  let valid = 0;
  for (let r = 0; r < count; r++) {
    let numerator = 0;
    let denominator = 0;
    for (let d = 0; d < dimensionCount; d++) {
      const k = (codes[d] as Int32Array)[r] as number;
      if (k < 0) continue;
      const dimension = dimensions[d] as ScoredDimension;
      const { values, levelCount, scores } = dimension.scale;
      const v = values !== null ? (values[k] as number) : normalisedValue(k, levelCount, scores);
      numerator += dimension.weight * v;
      denominator += dimension.weight;
    }
    if (denominator > 0) {
      out[r] = numerator / denominator;
      valid++;
    } else {
      out[r] = Number.NaN;
    }
  }
  return valid;
}
