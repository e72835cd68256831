// The minyi-score command, run as a separate process from the built package.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { score } from '../src/index.js';
import { input, row, starsConfig } from './helpers.js';

const root = fileURLToPath(new URL('../../../', import.meta.url));
const bin = join(root, 'packages/scoring/bin/minyi-score.js');
let dir = '';

function run(args: string[], stdin?: string) {
  const result = spawnSync(process.execPath, [bin, ...args], {
    cwd: root,
    input: stdin,
    encoding: 'utf8',
    maxBuffer: 1 << 30,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: unknown): string {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

const GOOD = input(starsConfig(), [
  row({ q: 5 }),
  row({ q: 2 }, { group: 'B', base_weight: 2 }),
  row({ q: null }, { department: '部门' }),
]);

beforeAll(() => {
  // The command runs the compiled dist/, so build it (the test needs nothing else).
  execFileSync('npx', ['tsc', '-p', 'packages/scoring/tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
  dir = mkdtempSync(join(tmpdir(), 'minyi-score-'));
}, 180_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

describe('minyi-score', () => {
  test('writes exactly one JSON document equal to the library output', () => {
    const result = run([file('good.json', GOOD)]);
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.endsWith('\n')).toBe(true);
    expect(result.stdout.trimEnd().includes('\n')).toBe(false);
    expect(JSON.parse(result.stdout)).toEqual(score(GOOD));
    expect(result.stdout).toBe(`${JSON.stringify(score(GOOD))}\n`);
  });

  test('reads stdin with -', () => {
    const result = run(['-'], JSON.stringify(GOOD));
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(score(GOOD));
  });

  test('a large output through a pipe is complete', () => {
    const responses = Array.from({ length: 150_000 }, (_, i) =>
      row({ q: 1 + (i % 5) }, { department: `D${i % 50}`, period: `P${Math.floor(i / 50) % 4}` }),
    );
    const big = input(starsConfig(), responses);
    const result = run([file('big.json', big)]);
    expect(result.status).toBe(0);
    const parsed = JSON.parse(result.stdout) as ReturnType<typeof score>;
    expect(parsed.responses.score).toHaveLength(150_000);
    expect(parsed.cells).toHaveLength(200);
    expect(result.stdout.length).toBeGreaterThan(1 << 20);
  });

  test('SPEC §1 errors: non-zero exit, every error with its path on stderr, nothing on stdout', () => {
    const bad = input(starsConfig(), [
      row({ q: 7 }),
      row({ q: 2 }, { group: 'C', base_weight: -1 }),
    ]);
    const result = run([file('bad.json', bad)]);
    expect(result.status).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toContain('responses[0].answers.q');
    expect(result.stderr).toContain('responses[1].group');
    expect(result.stderr).toContain('responses[1].base_weight');
    const piped = run(
      ['-'],
      JSON.stringify({
        ...bad,
        responses: undefined,
        responses_columnar: {
          department: ['D1'],
          period: ['P1'],
          group: ['A'],
          answers: { q: [0] },
        },
      }),
    );
    expect(piped.status).toBe(1);
    expect(piped.stderr).toContain('responses_columnar.answers.q[0]');
  });

  test('invalid JSON and an unreadable file exit non-zero', () => {
    const broken = run([file('broken.json', '{"scales": ')]);
    expect(broken.status).toBe(1);
    expect(broken.stdout).toBe('');
    expect(broken.stderr).toMatch(/not valid JSON/);
    const missing = run([join(dir, 'nope.json')]);
    expect(missing.status).toBe(1);
    expect(missing.stderr).toMatch(/cannot read/);
  });

  test('--help prints usage; wrong usage exits 2', () => {
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/Usage: minyi-score/);
    const none = run([]);
    expect(none.status).toBe(2);
    expect(none.stdout).toBe('');
    expect(none.stderr).toMatch(/Usage/);
    expect(run(['a.json', 'b.json']).status).toBe(2);
  });

  test('accepts a UTF-8 byte order mark', () => {
    const result = run([file('bom.json', `\uFEFF${JSON.stringify(GOOD)}`)]);
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual(score(GOOD));
  });
});
