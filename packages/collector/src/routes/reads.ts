import { Readable } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { requireToken, tokenOf } from '../auth.js';
import { CSV_BOM, csvRow } from '../csv.js';
import { parseReadQuery, type ReadFormat } from '../read-query.js';
import type { ResponseFilter, Store, StoredResponse } from '../storage.js';
import { scopedFilter } from '../tokens.js';
import type { ApiContext } from './context.js';

const PAGE_SIZE = 500;

/**
 * Evaluator reads: responses streamed as JSON, NDJSON or CSV, and counts. A token scoped to some
 * surveys or subjects sees nothing else, and what it may not see is answered as if it did not
 * exist (404), so that a scope cannot be probed.
 */
export function readRoutes(context: ApiContext) {
  const { store, now } = context;
  const reader = requireToken(store, now, ['evaluator', 'admin']);
  return async (api: FastifyInstance): Promise<void> => {
    api.get('/v1/responses', { preHandler: reader }, async (request, reply) => {
      const read = await readFilter(request, reply, store, true);
      if (!read) return reply;
      const rows = pages(store, read.filter);
      reply.header('Cache-Control', 'no-store');
      switch (read.format) {
        case 'csv': {
          const columns = await answerColumns(store, read.survey);
          return reply
            .type('text/csv; charset=utf-8')
            .header('Content-Disposition', 'attachment; filename="responses.csv"')
            .send(Readable.from(chunked(csvLines(rows, columns))));
        }
        case 'ndjson':
          return reply
            .type('application/x-ndjson; charset=utf-8')
            .send(Readable.from(chunked(ndjsonLines(rows))));
        case 'json':
          return reply
            .type('application/json; charset=utf-8')
            .send(Readable.from(chunked(arrayItems(rows), '[', ']\n')));
      }
    });

    api.get('/v1/responses/count', { preHandler: reader }, async (request, reply) => {
      const read = await readFilter(request, reply, store, false);
      if (!read) return reply;
      reply.header('Cache-Control', 'no-store');
      return { count: await store.countResponses(read.filter) };
    });
  };
}

interface Read {
  readonly filter: ResponseFilter;
  readonly format: ReadFormat;
  readonly survey: string | undefined;
}

async function readFilter(
  request: FastifyRequest,
  reply: FastifyReply,
  store: Store,
  allowFormat: boolean,
): Promise<Read | undefined> {
  const parsed = parseReadQuery(request.query as Record<string, unknown>, allowFormat);
  if (!parsed.ok) {
    reply.code(400).send({ error: 'invalid query', issues: parsed.issues });
    return undefined;
  }
  const { query } = parsed;
  const filter = scopedFilter(tokenOf(request), query);
  if ('outOfScope' in filter) {
    const id = filter.outOfScope === 'survey' ? query.survey : query.subject;
    reply.code(404).send({ error: `unknown ${filter.outOfScope} ${JSON.stringify(id)}` });
    return undefined;
  }
  if (query.survey !== undefined) {
    const known = (await store.surveyInfo(query.survey)) ?? (await store.getTopic(query.survey));
    if (!known) {
      reply.code(404).send({ error: `unknown survey ${JSON.stringify(query.survey)}` });
      return undefined;
    }
  }
  return { filter, format: parsed.format, survey: query.survey };
}

/** Page by page, so that no database cursor stays open while a slow client reads. */
async function* pages(store: Store, filter: ResponseFilter): AsyncGenerator<StoredResponse> {
  let after: number | undefined;
  do {
    const page = await store.readResponses(filter, after, PAGE_SIZE);
    yield* page.rows;
    after = page.next;
  } while (after !== undefined);
}

/** Each record: when it was received, and the response as stored, inlined byte for byte. */
function record(row: StoredResponse): string {
  return `{"receivedAt":${JSON.stringify(row.receivedAt)},"response":${row.json}}`;
}

/** Rows gathered into chunks of some kilobytes keep the stream's overhead per row small. */
async function* chunked(
  lines: AsyncIterable<string>,
  open = '',
  close = '',
): AsyncGenerator<string> {
  let chunk = open;
  for await (const line of lines) {
    chunk += line;
    if (chunk.length > 16_384) {
      yield chunk;
      chunk = '';
    }
  }
  chunk += close;
  if (chunk) yield chunk;
}

async function* ndjsonLines(rows: AsyncIterable<StoredResponse>): AsyncGenerator<string> {
  for await (const row of rows) yield `${record(row)}\n`;
}

async function* arrayItems(rows: AsyncIterable<StoredResponse>): AsyncGenerator<string> {
  let separator = '';
  for await (const row of rows) {
    yield `${separator}${record(row)}`;
    separator = ',\n';
  }
}

const FIXED_COLUMNS = [
  'id',
  'survey',
  'surveyVersion',
  'kind',
  'subject',
  'group',
  'createdAt',
  'receivedAt',
  'locale',
  'page',
  'sdk',
] as const;

/**
 * With one survey named, a column per dimension (every version's, in order); otherwise one
 * `answers` column with the answers as JSON.
 */
async function answerColumns(
  store: Store,
  survey: string | undefined,
): Promise<string[] | undefined> {
  if (survey === undefined) return undefined;
  const versions = await store.surveyVersions(survey);
  if (versions.length === 0) return (await store.getTopic(survey)) ? ['position'] : undefined;
  const ids = new Set<string>();
  for (const version of versions) for (const d of version.definition.dimensions) ids.add(d.id);
  return [...ids];
}

async function* csvLines(
  rows: AsyncIterable<StoredResponse>,
  dimensions: readonly string[] | undefined,
): AsyncGenerator<string> {
  const answerHeader = dimensions ? dimensions.map((id) => `answers.${id}`) : ['answers'];
  yield CSV_BOM + csvRow([...FIXED_COLUMNS, ...answerHeader, 'comment']);
  for await (const row of rows) {
    const response = JSON.parse(row.json) as Record<string, unknown>;
    const answers = (response.answers ?? {}) as Record<string, unknown>;
    yield csvRow([
      row.id,
      row.survey,
      row.surveyVersion,
      row.kind,
      row.subject,
      row.group,
      row.createdAt,
      row.receivedAt,
      response.locale,
      response.page,
      response.sdk,
      ...(dimensions ? dimensions.map((id) => answers[id]) : [JSON.stringify(answers)]),
      response.comment,
    ]);
  }
}
