// Turns the responses of a SPEC §1 input, in either form, into typed columns: ids become small
// integers and answers become level codes (see answers.ts). Row form is first read into plain
// columns, so both forms go through the same checks and give identical codes, and the per-cell
// core never touches a per-response object. Every broken rule adds an issue with its path.

import { describeInvalidAnswer, encodeAnswer, INVALID, MISSING } from './answers.js';
import { type CellLayout, layoutCells } from './cells.js';
import { isRecord, type ResolvedConfig } from './config.js';
import type { IssueList } from './issues.js';
import { childPath, indexPath } from './json-path.js';
import { readBaseWeight, readCellKey, readGroupIndex, readPreWeight } from './response-fields.js';
import { columnarPaths, type ResponsePaths, rowPaths } from './response-paths.js';

/** Responses as columns, shape already checked; the values are checked while encoding. */
export interface ResponseColumns {
  readonly count: number;
  readonly department: ArrayLike<unknown>;
  readonly period: ArrayLike<unknown>;
  readonly group: ArrayLike<unknown>;
  readonly baseWeight: ArrayLike<unknown> | null;
  /** One column per resolved dimension (null when no answers were given for it). */
  readonly answers: readonly (ArrayLike<unknown> | null)[];
  readonly paths: ResponsePaths;
}

export interface EncodedResponses {
  readonly count: number;
  /** Distinct department and period ids, in order of first appearance. */
  readonly departments: string[];
  readonly periods: string[];
  /** Department and period index of each response, in input order (−1 if unreadable). */
  readonly departmentOf: Int32Array;
  readonly periodOf: Int32Array;
  /** The cells and where each response sits in cell order (SPEC §4). */
  readonly layout: CellLayout;
  // The columns below are in cell order: response i is at layout.position[i].
  /** Index into `config.groups`. */
  readonly groupOf: Int32Array;
  /** Pre-stratification weight w_i (SPEC §5.1). */
  readonly weight: Float64Array;
  /** Level code of each answer, one column per dimension (see answers.ts). */
  readonly codes: Int32Array[];
}

function isColumn(value: unknown): value is ArrayLike<unknown> {
  return Array.isArray(value) || (ArrayBuffer.isView(value) && !(value instanceof DataView));
}

/** Reads the shape of `responses_columnar`: every column an array of the same length. */
export function readColumnar(
  raw: unknown,
  config: ResolvedConfig,
  issues: IssueList,
): ResponseColumns | null {
  const base = 'responses_columnar';
  if (!isRecord(raw)) {
    issues.add(base, 'invalid_type', 'responses_columnar must be an object of arrays');
    return null;
  }
  const before = issues.length;
  const required = (name: 'department' | 'period' | 'group'): ArrayLike<unknown> | null => {
    const column = raw[name];
    if (isColumn(column)) return column;
    issues.add(
      childPath(base, name),
      column === undefined ? 'required' : 'invalid_type',
      `${name} must be an array`,
    );
    return null;
  };
  const department = required('department');
  const period = required('period');
  const group = required('group');
  const count = department?.length ?? period?.length ?? group?.length ?? 0;
  const checkLength = (column: ArrayLike<unknown> | null, path: string) => {
    if (column !== null && column.length !== count) {
      issues.add(
        path,
        'invalid_structure',
        `has ${column.length} entries but the columns have ${count} responses`,
      );
    }
  };
  checkLength(period, childPath(base, 'period'));
  checkLength(group, childPath(base, 'group'));

  const optional = (name: 'id' | 'base_weight'): ArrayLike<unknown> | null => {
    const column = raw[name];
    if (column === undefined || column === null) return null;
    if (!isColumn(column)) {
      issues.add(childPath(base, name), 'invalid_type', `${name} must be an array`);
      return null;
    }
    checkLength(column, childPath(base, name));
    return column;
  };
  optional('id');
  const baseWeight = optional('base_weight');

  const answers: (ArrayLike<unknown> | null)[] = config.dimensions.map(() => null);
  const rawAnswers = raw.answers;
  const answersPath = childPath(base, 'answers');
  if (rawAnswers !== undefined && rawAnswers !== null) {
    if (!isRecord(rawAnswers)) {
      issues.add(answersPath, 'invalid_type', 'answers must be an object of arrays');
    } else {
      for (const [dimensionId, column] of Object.entries(rawAnswers)) {
        const path = childPath(answersPath, dimensionId);
        const dimension = config.dimensionIndex.get(dimensionId);
        if (dimension === undefined) {
          if (!config.declaredDimensionIds.has(dimensionId)) {
            issues.add(path, 'unknown_dimension', `unknown dimension id "${dimensionId}"`);
          }
        } else if (!isColumn(column)) {
          issues.add(path, 'invalid_type', 'answers must be an array');
        } else {
          checkLength(column, path);
          answers[dimension] = column;
        }
      }
    }
  }
  if (issues.length > before || department === null || period === null || group === null) {
    return null;
  }
  return { count, department, period, group, baseWeight, answers, paths: columnarPaths };
}

