// SPEC §8 NPS: on a 0–10 scale, promoters (9–10) count +100, detractors (0–6) −100 and passives
// (7–8) 0, so the weighted mean of this variable is "% promoters − % detractors" and the §6
// estimator gives its standard error directly.

/** The NPS variable y = 100·([x ≥ 9] − [x ≤ 6]) for a 0–10 answer x. */
export function npsContribution(x: number): number {
  if (x >= 9) return 100;
  if (x <= 6) return -100;
  return 0;
}
