// SPEC §1 validation: every rule is an error, nothing is computed, and every error names the
// JSON path of the value at fault.
import { describe, expect, test } from 'vitest';
import {
  type ScoringConfig,
  type ScoringInput,
  type ScoringIssue,
  ScoringValidationError,
  score,
  validateScoringInput,
} from '../src/index.js';
import { HCP5, input, row, SCALES, toColumnar } from './helpers.js';

const CONFIG: ScoringConfig = {
  scales: { ...SCALES, hcp5gx: { type: 'ordinal', levels: HCP5, scores: [0, 30, 60, 80, 100] } },
  dimensions: [
    { id: 'attitude', scale: 'hcp5', weight: 0.3 },
    { id: 'efficiency', scale: 'stars5', weight: 0.3 },
    { id: 'outcome', scale: 'nps11', weight: 0.2, nps: true },
  ],
  groups: [
    { id: 'RES', weight: 1.5, population_share: 0.4 },
    { id: 'OTHER', population_share: 0.6 },
  ],
};

const GOOD = [
  row({ attitude: '满意', efficiency: 4, outcome: 9 }, { group: 'RES' }),
  row({ attitude: 'N/A', efficiency: null, outcome: 10 }, { group: 'OTHER' }),
];

function issuesOf(value: unknown): Pick<ScoringIssue, 'path' | 'code'>[] {
  return validateScoringInput(value).map(({ path, code }) => ({ path, code }));
}

function withConfig(patch: Partial<ScoringConfig>, responses = GOOD): ScoringInput {
  return input({ ...CONFIG, ...patch }, responses);
}

describe('valid input', () => {
  test('has no issues in row and columnar form', () => {
    expect(validateScoringInput(input(CONFIG, GOOD))).toEqual([]);
    const columnar = { ...CONFIG, responses_columnar: toColumnar(GOOD, CONFIG.dimensions) };
    expect(validateScoringInput(columnar)).toEqual([]);
  });

  test('an empty response list is valid and gives no cells', () => {
    expect(score(input(CONFIG, []))).toEqual({
      z: expect.any(Number),
      cells: [],
      responses: { valid: [], score: [], weight: [], final_weight: [] },
    });
  });
});

