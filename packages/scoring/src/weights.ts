// SPEC §5: the final weight of each design row. Without post-stratification it is the
// pre-stratification weight w_i = base_weight_i · γ_g (computed while reading the response).
// With post-stratification, done per cell on the groups present in the cell,
//     w*_i = w_i · π_g / Ŵ_g,   Ŵ_g = Σ_{j in cell, g(j)=g} w_j,
// so each present group totals π_g exactly as given; absent groups are simply ignored, which is
// R's postStratify(partial = TRUE).

import type { CellDesign } from './design.js';

// Weights are only required to be finite and positive, so their squares (SPEC §6 n_eff) and sums
// could leave the range of doubles. Everything in §6 is invariant to the scale of the weights, so
// a cell whose weights are extreme is rescaled by a power of two, which is exact.
const SAFE_LOW = 2 ** -300;
const SAFE_HIGH = 2 ** 300;

/** 1, or a power of two that brings `max` near 1 when `max` is extreme. */
export function powerOfTwoScale(max: number): number {
  if (!(max > 0) || (max >= SAFE_LOW && max <= SAFE_HIGH)) return 1;
  const exponent = Math.max(-1000, Math.min(1000, Math.floor(Math.log2(max))));
  return 2 ** -exponent;
}

/**
 * Fills `design` for the design rows of a cell.
 *
 * `rows[i]` is the position, in the parallel arrays `groupOf` and `preWeight`, of design row i.
 * `shares[g]` is π_g. `slotOf` must hold −1 for every group and is left that way. The final
 * weight of each design row is written to `finalWeight[rows[i]]` (SPEC §10 final_weight).
 */
export function buildDesign(
  design: CellDesign,
  n: number,
  rows: Int32Array,
  groupOf: Int32Array,
  preWeight: Float64Array,
  poststratify: boolean,
  shares: Float64Array,
  slotOf: Int32Array,
  finalWeight: Float64Array,
): void {
  design.reserve(n, shares.length);
  design.n = n;
  design.poststratified = poststratify;
  const { slot, slotGroup, slotU, w, ratio } = design;

  let slotCount = 0;
  let maxPre = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i] as number;
    const g = groupOf[r] as number;
    let s = slotOf[g] as number;
    if (s < 0) {
      s = slotCount++;
      slotOf[g] = s;
      slotGroup[s] = g;
    }
    slot[i] = s;
    const wi = preWeight[r] as number;
    if (wi > maxPre) maxPre = wi;
  }
  design.slotCount = slotCount;
  for (let s = 0; s < slotCount; s++) slotOf[slotGroup[s] as number] = -1;

  let maxFinal = maxPre;
  if (poststratify) {
    // Ŵ_g per slot (kept in slotU until the estimator needs it as scratch).
    const preScale = powerOfTwoScale(maxPre);
    slotU.fill(0, 0, slotCount);
    for (let i = 0; i < n; i++) {
      const s = slot[i] as number;
      slotU[s] = (slotU[s] as number) + (preWeight[rows[i] as number] as number) * preScale;
    }
    maxFinal = 0;
    for (let i = 0; i < n; i++) {
      const r = rows[i] as number;
      const s = slot[i] as number;
      const total = slotU[s] as number;
      const scaled = (preWeight[r] as number) * preScale;
      const wStar = (scaled * (shares[slotGroup[s] as number] as number)) / total;
      finalWeight[r] = wStar;
      ratio[i] = scaled / total;
      if (wStar > maxFinal) maxFinal = wStar;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const r = rows[i] as number;
      finalWeight[r] = preWeight[r] as number;
    }
  }

  const scale = powerOfTwoScale(maxFinal);
  design.scale = scale;
  for (let i = 0; i < n; i++) w[i] = (finalWeight[rows[i] as number] as number) * scale;
}
