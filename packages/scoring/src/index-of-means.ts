// SPEC §7 index of means: the ACSI-style weighted average of the dimension means, over the
// dimensions whose mean is defined in the cell. It complements the cell score (the mean of the
// per-response scores): the two differ when respondents skip different items. Point estimate only.

/** Σ ω_d m_d / Σ ω_d over the dimensions with a defined mean (NaN entries are skipped). */
export function indexOfMeans(means: ArrayLike<number>, weights: ArrayLike<number>): number {
  let numerator = 0;
  let denominator = 0;
  for (let d = 0; d < means.length; d++) {
    const m = means[d] as number;
    if (Number.isNaN(m)) continue;
    const weight = weights[d] as number;
    numerator += weight * m;
    denominator += weight;
  }
  return denominator > 0 ? numerator / denominator : Number.NaN;
}