describe('SPEC §1 rules, each with its path', () => {
  test('an unknown scale id', () => {
    const dimensions = [{ id: 'attitude', scale: 'hcp7', weight: 1 }];
    const responses = [row({ attitude: null, x: null }, { group: 'RES' })];
    expect(issuesOf(withConfig({ dimensions }, responses))).toEqual([
      { path: 'dimensions[0].scale', code: 'unknown_scale' },
      // The answer key of a dimension that failed validation is not reported again...
      // ...but a key that names no dimension at all is.
      { path: 'responses[0].answers.x', code: 'unknown_dimension' },
    ]);
  });

  test('an unknown dimension id, in row and in columnar form', () => {
    const responses = [row({ attitude: '满意', speed: 3 }, { group: 'RES' })];
    expect(issuesOf(input(CONFIG, responses))).toEqual([
      { path: 'responses[0].answers.speed', code: 'unknown_dimension' },
    ]);
    const columns = toColumnar(responses, [
      ...CONFIG.dimensions,
      { id: 'speed', scale: 'stars5', weight: 1 },
    ]);
    expect(issuesOf({ ...CONFIG, responses_columnar: columns })).toEqual([
      { path: 'responses_columnar.answers.speed', code: 'unknown_dimension' },
    ]);
  });

  test('an unknown group id, in row and in columnar form', () => {
    const responses = [...GOOD, row({ attitude: '满意' }, { group: 'res' })];
    expect(issuesOf(input(CONFIG, responses))).toEqual([
      { path: 'responses[2].group', code: 'unknown_group' },
    ]);
    expect(
      issuesOf({ ...CONFIG, responses_columnar: toColumnar(responses, CONFIG.dimensions) }),
    ).toEqual([{ path: 'responses_columnar.group[2]', code: 'unknown_group' }]);
  });

  test('a label that is not in levels (exact match: no trimming)', () => {
    const responses = [
      ...GOOD,
      row({ attitude: '满意 ' }, { group: 'RES' }),
      row({ attitude: 'n/a' }, { group: 'RES' }),
      row({ attitude: 4 }, { group: 'RES' }),
    ];
    expect(issuesOf(input(CONFIG, responses))).toEqual([
      { path: 'responses[2].answers.attitude', code: 'unknown_level' },
      { path: 'responses[3].answers.attitude', code: 'unknown_level' },
      { path: 'responses[4].answers.attitude', code: 'invalid_type' },
    ]);
    expect(
      issuesOf({ ...CONFIG, responses_columnar: toColumnar(responses, CONFIG.dimensions) }),
    ).toEqual([
      { path: 'responses_columnar.answers.attitude[2]', code: 'unknown_level' },
      { path: 'responses_columnar.answers.attitude[3]', code: 'unknown_level' },
      { path: 'responses_columnar.answers.attitude[4]', code: 'invalid_type' },
    ]);
  });

  test('a numeric answer that is not an integer or is outside [min, max]', () => {
    const responses = [
      row({ efficiency: 3.5 }, { group: 'RES' }),
      row({ efficiency: 0 }, { group: 'RES' }),
      row({ efficiency: 6 }, { group: 'RES' }),
      row({ efficiency: '4' }, { group: 'RES' }),
      row({ outcome: -1 }, { group: 'RES' }),
      row({ outcome: 11 }, { group: 'RES' }),
      row({ efficiency: 1, outcome: 0 }, { group: 'RES' }),
      row({ efficiency: 5, outcome: 10 }, { group: 'RES' }),
    ];
    expect(issuesOf(input(CONFIG, responses))).toEqual([
      { path: 'responses[0].answers.efficiency', code: 'not_integer' },
      { path: 'responses[1].answers.efficiency', code: 'out_of_range' },
      { path: 'responses[2].answers.efficiency', code: 'out_of_range' },
      { path: 'responses[3].answers.efficiency', code: 'invalid_type' },
      { path: 'responses[4].answers.outcome', code: 'out_of_range' },
      { path: 'responses[5].answers.outcome', code: 'out_of_range' },
    ]);
  });

  test('a dimension weight ≤ 0', () => {
    const dimensions = [
      { id: 'attitude', scale: 'hcp5', weight: 0 },
      { id: 'efficiency', scale: 'stars5', weight: -0.3 },
      { id: 'outcome', scale: 'nps11', weight: 0.2 },
    ];
    expect(issuesOf(withConfig({ dimensions }))).toEqual([
      { path: 'dimensions[0].weight', code: 'non_positive_weight' },
      { path: 'dimensions[1].weight', code: 'non_positive_weight' },
    ]);
  });

  test('a base_weight ≤ 0, in row and in columnar form', () => {
    const responses = [
      row({ attitude: '满意' }, { group: 'RES', base_weight: 0 }),
      row({ attitude: '满意' }, { group: 'RES', base_weight: -2 }),
      row({ attitude: '满意' }, { group: 'RES', base_weight: 0.5 }),
    ];
    expect(issuesOf(input(CONFIG, responses))).toEqual([
      { path: 'responses[0].base_weight', code: 'non_positive_weight' },
      { path: 'responses[1].base_weight', code: 'non_positive_weight' },
    ]);
    expect(
      issuesOf({ ...CONFIG, responses_columnar: toColumnar(responses, CONFIG.dimensions) }),
    ).toEqual([
      { path: 'responses_columnar.base_weight[0]', code: 'non_positive_weight' },
      { path: 'responses_columnar.base_weight[1]', code: 'non_positive_weight' },
    ]);
  });

  test('a group weight ≤ 0', () => {
    const groups = [
      { id: 'RES', weight: 0, population_share: 0.4 },
      { id: 'OTHER', weight: -1 },
    ];
    expect(issuesOf(withConfig({ groups }, []))).toEqual([
      { path: 'groups[0].weight', code: 'non_positive_weight' },
      { path: 'groups[1].weight', code: 'non_positive_weight' },
    ]);
  });

  test('top_k outside 1..K', () => {
    const dimensions = [
      { id: 'attitude', scale: 'hcp5', weight: 1, top_k: 0 },
      { id: 'efficiency', scale: 'stars5', weight: 1, top_k: 6 },
      { id: 'outcome', scale: 'nps11', weight: 1, top_k: 11 },
      { id: 'other', scale: 'acsi10', weight: 1, top_k: 1.5 },
    ];
    expect(issuesOf(withConfig({ dimensions }, []))).toEqual([
      { path: 'dimensions[0].top_k', code: 'top_k_out_of_range' },
      { path: 'dimensions[1].top_k', code: 'top_k_out_of_range' },
      { path: 'dimensions[3].top_k', code: 'invalid_type' },
    ]);
  });

  test('nps: true on a scale that is not numeric 0–10', () => {
    const dimensions = [
      { id: 'a', scale: 'acsi10', weight: 1, nps: true },
      { id: 'b', scale: 'hcp5', weight: 1, nps: true },
      { id: 'c', scale: 'nps11', weight: 1, nps: true },
    ];
    expect(issuesOf(withConfig({ dimensions }, []))).toEqual([
      { path: 'dimensions[0].nps', code: 'nps_scale' },
      { path: 'dimensions[1].nps', code: 'nps_scale' },
    ]);
  });

  test('scores whose length is not K', () => {
    const scales = {
      ...SCALES,
      hcp5gx: { type: 'ordinal' as const, levels: HCP5, scores: [0, 30, 60, 100] },
      stars5s: { type: 'numeric' as const, min: 1, max: 5, scores: [0, 1, 2, 3, 4, 5] },
    };
    expect(issuesOf(withConfig({ scales }, []))).toEqual([
      { path: 'scales.hcp5gx.scores', code: 'scores_length' },
      { path: 'scales.stars5s.scores', code: 'scores_length' },
    ]);
  });

  test('population_share < 0', () => {
    const groups = [
      { id: 'RES', population_share: -0.1 },
      { id: 'OTHER', population_share: 0 },
    ];
    expect(issuesOf(withConfig({ groups }))).toEqual([
      { path: 'groups[0].population_share', code: 'negative_share' },
    ]);
  });

  test('poststratify while a group that has responses has no share or a share of 0', () => {
    const groups = [
      { id: 'RES', population_share: 0.4 },
      { id: 'OTHER' },
      { id: 'ZERO', population_share: 0 },
      { id: 'UNUSED' },
    ];
    const responses = [...GOOD, row({ attitude: '满意' }, { group: 'ZERO' })];
    const options = { poststratify: true };
    expect(issuesOf(withConfig({ groups, options }, responses))).toEqual([
      { path: 'groups[1].population_share', code: 'missing_share' },
      { path: 'groups[2].population_share', code: 'missing_share' },
    ]);
    // Without post-stratification the shares are not needed.
    expect(issuesOf(withConfig({ groups }, responses))).toEqual([]);
  });
});

