// SPEC §6: the weighted (ratio) mean of a variable over a domain of a cell's design rows, with
// its with-replacement Taylor-linearisation variance (R survey's svymean / svyby with
// postStratify(partial = TRUE)), and Kish's effective sample size.
//
// The domain is encoded in y itself: y_i is NaN for rows outside the domain. n stays the number
// of design rows in the cell (SPEC §6 note 1), so rows outside the domain still count in n and,
// when post-stratified, still carry a residual through their group's total.
//
// Two passes over the cell's rows are needed: the residuals u_i use the mean ȳ, and the
// post-stratified residuals e_i use group totals of u. A one-pass sum-of-squares formula would
// lose every digit when the residuals are tiny (a group of one row gives e_i = 0 exactly), which
// is why the core works cell by cell on per-response arrays (see cell-scorer.ts).

import type { CellDesign } from './design.js';

export interface MeanEstimate {
  /** n_D, the number of rows in the domain. */
  nD: number;
  /** Σ_{i∈D} w*_i. */
  sumW: number;
  /** ȳ; NaN if n_D = 0. */
  mean: number;
  /** √V; NaN if n_D = 0 or n < 2. */
  se: number;
  /** Kish n_eff = (Σ w*)² / Σ w*²; NaN if n_D = 0. */
  nEff: number;
}

/** Estimate for an empty domain: every statistic undefined (SPEC §6: null if n_D = 0). */
function emptyEstimate(): MeanEstimate {
  return { nD: 0, sumW: 0, mean: Number.NaN, se: Number.NaN, nEff: Number.NaN };
}

/**
 * Applies SPEC §6 to `y` (NaN outside the domain) over the design rows of `design`.
 */
export function estimateMean(design: CellDesign, y: Float64Array): MeanEstimate {
  const n = design.n;
  const w = design.w;

  // Pass 1: W_D, Σ w y and Σ w². The sums of w·y use Neumaier's compensated summation: y may
  // be signed (NPS is ±100), and then Σ w y can be a small difference of large terms.
  let nD = 0;
  let sumW = 0;
  let sumWc = 0;
  let sumWY = 0;
  let sumWYc = 0;
  let sumW2 = 0;
  for (let i = 0; i < n; i++) {
    const yi = y[i] as number;
    if (Number.isNaN(yi)) continue;
    const wi = w[i] as number;
    nD++;
    let t = sumW + wi;
    sumWc += sumW >= wi ? sumW - t + wi : wi - t + sumW;
    sumW = t;
    const wy = wi * yi;
    t = sumWY + wy;
    sumWYc += Math.abs(sumWY) >= Math.abs(wy) ? sumWY - t + wy : wy - t + sumWY;
    sumWY = t;
    sumW2 += wi * wi;
  }
  if (nD === 0) return emptyEstimate();
  const W = sumW + sumWc;
  const mean = (sumWY + sumWYc) / W;
  const estimate: MeanEstimate = {
    nD,
    sumW: W / design.scale,
    mean,
    se: Number.NaN,
    nEff: (W * W) / sumW2,
  };
  if (n < 2) return estimate;

  // Pass 2 (and 3): residuals. With the common factor 1/W_D taken out of every term,
  //   u_i = w*_i (y_i − ȳ) on D, 0 elsewhere;   e_i = u_i − (w_i / Ŵ_g) U_g  if post-stratified.
  // Σ (e_i − ē)² = Σ e_i² − (Σ e_i)² / n over all n rows; rows with e_i = 0 add nothing.
  let sumE = 0;
  let sumE2 = 0;
  if (!design.poststratified) {
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      if (Number.isNaN(yi)) continue;
      const e = (w[i] as number) * (yi - mean);
      sumE += e;
      sumE2 += e * e;
    }
  } else {
    const { u, slot, slotU, ratio, slotCount } = design;
    slotU.fill(0, 0, slotCount);
    for (let i = 0; i < n; i++) {
      const yi = y[i] as number;
      const ui = Number.isNaN(yi) ? 0 : (w[i] as number) * (yi - mean);
      u[i] = ui;
      const g = slot[i] as number;
      slotU[g] = (slotU[g] as number) + ui;
    }
    for (let i = 0; i < n; i++) {
      const e = (u[i] as number) - (ratio[i] as number) * (slotU[slot[i] as number] as number);
      sumE += e;
      sumE2 += e * e;
    }
  }
  const centred = Math.max(0, sumE2 - (sumE * sumE) / n);
  const variance = ((n / (n - 1)) * centred) / (W * W);
  estimate.se = Math.sqrt(variance);
  return estimate;
}

