// @minyi/scoring: weighted satisfaction scores for Minyi surveys, as defined by the scoring
// SPEC v1.0 (shared/scoring/SPEC.md). Pure TypeScript without dependencies; runs in Node and in
// browsers. The `minyi-score` command lives in cli.ts and is not part of this entry point.

export {
  type AccumulatedOutput,
  type CellResponses,
  ScoringAccumulator,
  type ScoringAccumulatorOptions,
} from './accumulator.js';
export { compareCodePoints } from './code-point-order.js';
export { inverseNormalCdf, zForConfidence } from './inverse-normal.js';
export { type ScoringIssue, type ScoringIssueCode, ScoringValidationError } from './issues.js';
export { score, validateScoringInput } from './score.js';
export { serializeOutput } from './serialize.js';
export * from './types.js';
export { wilsonInterval } from './wilson.js';

/** Version of the scoring SPEC this package implements. */
export const SPEC_VERSION = '1.0';
