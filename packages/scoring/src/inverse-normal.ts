// Inverse of the standard normal CDF, Φ⁻¹, by Wichura's algorithm AS 241 (PPND16), Applied
// Statistics 37(3):477–484, 1988. The SPEC (conventions) needs ≤ 1e-12 relative error for z(L);
// PPND16 is good to about 1e-16, while the popular Acklam approximation (~1e-9) is not enough.
//
// The three rational approximations are evaluated in Horner form. The coefficients are the
// published 20-digit ones, lowest degree first, written as the shortest literals that round to the
// same IEEE-754 doubles (the extra published digits cannot be represented anyway).

// Central region |p − 0.5| ≤ 0.425, in r = 0.180625 − q².
const A = [
  3.3871328727963665, 133.14166789178438, 1971.5909503065513, 13731.69376550946, 45921.95393154987,
  67265.7709270087, 33430.57558358813, 2509.0809287301227,
] as const;
const B = [
  1, 42.31333070160091, 687.1870074920579, 5394.196021424751, 21213.794301586597, 39307.89580009271,
  28729.085735721943, 5226.495278852854,
] as const;

// Intermediate tail, r = √(−ln min(p, 1−p)) ≤ 5, in r − 1.6.
const C = [
  1.4234371107496835, 4.630337846156546, 5.769497221460691, 3.6478483247632045, 1.2704582524523684,
  0.2417807251774506, 0.022723844989269184, 0.0007745450142783414,
] as const;
const D = [
  1, 2.053191626637759, 1.6763848301838038, 0.6897673349851, 0.14810397642748008,
  0.015198666563616457, 0.0005475938084995345, 1.0507500716444169e-9,
] as const;

// Far tail, r > 5 (p below about 1.4e-11), in r − 5.
const E = [
  6.657904643501103, 5.463784911164114, 1.7848265399172913, 0.29656057182850487,
  0.026532189526576124, 0.0012426609473880784, 2.7115555687434876e-5, 2.0103343992922881e-7,
] as const;
const F = [
  1, 0.599832206555888, 0.1369298809227358, 0.014875361290850615, 0.0007868691311456133,
  1.8463183175100548e-5, 1.421511758316446e-7, 2.0442631033899397e-15,
] as const;

function horner(c: readonly number[], x: number): number {
  let acc = 0;
  for (let i = c.length - 1; i >= 0; i--) acc = acc * x + (c[i] as number);
  return acc;
}

/**
 * Φ⁻¹(p), the standard normal quantile. Returns −∞ for p = 0, +∞ for p = 1 and NaN outside [0, 1].
 */
export function inverseNormalCdf(p: number): number {
  if (Number.isNaN(p) || p < 0 || p > 1) return Number.NaN;
  if (p === 0) return Number.NEGATIVE_INFINITY;
  if (p === 1) return Number.POSITIVE_INFINITY;
  const q = p - 0.5;
  if (Math.abs(q) <= 0.425) {
    const r = 0.180625 - q * q;
    return (q * horner(A, r)) / horner(B, r);
  }
  // In the tails work with the smaller tail probability, so 1 − p is never formed for p near 0.
  let r = Math.sqrt(-Math.log(q < 0 ? p : 1 - p));
  let x: number;
  if (r <= 5) {
    r -= 1.6;
    x = horner(C, r) / horner(D, r);
  } else {
    r -= 5;
    x = horner(E, r) / horner(F, r);
  }
  return q < 0 ? -x : x;
}

/**
 * z(L) = Φ⁻¹(1 − (1 − L)/2), the two-sided normal critical value for confidence level L
 * (SPEC conventions), evaluated literally as the SPEC writes it.
 */
export function zForConfidence(level: number): number {
  return inverseNormalCdf(1 - (1 - level) / 2);
}
