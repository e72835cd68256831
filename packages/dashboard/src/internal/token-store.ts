/**
 * Where the evaluator's token lives: in memory for the element's life, and in sessionStorage only
 * when the evaluator asks for it ("remember for this tab"), which the browser clears with the tab.
 * Never localStorage, never a cookie, never the URL. Keyed by the collector's origin, so that a
 * token entered for one collector is never sent to another.
 */
const PREFIX = 'minyi-dashboard:token:';

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Blocked storage (privacy settings, sandboxed frames): memory only.
    return undefined;
  }
}

export function rememberedToken(origin: string): string | undefined {
  try {
    return storage()?.getItem(PREFIX + origin) ?? undefined;
  } catch {
    return undefined;
  }
}

export function rememberToken(origin: string, token: string): void {
  try {
    storage()?.setItem(PREFIX + origin, token);
  } catch {
    // A full or blocked storage leaves the token in memory, which is all that was promised.
  }
}

export function forgetToken(origin: string): void {
  try {
    storage()?.removeItem(PREFIX + origin);
  } catch {
    // Nothing was stored.
  }
}
