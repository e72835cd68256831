import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { brotliSize } from '../../../scripts/brotli-size.mjs';
import { VERSION } from '../src/version.js';

const dist = new URL('../dist/', import.meta.url);
/** chart.js's core, the bar and line charts, Lit and the element, with room to grow a little. */
const BUDGET = 80_000;

function bundle(name = 'minyi-dashboard.js'): Buffer {
  const file = new URL(name, dist);
  if (!existsSync(file)) {
    throw new Error(
      `packages/dashboard/dist/${name} is missing: run \`pnpm -r run build\` (npm test does)`,
    );
  }
  return readFileSync(file);
}

const found = (pattern: RegExp, name?: string) =>
  bundle(name).toString('utf8').match(pattern)?.[0] ?? null;

/**
 * Strings of chart.js's core, thrown by its `Chart` constructor and its registry: any chart.js
 * in a bundle carries them, whichever controllers it registers.
 */
const CHART_JS = [
  /Canvas is already in use/,
  /is not a registered /,
  /static id\s*=\s*[`"']bar[`"']/,
];

describe('minyi-dashboard.js, the evaluator pages’ script', () => {
  test(`is at most ${BUDGET} bytes with brotli at quality 11`, () => {
    const code = bundle();
    const size = brotliSize(code);
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

  test('carries the chart.js markers and none of minyi-cases.js: the element, zod', () => {
    for (const marker of CHART_JS) expect(found(marker), String(marker)).not.toBeNull();
    expect(found(/minyi-cases/)).toBeNull();
    expect(found(/__zod_/)).toBeNull();
  });

  test('states the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
  });
});

const CASES = 'minyi-cases.js';
/**
 * Lit, zod/mini with the case schemas of @minyi/schema, and the element with its strings in three
 * locales (the token prompt's shared with the scoreboard); no chart.js. 25,366 bytes when set.
 */
const CASES_BUDGET = 26_000;

describe('minyi-cases.js, the script of follow-up cases', () => {
  const cases = () => bundle(CASES);

  test(`is at most ${CASES_BUDGET} bytes with brotli at quality 11`, () => {
    const code = cases();
    const size = brotliSize(code);
    console.info(`${CASES}: ${code.length} bytes, ${size} bytes brotli (budget ${CASES_BUDGET})`);
    expect(size).toBeLessThanOrEqual(CASES_BUDGET);
  });

  test('carries no chart.js and no scoreboard', () => {
    for (const marker of CHART_JS) expect(found(marker, CASES), String(marker)).toBeNull();
    expect(found(/minyi-scoreboard/, CASES)).toBeNull();
  });

  test('keeps zod to itself: no global shared with the page', () => {
    expect(found(/__zod_/, CASES)).toBeNull();
  });

  test('evaluates no code from strings and sets no style attributes', () => {
    // zod probes for `eval` through an alias of Function (`x=Function; new x("")`), which a strict
    // policy reports as a violation even when it is caught.
    expect(found(/\beval\s*\(|new Function\b|\bFunction\s*\(|=\s*Function\b/, CASES)).toBeNull();
    expect(
      found(/setAttribute\(\s*[`"']style[`"']|\.style\.cssText|\.style\s*=[^=]/, CASES),
    ).toBeNull();
  });

  test('returns before doing anything when the element is already registered', () => {
    expect(cases().toString('utf8')).toMatch(
      /^\(function\(\)\{var e=window\.customElements&&customElements\.get\("minyi-cases"\);/,
    );
  });

  test('is published with its Subresource Integrity hash', () => {
    const sri = readFileSync(new URL(`${CASES}.sri`, dist), 'utf8').trim();
    expect(sri).toBe(`sha384-${createHash('sha384').update(cases()).digest('base64')}`);
  });
});
