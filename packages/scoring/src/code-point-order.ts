// SPEC conventions: ids are compared exactly and sorted by Unicode code point ("C locale").
// JavaScript's `<` on strings compares UTF-16 code units, which disagrees with code point order
// when a surrogate (an astral character) meets a BMP character in U+E000–U+FFFF (for example
// the full-width forms common in Chinese text). Only the first differing unit decides, so fixing
// up that one pair of units is enough.

function codePointRank(unit: number): number {
  // Surrogates (U+D800–U+DFFF) stand for code points ≥ U+10000: move them above U+FFFF's units.
  if (unit >= 0xd800 && unit <= 0xdfff) return unit + 0x2000;
  if (unit >= 0xe000) return unit - 0x800;
  return unit;
}

/** Negative, zero or positive as `a` sorts before, equal to or after `b` in code point order. */
export function compareCodePoints(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return codePointRank(x) - codePointRank(y);
  }
  return a.length - b.length;
}
