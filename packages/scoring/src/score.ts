// Whole-input scoring: SPEC §1 input in, SPEC §13 output out.
//
// The responses are encoded once into typed columns laid out in cell order (encode.ts and
// cells.ts), so each cell is a contiguous slice that the per-cell core scores in place. The
// per-response results are read back in input order through the layout's position map.

import { CellBuffer } from './cell-buffer.js';
import { CellScorer } from './cell-scorer.js';
import { isRecord, type ResolvedConfig, resolveConfig } from './config.js';
import { type EncodedResponses, encodeResponses, readColumnar, readRows } from './encode.js';
import { IssueList, type ScoringIssue, ScoringValidationError } from './issues.js';
import { responseResults } from './output.js';
import { assignRanks } from './ranking.js';
import type { CellOutput, ScoringInput, ScoringOutput } from './types.js';

interface Prepared {
  config: ResolvedConfig;
  encoded: EncodedResponses;
}

function prepare(input: unknown, issues: IssueList): Prepared | null {
  const config = resolveConfig(input, issues);
  if (config === null || !isRecord(input)) return null;
  const given = (value: unknown) => value !== undefined && value !== null;
  const hasRows = given(input.responses);
  const hasColumns = given(input.responses_columnar);
  if (hasRows && hasColumns) {
    issues.add(
      'responses_columnar',
      'invalid_structure',
      'give the responses in one form only: responses or responses_columnar',
    );
    return null;
  }
  if (!hasRows && !hasColumns) {
    issues.add('responses', 'required', 'responses (or responses_columnar) is required');
    return null;
  }
  const columns = hasRows
    ? readRows(input.responses, config, issues)
    : readColumnar(input.responses_columnar, config, issues);
  if (columns === null) return null;
  return { config, encoded: encodeResponses(columns, config, issues) };
}

/**
 * Every SPEC §1 validation error in `input`, each with the JSON path of the value at fault
 * (for example `responses[3].answers.attitude`). An empty list means `score` will not throw.
 */
export function validateScoringInput(input: unknown): ScoringIssue[] {
  const issues = new IssueList();
  prepare(input, issues);
  return issues.items;
}

/**
 * Scores a SPEC §1 input (row or columnar form) and returns the SPEC §13 output.
 * Throws `ScoringValidationError`, listing every issue, if the input breaks SPEC §1.
 */
export function score(input: ScoringInput): ScoringOutput {
  const issues = new IssueList();
  const prepared = prepare(input, issues);
  if (prepared === null || issues.length > 0) throw new ScoringValidationError(issues.items);
  return scoreEncoded(prepared.config, prepared.encoded);
}

function scoreEncoded(config: ResolvedConfig, encoded: EncodedResponses): ScoringOutput {
  const { count, layout, groupOf, weight, codes } = encoded;
  const { start, position } = layout;
  const scorer = new CellScorer(config);
  const score = new Float64Array(count);
  const finalWeight = new Float64Array(count);
  const cells: CellOutput[] = [];
  for (let c = 0; c < layout.count; c++) {
    const from = start[c] as number;
    const to = start[c + 1] as number;
    // The encoded columns are in cell order, so a cell is a slice of each: no copying.
    const buffer = CellBuffer.over(
      groupOf.subarray(from, to),
      weight.subarray(from, to),
      codes.map((column) => column.subarray(from, to)),
      score.subarray(from, to),
      finalWeight.subarray(from, to),
    );
    cells.push(
      scorer.scoreCell(
        buffer,
        encoded.departments[layout.department[c] as number] as string,
        encoded.periods[layout.period[c] as number] as string,
      ),
    );
  }
  assignRanks(cells, config.rankDecimals, config.rankMinN);
  return { z: config.z, cells, responses: responseResults(score, weight, finalWeight, position) };
}
