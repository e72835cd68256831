// SPEC §13: the output objects, with their keys in the SPEC's order. Internally an undefined
// statistic is NaN; here every number that is not finite becomes null, so no NaN or Infinity can
// reach the JSON (SPEC conventions).

import type { MeanEstimate } from './estimator.js';
import { lowN } from './flags.js';
import type {
  CellOutput,
  DimensionOutput,
  GroupOutput,
  NpsEstimate,
  RateEstimate,
  ResponseResults,
  ScoreEstimate,
} from './types.js';
import { wilsonInterval } from './wilson.js';

/** x when finite, else null. */
export function finiteOrNull(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** Normal-based interval ȳ ± z·SE (SPEC §6), not clamped. */
function confidenceInterval(mean: number, se: number, z: number): [number | null, number | null] {
  if (!Number.isFinite(se)) return [null, null];
  return [finiteOrNull(mean - z * se), finiteOrNull(mean + z * se)];
}

/** The cell `score` object (SPEC §7). */
export function scoreEstimate(
  estimate: MeanEstimate,
  z: number,
  lowNThreshold: number,
): ScoreEstimate {
  const [ciLow, ciHigh] = confidenceInterval(estimate.mean, estimate.se, z);
  const nEff = finiteOrNull(estimate.nEff);
  return {
    mean: finiteOrNull(estimate.mean),
    se: finiteOrNull(estimate.se),
    ci_low: ciLow,
    ci_high: ciHigh,
    n: estimate.nD,
    n_eff: nEff,
    deff_kish: nEff === null ? null : finiteOrNull(estimate.nD / nEff),
    low_n: nEff === null ? null : lowN(nEff, lowNThreshold),
  };
}

/** The `rate` object of a dimension (SPEC §8): Wald from §6 plus Wilson with m = n_eff. */
export function rateEstimate(topK: number, estimate: MeanEstimate, z: number): RateEstimate {
  const [ciLow, ciHigh] = confidenceInterval(estimate.mean, estimate.se, z);
  const wilson = wilsonInterval(estimate.mean, estimate.nEff, z);
  return {
    top_k: topK,
    p: finiteOrNull(estimate.mean),
    se: finiteOrNull(estimate.se),
    ci_low: ciLow,
    ci_high: ciHigh,
    wilson_low: finiteOrNull(wilson.low),
    wilson_high: finiteOrNull(wilson.high),
    n_eff: finiteOrNull(estimate.nEff),
  };
}

/** The `nps` object of a dimension (SPEC §8). */
export function npsEstimate(estimate: MeanEstimate, z: number): NpsEstimate {
  const [ciLow, ciHigh] = confidenceInterval(estimate.mean, estimate.se, z);
  return {
    value: finiteOrNull(estimate.mean),
    se: finiteOrNull(estimate.se),
    ci_low: ciLow,
    ci_high: ciHigh,
  };
}

export interface AnswerCounts {
  answered: number;
  notApplicable: number;
  missing: number;
}

/** One entry of a cell's `dimensions` (SPEC §8). */
export function dimensionOutput(
  counts: AnswerCounts,
  mean: MeanEstimate,
  rate: RateEstimate,
  nps: NpsEstimate | null,
  z: number,
  lowNThreshold: number,
): DimensionOutput {
  const [ciLow, ciHigh] = confidenceInterval(mean.mean, mean.se, z);
  const nEff = finiteOrNull(mean.nEff);
  const out: DimensionOutput = {
    n_answered: counts.answered,
    n_na: counts.notApplicable,
    n_missing: counts.missing,
    mean: finiteOrNull(mean.mean),
    se: finiteOrNull(mean.se),
    ci_low: ciLow,
    ci_high: ciHigh,
    n_eff: nEff,
    low_n: nEff === null ? null : lowN(nEff, lowNThreshold),
    rate,
  };
  if (nps !== null) out.nps = nps;
  return out;
}

/** One entry of a cell's `groups` (SPEC §9). */
export function groupOutput(estimate: MeanEstimate, z: number): GroupOutput {
  const [ciLow, ciHigh] = confidenceInterval(estimate.mean, estimate.se, z);
  return {
    n: estimate.nD,
    sum_w: finiteOrNull(estimate.sumW),
    mean: finiteOrNull(estimate.mean),
    se: finiteOrNull(estimate.se),
    ci_low: ciLow,
    ci_high: ciHigh,
    n_eff: finiteOrNull(estimate.nEff),
  };
}

/** A cell in SPEC §13 key order; `rank` is filled in once all cells of the period are known. */
export function cellOutput(
  department: string,
  period: string,
  n: number,
  nExcluded: number,
  sumW: number,
  score: ScoreEstimate,
  indexOfMeans: number,
  dimensions: Record<string, DimensionOutput>,
  groups: Record<string, GroupOutput>,
): CellOutput {
  return {
    department,
    period,
    n,
    n_excluded: nExcluded,
    sum_w: n === 0 ? null : finiteOrNull(sumW),
    score,
    index_of_means: finiteOrNull(indexOfMeans),
    dimensions,
    groups,
    rank: null,
  };
}

/**
 * SPEC §10 per-response results from typed columns (a NaN score marks an invalid response).
 * Response i is read at `position[i]` when a position map is given (columns in cell order), and
 * at i otherwise.
 */
export function responseResults(
  scores: Float64Array,
  weights: Float64Array,
  finalWeights: Float64Array,
  position: Int32Array | null,
  count = position === null ? scores.length : position.length,
): ResponseResults {
  const valid = new Array<boolean>(count);
  const score = new Array<number | null>(count);
  const weight = new Array<number | null>(count);
  const finalWeight = new Array<number | null>(count);
  for (let i = 0; i < count; i++) {
    const at = position === null ? i : (position[i] as number);
    const s = scores[at] as number;
    valid[i] = !Number.isNaN(s);
    score[i] = finiteOrNull(s);
    weight[i] = finiteOrNull(weights[at] as number);
    finalWeight[i] = finiteOrNull(finalWeights[at] as number);
  }
  return { valid, score, weight, final_weight: finalWeight };
}
