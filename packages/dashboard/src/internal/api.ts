import { checkScores, type Granularity, type ScoresResponse } from './scores.js';

export interface ScoresQuery {
  readonly survey: string;
  readonly period: Granularity;
  readonly from?: string | undefined;
  readonly to?: string | undefined;
  readonly poststratify: boolean;
}

/**
 * - `unauthorized`: 401, no token or one that is unknown, expired or revoked;
 * - `forbidden`: 403, a token whose role may not read scores;
 * - `not-found`: 404, an unknown survey or one outside the token's scope (the collector does not
 *   tell the two apart, so that a scope cannot be probed);
 * - `bad-request`: 400, a parameter the collector refused, named in `detail`;
 * - `server`: any other answer that is not 200;
 * - `network`: no answer at all;
 * - `invalid-response`: a 200 whose body is not the scores the dashboard knows.
 */
export type LoadErrorCode =
  | 'unauthorized'
  | 'forbidden'
  | 'not-found'
  | 'bad-request'
  | 'server'
  | 'network'
  | 'invalid-response';

export interface LoadError {
  readonly code: LoadErrorCode;
  readonly status?: number;
  /** What the collector or the check said, for the message and for the web team's console. */
  readonly detail?: string;
}

export type LoadResult =
  | { readonly ok: true; readonly data: ScoresResponse }
  | { readonly ok: false; readonly error: LoadError };

/** The collector's base as an absolute URL ending in a slash, relative to the page. */
export function collectorBase(collector: string): URL {
  const page = typeof document === 'undefined' ? undefined : document.baseURI;
  const absolute = new URL(collector, page);
  if (!absolute.pathname.endsWith('/')) absolute.pathname = `${absolute.pathname}/`;
  absolute.search = '';
  absolute.hash = '';
  return absolute;
}

/** The request URL. It carries the query and never the token, which travels in a header. */
export function scoresUrl(collector: string, query: ScoresQuery): string {
  const url = new URL('v1/scores', collectorBase(collector));
  url.searchParams.set('survey', query.survey);
  url.searchParams.set('period', query.period);
  if (query.from) url.searchParams.set('from', query.from);
  if (query.to) url.searchParams.set('to', query.to);
  if (query.poststratify) url.searchParams.set('poststratify', 'true');
  return url.href;
}

/** The collector's `error` and each of its `issues` (`path: message`), as one line. */
export async function errorText(response: Response): Promise<string | undefined> {
  try {
    const body = (await response.json()) as { error?: unknown; issues?: unknown };
    const issues = Array.isArray(body.issues)
      ? body.issues
          .map((issue: { path?: unknown; message?: unknown }) =>
            [issue.path, issue.message].filter((part) => typeof part === 'string').join(': '),
          )
          .filter(Boolean)
      : [];
    const error = typeof body.error === 'string' ? body.error : undefined;
    return [error, ...issues].filter(Boolean).join('; ') || undefined;
  } catch {
    return undefined;
  }
}

/**
 * One scores request. Cookies are never sent (`credentials: 'omit'`): the token is the only
 * credential, so a page on the collector's origin cannot read scores with someone's session.
 * Nothing is cached: scores change as answers arrive, and they are not for a shared cache.
 */
export async function fetchScores(
  collector: string,
  query: ScoresQuery,
  token: string,
  signal?: AbortSignal,
): Promise<LoadResult> {
  let response: Response;
  try {
    response = await fetch(scoresUrl(collector, query), {
      headers: { Accept: 'application/json', Authorization: `Bearer ${token}` },
      credentials: 'omit',
      cache: 'no-store',
      referrerPolicy: 'no-referrer',
      ...(signal ? { signal } : {}),
    });
  } catch (error) {
    if (signal?.aborted) throw error;
    return { ok: false, error: { code: 'network', detail: (error as Error).message } };
  }
  const { status } = response;
  if (status !== 200) {
    const detail = await errorText(response);
    const code: LoadErrorCode =
      status === 401
        ? 'unauthorized'
        : status === 403
          ? 'forbidden'
          : status === 404
            ? 'not-found'
            : status === 400
              ? 'bad-request'
              : 'server';
    return { ok: false, error: { code, status, ...(detail ? { detail } : {}) } };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      ok: false,
      error: { code: 'invalid-response', status, detail: `not JSON: ${(error as Error).message}` },
    };
  }
  const checked = checkScores(json);
  if (!checked.ok) {
    return {
      ok: false,
      error: { code: 'invalid-response', status, detail: checked.problems.slice(0, 3).join('; ') },
    };
  }
  return { ok: true, data: checked.value };
}
