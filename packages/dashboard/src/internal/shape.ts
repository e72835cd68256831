import type { Cell, ScoresResponse } from './scores.js';

/**
 * Pure functions from the collector's answer to what the charts and tables show. Nothing here
 * formats or localises: that happens once, at the edge, in `tables.ts` and `charts.ts`.
 */

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** The periods present, oldest first (period keys of one granularity sort as text). */
export function periodsOf(data: Pick<ScoresResponse, 'cells'>): string[] {
  return [...new Set(data.cells.map((cell) => cell.period))].sort(byCodePoint);
}

/** Ids in the order the labels give them (the survey's order), then any others by code point. */
function orderedIds(labelled: Record<string, unknown>, seen: Iterable<string>): string[] {
  const ids = Object.keys(labelled);
  const known = new Set(ids);
  const extra = [...new Set(seen)].filter((id) => !known.has(id)).sort(byCodePoint);
  return [...ids, ...extra];
}

export function subjectsOf(data: Pick<ScoresResponse, 'cells' | 'labels'>): string[] {
  return orderedIds(
    data.labels.subjects,
    data.cells.map((cell) => cell.department),
  );
}

export function dimensionsOf(data: Pick<ScoresResponse, 'cells' | 'labels'>): string[] {
  return orderedIds(
    data.labels.dimensions,
    data.cells.flatMap((cell) => Object.keys(cell.dimensions)),
  );
}

export function groupsOf(data: Pick<ScoresResponse, 'cells' | 'labels'>): string[] {
  return orderedIds(
    data.labels.groups,
    data.cells.flatMap((cell) => Object.keys(cell.groups)),
  );
}

export function cellOf(cells: readonly Cell[], subject: string, period: string): Cell | undefined {
  return cells.find((cell) => cell.department === subject && cell.period === period);
}

/**
 * - `ranked`: has a rank from the collector and enough responses;
 * - `low-n`: effective sample size under the threshold: shown, marked, never ranked;
 * - `unranked`: a score, but fewer responses than ranking needs;
 * - `no-data`: no valid response in the period.
 */
export type RankStatus = 'ranked' | 'low-n' | 'unranked' | 'no-data';

export interface RankingRow {
  readonly subject: string;
  readonly cell: Cell | undefined;
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** The rank shown: renumbered among the subjects shown as ranked. */
  readonly rank: number | null;
  /** Another subject shares the rank. */
  readonly tied: boolean;
  readonly status: RankStatus;
}

const STATUS_ORDER: Record<RankStatus, number> = {
  ranked: 0,
  'low-n': 1,
  unranked: 2,
  'no-data': 3,
};

/**
 * One row per subject for a period, best first. The collector ranks every cell with enough
 * responses (SPEC §11, ties on the rounded score share the better rank); a cell whose effective
 * sample is too small (`low_n`) may still have a rank there, but a rank from too few answers
 * invites the very comparisons it cannot support, so it is not shown. The remaining ranks are
 * renumbered by the same competition rule (1, 2, 2, 4), keeping the collector's ties: without
 * renumbering, removing a `low_n` cell would leave gaps that read as missing subjects.
 */
export function rankingRows(
  cells: readonly Cell[],
  period: string,
  subjects: readonly string[] = [],
): RankingRow[] {
  const inPeriod = new Map<string, Cell>();
  for (const cell of cells) if (cell.period === period) inPeriod.set(cell.department, cell);
  const all = [...new Set([...subjects, ...inPeriod.keys()])];
  const status = (cell: Cell | undefined): RankStatus => {
    if (!cell || cell.n === 0 || cell.score.mean === null) return 'no-data';
    if (cell.score.low_n === true) return 'low-n';
    return cell.rank === null ? 'unranked' : 'ranked';
  };
  const serverRanks = all
    .map((subject) => inPeriod.get(subject))
    .filter((cell): cell is Cell => status(cell) === 'ranked')
    .map((cell) => cell.rank as number);
  const rows = all.map((subject): RankingRow => {
    const cell = inPeriod.get(subject);
    const state = status(cell);
    let rank: number | null = null;
    let tied = false;
    if (state === 'ranked') {
      const own = cell!.rank as number;
      rank = 1 + serverRanks.filter((other) => other < own).length;
      tied = serverRanks.filter((other) => other === own).length > 1;
    }
    return {
      subject,
      cell,
      mean: cell?.score.mean ?? null,
      low: cell?.score.ci_low ?? null,
      high: cell?.score.ci_high ?? null,
      rank,
      tied,
      status: state,
    };
  });
  return rows.sort(
    (a, b) =>
      STATUS_ORDER[a.status] - STATUS_ORDER[b.status] ||
      (a.rank ?? 0) - (b.rank ?? 0) ||
      (b.mean ?? Number.NEGATIVE_INFINITY) - (a.mean ?? Number.NEGATIVE_INFINITY) ||
      byCodePoint(a.subject, b.subject),
  );
}

/** "=3" for a shared rank, "3" for one of its own, undefined when not ranked. */
export function rankText(row: Pick<RankingRow, 'rank' | 'tied'>): string | undefined {
  if (row.rank === null) return undefined;
  return row.tied ? `=${row.rank}` : String(row.rank);
}

export interface TrendPoint {
  readonly period: string;
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly lowN: boolean;
  readonly n: number;
}

