import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { brotliCompressSync, constants } from 'node:zlib';
import { describe, expect, test } from 'vitest';
import { VERSION } from '../src/version.js';

const dist = new URL('../dist/', import.meta.url);
/** chart.js's core, the bar and line charts, Lit and the element, with room to grow a little. */
const BUDGET = 80_000;

function bundle(): Buffer {
  const file = new URL('minyi-dashboard.js', dist);
  if (!existsSync(file)) {
    throw new Error(
      'packages/dashboard/dist/minyi-dashboard.js is missing: run `pnpm -r run build` (npm test does)',
    );
  }
  return readFileSync(file);
}

const found = (pattern: RegExp) => bundle().toString('utf8').match(pattern)?.[0] ?? null;

describe('minyi-dashboard.js, the evaluator pages’ script', () => {
  test(`is at most ${BUDGET} bytes with brotli at quality 11`, () => {
    const code = bundle();
    const size = brotliCompressSync(code, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_SIZE_HINT]: code.length,
      },
    }).length;
    console.info(
      `minyi-dashboard.js: ${code.length} bytes, ${size} bytes brotli (budget ${BUDGET})`,
    );
    expect(size).toBeLessThanOrEqual(BUDGET);
  });

  test('carries only the chart.js parts it registers', () => {
    const controller = (id: string) => found(new RegExp(`static id\\s*=\\s*[\`"']${id}[\`"']`));
    expect(controller('bar')).not.toBeNull();
    expect(controller('line')).not.toBeNull();
    for (const unused of ['doughnut', 'radar', 'polarArea', 'bubble', 'scatter', 'pie', 'filler']) {
      expect(controller(unused), unused).toBeNull();
    }
    expect(found(/registerables/)).toBeNull();
  });

  test('evaluates no code from strings and sets no style attributes', () => {
    expect(found(/\beval\s*\(|new Function\b|\bFunction\s*\(/)).toBeNull();
    expect(found(/setAttribute\(\s*[`"']style[`"']|\.style\.cssText|\.style\s*=[^=]/)).toBeNull();
  });

  test('returns before doing anything when the element is already registered', () => {
    expect(bundle().toString('utf8')).toMatch(
      /^\(function\(\)\{var e=window\.customElements&&customElements\.get\("minyi-scoreboard"\);/,
    );
  });

  test('is published with its Subresource Integrity hash', () => {
    const sri = readFileSync(new URL('minyi-dashboard.js.sri', dist), 'utf8').trim();
    expect(sri).toBe(`sha384-${createHash('sha384').update(bundle()).digest('base64')}`);
  });

  test('states the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});
