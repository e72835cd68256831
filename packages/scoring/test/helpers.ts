// Small builders for hand-checkable scoring inputs.
import type {
  AnswerValue,
  DimensionSpec,
  GroupSpec,
  ResponseRow,
  ResponsesColumnar,
  ScoringConfig,
  ScoringInput,
  ScoringOptions,
} from '../src/index.js';

export const HCP5 = ['非常不满意', '不满意', '基本满意', '满意', '非常满意'];

export const SCALES: ScoringConfig['scales'] = {
  hcp5: { type: 'ordinal', levels: HCP5 },
  stars5: { type: 'numeric', min: 1, max: 5 },
  nps11: { type: 'numeric', min: 0, max: 10 },
  acsi10: { type: 'numeric', min: 1, max: 10 },
};

/** One dimension on stars5 (1→0, 2→25, 3→50, 4→75, 5→100): the score equals that value. */
export function starsConfig(
  options: ScoringOptions = {},
  groups: GroupSpec[] = [{ id: 'A' }, { id: 'B' }],
): ScoringConfig {
  return {
    scales: SCALES,
    dimensions: [{ id: 'q', scale: 'stars5', weight: 1 }],
    groups,
    options: { rank: { min_n: 1 }, ...options },
  };
}

/** A row with department D1 and period P1 unless given. */
export function row(
  answers: Record<string, AnswerValue | undefined>,
  fields: Partial<Omit<ResponseRow, 'answers'>> = {},
): ResponseRow {
  return { department: 'D1', period: 'P1', group: 'A', ...fields, answers };
}

export function input(config: ScoringConfig, responses: ResponseRow[]): ScoringInput {
  return { ...config, responses };
}

/** The same responses in columnar form. */
export function toColumnar(
  responses: readonly ResponseRow[],
  dimensions: readonly DimensionSpec[],
): ResponsesColumnar {
  const answers: Record<string, AnswerValue[]> = {};
  for (const dimension of dimensions) {
    answers[dimension.id] = responses.map((r) => r.answers?.[dimension.id] ?? null);
  }
  return {
    id: responses.map((r, i) => r.id ?? `r${i}`),
    department: responses.map((r) => r.department),
    period: responses.map((r) => r.period),
    group: responses.map((r) => r.group),
    base_weight: responses.map((r) => r.base_weight ?? null),
    answers,
  };
}

/** Calls `visit` with every number in a JSON-like value, with its path. */
export function eachNumber(value: unknown, visit: (n: number, path: string) => void, path = '$') {
  if (typeof value === 'number') {
    visit(value, path);
  } else if (Array.isArray(value)) {
    value.forEach((v, i) => {
      eachNumber(v, visit, `${path}[${i}]`);
    });
  } else if (value !== null && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) eachNumber(v, visit, `${path}.${key}`);
  }
}

/** Relative closeness for hand-derived values. */
export function expectClose(actual: number | null | undefined, expected: number, rel = 1e-12) {
  if (typeof actual !== 'number')
    throw new Error(`expected a number near ${expected}, got ${actual}`);
  const tolerance = rel * Math.max(1, Math.abs(expected));
  if (!(Math.abs(actual - expected) <= tolerance)) {
    throw new Error(`expected ${expected} (±${tolerance}), got ${actual}`);
  }
}

/** Differences between two JSON-like values, numbers compared to `rel` relative (1e-12 abs). */
export function differences(expected: unknown, actual: unknown, rel = 1e-12, path = '$'): string[] {
  if (typeof expected === 'number' && typeof actual === 'number') {
    const ok =
      (Number.isNaN(expected) && Number.isNaN(actual)) ||
      Math.abs(actual - expected) <= rel * Math.abs(expected) + 1e-12;
    return ok ? [] : [`${path}: ${expected} vs ${actual}`];
  }
  if (
    expected === null ||
    typeof expected !== 'object' ||
    actual === null ||
    typeof actual !== 'object'
  ) {
    return Object.is(expected, actual) ? [] : [`${path}: ${String(expected)} vs ${String(actual)}`];
  }
  const keysA = Object.keys(expected);
  const keysB = Object.keys(actual);
  if (keysA.join('\u0000') !== keysB.join('\u0000')) return [`${path}: keys ${keysA} vs ${keysB}`];
  return keysA.flatMap((key) =>
    differences(
      (expected as Record<string, unknown>)[key],
      (actual as Record<string, unknown>)[key],
      rel,
      `${path}.${key}`,
    ),
  );
}
