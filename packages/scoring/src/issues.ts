// SPEC §1: when any validation rule is broken nothing is computed, and every error is reported
// with the JSON path of the value at fault.

/** Machine-readable kind of a validation issue. */
export type ScoringIssueCode =
  /** A value has the wrong JSON type or shape (not one of the SPEC's rules, but needed to read it). */
  | 'invalid_type'
  /** A required property is absent. */
  | 'required'
  /** Two entries share an id, or both/neither response forms are given, or arrays differ in length. */
  | 'invalid_structure'
  | 'unknown_scale'
  | 'unknown_dimension'
  | 'unknown_group'
  /** A label that is not in the scale's `levels`. */
  | 'unknown_level'
  /** A numeric answer that is not an integer. */
  | 'not_integer'
  /** A numeric answer outside [min, max]. */
  | 'out_of_range'
  /** A dimension weight, base_weight or group weight ≤ 0 (or not finite). */
  | 'non_positive_weight'
  /** base_weight × group weight overflows to infinity or underflows to 0. */
  | 'weight_out_of_range'
  | 'top_k_out_of_range'
  | 'nps_scale'
  | 'scores_length'
  | 'negative_share'
  /** `poststratify: true` while a group with responses has no share or a share of 0. */
  | 'missing_share'
  /** An option outside its domain (for example confidence_level not in (0, 1)). */
  | 'invalid_option'
  /** A scale whose levels cannot be normalised (SPEC §2), for example K = 1 without scores. */
  | 'invalid_scale'
  /** Responses given to an accumulator for a cell that was already closed. */
  | 'cell_not_contiguous';

export interface ScoringIssue {
  /** JSON path of the value at fault, e.g. `responses[3].answers.attitude`. */
  path: string;
  code: ScoringIssueCode;
  message: string;
}

/** Thrown by `score` (and the accumulator) when the input breaks SPEC §1; carries every issue. */
export class ScoringValidationError extends Error {
  readonly issues: readonly ScoringIssue[];

  constructor(issues: readonly ScoringIssue[]) {
    const shown = issues.slice(0, 5).map((issue) => `${issue.path}: ${issue.message}`);
    const more = issues.length > shown.length ? ` (and ${issues.length - shown.length} more)` : '';
    super(`invalid scoring input: ${shown.join('; ')}${more}`);
    this.name = 'ScoringValidationError';
    this.issues = issues;
  }
}

/** Collects issues while a value is being read. */
export class IssueList {
  readonly items: ScoringIssue[] = [];

  add(path: string, code: ScoringIssueCode, message: string): void {
    this.items.push({ path, code, message });
  }

  get length(): number {
    return this.items.length;
  }
}
