// Reading and checking the non-answer fields of one response (SPEC §1): the cell keys, the
// respondent group and base_weight, and the pre-stratification weight they give (SPEC §5.1).
// Shared by the whole-input encoder and the streaming accumulator so both apply the same rules.

import type { ResolvedConfig } from './config.js';
import type { IssueList } from './issues.js';
import type { ResponsePaths } from './response-paths.js';

function shown(value: unknown): string {
  return value === undefined ? 'undefined' : (JSON.stringify(value) ?? String(value));
}

/** A department or period id: any string, compared exactly (SPEC conventions). */
export function readCellKey(
  value: unknown,
  name: 'department' | 'period',
  paths: ResponsePaths,
  index: number,
  issues: IssueList,
): string | null {
  if (typeof value === 'string') return value;
  issues.add(
    paths.field(index, name),
    value === undefined || value === null ? 'required' : 'invalid_type',
    `${name} must be a string, got ${shown(value)}`,
  );
  return null;
}

/** The index of the response's group, or −1 after adding an issue. */
export function readGroupIndex(
  value: unknown,
  config: ResolvedConfig,
  paths: ResponsePaths,
  index: number,
  issues: IssueList,
): number {
  if (typeof value === 'string') {
    const group = config.groupIndex.get(value);
    if (group !== undefined) return group;
    // A group declared with a broken definition has its own issue already.
    if (!config.declaredGroupIds.has(value)) {
      issues.add(paths.field(index, 'group'), 'unknown_group', `unknown group id "${value}"`);
    }
    return -1;
  }
  issues.add(
    paths.field(index, 'group'),
    value === undefined || value === null ? 'required' : 'invalid_type',
    `group must be a group id, got ${shown(value)}`,
  );
  return -1;
}

/** base_weight, defaulting to 1 (SPEC §1); NaN after adding an issue. */
export function readBaseWeight(
  value: unknown,
  paths: ResponsePaths,
  index: number,
  issues: IssueList,
): number {
  if (value === undefined || value === null) return 1;
  if (typeof value === 'number' && value > 0 && value < Number.POSITIVE_INFINITY) return value;
  issues.add(
    paths.field(index, 'base_weight'),
    typeof value === 'number' ? 'non_positive_weight' : 'invalid_type',
    `base_weight ${shown(value)} must be a finite number > 0`,
  );
  return Number.NaN;
}

/**
 * w_i = base_weight_i · γ_g (SPEC §5.1). Both factors are finite and positive, but their product
 * can still leave the doubles; that is reported instead of producing an infinite weight.
 */
export function readPreWeight(
  baseWeight: number,
  groupWeight: number,
  paths: ResponsePaths,
  index: number,
  issues: IssueList,
): number {
  const w = baseWeight * groupWeight;
  if (w > 0 && w < Number.POSITIVE_INFINITY) return w;
  if (Number.isNaN(w)) return w;
  issues.add(
    paths.field(index, 'base_weight'),
    'weight_out_of_range',
    `base_weight × group weight = ${w} is not a finite number > 0`,
  );
  return Number.NaN;
}
