import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { brotliSize } from '../../../scripts/brotli-size.mjs';
import { VERSION } from '../src/version.js';

const dist = new URL('../dist/', import.meta.url);
const BUDGET = 24_576;

function bundle(): Buffer {
  const file = new URL('minyi.js', dist);
  if (!existsSync(file)) {
    throw new Error(
      'packages/widgets/dist/minyi.js is missing: run `pnpm -r run build` (npm test does)',
    );
  }
  return readFileSync(file);
}

describe('minyi.js, the script web teams embed', () => {
  test(`is at most ${BUDGET} bytes with brotli at quality 11`, () => {
    const code = bundle();
    const size = brotliSize(code);
    console.info(`minyi.js: ${code.length} bytes, ${size} bytes brotli (budget ${BUDGET})`);
    expect(size).toBeLessThanOrEqual(BUDGET);
  });

  // The bundle is large: assert on what a pattern finds, so that a failure prints that, not it.
  const found = (pattern: RegExp) => bundle().toString('utf8').match(pattern)?.[0] ?? null;

  test('carries no chart.js and no full zod (zod/mini only)', () => {
    expect(found(/Chart\.js|chartjs|BarController|registerables/)).toBeNull();
    // zod names its classes as it creates them: zod/mini's are ZodMini…, the full API's Zod….
    expect(found(/[`"']ZodMini[A-Z][A-Za-z]*[`"']/)).not.toBeNull();
    expect(found(/[`"']Zod(?!Mini)[A-Z][A-Za-z]*[`"']/)).toBeNull();
  });

  test('evaluates no code from strings, sets no inline styles, leaves no zod global', () => {
    expect(found(/\beval\s*\(|new Function\b|\bFunction\s*\(/)).toBeNull();
    expect(found(/setAttribute\(\s*[`"']style[`"']|\.style\.cssText|\.style\s*=/)).toBeNull();
    expect(found(/__zod_globalConfig/)).toBeNull();
  });

  test('is published with its Subresource Integrity hash', () => {
    const sri = readFileSync(new URL('minyi.js.sri', dist), 'utf8').trim();
    expect(sri).toBe(`sha384-${createHash('sha384').update(bundle()).digest('base64')}`);
  });

  test('states the version of package.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(VERSION).toBe(pkg.version);
    expect(found(new RegExp(`[\`"']${VERSION.replaceAll('.', '\\.')}[\`"']`))).not.toBeNull();
  });
});
