// SPEC conventions: z(L) = Φ⁻¹(1 − (1 − L)/2) with ≤ 1e-12 relative error.
import { describe, expect, test } from 'vitest';
import { inverseNormalCdf, zForConfidence } from '../src/index.js';

// Φ⁻¹ at the exact double value of p, computed to 22 digits with 60-digit arithmetic (mpmath).
// Kept as text: the digits beyond double precision document the reference values.
const QUANTILES: [number, string][] = [
  [1e-300, '-37.04709629936119923655'],
  [1e-100, '-21.27345356096532429418'],
  [1e-20, '-9.262340089798407579572'],
  [1e-12, '-7.034483825301131932614'],
  [1e-10, '-6.3613409024040561991'],
  [1e-5, '-4.264890793922824610234'],
  [0.001, '-3.090232306167813535358'],
  [0.01, '-2.326347874040841093075'],
  [0.025, '-1.95996398454005421178'],
  [0.05, '-1.644853626951472687952'],
  [0.075, '-1.43953147093845593495'],
  [0.1, '-1.281551565544600435335'],
  [0.2, '-0.8416212335729141655225'],
  [0.3, '-0.5244005127080408159695'],
  [0.4, '-0.2533471031357997413247'],
  [0.45, '-0.1256613468550740061604'],
  [0.55, '0.1256613468550741464092'],
  [0.6, '0.2533471031357997413247'],
  [0.75, '0.6744897501960817432022'],
  [0.9, '1.281551565544600593487'],
  [0.925, '1.439531470938456229063'],
  [0.95, '1.644853626951472284276'],
  [0.975, '1.959963984540053855604'],
  [0.99, '2.326347874040840767637'],
  [0.995, '2.575829303548900453857'],
  [0.999, '3.090232306167813277758'],
  [0.9999, '3.719016485455708386723'],
];

describe('inverse normal CDF (Wichura AS241)', () => {
  test.each(QUANTILES)('Φ⁻¹(%s) to 1e-12 relative', (p, digits) => {
    const expected = Number(digits);
    const x = inverseNormalCdf(p);
    expect(Math.abs(x - expected)).toBeLessThanOrEqual(1e-12 * Math.abs(expected));
  });

  test('is exact at the median and antisymmetric', () => {
    expect(inverseNormalCdf(0.5)).toBe(0);
    // Values whose complement 1 − p is exact in binary, so Φ⁻¹(p) = −Φ⁻¹(1 − p) exactly.
    for (const p of [2 ** -40, 2 ** -27, 0.0078125, 0.125, 0.25, 0.375]) {
      const x = inverseNormalCdf(p);
      expect(Math.abs(x + inverseNormalCdf(1 - p))).toBeLessThanOrEqual(1e-15 * Math.abs(x));
    }
  });

  test('is increasing across the region boundaries (0.075, 0.925 and r = 5)', () => {
    const ps = [
      1e-12, 1.3e-11, 1.4e-11, 1.5e-11, 0.0749, 0.075, 0.0751, 0.5, 0.9249, 0.925, 0.9251,
    ];
    const xs = ps.map(inverseNormalCdf);
    for (let i = 1; i < xs.length; i++) expect(xs[i]).toBeGreaterThan(xs[i - 1] as number);
  });

  test('is ±∞ at 0 and 1 and NaN outside [0, 1]', () => {
    expect(inverseNormalCdf(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(inverseNormalCdf(1)).toBe(Number.POSITIVE_INFINITY);
    expect(inverseNormalCdf(-0.1)).toBeNaN();
    expect(inverseNormalCdf(1.1)).toBeNaN();
    expect(inverseNormalCdf(Number.NaN)).toBeNaN();
  });
});

describe('z(L)', () => {
  test('0.95 and 0.90 give the values the SPEC states', () => {
    expect(Math.abs(zForConfidence(0.95) - 1.959963984540054)).toBeLessThan(1e-12 * 1.96);
    expect(Math.abs(zForConfidence(0.9) - 1.6448536269514722)).toBeLessThan(1e-12 * 1.65);
  });

  test('0.99 and 0.80', () => {
    expect(Math.abs(zForConfidence(0.99) - Number('2.575829303548900453857'))).toBeLessThan(3e-12);
    expect(Math.abs(zForConfidence(0.8) - Number('1.281551565544600593487'))).toBeLessThan(2e-12);
  });
});
