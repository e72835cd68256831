// SPEC §1 answer values: null/absent is missing, "N/A" is not applicable, anything else must be a
// level of the dimension's scale. Answers are encoded as small integers so that the per-cell work
// runs over typed arrays: the level index k ≥ 0, or one of the negative codes below.

import { NOT_APPLICABLE } from './types.js';

/** The respondent skipped the item (null or absent). */
export const MISSING = -1;
/** The respondent said the item does not apply ("N/A"). */
export const NOT_APPLICABLE_CODE = -2;
/** Not a valid answer for the scale; only ever seen while validating. */
export const INVALID = -3;

/** What `encodeAnswer` needs to know about a scale. */
export interface AnswerScale {
  readonly id: string;
  readonly kind: 'ordinal' | 'numeric';
  /** Ordinal: label → level index. */
  readonly labels: ReadonlyMap<string, number> | null;
  /** Numeric: the smallest and largest admissible integers. */
  readonly min: number;
  readonly max: number;
}

/** The level index k of an answer, or MISSING, NOT_APPLICABLE_CODE or INVALID. */
export function encodeAnswer(scale: AnswerScale, value: unknown): number {
  if (value === null || value === undefined) return MISSING;
  if (value === NOT_APPLICABLE) return NOT_APPLICABLE_CODE;
  if (scale.kind === 'numeric') {
    if (typeof value !== 'number' || !Number.isInteger(value)) return INVALID;
    if (value < scale.min || value > scale.max) return INVALID;
    return value - scale.min;
  }
  if (typeof value !== 'string') return INVALID;
  const k = (scale.labels as ReadonlyMap<string, number>).get(value);
  return k === undefined ? INVALID : k;
}

/** Why `value` is not an answer for `scale` (called only when `encodeAnswer` gave INVALID). */
export function describeInvalidAnswer(
  scale: AnswerScale,
  value: unknown,
): { code: 'unknown_level' | 'not_integer' | 'out_of_range' | 'invalid_type'; message: string } {
  const shown = JSON.stringify(value) ?? String(value);
  if (scale.kind === 'numeric') {
    if (typeof value !== 'number') {
      return {
        code: 'invalid_type',
        message: `${shown} is not a number; scale "${scale.id}" takes integers ${scale.min}–${scale.max}, "N/A" or null`,
      };
    }
    if (!Number.isInteger(value)) {
      return { code: 'not_integer', message: `${shown} is not an integer (scale "${scale.id}")` };
    }
    return {
      code: 'out_of_range',
      message: `${shown} is outside [${scale.min}, ${scale.max}] (scale "${scale.id}")`,
    };
  }
  if (typeof value !== 'string') {
    return {
      code: 'invalid_type',
      message: `${shown} is not a label; scale "${scale.id}" takes one of its levels, "N/A" or null`,
    };
  }
  return { code: 'unknown_level', message: `${shown} is not a level of scale "${scale.id}"` };
}
