import type { Locale, LocalizedText } from './ids.js';

/**
 * Maps a BCP 47 tag to a supported locale. Chinese tags are decided by script first, then by
 * region: mainland and Singapore write simplified characters; Taiwan, Hong Kong and Macao
 * traditional. The residents' widgets and the evaluator's elements both decide with it, so that
 * a page reads alike in each.
 */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const [language, ...rest] = tag.toLowerCase().split(/[-_]/);
  if (language === 'en') return 'en';
  if (language !== 'zh') return undefined;
  if (rest.includes('hant')) return 'zh-Hant';
  if (rest.includes('hans')) return 'zh-Hans';
  if (rest.some((part) => part === 'tw' || part === 'hk' || part === 'mo')) return 'zh-Hant';
  return 'zh-Hans';
}

/** Text in the locale, else in the other Chinese script, else in English (or the reverse). */
export function pickText(text: LocalizedText | undefined, locale: Locale): string | undefined {
  if (!text) return undefined;
  const order: Locale[] =
    locale === 'en'
      ? ['en', 'zh-Hans', 'zh-Hant']
      : [locale, locale === 'zh-Hans' ? 'zh-Hant' : 'zh-Hans', 'en'];
  for (const candidate of order) {
    const value = text[candidate];
    if (value?.trim()) return value;
  }
  return undefined;
}
