import type { Locale } from '@minyi/schema';

/**
 * Maps a BCP 47 tag to a supported locale. Chinese tags are decided by script first, then by
 * region: mainland and Singapore write simplified characters; Taiwan, Hong Kong and Macao
 * traditional.
 */
export function toLocale(tag: string | null | undefined): Locale | undefined {
  if (!tag) return undefined;
  const lower = tag.toLowerCase();
  const [language, ...rest] = lower.split(/[-_]/);
  if (language === 'en') return 'en';
  if (language !== 'zh') return undefined;
  if (rest.includes('hant')) return 'zh-Hant';
  if (rest.includes('hans')) return 'zh-Hans';
  if (rest.some((part) => part === 'tw' || part === 'hk' || part === 'mo')) return 'zh-Hant';
  return 'zh-Hans';
}

/**
 * The element's own `lang`, then the nearest ancestor's, across the shadow roots of any
 * components it sits in, up to `<html lang>`; then the browser.
 */
export function resolveLocale(element: Element): Locale {
  for (let node: Element | undefined = element; node; ) {
    const lang = toLocale(node.closest('[lang]')?.getAttribute('lang'));
    if (lang) return lang;
    node = (node.getRootNode() as ShadowRoot).host;
  }
  for (const language of navigator.languages ?? [navigator.language]) {
    const locale = toLocale(language);
    if (locale) return locale;
  }
  return 'zh-Hans';
}
