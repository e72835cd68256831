type CommonRefusal = 'bad-request' | 'unauthorized' | 'forbidden' | 'not-found';

/** The refusals every evaluator request tells apart; any other answer but 200 is `server`. */
const REFUSALS: Readonly<Record<number, CommonRefusal>> = {
  400: 'bad-request',
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not-found',
};

export type RequestErrorCode<Refusal extends string = never> =
  | CommonRefusal
  | Refusal
  | 'server'
  | 'network'
  | 'invalid-response';

export interface RequestError<Refusal extends string = never> {
  readonly code: RequestErrorCode<Refusal>;
  readonly status?: number;
  /** What the collector said, for the message and for the web team's console. */
  readonly detail?: string;
}

export type JsonAnswer<Refusal extends string = never> =
  | { readonly ok: true; readonly json: unknown }
  | { readonly ok: false; readonly error: RequestError<Refusal> };

export interface RequestOptions<Refusal extends string> {
  readonly signal?: AbortSignal | undefined;
  /** Sent as JSON in a POST; without it the request is a GET. */
  readonly body?: unknown;
  /** The refusals a caller tells apart beyond everyone's, by status. */
  readonly refusals?: Readonly<Record<number, Refusal>>;
}

/** The collector's base as an absolute URL ending in a slash, relative to the page. */
export function collectorBase(collector: string): URL {
  const page = typeof document === 'undefined' ? undefined : document.baseURI;
  const absolute = new URL(collector, page);
  if (!absolute.pathname.endsWith('/')) absolute.pathname = `${absolute.pathname}/`;
  absolute.search = '';
  absolute.hash = '';
  return absolute;
}

/** The collector's `error` and each of its `issues` (`path: message`), as one line. */
async function errorText(response: Response): Promise<string | undefined> {
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
 * One request with the evaluator's token, answered with the JSON of a 200 or with what went
 * wrong. Cookies are never sent (`credentials: 'omit'`): the token is the only credential, so a
 * page on the collector's origin cannot read or change anything with someone's session. Nothing is
 * cached: scores change as answers arrive and cases under the evaluator's eyes, and neither is for
 * a shared cache. An aborted request rejects, so that its caller can tell it from a failure.
 */
export async function requestJson<Refusal extends string = never>(
  url: string,
  token: string,
  { signal, body, refusals }: RequestOptions<Refusal> = {},
): Promise<JsonAnswer<Refusal>> {
  let response: Response;
  try {
    response = await fetch(url, {
      method: body === undefined ? 'GET' : 'POST',
      headers: {
        Accept: 'application/json',
        Authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'Content-Type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
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
    const code = refusals?.[status] ?? REFUSALS[status] ?? 'server';
    return { ok: false, error: { code, status, ...(detail ? { detail } : {}) } };
  }
  try {
    return { ok: true, json: await response.json() };
  } catch (error) {
    if (signal?.aborted) throw error;
    return {
      ok: false,
      error: { code: 'invalid-response', status, detail: `not JSON: ${(error as Error).message}` },
    };
  }
}