/**
 * SPEC §9 for every group of the cell at once: entry s is what `estimateMean` gives for y = s_i
 * on the domain {i : slot(i) = s}. One sweep serves all groups because a group's domain is a
 * whole post-stratum: outside it u_i = 0, and U_g = 0 for every other group, so e_i = 0 there
 * and each row contributes to its own group's sums only.
 */
export function estimateGroupMeans(design: CellDesign, y: Float64Array): MeanEstimate[] {
  const { n, w, slot, slotCount } = design;
  const sumW = new Float64Array(slotCount);
  const sumWc = new Float64Array(slotCount);
  const sumWY = new Float64Array(slotCount);
  const sumWYc = new Float64Array(slotCount);
  const sumW2 = new Float64Array(slotCount);
  const count = new Int32Array(slotCount);
  for (let i = 0; i < n; i++) {
    const g = slot[i] as number;
    const yi = y[i] as number;
    const wi = w[i] as number;
    count[g] = (count[g] as number) + 1;
    const a = sumW[g] as number;
    let t = a + wi;
    sumWc[g] = (sumWc[g] as number) + (a >= wi ? a - t + wi : wi - t + a);
    sumW[g] = t;
    const b = sumWY[g] as number;
    const wy = wi * yi;
    t = b + wy;
    sumWYc[g] = (sumWYc[g] as number) + (Math.abs(b) >= Math.abs(wy) ? b - t + wy : wy - t + b);
    sumWY[g] = t;
    sumW2[g] = (sumW2[g] as number) + wi * wi;
  }
  const W = new Float64Array(slotCount);
  const mean = new Float64Array(slotCount);
  const estimates: MeanEstimate[] = [];
  for (let g = 0; g < slotCount; g++) {
    const total = (sumW[g] as number) + (sumWc[g] as number);
    W[g] = total;
    mean[g] = ((sumWY[g] as number) + (sumWYc[g] as number)) / total;
    estimates.push({
      nD: count[g] as number,
      sumW: total / design.scale,
      mean: mean[g] as number,
      se: Number.NaN,
      nEff: (total * total) / (sumW2[g] as number),
    });
  }
  if (n < 2) return estimates;

  const sumE = new Float64Array(slotCount);
  const sumE2 = new Float64Array(slotCount);
  if (!design.poststratified) {
    for (let i = 0; i < n; i++) {
      const g = slot[i] as number;
      const e = (w[i] as number) * ((y[i] as number) - (mean[g] as number));
      sumE[g] = (sumE[g] as number) + e;
      sumE2[g] = (sumE2[g] as number) + e * e;
    }
  } else {
    const { u, slotU, ratio } = design;
    slotU.fill(0, 0, slotCount);
    for (let i = 0; i < n; i++) {
      const g = slot[i] as number;
      const ui = (w[i] as number) * ((y[i] as number) - (mean[g] as number));
      u[i] = ui;
      slotU[g] = (slotU[g] as number) + ui;
    }
    for (let i = 0; i < n; i++) {
      const g = slot[i] as number;
      const e = (u[i] as number) - (ratio[i] as number) * (slotU[g] as number);
      sumE[g] = (sumE[g] as number) + e;
      sumE2[g] = (sumE2[g] as number) + e * e;
    }
  }
  for (let g = 0; g < slotCount; g++) {
    const s1 = sumE[g] as number;
    const centred = Math.max(0, (sumE2[g] as number) - (s1 * s1) / n);
    const total = W[g] as number;
    (estimates[g] as MeanEstimate).se = Math.sqrt(((n / (n - 1)) * centred) / (total * total));
  }
  return estimates;
}
