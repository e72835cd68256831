import { collectorBase, requestJson } from './collector-request.js';
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

export async function fetchScores(
  collector: string,
  query: ScoresQuery,
  token: string,
  signal?: AbortSignal,
): Promise<LoadResult> {
  const answer = await requestJson(scoresUrl(collector, query), token, { signal });
  if (!answer.ok) return answer;
  const checked = checkScores(answer.json);
  if (!checked.ok) {
    return {
      ok: false,
      error: {
        code: 'invalid-response',
        status: 200,
        detail: checked.problems.slice(0, 3).join('; '),
      },
    };
  }
  return { ok: true, data: checked.value };
}
