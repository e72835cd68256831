// SPEC conventions: ids sort by code point ("C locale"), not by UTF-16 code unit or locale.
import { describe, expect, test } from 'vitest';
import { compareCodePoints } from '../src/index.js';

describe('code point order', () => {
  test('ASCII: upper case before lower case, prefixes first', () => {
    const ids = ['b', 'a', 'B', 'A', 'ab', 'a b', ''];
    expect([...ids].sort(compareCodePoints)).toEqual(['', 'A', 'B', 'a', 'a b', 'ab', 'b']);
  });

  test('astral characters (U+1F600) sort after full-width forms (U+FF01)', () => {
    // UTF-16 order would put the surrogate pair D83D DE00 before FF01.
    const emoji = '\u{1F600}';
    const fullWidth = '\uFF01';
    expect(emoji < fullWidth).toBe(true); // code unit order is wrong here
    expect(compareCodePoints(emoji, fullWidth)).toBeGreaterThan(0);
    expect(compareCodePoints(fullWidth, emoji)).toBeLessThan(0);
    expect(compareCodePoints('部门\u{20000}', '部门\uE000')).toBeGreaterThan(0);
  });

  test('CJK ids sort by code point, not by pinyin or stroke count', () => {
    // 一 U+4E00, 丁 U+4E01, 部 U+90E8, 民 U+6C11
    expect(['部', '民', '丁', '一'].sort(compareCodePoints)).toEqual(['一', '丁', '民', '部']);
  });

  test('no case folding or trimming', () => {
    expect(compareCodePoints('D1', 'D1')).toBe(0);
    expect(compareCodePoints('D1', 'd1')).not.toBe(0);
    expect(compareCodePoints('D1', 'D1 ')).toBeLessThan(0);
  });
});
