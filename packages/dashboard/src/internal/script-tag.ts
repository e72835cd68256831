/**
 * The collector a script-tag bundle talks to: its tag's `data-collector`, or else, when the
 * reference collector served it at `{collector}/sdk/{file}`, that collector. To be called while
 * the bundle first runs, the only time `document.currentScript` is its tag.
 */
export function scriptCollector(file: string): string | undefined {
  const tag = document.currentScript as HTMLScriptElement | null;
  return tag?.dataset.collector ?? servedFrom(tag, file);
}

function servedFrom(tag: HTMLScriptElement | null, file: string): string | undefined {
  if (!tag?.src) return undefined;
  const url = new URL(tag.src, document.baseURI);
  return url.pathname.endsWith(`/sdk/${file}`) ? new URL('..', url).href : undefined;
}
