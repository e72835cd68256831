// Streaming scoring: responses are added one at a time (or in columnar chunks) and each cell is
// scored as soon as it is complete, so memory holds the current cell's responses plus one small
// result object per finished cell, never the whole stream.
//
// Design choice: the SPEC §6 linearisation variance needs a second (and, post-stratified, a
// third) pass over a cell's responses, so per-cell running sums are not enough. What the core
// needs is every response of ONE cell at a time. The accumulator therefore requires responses
// grouped by cell (e.g. a query ordered by period, department): a response for a different cell
// closes the current one. A cell that shows up again after being closed is an error, because
// its first part has already been scored. Per-response results (SPEC §10) are handed to the
// `onCell` callback cell by cell instead of being kept.

import { describeInvalidAnswer, encodeAnswer, INVALID } from './answers.js';
import { CellBuffer } from './cell-buffer.js';
import { CellScorer } from './cell-scorer.js';
import { compareCodePoints } from './code-point-order.js';
import { isRecord, type ResolvedConfig, resolveConfigOrThrow } from './config.js';
import { encodeResponses, readColumnar } from './encode.js';
import { IssueList, ScoringValidationError } from './issues.js';
import { childPath, indexPath } from './json-path.js';
import { responseResults } from './output.js';
import { assignRanks } from './ranking.js';
import { readBaseWeight, readCellKey, readGroupIndex, readPreWeight } from './response-fields.js';
import { rowPaths } from './response-paths.js';
import type {
  CellOutput,
  ResponseResults,
  ResponseRow,
  ResponsesColumnar,
  ScoringConfig,
} from './types.js';

/** The SPEC §10 results of the responses of one finished cell, in the order they were added. */
export interface CellResponses extends ResponseResults {
  department: string;
  period: string;
}

export interface ScoringAccumulatorOptions {
  /** Called once per finished cell with its per-response results. */
  onCell?: (responses: CellResponses) => void;
}

/** The SPEC §13 output without the per-response part (which went to `onCell`). */
export interface AccumulatedOutput {
  z: number;
  cells: CellOutput[];
}

export class ScoringAccumulator {
  /** z(L) for the configured confidence level. */
  readonly z: number;
  private readonly config: ResolvedConfig;
  private readonly scorer: CellScorer;
  private readonly buffer: CellBuffer;
  private readonly onCell: ((responses: CellResponses) => void) | undefined;
  private readonly cells: CellOutput[] = [];
  /** Cells already scored, by period then department. */
  private readonly closed = new Map<string, Set<string>>();
  private department: string | null = null;
  private period: string | null = null;
  /** Responses offered so far, for issue paths `responses[i]`. */
  private offered = 0;
  private finished = false;
  /** Level codes of the response being added (reused, so adding allocates no typed array). */
  private readonly rowCodes: Int32Array;

  /** Throws `ScoringValidationError` if the configuration breaks SPEC §1. */
  constructor(config: ScoringConfig, options: ScoringAccumulatorOptions = {}) {
    this.config = resolveConfigOrThrow(config);
    this.z = this.config.z;
    this.scorer = new CellScorer(this.config);
    this.buffer = new CellBuffer(this.config.dimensions.length);
    this.onCell = options.onCell;
    this.rowCodes = new Int32Array(this.config.dimensions.length);
  }

  /**
   * Adds one response (row form). Throws `ScoringValidationError`, and adds nothing, if the
   * response breaks SPEC §1 or belongs to a cell that was already closed.
   */
  add(response: ResponseRow): void {
    this.assertOpen();
    const index = this.offered++;
    const issues = new IssueList();
    if (!isRecord(response)) {
      issues.add(indexPath('responses', index), 'invalid_type', 'a response must be an object');
      throw new ScoringValidationError(issues.items);
    }
    const { config } = this;
    const department = readCellKey(response.department, 'department', rowPaths, index, issues);
    const period = readCellKey(response.period, 'period', rowPaths, index, issues);
    const group = readGroupIndex(response.group, config, rowPaths, index, issues);
    const base = readBaseWeight(response.base_weight, rowPaths, index, issues);
    const groupSpec = config.groups[group];
    const weight =
      groupSpec !== undefined && !Number.isNaN(base)
        ? readPreWeight(base, groupSpec.weight, rowPaths, index, issues)
        : Number.NaN;
    if (config.poststratify && groupSpec !== undefined && !(groupSpec.share > 0)) {
      issues.add(
        childPath(indexPath('groups', groupSpec.position), 'population_share'),
        'missing_share',
        `group "${groupSpec.id}" has responses, so poststratify needs its population_share > 0`,
      );
    }

    const answers = response.answers;
    const dimensions = config.dimensions;
    const codes = this.rowCodes;
    if (answers !== undefined && answers !== null && !isRecord(answers)) {
      issues.add(rowPaths.field(index, 'answers'), 'invalid_type', 'answers must be an object');
    } else {
      const given = answers ?? {};
      dimensions.forEach((dimension, d) => {
        const value = Object.hasOwn(given, dimension.id) ? given[dimension.id] : undefined;
        const k = encodeAnswer(dimension.scale, value);
        if (k === INVALID) {
          const problem = describeInvalidAnswer(dimension.scale, value);
          issues.add(rowPaths.answer(index, dimension.id), problem.code, problem.message);
        }
        codes[d] = k;
      });
      for (const key of Object.keys(given)) {
        if (!config.dimensionIndex.has(key)) {
          issues.add(
            rowPaths.answer(index, key),
            'unknown_dimension',
            `unknown dimension id "${key}"`,
          );
        }
      }
    }
    if (issues.length > 0 || department === null || period === null) {
      throw new ScoringValidationError(issues.items);
    }
    this.enterCell(department, period, index);
    this.append(group, weight, codes);
  }

