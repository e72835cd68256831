// Reads and checks everything in a SPEC §1 input except the responses: scales, dimensions,
// groups and options, with the SPEC's defaults applied. The result is what the per-cell core
// needs, with lookups prepared once (label → level, id → index, value tables).

import type { AnswerScale } from './answers.js';
import { compareCodePoints } from './code-point-order.js';
import { zForConfidence } from './inverse-normal.js';
import { IssueList, ScoringValidationError } from './issues.js';
import { childPath, indexPath } from './json-path.js';
import { valueTable } from './levels.js';
import type { ScoringConfig } from './types.js';

export interface ResolvedScale extends AnswerScale {
  /** K (SPEC §2). */
  readonly levelCount: number;
  readonly scores: readonly number[] | null;
  /** v for each level, or null for a numeric scale too wide to tabulate. */
  readonly values: Float64Array | null;
}

export interface ResolvedDimension {
  readonly id: string;
  readonly scale: ResolvedScale;
  /** ω_d. */
  readonly weight: number;
  readonly topK: number;
  readonly nps: boolean;
}

export interface ResolvedGroup {
  readonly id: string;
  /** γ_g. */
  readonly weight: number;
  /** π_g, or NaN when the group has no share. */
  readonly share: number;
  /** Position in the input `groups` array (for issue paths). */
  readonly position: number;
}

export interface ResolvedConfig {
  readonly dimensions: readonly ResolvedDimension[];
  readonly dimensionIndex: ReadonlyMap<string, number>;
  readonly groups: readonly ResolvedGroup[];
  readonly groupIndex: ReadonlyMap<string, number>;
  /**
   * Ids declared in the input, including entries that failed validation: answers and responses
   * naming them are not reported again as naming an unknown id.
   */
  readonly declaredDimensionIds: ReadonlySet<string>;
  readonly declaredGroupIds: ReadonlySet<string>;
  /** Group indices in code point order of their ids: the order of each cell's `groups` object. */
  readonly groupOutputOrder: readonly number[];
  readonly poststratify: boolean;
  readonly confidenceLevel: number;
  readonly lowNThreshold: number;
  readonly rankDecimals: number;
  readonly rankMinN: number;
  /** z(L) for the confidence level (SPEC conventions). */
  readonly z: number;
}

/** Largest K accepted; level indices are stored in 32-bit integers. */
const MAX_LEVELS = 0x7fffffff;
/** Beyond this many decimals the rank key exceeds the integers a double holds exactly. */
const MAX_RANK_DECIMALS = 15;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isFiniteNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}