describe('reporting', () => {
  test('score throws ScoringValidationError carrying every issue', () => {
    const responses = [
      row({ attitude: '好' }, { group: 'RES' }),
      row({ efficiency: 9 }, { group: 'NOPE' }),
    ];
    let error: unknown;
    try {
      score(input(CONFIG, responses));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ScoringValidationError);
    const issues = (error as ScoringValidationError).issues;
    expect(issues.map((issue) => issue.path)).toEqual([
      'responses[1].group',
      'responses[0].answers.attitude',
      'responses[1].answers.efficiency',
    ]);
    for (const issue of issues) expect(issue.message.length).toBeGreaterThan(0);
    expect((error as Error).message).toContain('responses[1].group');
  });

  test('configuration and response issues are reported together', () => {
    const dimensions = [
      { id: 'attitude', scale: 'hcp5', weight: 1, top_k: 9 },
      { id: 'efficiency', scale: 'stars5', weight: 1 },
    ];
    const responses = [row({ efficiency: 7 }, { group: 'RES' })];
    expect(issuesOf(withConfig({ dimensions }, responses))).toEqual([
      { path: 'dimensions[0].top_k', code: 'top_k_out_of_range' },
      { path: 'responses[0].answers.efficiency', code: 'out_of_range' },
    ]);
  });
});

