import { type Locale, pickText, toLocale } from '@minyi/schema';

export { pickText as pick, toLocale };

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