function describe(value: unknown): string {
  if (value === undefined) return 'undefined';
  if (typeof value === 'number' && !Number.isFinite(value)) return String(value);
  const text = JSON.stringify(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/**
 * A weight must be a finite number > 0 (SPEC §1). `undefined`/`null` take `fallback`; with no
 * fallback the weight is required.
 */
function readPositiveWeight(
  value: unknown,
  path: string,
  fallback: number | null,
  issues: IssueList,
): number {
  if (value === undefined || value === null) {
    if (fallback !== null) return fallback;
    issues.add(path, 'required', 'a weight is required');
    return Number.NaN;
  }
  if (typeof value !== 'number') {
    issues.add(path, 'invalid_type', `${describe(value)} is not a number`);
    return Number.NaN;
  }
  if (!(value > 0) || !Number.isFinite(value)) {
    issues.add(
      path,
      'non_positive_weight',
      `weight ${describe(value)} must be a finite number > 0`,
    );
    return Number.NaN;
  }
  return value;
}

function resolveScale(
  id: string,
  raw: unknown,
  path: string,
  issues: IssueList,
): ResolvedScale | null {
  if (!isRecord(raw)) {
    issues.add(path, 'invalid_type', 'a scale must be an object');
    return null;
  }
  const before = issues.length;
  let kind: 'ordinal' | 'numeric';
  let levelCount = 0;
  let labels: Map<string, number> | null = null;
  let min = 0;
  let max = 0;
  if (raw.type === 'ordinal') {
    kind = 'ordinal';
    const levels = raw.levels;
    const levelsPath = childPath(path, 'levels');
    if (!Array.isArray(levels) || levels.length === 0) {
      issues.add(levelsPath, 'invalid_type', 'an ordinal scale needs a non-empty array of labels');
    } else {
      labels = new Map();
      levels.forEach((label, k) => {
        if (typeof label !== 'string') {
          issues.add(
            indexPath(levelsPath, k),
            'invalid_type',
            `${describe(label)} is not a string`,
          );
        } else if (labels?.has(label)) {
          issues.add(indexPath(levelsPath, k), 'invalid_structure', `label "${label}" is repeated`);
        } else {
          labels?.set(label, k);
        }
      });
      levelCount = levels.length;
    }
  } else if (raw.type === 'numeric') {
    kind = 'numeric';
    const minOk = Number.isSafeInteger(raw.min);
    const maxOk = Number.isSafeInteger(raw.max);
    if (!minOk) issues.add(childPath(path, 'min'), 'invalid_type', 'min must be an integer');
    if (!maxOk) issues.add(childPath(path, 'max'), 'invalid_type', 'max must be an integer');
    if (minOk && maxOk) {
      min = raw.min as number;
      max = raw.max as number;
      if (max < min) {
        issues.add(childPath(path, 'max'), 'invalid_scale', `max ${max} is below min ${min}`);
      } else if (max - min + 1 > MAX_LEVELS) {
        issues.add(path, 'invalid_scale', `a numeric scale may have at most ${MAX_LEVELS} levels`);
      } else {
        levelCount = max - min + 1;
      }
    }
  } else {
    issues.add(
      childPath(path, 'type'),
      'invalid_type',
      `scale type ${describe(raw.type)} is neither "ordinal" nor "numeric"`,
    );
    return null;
  }

  let scores: number[] | null = null;
  if (raw.scores !== undefined && raw.scores !== null) {
    const scoresPath = childPath(path, 'scores');
    if (!Array.isArray(raw.scores)) {
      issues.add(scoresPath, 'invalid_type', 'scores must be an array of numbers');
    } else {
      raw.scores.forEach((value, k) => {
        if (!isFiniteNumber(value)) {
          issues.add(
            indexPath(scoresPath, k),
            'invalid_type',
            `${describe(value)} is not a number`,
          );
        }
      });
      if (levelCount > 0 && raw.scores.length !== levelCount) {
        issues.add(
          scoresPath,
          'scores_length',
          `scores has ${raw.scores.length} entries but the scale has K = ${levelCount} levels`,
        );
      }
      scores = raw.scores as number[];
    }
  }
  // §2 divides by K − 1: a single level has no position between worst and best unless scored.
  if (levelCount === 1 && scores === null) {
    issues.add(path, 'invalid_scale', 'a scale with one level needs explicit scores');
  }
  if (issues.length > before) return null;
  return {
    id,
    kind,
    labels,
    min: kind === 'numeric' ? min : 0,
    max: kind === 'numeric' ? max : levelCount - 1,
    levelCount,
    scores,
    values: valueTable(levelCount, scores),
  };
}

function resolveDimensions(
  raw: unknown,
  scales: ReadonlyMap<string, ResolvedScale | null>,
  declared: Set<string>,
  issues: IssueList,
): ResolvedDimension[] {
  const out: ResolvedDimension[] = [];
  if (!Array.isArray(raw)) {
    issues.add(
      'dimensions',
      raw === undefined ? 'required' : 'invalid_type',
      'dimensions must be an array',
    );
    return out;
  }
  const seen = new Set<string>();
  raw.forEach((dim, position) => {
    const path = indexPath('dimensions', position);
    if (!isRecord(dim)) {
      issues.add(path, 'invalid_type', 'a dimension must be an object');
      return;
    }
    const before = issues.length;
    const id = dim.id;
    if (typeof id !== 'string') {
      issues.add(childPath(path, 'id'), 'invalid_type', 'a dimension id must be a string');
    } else if (seen.has(id)) {
      issues.add(childPath(path, 'id'), 'invalid_structure', `dimension id "${id}" is repeated`);
    } else {
      seen.add(id);
      declared.add(id);
    }
    let scale: ResolvedScale | null = null;
    if (typeof dim.scale !== 'string') {
      issues.add(childPath(path, 'scale'), 'invalid_type', 'scale must be the id of a scale');
    } else if (!scales.has(dim.scale)) {
      issues.add(childPath(path, 'scale'), 'unknown_scale', `unknown scale id "${dim.scale}"`);
    } else {
      scale = scales.get(dim.scale) ?? null;
    }
    const weight = readPositiveWeight(dim.weight, childPath(path, 'weight'), null, issues);

    let topK = 2;
    if (dim.top_k !== undefined && dim.top_k !== null) {
      if (typeof dim.top_k !== 'number' || !Number.isInteger(dim.top_k)) {
        issues.add(childPath(path, 'top_k'), 'invalid_type', 'top_k must be an integer');
      } else {
        topK = dim.top_k;
      }
    }
    if (scale !== null && (topK < 1 || topK > scale.levelCount)) {
      issues.add(
        childPath(path, 'top_k'),
        'top_k_out_of_range',
        `top_k ${topK} is outside 1..${scale.levelCount} (K of scale "${scale.id}")`,
      );
    }

    let nps = false;
    if (dim.nps !== undefined && dim.nps !== null) {
      if (typeof dim.nps !== 'boolean') {
        issues.add(childPath(path, 'nps'), 'invalid_type', 'nps must be true or false');
      } else {
        nps = dim.nps;
      }
    }
    if (
      nps &&
      scale !== null &&
      !(scale.kind === 'numeric' && scale.min === 0 && scale.max === 10)
    ) {
      issues.add(
        childPath(path, 'nps'),
        'nps_scale',
        `nps needs a numeric 0–10 scale, but scale "${scale.id}" is not one`,
      );
    }
    if (issues.length === before && scale !== null && typeof id === 'string') {
      out.push({ id, scale, weight, topK, nps });
    }
  });
  return out;
}

function resolveGroups(raw: unknown, declared: Set<string>, issues: IssueList): ResolvedGroup[] {
  const out: ResolvedGroup[] = [];
  if (raw === undefined || raw === null) return out;
  if (!Array.isArray(raw)) {
    issues.add('groups', 'invalid_type', 'groups must be an array');
    return out;
  }
  const seen = new Set<string>();
  raw.forEach((group, position) => {
    const path = indexPath('groups', position);
    if (!isRecord(group)) {
      issues.add(path, 'invalid_type', 'a group must be an object');
      return;
    }
    const before = issues.length;
    const id = group.id;
    if (typeof id !== 'string') {
      issues.add(childPath(path, 'id'), 'invalid_type', 'a group id must be a string');
    } else if (seen.has(id)) {
      issues.add(childPath(path, 'id'), 'invalid_structure', `group id "${id}" is repeated`);
    } else {
      seen.add(id);
      declared.add(id);
    }
    if (group.label !== undefined && group.label !== null && typeof group.label !== 'string') {
      issues.add(childPath(path, 'label'), 'invalid_type', 'a label must be a string');
    }
    const weight = readPositiveWeight(group.weight, childPath(path, 'weight'), 1, issues);
    let share = Number.NaN;
    const rawShare = group.population_share;
    if (rawShare !== undefined && rawShare !== null) {
      const sharePath = childPath(path, 'population_share');
      if (!isFiniteNumber(rawShare)) {
        issues.add(sharePath, 'invalid_type', `${describe(rawShare)} is not a finite number`);
      } else if (rawShare < 0) {
        issues.add(sharePath, 'negative_share', `population_share ${rawShare} is negative`);
      } else {
        share = rawShare;
      }
    }
    if (issues.length === before && typeof id === 'string') {
      out.push({ id, weight, share, position });
    }
  });
  return out;
}

interface ResolvedOptions {
  poststratify: boolean;
  confidenceLevel: number;
  lowNThreshold: number;
  rankDecimals: number;
  rankMinN: number;
}

function resolveOptions(raw: unknown, issues: IssueList): ResolvedOptions {
  const options: ResolvedOptions = {
    poststratify: false,
    confidenceLevel: 0.95,
    lowNThreshold: 30,
    rankDecimals: 2,
    rankMinN: 30,
  };
  if (raw === undefined || raw === null) return options;
  if (!isRecord(raw)) {
    issues.add('options', 'invalid_type', 'options must be an object');
    return options;
  }
  const given = (value: unknown) => value !== undefined && value !== null;
  if (given(raw.poststratify)) {
    if (typeof raw.poststratify !== 'boolean') {
      issues.add('options.poststratify', 'invalid_type', 'poststratify must be true or false');
    } else {
      options.poststratify = raw.poststratify;
    }
  }
  if (given(raw.confidence_level)) {
    const level = raw.confidence_level;
    if (typeof level !== 'number' || !(level > 0 && level < 1)) {
      issues.add(
        'options.confidence_level',
        'invalid_option',
        `confidence_level ${describe(level)} must be a number strictly between 0 and 1`,
      );
    } else {
      options.confidenceLevel = level;
    }
  }
  if (given(raw.low_n_threshold)) {
    if (!isFiniteNumber(raw.low_n_threshold)) {
      issues.add(
        'options.low_n_threshold',
        'invalid_option',
        'low_n_threshold must be a finite number',
      );
    } else {
      options.lowNThreshold = raw.low_n_threshold;
    }
  }
  if (given(raw.rank)) {
    const rank = raw.rank;
    if (!isRecord(rank)) {
      issues.add('options.rank', 'invalid_type', 'rank must be an object');
    } else {
      if (given(rank.decimals)) {
        const decimals = rank.decimals;
        if (
          typeof decimals !== 'number' ||
          !Number.isInteger(decimals) ||
          decimals < 0 ||
          decimals > MAX_RANK_DECIMALS
        ) {
          issues.add(
            'options.rank.decimals',
            'invalid_option',
            `decimals must be an integer from 0 to ${MAX_RANK_DECIMALS}`,
          );
        } else {
          options.rankDecimals = decimals;
        }
      }
      if (given(rank.min_n)) {
        if (!isFiniteNumber(rank.min_n)) {
          issues.add('options.rank.min_n', 'invalid_option', 'min_n must be a finite number');
        } else {
          options.rankMinN = rank.min_n;
        }
      }
    }
  }
  return options;
}

/**
 * Reads the configuration part of an input, adding an issue for every SPEC §1 rule it breaks.
 * Returns null if the input is not even an object.
 */
export function resolveConfig(input: unknown, issues: IssueList): ResolvedConfig | null {
  if (!isRecord(input)) {
    issues.add('$', 'invalid_type', 'the scoring input must be a JSON object');
    return null;
  }
  const scales = new Map<string, ResolvedScale | null>();
  if (!isRecord(input.scales)) {
    issues.add(
      'scales',
      input.scales === undefined ? 'required' : 'invalid_type',
      'scales must be an object keyed by scale id',
    );
  } else {
    for (const [id, raw] of Object.entries(input.scales)) {
      // A declared but broken scale is kept as null, so dimensions using it are not also
      // reported as naming an unknown scale.
      scales.set(id, resolveScale(id, raw, childPath('scales', id), issues));
    }
  }
  const declaredDimensionIds = new Set<string>();
  const declaredGroupIds = new Set<string>();
  const dimensions = resolveDimensions(input.dimensions, scales, declaredDimensionIds, issues);
  const groups = resolveGroups(input.groups, declaredGroupIds, issues);
  const options = resolveOptions(input.options, issues);

  const groupOutputOrder = groups.map((_, index) => index);
  groupOutputOrder.sort((a, b) => compareCodePoints(groups[a]?.id ?? '', groups[b]?.id ?? ''));
  return {
    dimensions,
    dimensionIndex: new Map(dimensions.map((dim, index) => [dim.id, index])),
    groups,
    groupIndex: new Map(groups.map((group, index) => [group.id, index])),
    declaredDimensionIds,
    declaredGroupIds,
    groupOutputOrder,
    ...options,
    z: zForConfidence(options.confidenceLevel),
  };
}

/** Resolves a configuration or throws `ScoringValidationError` with every issue. */
export function resolveConfigOrThrow(config: ScoringConfig | unknown): ResolvedConfig {
  const issues = new IssueList();
  const resolved = resolveConfig(config, issues);
  if (resolved === null || issues.length > 0) throw new ScoringValidationError(issues.items);
  return resolved;
}