describe('shape of the input', () => {
  test('not an object', () => {
    expect(issuesOf(null)).toEqual([{ path: '$', code: 'invalid_type' }]);
    expect(issuesOf([])).toEqual([{ path: '$', code: 'invalid_type' }]);
  });

  test('both response forms, or neither', () => {
    const both = {
      ...input(CONFIG, GOOD),
      responses_columnar: toColumnar(GOOD, CONFIG.dimensions),
    };
    expect(issuesOf(both)).toEqual([{ path: 'responses_columnar', code: 'invalid_structure' }]);
    expect(issuesOf({ ...CONFIG })).toEqual([{ path: 'responses', code: 'required' }]);
  });

  test('columns of different lengths', () => {
    const columns = toColumnar(GOOD, CONFIG.dimensions);
    const short = {
      ...columns,
      period: ['P1'],
      answers: { ...columns.answers, attitude: ['满意'] },
    };
    expect(issuesOf({ ...CONFIG, responses_columnar: short })).toEqual([
      { path: 'responses_columnar.period', code: 'invalid_structure' },
      { path: 'responses_columnar.answers.attitude', code: 'invalid_structure' },
    ]);
  });

  test('missing department, period or group', () => {
    const responses = [
      { period: 'P1', group: 'RES', answers: {} },
      { department: 'D1', answers: {} },
    ];
    expect(issuesOf(input(CONFIG, responses as never))).toEqual([
      { path: 'responses[0].department', code: 'required' },
      { path: 'responses[1].period', code: 'required' },
      { path: 'responses[1].group', code: 'required' },
    ]);
  });

  test('options out of their domain', () => {
    const options = { confidence_level: 1, low_n_threshold: Number.NaN, rank: { decimals: -1 } };
    expect(issuesOf(withConfig({ options }))).toEqual([
      { path: 'options.confidence_level', code: 'invalid_option' },
      { path: 'options.low_n_threshold', code: 'invalid_option' },
      { path: 'options.rank.decimals', code: 'invalid_option' },
    ]);
  });

  test('repeated ids and a one-level scale without scores', () => {
    const scales = { one: { type: 'ordinal' as const, levels: ['only'] } };
    const dimensions = [
      { id: 'q', scale: 'one', weight: 1, top_k: 1 },
      { id: 'q', scale: 'one', weight: 1, top_k: 1 },
    ];
    const groups = [{ id: 'G' }, { id: 'G' }];
    expect(issuesOf({ scales, dimensions, groups, responses: [] })).toEqual([
      { path: 'scales.one', code: 'invalid_scale' },
      { path: 'dimensions[1].id', code: 'invalid_structure' },
      { path: 'groups[1].id', code: 'invalid_structure' },
    ]);
  });

  test('keys that are not identifiers are quoted in paths', () => {
    const dimensions = [{ id: 'a.b', scale: 'stars5', weight: 1 }];
    const responses = [row({ 'a.b': 9 }, { group: 'RES' })];
    expect(issuesOf(withConfig({ dimensions }, responses))).toEqual([
      { path: 'responses[0].answers["a.b"]', code: 'out_of_range' },
    ]);
  });

  test('a dimension id such as "constructor" does not read Object.prototype', () => {
    const dimensions = [{ id: 'constructor', scale: 'stars5', weight: 1 }];
    const responses = [
      row({}, { group: 'RES' }),
      row({ constructor: 3 } as never, { group: 'RES' }),
    ];
    expect(issuesOf(withConfig({ dimensions }, responses))).toEqual([]);
    const out = score(withConfig({ dimensions }, responses));
    expect(out.responses.valid).toEqual([false, true]);
  });
});
