// The reference cases of shared/scoring (computed with R survey) must agree with `score` to the
// tolerance of compare.mjs. shared/ is a sibling of the repository, also in CI, so it is found
// relative to this file. A missing folder is a failure, never a skip.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { type ScoringInput, score } from '../src/index.js';

const sharedDir = new URL('../../../../shared/scoring/', import.meta.url);
const casesDir = new URL('cases/', sharedDir);
const comparePath = new URL('compare.mjs', sharedDir);

type Compare = (expected: unknown, actual: unknown) => string[];

function caseFiles(): string[] {
  if (!existsSync(fileURLToPath(casesDir))) return [];
  return readdirSync(fileURLToPath(casesDir))
    .filter((name) => name.endsWith('.json'))
    .sort();
}

describe('reference cases (shared/scoring/cases)', () => {
  const files = caseFiles();

  test('the cases folder and compare.mjs are present', () => {
    expect(
      existsSync(fileURLToPath(casesDir)),
      `missing ${fileURLToPath(casesDir)}: shared/scoring must sit beside the repository`,
    ).toBe(true);
    expect(existsSync(fileURLToPath(comparePath)), `missing ${fileURLToPath(comparePath)}`).toBe(
      true,
    );
    expect(files.length, 'no case files found in shared/scoring/cases').toBeGreaterThan(0);
  });

  test.each(files)('%s agrees with the expected output', async (name) => {
    const { compare } = (await import(comparePath.href)) as { compare: Compare };
    const file = JSON.parse(readFileSync(new URL(name, casesDir), 'utf8')) as {
      spec_version: string;
      input: ScoringInput;
      expected: unknown;
    };
    expect(file.spec_version).toBe('1.0');
    const mismatches = compare(file.expected, score(file.input));
    expect(mismatches).toEqual([]);
  });

  test.each(files)('%s gives the same output from row form', async (name) => {
    const { compare } = (await import(comparePath.href)) as { compare: Compare };
    const file = JSON.parse(readFileSync(new URL(name, casesDir), 'utf8')) as {
      input: ScoringInput;
      expected: unknown;
    };
    const columns = file.input.responses_columnar;
    if (columns === undefined) throw new Error(`${name} has no responses_columnar`);
    const { responses_columnar: _, ...rest } = file.input;
    const responses = Array.from({ length: columns.department.length }, (_, i) => ({
      id: columns.id?.[i],
      department: columns.department[i] as string,
      period: columns.period[i] as string,
      group: columns.group[i] as string,
      base_weight: columns.base_weight?.[i] ?? null,
      answers: Object.fromEntries(
        Object.entries(columns.answers ?? {}).map(([dim, values]) => [dim, values[i] ?? null]),
      ),
    }));
    expect(compare(file.expected, score({ ...rest, responses }))).toEqual([]);
  });
});
