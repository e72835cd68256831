// SPEC §11: standard competition ranking ("1, 2, 2, 4") of the cells of each period by their
// score mean rounded to `decimals` places. Only cells with n ≥ min_n and a defined mean take part.
// The rank orders point estimates; it says nothing about whether two departments differ (their
// intervals may overlap), which is why the SPEC keeps significance out of v1.

export interface RankableCell {
  readonly period: string;
  readonly n: number;
  /** Score mean, NaN when undefined. */
  readonly mean: number;
}

// Literal powers of ten, so the key uses exactly 10^decimals.
const POWERS_OF_TEN = [
  1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
] as const;

/** key = floor(mean · 10^decimals + 0.5), evaluated in double precision as the SPEC says. */
export function rankKey(mean: number, decimals: number): number {
  const power = POWERS_OF_TEN[decimals] ?? 10 ** decimals;
  return Math.floor(mean * power + 0.5);
}

/** The rank of each cell (null when not eligible), in the order of `cells`. */
export function rankCells(
  cells: readonly RankableCell[],
  decimals: number,
  minN: number,
): (number | null)[] {
  const ranks: (number | null)[] = cells.map(() => null);
  const keysByPeriod = new Map<string, { cell: number; key: number }[]>();
  cells.forEach((cell, index) => {
    if (!(cell.n >= minN) || Number.isNaN(cell.mean)) return;
    let entries = keysByPeriod.get(cell.period);
    if (entries === undefined) {
      entries = [];
      keysByPeriod.set(cell.period, entries);
    }
    entries.push({ cell: index, key: rankKey(cell.mean, decimals) });
  });
  for (const entries of keysByPeriod.values()) {
    // After a descending sort, the first position holding a key is 1 + #{keys greater than it}.
    entries.sort((a, b) => b.key - a.key);
    let rank = 1;
    entries.forEach((entry, position) => {
      if (position > 0 && entry.key !== (entries[position - 1] as { key: number }).key) {
        rank = position + 1;
      }
      ranks[entry.cell] = rank;
    });
  }
  return ranks;
}

/** Writes the SPEC §11 rank of every cell into `cells` (which may span several periods). */
export function assignRanks(
  cells: { period: string; n: number; score: { mean: number | null }; rank: number | null }[],
  decimals: number,
  minN: number,
): void {
  const ranks = rankCells(
    cells.map((cell) => ({ period: cell.period, n: cell.n, mean: cell.score.mean ?? Number.NaN })),
    decimals,
    minN,
  );
  cells.forEach((cell, index) => {
    cell.rank = ranks[index] ?? null;
  });
}
