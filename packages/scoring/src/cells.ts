// SPEC §4: the cells of an input are its distinct (department, period) pairs, including pairs that
// have only invalid responses, output sorted by period and then department (code point order).
// A cell's design rows keep input order.
//
// The layout below is a stable counting sort of the responses by cell in output order: response i
// goes to `position[i]`, and cell c (the c-th in output order) occupies positions
// start[c] .. start[c+1]−1. Per-response values are then written straight to their position, so
// each cell is one contiguous slice and the per-cell core reads memory sequentially.

import { compareCodePoints } from './code-point-order.js';

export interface CellLayout {
  /** Number of cells. */
  readonly count: number;
  /** Department and period index of each cell, in output order. */
  readonly department: Int32Array;
  readonly period: Int32Array;
  /** Cell c holds positions start[c] .. start[c+1]−1. */
  readonly start: Int32Array;
  /** Position of response i in cell order. */
  readonly position: Int32Array;
}

/** Positions of `values` when sorted by code point; an extra last rank for index `values.length`. */
function codePointRanks(values: readonly string[]): Int32Array {
  const order = values.map((_, index) => index);
  order.sort((a, b) => compareCodePoints(values[a] as string, values[b] as string));
  const ranks = new Int32Array(values.length + 1);
  order.forEach((index, rank) => {
    ranks[index] = rank;
  });
  ranks[values.length] = values.length;
  return ranks;
}

/** Largest department × period table kept dense; beyond it cells are found through a Map. */
const DENSE_CELL_TABLE = 1 << 22;

/**
 * Lays out responses by cell. `departmentOf[i]` and `periodOf[i]` index `departments` and
 * `periods`; −1 (an unreadable id, only while validating) is treated as one more id.
 */
export function layoutCells(
  departments: readonly string[],
  periods: readonly string[],
  departmentOf: Int32Array,
  periodOf: Int32Array,
): CellLayout {
  const count = departmentOf.length;
  const width = departments.length + 1;
  const tableSize = width * (periods.length + 1);
  const dense = tableSize <= DENSE_CELL_TABLE ? new Int32Array(tableSize).fill(-1) : null;
  const sparse = dense === null ? new Map<number, number>() : null;
  const cellOf = new Int32Array(count);
  const cellDepartment: number[] = [];
  const cellPeriod: number[] = [];
  const sizes: number[] = [];
  for (let i = 0; i < count; i++) {
    const d = departmentOf[i] as number;
    const p = periodOf[i] as number;
    const key = (p < 0 ? periods.length : p) * width + (d < 0 ? departments.length : d);
    let cell = dense !== null ? (dense[key] as number) : (sparse?.get(key) ?? -1);
    if (cell < 0) {
      cell = cellDepartment.length;
      cellDepartment.push(d < 0 ? departments.length : d);
      cellPeriod.push(p < 0 ? periods.length : p);
      sizes.push(0);
      if (dense !== null) dense[key] = cell;
      else sparse?.set(key, cell);
    }
    cellOf[i] = cell;
    sizes[cell] = (sizes[cell] as number) + 1;
  }

  const periodRank = codePointRanks(periods);
  const departmentRank = codePointRanks(departments);
  const order = cellDepartment.map((_, c) => c);
  order.sort(
    (a, b) =>
      (periodRank[cellPeriod[a] as number] as number) -
        (periodRank[cellPeriod[b] as number] as number) ||
      (departmentRank[cellDepartment[a] as number] as number) -
        (departmentRank[cellDepartment[b] as number] as number),
  );

  const cells = order.length;
  const department = new Int32Array(cells);
  const period = new Int32Array(cells);
  const start = new Int32Array(cells + 1);
  const next = new Int32Array(cells);
  order.forEach((c, at) => {
    department[at] = cellDepartment[c] as number;
    period[at] = cellPeriod[c] as number;
    next[c] = start[at] as number;
    start[at + 1] = (start[at] as number) + (sizes[c] as number);
  });
  const position = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const c = cellOf[i] as number;
    const at = next[c] as number;
    position[i] = at;
    next[c] = at + 1;
  }
  return { count: cells, department, period, start, position };
}
