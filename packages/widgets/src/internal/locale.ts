import { type Locale, toLocale } from '@minyi/schema';

export { toLocale };

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
