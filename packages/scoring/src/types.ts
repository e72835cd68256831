// The JSON shapes of SPEC §1 (input) and §13 (output). Property names follow the SPEC's JSON
// (snake_case) because these objects are the wire format, not an internal model.

/** An answer (SPEC §1): `null`/absent = missing, `"N/A"` = not applicable, else a level. */
export type AnswerValue = string | number | null;

/** The string that marks a "not applicable" answer (SPEC §1). */
export const NOT_APPLICABLE = 'N/A';

export interface OrdinalScale {
  type: 'ordinal';
  /** Labels from worst to best (SPEC §2). */
  levels: string[];
  /** Optional explicit 0–100 value per level, same length as `levels`. */
  scores?: number[];
}

export interface NumericScale {
  type: 'numeric';
  min: number;
  max: number;
  /** Optional explicit 0–100 value per level, length `max − min + 1`. */
  scores?: number[];
}

export type Scale = OrdinalScale | NumericScale;

export interface DimensionSpec {
  id: string;
  /** Id of a scale in `scales`. */
  scale: string;
  /** ω_d (SPEC §3); need not sum to 1 over the dimensions. */
  weight: number;
  /** Top-k box for the satisfaction rate (SPEC §8). Default 2. */
  top_k?: number;
  /** Report NPS for this dimension (numeric 0–10 scales only). Default false. */
  nps?: boolean;
}

export interface GroupSpec {
  id: string;
  label?: string;
  /** γ_g (SPEC §5.1). Default 1. */
  weight?: number;
  /** π_g (SPEC §5.2), used as given, never renormalised. */
  population_share?: number | null;
}

export interface RankOptions {
  decimals?: number;
  min_n?: number;
}

export interface ScoringOptions {
  poststratify?: boolean;
  confidence_level?: number;
  low_n_threshold?: number;
  rank?: RankOptions;
}

/** One response in row form. */
export interface ResponseRow {
  id?: string | number;
  department: string;
  period: string;
  group: string;
  base_weight?: number | null;
  answers?: Record<string, AnswerValue | undefined>;
}

/** A numeric column may be a plain array or a typed array. */
export type NumberColumn = ArrayLike<number | null>;

/** Responses in columnar form: row i of every array together forms response i. */
export interface ResponsesColumnar {
  id?: ArrayLike<string | number>;
  department: ArrayLike<string>;
  period: ArrayLike<string>;
  group: ArrayLike<string>;
  base_weight?: NumberColumn;
  answers?: Record<string, ArrayLike<AnswerValue>>;
}

/** Everything in the SPEC §1 input except the responses. */
export interface ScoringConfig {
  scales: Record<string, Scale>;
  dimensions: DimensionSpec[];
  groups?: GroupSpec[];
  options?: ScoringOptions;
}

/** SPEC §1 input: the configuration plus responses in exactly one of the two forms. */
export interface ScoringInput extends ScoringConfig {
  responses?: ResponseRow[];
  responses_columnar?: ResponsesColumnar;
}

// ---- output (SPEC §13) ----

export interface ScoreEstimate {
  mean: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n: number;
  n_eff: number | null;
  deff_kish: number | null;
  low_n: boolean | null;
}

export interface RateEstimate {
  top_k: number;
  p: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  wilson_low: number | null;
  wilson_high: number | null;
  n_eff: number | null;
}

export interface NpsEstimate {
  value: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
}

export interface DimensionOutput {
  n_answered: number;
  n_na: number;
  n_missing: number;
  mean: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n_eff: number | null;
  low_n: boolean | null;
  rate: RateEstimate;
  nps?: NpsEstimate;
}

export interface GroupOutput {
  n: number;
  sum_w: number | null;
  mean: number | null;
  se: number | null;
  ci_low: number | null;
  ci_high: number | null;
  n_eff: number | null;
}

export interface CellOutput {
  department: string;
  period: string;
  n: number;
  n_excluded: number;
  sum_w: number | null;
  score: ScoreEstimate;
  index_of_means: number | null;
  dimensions: Record<string, DimensionOutput>;
  groups: Record<string, GroupOutput>;
  rank: number | null;
}

/** Per-response results (SPEC §10), columnar, in input order. */
export interface ResponseResults {
  valid: boolean[];
  score: (number | null)[];
  weight: (number | null)[];
  final_weight: (number | null)[];
}

export interface ScoringOutput {
  z: number;
  cells: CellOutput[];
  responses: ResponseResults;
}