/** Reads row-form `responses` into columns, checking each row's shape and answer keys. */
export function readRows(
  raw: unknown,
  config: ResolvedConfig,
  issues: IssueList,
): ResponseColumns | null {
  if (!Array.isArray(raw)) {
    issues.add('responses', 'invalid_type', 'responses must be an array of objects');
    return null;
  }
  const count = raw.length;
  const department = new Array<unknown>(count);
  const period = new Array<unknown>(count);
  const group = new Array<unknown>(count);
  const baseWeight = new Array<unknown>(count);
  const dimensions = config.dimensions;
  const answers = dimensions.map(() => new Array<unknown>(count));
  let shapeOk = true;
  for (let i = 0; i < count; i++) {
    const row: unknown = raw[i];
    const path = indexPath('responses', i);
    if (!isRecord(row)) {
      issues.add(path, 'invalid_type', 'a response must be an object');
      shapeOk = false;
      continue;
    }
    department[i] = row.department;
    period[i] = row.period;
    group[i] = row.group;
    baseWeight[i] = row.base_weight;
    const rowAnswers = row.answers;
    if (rowAnswers === undefined || rowAnswers === null) {
      for (const column of answers) column[i] = null;
      continue;
    }
    if (!isRecord(rowAnswers)) {
      issues.add(childPath(path, 'answers'), 'invalid_type', 'answers must be an object');
      shapeOk = false;
      continue;
    }
    for (let d = 0; d < dimensions.length; d++) {
      const id = (dimensions[d] as { id: string }).id;
      // Own properties only: an id such as "constructor" must not read Object.prototype.
      (answers[d] as unknown[])[i] = Object.hasOwn(rowAnswers, id) ? rowAnswers[id] : undefined;
    }
    for (const key of Object.keys(rowAnswers)) {
      if (!config.dimensionIndex.has(key) && !config.declaredDimensionIds.has(key)) {
        issues.add(
          childPath(childPath(path, 'answers'), key),
          'unknown_dimension',
          `unknown dimension id "${key}"`,
        );
      }
    }
  }
  if (!shapeOk) return null;
  return { count, department, period, group, baseWeight, answers, paths: rowPaths };
}

/** Distinct-string → index table that remembers the last lookup (inputs often come sorted). */
class Interner {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();
  private last: string | null = null;
  private lastIndex = -1;

  intern(value: string): number {
    if (value === this.last) return this.lastIndex;
    let index = this.index.get(value);
    if (index === undefined) {
      index = this.values.length;
      this.values.push(value);
      this.index.set(value, index);
    }
    this.last = value;
    this.lastIndex = index;
    return index;
  }
}

/**
 * Encodes validated-shape columns into cell order. Adds an issue for every bad value, including
 * the SPEC §1 rule that post-stratification needs a positive share for every group that has
 * responses.
 */
export function encodeResponses(
  columns: ResponseColumns,
  config: ResolvedConfig,
  issues: IssueList,
): EncodedResponses {
  const { count, paths } = columns;
  const departments = new Interner();
  const periods = new Interner();
  const departmentOf = new Int32Array(count);
  const periodOf = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const department = readCellKey(columns.department[i], 'department', paths, i, issues);
    departmentOf[i] = department === null ? -1 : departments.intern(department);
    const period = readCellKey(columns.period[i], 'period', paths, i, issues);
    periodOf[i] = period === null ? -1 : periods.intern(period);
  }
  const layout = layoutCells(departments.values, periods.values, departmentOf, periodOf);
  const { position } = layout;

  const groups = config.groups;
  const groupUsed = new Uint8Array(groups.length);
  const groupOf = new Int32Array(count);
  const weight = new Float64Array(count);
  let lastGroup: unknown;
  let lastGroupIndex = -1;
  for (let i = 0; i < count; i++) {
    const group = columns.group[i];
    let g: number;
    if (group === lastGroup && lastGroupIndex >= 0) {
      g = lastGroupIndex;
    } else {
      g = readGroupIndex(group, config, paths, i, issues);
      if (g >= 0) {
        groupUsed[g] = 1;
        lastGroup = group;
        lastGroupIndex = g;
      }
    }
    const base = readBaseWeight(
      columns.baseWeight === null ? undefined : columns.baseWeight[i],
      paths,
      i,
      issues,
    );
    const at = position[i] as number;
    groupOf[at] = g;
    weight[at] =
      g >= 0 && !Number.isNaN(base)
        ? readPreWeight(base, (groups[g] as { weight: number }).weight, paths, i, issues)
        : Number.NaN;
  }

  const codes = config.dimensions.map((dimension, d) => {
    const out = new Int32Array(count);
    const column = columns.answers[d];
    if (column === null || column === undefined) {
      out.fill(MISSING);
      return out;
    }
    const scale = dimension.scale;
    for (let i = 0; i < count; i++) {
      const value = column[i];
      const k = encodeAnswer(scale, value);
      if (k === INVALID) {
        const problem = describeInvalidAnswer(scale, value);
        issues.add(paths.answer(i, dimension.id), problem.code, problem.message);
      }
      out[position[i] as number] = k;
    }
    return out;
  });

  if (config.poststratify) {
    groups.forEach((group, g) => {
      if (groupUsed[g] === 1 && !(group.share > 0)) {
        issues.add(
          childPath(indexPath('groups', group.position), 'population_share'),
          'missing_share',
          `group "${group.id}" has responses, so poststratify needs its population_share > 0`,
        );
      }
    });
  }

  return {
    count,
    departments: departments.values,
    periods: periods.values,
    departmentOf,
    periodOf,
    layout,
    groupOf,
    weight,
    codes,
  };
}