/** A subject's score in every period, with gaps (null) where it had no answers. */
export function trendOf(cells: readonly Cell[], subject: string, periods: readonly string[]) {
  return periods.map((period): TrendPoint => {
    const cell = cellOf(cells, subject, period);
    return {
      period,
      mean: cell?.score.mean ?? null,
      low: cell?.score.ci_low ?? null,
      high: cell?.score.ci_high ?? null,
      lowN: cell?.score.low_n === true,
      n: cell?.n ?? 0,
    };
  });
}

export interface DimensionRow {
  readonly dimension: string;
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly lowN: boolean;
  readonly nEff: number | null;
  readonly topK: number;
  readonly rate: number | null;
  /** The Wilson interval: it stays inside 0–1 and holds for small samples. */
  readonly rateLow: number | null;
  readonly rateHigh: number | null;
  readonly nps: { value: number | null; low: number | null; high: number | null } | undefined;
  readonly answered: number;
  readonly notApplicable: number;
  readonly missing: number;
}

export function dimensionRows(cell: Cell | undefined, order: readonly string[]): DimensionRow[] {
  if (!cell) return [];
  const ids = [
    ...order.filter((id) => id in cell.dimensions),
    ...Object.keys(cell.dimensions).filter((id) => !order.includes(id)),
  ];
  return ids.map((dimension) => {
    const value = cell.dimensions[dimension]!;
    return {
      dimension,
      mean: value.mean,
      low: value.ci_low,
      high: value.ci_high,
      lowN: value.low_n === true,
      nEff: value.n_eff,
      topK: value.rate.top_k,
      rate: value.rate.p,
      rateLow: value.rate.wilson_low,
      rateHigh: value.rate.wilson_high,
      nps: value.nps && {
        value: value.nps.value,
        low: value.nps.ci_low,
        high: value.nps.ci_high,
      },
      answered: value.n_answered,
      notApplicable: value.n_na,
      missing: value.n_missing,
    };
  });
}

export interface GroupRow {
  readonly group: string;
  readonly n: number;
  readonly mean: number | null;
  readonly low: number | null;
  readonly high: number | null;
  readonly nEff: number | null;
  /** SPEC §12 flags no group; the cell's threshold is applied here so that the same rule reads alike. */
  readonly lowN: boolean;
}

/** The groups present in the cell, in the survey's order. */
export function groupRows(
  cell: Cell | undefined,
  order: readonly string[],
  lowNThreshold: number,
): GroupRow[] {
  if (!cell) return [];
  const ids = [
    ...order.filter((id) => id in cell.groups),
    ...Object.keys(cell.groups)
      .filter((id) => !order.includes(id))
      .sort(byCodePoint),
  ];
  return ids.map((group) => {
    const value = cell.groups[group]!;
    return {
      group,
      n: value.n,
      mean: value.mean,
      low: value.ci_low,
      high: value.ci_high,
      nEff: value.n_eff,
      lowN: value.n_eff === null || value.n_eff < lowNThreshold - 1e-9,
    };
  });
}

export interface DistributionRow {
  readonly dimension: string;
  readonly counts: readonly number[];
  readonly total: number;
  /** Each level's share of the answers, 0–1; all 0 when nobody answered. */
  readonly shares: readonly number[];
}

/**
 * Answers per level for each dimension of one subject and period. Levels are those the labels
 * list, so that a level nobody chose still shows as 0 rather than shifting the others.
 */
export function distributionRows(
  data: Pick<ScoresResponse, 'distributions' | 'labels'>,
  period: string,
  subject: string,
  order: readonly string[],
): DistributionRow[] {
  const bySubject = data.distributions[period]?.[subject] ?? {};
  const ids = [
    ...order.filter((id) => id in bySubject),
    ...Object.keys(bySubject).filter((id) => !order.includes(id)),
  ];
  return ids.map((dimension) => {
    const raw = bySubject[dimension] ?? [];
    const levels = data.labels.levels[dimension]?.length ?? raw.length;
    const counts = Array.from({ length: Math.max(levels, raw.length) }, (_, i) => raw[i] ?? 0);
    const total = counts.reduce((sum, value) => sum + value, 0);
    return {
      dimension,
      counts,
      total,
      shares: counts.map((value) => (total > 0 ? value / total : 0)),
    };
  });
}

/**
 * Distribution rows grouped by scale (the levels' names), in first-seen order: levels of different
 * scales cannot share one stacked bar's colours and legend, so each scale gets a chart.
 */
export function byScale(
  rows: readonly DistributionRow[],
  levelsOf: (row: DistributionRow) => readonly string[],
): DistributionRow[][] {
  const groups = new Map<string, DistributionRow[]>();
  for (const row of rows) {
    const key = levelsOf(row).join('\u0000');
    const group = groups.get(key);
    if (group) group.push(row);
    else groups.set(key, [row]);
  }
  return [...groups.values()];
}

/** A value rounded as it is shown (one decimal), for exports that must match the screen. */
export function round1(value: number | null | undefined): number | null {
  if (value === null || value === undefined) return null;
  // toFixed rounds the exact binary value half away from zero, as Intl.NumberFormat does.
  const rounded = Number(value.toFixed(1));
  return rounded === 0 ? 0 : rounded;
}
