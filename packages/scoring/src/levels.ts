// SPEC §2: every answered level k ∈ {0, …, K−1} (worst to best) maps to a value on 0–100,
// either the scale's explicit `scores[k]` or the even spacing 100·k/(K−1).

/** Largest scale that gets a lookup table of values; beyond it values are computed per answer. */
const MAX_TABULATED_LEVELS = 1 << 16;

/** v for level k of a scale with K levels (SPEC §2), computed in the SPEC's order 100·k/(K−1). */
export function normalisedValue(
  k: number,
  levelCount: number,
  scores: ArrayLike<number> | null,
): number {
  if (scores !== null) return scores[k] as number;
  return (100 * k) / (levelCount - 1);
}

/**
 * The values of all K levels, so that the per-answer work is one array read. Returns null for a
 * numeric scale too wide to tabulate (K > 65,536 without `scores`); `normalisedValue` then applies.
 */
export function valueTable(
  levelCount: number,
  scores: ArrayLike<number> | null,
): Float64Array | null {
  if (scores === null && levelCount > MAX_TABULATED_LEVELS) return null;
  const table = new Float64Array(levelCount);
  for (let k = 0; k < levelCount; k++) table[k] = normalisedValue(k, levelCount, scores);
  return table;
}
