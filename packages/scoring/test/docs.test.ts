// docs/scoring.md shows a worked example; its input and output must be what `score` gives.
import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { type ScoringInput, score } from '../src/index.js';
import { differences } from './helpers.js';

const doc = readFileSync(new URL('../../../docs/scoring.md', import.meta.url), 'utf8');

function jsonAfter(marker: string): unknown {
  const at = doc.indexOf(`<!-- ${marker} -->`);
  expect(at, `marker ${marker} in docs/scoring.md`).toBeGreaterThanOrEqual(0);
  const match = /```json\n([\s\S]*?)\n```/.exec(doc.slice(at));
  if (match === null) throw new Error(`no json block after ${marker}`);
  return JSON.parse(match[1] as string);
}

describe('docs/scoring.md worked example', () => {
  test('the documented output is what the implementation computes', () => {
    const input = jsonAfter('example:input') as ScoringInput;
    const documented = jsonAfter('example:output');
    expect(differences(documented, score(input), 1e-12)).toEqual([]);
  });

  test('the rounded figures in the text match', () => {
    const input = jsonAfter('example:input') as ScoringInput;
    const cell = score(input).cells[0];
    const round = (x: number | null | undefined, digits: number) => (x as number).toFixed(digits);
    for (const [value, digits] of [
      [cell?.score.mean, 2],
      [cell?.score.se, 2],
      [cell?.score.ci_low, 2],
      [cell?.score.ci_high, 2],
      [cell?.score.n_eff, 2],
      [cell?.dimensions.attitude?.mean, 2],
      [cell?.dimensions.attitude?.rate.wilson_low, 3],
      [cell?.dimensions.attitude?.rate.wilson_high, 3],
      [cell?.index_of_means, 2],
      [cell?.groups.RES?.mean, 2],
      [cell?.groups.OTHER?.mean, 2],
    ] as const) {
      expect(doc).toContain(round(value, digits));
    }
  });
});
