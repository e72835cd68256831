import { fileURLToPath } from 'node:url';
import fastifyCors from '@fastify/cors';
import { MAX_BATCH_RESPONSES } from '@minyi/schema';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
} from 'fastify';
import { seedDemo } from './demo.js';
import { exampleRoutes } from './examples.js';
import { matchesEtag } from './http-cache.js';
import { ingestBatch, parseEnvelope } from './ingest.js';
import { defaultSdkFile, sdkRoutes } from './sdk.js';
import { openSqliteStore } from './sqlite-store.js';
import type { ResponseStore } from './storage.js';

/** 64 KiB holds a full batch of typical responses; beyond it something is wrong or hostile. */
export const BODY_LIMIT = 64 * 1024;
export const ACCEPTED_CONTENT_TYPES = ['application/json', 'text/plain'] as const;
const SURVEY_MAX_AGE_SECONDS = 300;

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export interface CollectorOptions {
  /** SQLite file, created with its directory if missing; `:memory:` for a throwaway store. */
  readonly dbPath: string;
  /** Exact origins (`https://www.example.gov.cn`) whose pages may call the API. */
  readonly allowOrigins?: readonly string[];
  /** Serve the examples and seed the demo survey. */
  readonly demo?: boolean;
  /** The examples folder for `demo`; defaults to `examples/` at the repository root. */
  readonly examplesDir?: string | URL;
  /** The built widget script served at `/sdk/minyi.js`; defaults to the `@minyi/widgets` build. */
  readonly sdkFile?: string | URL;
  /** Structured logs on stderr; `silent` for none. Defaults to `info`. */
  readonly logLevel?: LogLevel;
}

export interface Collector {
  readonly app: FastifyInstance;
  readonly storage: ResponseStore;
  /** Stops accepting connections, finishes in-flight requests, then closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);

/** A collector ready to `listen()` or to `inject()` into; nothing is bound yet. */
export async function buildServer(options: CollectorOptions): Promise<Collector> {
  const storage = await openSqliteStore(options.dbPath);
  try {
    if (options.demo) await seedDemo(storage);
    const app = Fastify({
      logger: loggerOptions(options.logLevel ?? 'info'),
      // A slow client must not hold a connection open for ever.
      requestTimeout: 30_000,
    });
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('X-Content-Type-Options', 'nosniff');
      reply.header('Referrer-Policy', 'no-referrer');
      reply.header('Cross-Origin-Resource-Policy', 'same-origin');
    });
    app.setErrorHandler(sendError);
    app.setNotFoundHandler((request, reply) => {
      reply.code(404).send({ error: `nothing at ${request.method} ${pathOf(request.url)}` });
    });
    await app.register(apiRoutes(storage, options.allowOrigins ?? []));
    await app.register(sdkRoutes(toPath(options.sdkFile) ?? defaultSdkFile()));
    if (options.demo) {
      await app.register(
        exampleRoutes(toPath(options.examplesDir) ?? toPath(DEFAULT_EXAMPLES_DIR)!),
      );
    }
    await app.ready();
    return { app, storage, close: once(() => closeAll(app, storage)) };
  } catch (error) {
    await storage.close();
    throw error;
  }
}

function apiRoutes(storage: ResponseStore, allowOrigins: readonly string[]) {
  return async (api: FastifyInstance): Promise<void> => {
    api.addHook('onRequest', async (_request, reply) => {
      reply.header('X-Frame-Options', 'DENY');
    });
    if (allowOrigins.length > 0) {
      await api.register(fastifyCors, {
        origin: [...allowOrigins],
        methods: ['GET', 'HEAD', 'POST'],
        allowedHeaders: ['Content-Type'],
        maxAge: 7200,
      });
    }
    // One parser for both types: `text/plain` is how `navigator.sendBeacon` and simple
    // cross-origin fetches post without a CORS preflight, and the body is JSON either way.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser(
      [...ACCEPTED_CONTENT_TYPES],
      { parseAs: 'string', bodyLimit: BODY_LIMIT },
      (_request, body, done) => done(null, body),
    );
    api.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.code(415).send(unsupportedMediaType(request.headers['content-type']));
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        return reply.code(413).send({
          error: `the request body is larger than the limit of ${BODY_LIMIT} bytes (64 KiB); send fewer responses per request`,
          limit: BODY_LIMIT,
        });
      }
      return sendError(error, request, reply);
    });

    api.post('/v1/responses', { bodyLimit: BODY_LIMIT }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      // Reached without a body parser only when the request had no body and no content type.
      if (typeof request.body !== 'string') {
        return reply.code(415).send(unsupportedMediaType(request.headers['content-type']));
      }
      const envelope = parseEnvelope(request.body);
      if (!envelope.ok) {
        return reply.code(400).send({
          error: `not a batch of responses: send {"responses": [...]} with 1 to ${MAX_BATCH_RESPONSES} responses`,
          issues: envelope.issues,
        });
      }
      return { results: await ingestBatch(storage, envelope.responses) };
    });

    api.get<{ Params: { id: string } }>('/v1/surveys/:id', async (request, reply) => {
      const survey = await storage.getSurvey(request.params.id);
      if (!survey) {
        return reply
          .code(404)
          .send({ error: `unknown survey ${JSON.stringify(request.params.id)}` });
      }
      reply
        .header('Cache-Control', `public, max-age=${SURVEY_MAX_AGE_SECONDS}`)
        .header('ETag', survey.etag);
      if (matchesEtag(request.headers['if-none-match'], survey.etag)) {
        return reply.code(304).send();
      }
      return reply.type('application/json; charset=utf-8').send(survey.json);
    });

    api.get('/healthz', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { status: 'ok' };
    });
  };
}

function unsupportedMediaType(contentType: string | undefined) {
  const given = contentType ? `"${contentType}"` : 'no content type';
  return {
    error: `unsupported content type: ${given}; send the batch as application/json or text/plain`,
    accepted: [...ACCEPTED_CONTENT_TYPES],
  };
}

function sendError(error: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send({ error: error.message });
  }
  request.log.error({ err: error }, 'request failed');
  return reply.code(500).send({ error: 'internal error' });
}

/**
 * Pino on stderr, so stdout stays free for the command line's one line of output. Requests are
 * logged by method and path only: no query, headers or client address, since a resident's
 * address next to a timestamp identifies them, and no bodies, which hold their answers.
 */
function loggerOptions(level: LogLevel): FastifyServerOptions['logger'] {
  return {
    level,
    stream: process.stderr,
    serializers: {
      req: (request: { method: string; url: string }) => ({
        method: request.method,
        url: pathOf(request.url),
      }),
      res: (reply: { statusCode: number }) => ({ statusCode: reply.statusCode }),
    },
  };
}

function pathOf(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

function toPath(location: string | URL | undefined): string | undefined {
  if (location === undefined) return undefined;
  return location instanceof URL ? fileURLToPath(location) : location;
}

async function closeAll(app: FastifyInstance, storage: ResponseStore): Promise<void> {
  try {
    await app.close();
  } finally {
    await storage.close();
  }
}

function once(action: () => Promise<void>): () => Promise<void> {
  let running: Promise<void> | undefined;
  return () => {
    running ??= action();
    return running;
  };
}
