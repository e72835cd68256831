// SPEC §8: Wilson score interval for the satisfaction rate, with the Kish effective sample size
// m = n_eff of the rate's domain in place of n. Unlike the Wald interval of §6 it stays inside
// [0, 1] and is defined for a single response; with equal weights (m = n_D) it equals R's
// prop.test(x, n, correct = FALSE)$conf.int.

export interface Interval {
  low: number;
  high: number;
}

/** The Wilson interval for proportion `p` with effective size `m` at critical value `z`. */
export function wilsonInterval(p: number, m: number, z: number): Interval {
  if (!(m > 0) || Number.isNaN(p)) return { low: Number.NaN, high: Number.NaN };
  const clamped = Math.min(1, Math.max(0, p));
  const z2 = z * z;
  const c = 1 + z2 / m;
  const center = (clamped + z2 / (2 * m)) / c;
  const half = (z / c) * Math.sqrt((clamped * (1 - clamped)) / m + z2 / (4 * m * m));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}