  /**
   * Adds a chunk of responses in columnar form; rows must be grouped by cell, across chunks too.
   * Throws `ScoringValidationError`, adding nothing from the chunk, if any value breaks SPEC §1
   * (paths relative to the chunk, e.g. `responses_columnar.answers.attitude[3]`) or a row
   * belongs to a cell that was closed before it.
   */
  addColumns(columns: ResponsesColumnar): void {
    this.assertOpen();
    const issues = new IssueList();
    const shape = readColumnar(columns, this.config, issues);
    if (shape === null) throw new ScoringValidationError(issues.items);
    const encoded = encodeResponses(shape, this.config, issues);
    if (issues.length > 0) throw new ScoringValidationError(issues.items);
    const { count, departmentOf, periodOf, departments, periods } = encoded;

    // Check the whole chunk's cell sequence first, so a bad chunk leaves the state untouched.
    const seen = new Set<number>();
    let current = -1;
    for (let i = 0; i < count; i++) {
      const d = departmentOf[i] as number;
      const p = periodOf[i] as number;
      const key = p * departments.length + d;
      if (key === current) continue;
      const department = departments[d] as string;
      const period = periods[p] as string;
      const isOpen = department === this.department && period === this.period;
      // The chunk may continue the open cell, but only from its first row.
      const reopened = isOpen ? i > 0 : this.closed.get(period)?.has(department) === true;
      if (seen.has(key) || reopened) {
        issues.add(
          indexPath('responses_columnar.department', i),
          'cell_not_contiguous',
          `cell (${department}, ${period}) was already closed: responses must arrive grouped by cell`,
        );
        throw new ScoringValidationError(issues.items);
      }
      if (current >= 0) seen.add(current);
      current = key;
    }

    // The encoded columns are in cell order; rows are appended in input order.
    const codes = this.rowCodes;
    const { position } = encoded.layout;
    for (let i = 0; i < count; i++) {
      this.enterCell(
        departments[departmentOf[i] as number] as string,
        periods[periodOf[i] as number] as string,
        this.offered,
      );
      this.offered++;
      const at = position[i] as number;
      for (let d = 0; d < codes.length; d++) {
        codes[d] = (encoded.codes[d] as Int32Array)[at] as number;
      }
      this.append(encoded.groupOf[at] as number, encoded.weight[at] as number, codes);
    }
  }

  /**
   * Scores the last cell and returns every cell, sorted and ranked as in SPEC §4 and §11.
   * The accumulator cannot be used afterwards.
   */
  finish(): AccumulatedOutput {
    this.assertOpen();
    this.closeCell();
    this.finished = true;
    const cells = this.cells;
    cells.sort(
      (a, b) =>
        compareCodePoints(a.period, b.period) || compareCodePoints(a.department, b.department),
    );
    assignRanks(cells, this.config.rankDecimals, this.config.rankMinN);
    return { z: this.z, cells };
  }

  private assertOpen(): void {
    if (this.finished) throw new Error('ScoringAccumulator: finish() was already called');
  }

  /** Makes (department, period) the current cell, closing the previous one if it differs. */
  private enterCell(department: string, period: string, index: number): void {
    if (department === this.department && period === this.period) return;
    if (this.closed.get(period)?.has(department)) {
      const issues = new IssueList();
      issues.add(
        indexPath('responses', index),
        'cell_not_contiguous',
        `cell (${department}, ${period}) was already closed: responses must arrive grouped by cell`,
      );
      throw new ScoringValidationError(issues.items);
    }
    this.closeCell();
    this.department = department;
    this.period = period;
  }

  private append(group: number, weight: number, codes: Int32Array): void {
    const buffer = this.buffer;
    const at = buffer.length;
    buffer.reserve(at + 1);
    buffer.group[at] = group;
    buffer.weight[at] = weight;
    for (let d = 0; d < codes.length; d++) (buffer.codes[d] as Int32Array)[at] = codes[d] as number;
    buffer.length = at + 1;
  }

  private closeCell(): void {
    const { department, period, buffer } = this;
    if (department === null || period === null) return;
    this.cells.push(this.scorer.scoreCell(buffer, department, period));
    let departments = this.closed.get(period);
    if (departments === undefined) {
      departments = new Set();
      this.closed.set(period, departments);
    }
    departments.add(department);
    if (this.onCell !== undefined) {
      const results = responseResults(
        buffer.score,
        buffer.weight,
        buffer.finalWeight,
        null,
        buffer.length,
      );
      this.onCell({ department, period, ...results });
    }
    buffer.clear();
    this.department = null;
    this.period = null;
  }
}
