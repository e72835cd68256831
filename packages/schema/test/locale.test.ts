import { describe, expect, test } from 'vitest';
import { pickText, toLocale } from '../src/index.js';

describe('locales', () => {
  test('a tag maps by script first, then by region', () => {
    expect(
      ['zh-CN', 'zh-Hant-CN', 'zh-HK', 'zh_tw', 'zh-Hans-TW', 'en-GB', 'fr', ''].map(toLocale),
    ).toEqual(['zh-Hans', 'zh-Hant', 'zh-Hant', 'zh-Hant', 'zh-Hans', 'en', undefined, undefined]);
  });

  test('text falls back to the other Chinese script, then English, skipping blanks', () => {
    const text = { 'zh-Hans': '满意', 'zh-Hant': ' ', en: 'Satisfied' };
    expect(pickText(text, 'zh-Hant')).toBe('满意');
    expect(pickText({ en: 'Satisfied' }, 'zh-Hans')).toBe('Satisfied');
    expect(pickText({ 'zh-Hant': '滿意' }, 'en')).toBe('滿意');
    expect(pickText(undefined, 'en')).toBeUndefined();
  });
});
