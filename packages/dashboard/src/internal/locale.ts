import type { Locale } from '@minyi/schema';
import type { LocalizedText } from './scores.js';

/**
 * Maps a BCP 47 tag to a supported locale: script first, then region. Mainland and Singapore
 * write simplified characters; Taiwan, Hong Kong and Macao traditional. The resident widgets
 * decide the same way, so an intranet page reads alike in both.
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

/**
 * The element's own `lang`, then the nearest ancestor's, across the shadow roots of any
 * components it sits in (an intranet page's own layout component, say), up to `<html lang>`;
 * then the browser.
 */
export function resolveLocale(element: Element): Locale {
  for (let node: Element | undefined = element; node; ) {
    const locale = toLocale(node.closest('[lang]')?.getAttribute('lang'));
    if (locale) return locale;
    node = (node.getRootNode() as ShadowRoot).host;
  }
  for (const language of navigator.languages ?? [navigator.language]) {
    const locale = toLocale(language);
    if (locale) return locale;
  }
  return 'zh-Hans';
}

const FALLBACKS: Record<Locale, readonly Locale[]> = {
  'zh-Hans': ['zh-Hans', 'zh-Hant', 'en'],
  'zh-Hant': ['zh-Hant', 'zh-Hans', 'en'],
  en: ['en', 'zh-Hans', 'zh-Hant'],
};

/** A label in the locale, else in the other Chinese script, else in English (or the reverse). */
export function pick(text: LocalizedText | undefined, locale: Locale): string | undefined {
  if (!text) return undefined;
  for (const candidate of FALLBACKS[locale]) {
    const value = text[candidate];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return undefined;
}
