import type { Locale } from '@minyi/schema';
import type { CellOutput as Cell } from '@minyi/scoring';

/**
 * The answer of `GET {collector}/v1/scores`: the cells of scoring SPEC §13 with everything needed
 * to show them (labels per locale, the options they were computed with, level counts). Property
 * names follow the wire format.
 */

export type Granularity = 'month' | 'quarter' | 'year';
export const GRANULARITIES: readonly Granularity[] = ['month', 'quarter', 'year'];

export type LocalizedText = Partial<Record<Locale, string>>;

// The cells are the scoring package's own output types: the dashboard reads exactly what it
// computes. Type-only imports, so nothing of the scoring code reaches the dashboard's bundle.
export type {
  CellOutput as Cell,
  DimensionOutput as DimensionCell,
  GroupOutput as GroupCell,
  NpsEstimate,
  RateEstimate,
  ScoreEstimate,
} from '@minyi/scoring';

export interface LevelLabel {
  id: string;
  label: LocalizedText;
}

export interface ScoresResponse {
  survey: { id: string; version: number; title: LocalizedText; timeZone?: string };
  period: Granularity;
  from: string | null;
  to: string | null;
  labels: {
    subjects: Record<string, LocalizedText>;
    dimensions: Record<string, LocalizedText>;
    groups: Record<string, LocalizedText>;
    levels: Record<string, LevelLabel[]>;
  };
  options: { poststratify: boolean; confidence_level: number; low_n_threshold: number };
  z: number;
  cells: Cell[];
  /** Unweighted answers per level, worst to best: period → subject → dimension → counts. */
  distributions: Record<string, Record<string, Record<string, number[]>>>;
}

/** The path is built only for a problem: most values are fine, and there are thousands. */
type Path = () => string;
type Check = (value: unknown, path: Path, problems: string[]) => void;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const expect =
  (test: (value: unknown) => boolean, what: string): Check =>
  (value, path, problems) => {
    if (!test(value)) problems.push(`${path()}: expected ${what}`);
  };

const string = expect((value) => typeof value === 'string', 'a string');
const count = expect(
  (value) => typeof value === 'number' && Number.isInteger(value) && value >= 0,
  'a count',
);
const numberOrNull = expect(
  (value) => value === null || (typeof value === 'number' && Number.isFinite(value)),
  'a number or null',
);
const boolOrNull = expect(
  (value) => value === null || typeof value === 'boolean',
  'true, false or null',
);

function fields(shape: Record<string, Check>): Check {
  return (value, path, problems) => {
    if (!isObject(value)) {
      problems.push(`${path()}: expected an object`);
      return;
    }
    for (const key in shape) shape[key]!(value[key], () => `${path()}.${key}`, problems);
  };
}

function recordOf(check: Check): Check {
  return (value, path, problems) => {
    if (!isObject(value)) {
      problems.push(`${path()}: expected an object`);
      return;
    }
    for (const key in value) check(value[key], () => `${path()}.${key}`, problems);
  };
}

function optional(check: Check): Check {
  return (value, path, problems) => {
    if (value !== undefined) check(value, path, problems);
  };
}

const checkCell = fields({
  department: string,
  period: string,
  n: count,
  n_excluded: count,
  score: fields({
    mean: numberOrNull,
    ci_low: numberOrNull,
    ci_high: numberOrNull,
    n_eff: numberOrNull,
    low_n: boolOrNull,
  }),
  dimensions: recordOf(
    fields({
      n_answered: count,
      n_na: count,
      n_missing: count,
      mean: numberOrNull,
      ci_low: numberOrNull,
      ci_high: numberOrNull,
      low_n: boolOrNull,
      rate: fields({ p: numberOrNull, wilson_low: numberOrNull, wilson_high: numberOrNull }),
      nps: optional(fields({ value: numberOrNull, ci_low: numberOrNull, ci_high: numberOrNull })),
    }),
  ),
  groups: recordOf(
    fields({
      n: count,
      mean: numberOrNull,
      ci_low: numberOrNull,
      ci_high: numberOrNull,
      n_eff: numberOrNull,
    }),
  ),
  rank: numberOrNull,
});

const checkResponse = fields({
  survey: fields({ id: string }),
  period: expect(
    (value) => GRANULARITIES.includes(value as Granularity),
    '"month", "quarter" or "year"',
  ),
  labels: fields({
    subjects: recordOf(expect(isObject, 'labels by locale')),
    dimensions: recordOf(expect(isObject, 'labels by locale')),
    groups: recordOf(expect(isObject, 'labels by locale')),
    levels: recordOf(expect(Array.isArray, 'an array of levels')),
  }),
  options: fields({
    poststratify: expect((value) => typeof value === 'boolean', 'true or false'),
    confidence_level: expect(
      (value) => typeof value === 'number' && value > 0 && value < 1,
      'a number between 0 and 1',
    ),
    low_n_threshold: expect((value) => typeof value === 'number', 'a number'),
  }),
  cells: (value, path, problems) => {
    if (!Array.isArray(value)) {
      problems.push(`${path()}: expected an array`);
      return;
    }
    value.forEach((cell, index) => {
      checkCell(cell, () => `${path()}[${index}]`, problems);
    });
  },
  distributions: recordOf(
    recordOf(
      recordOf(
        expect(
          (value) => Array.isArray(value) && value.every((item) => Number.isInteger(item)),
          'an array of counts',
        ),
      ),
    ),
  ),
});

/**
 * Checks the shape the charts rely on, so that a collector of another version is reported by what
 * it sent wrong rather than by a blank chart. The numbers themselves are the scoring package's.
 */
export function checkScores(
  json: unknown,
): { ok: true; value: ScoresResponse } | { ok: false; problems: string[] } {
  const problems: string[] = [];
  checkResponse(json, () => '$', problems);
  return problems.length === 0
    ? { ok: true, value: json as ScoresResponse }
    : { ok: false, problems };
}
