import { fileURLToPath } from 'node:url';
import fastifyCors from '@fastify/cors';
import { ID_PATTERN } from '@minyi/schema';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type FastifyServerOptions,
  LogController,
} from 'fastify';
import { ensureBuiltInSurveys } from './built-in-surveys.js';
import { Catalog } from './catalog.js';
import { seedDemo, seedDemoResponses } from './demo.js';
import { exampleRoutes } from './examples.js';
import { openStore } from './open-store.js';
import { OPENAPI } from './openapi.js';
import { RateLimiter } from './rate-limit.js';
import { ACCEPTED_CONTENT_TYPES, BODY_LIMIT, unsupportedMediaType } from './routes/body.js';
import { caseRoutes } from './routes/cases.js';
import { consultationRoutes } from './routes/consultations.js';
import { type ApiContext, tooManyRequests } from './routes/context.js';
import { readRoutes } from './routes/reads.js';
import { receiptRoutes } from './routes/receipts.js';
import { responseRoutes } from './routes/responses.js';
import { scoreRoutes } from './routes/scores.js';
import { surveyRoutes } from './routes/surveys.js';
import { DEFAULT_DASHBOARD_FILE, defaultSdkFile, sdkRoutes, sdkVersionOf } from './sdk.js';
import type { Durability } from './sqlite-store.js';
import type { Store } from './storage.js';
import { WEEKDAYS_ONLY, type WorkCalendar } from './work-calendar.js';

export { ACCEPTED_CONTENT_TYPES, BODY_LIMIT };

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

/**
 * Defaults that no resident or portal reaches, but a script flooding the collector does: a device
 * sends a batch when an answer is made and when the outbox retries; an address may be a whole
 * office or a mobile carrier's NAT.
 */
export const DEFAULT_RATE_LIMITS = { perAddress: 1200, perDevice: 120 } as const;

export interface CollectorOptions {
  /**
   * Where responses are kept: a SQLite file (created with its directory if missing; `:memory:`
   * for a throwaway store) or a `postgres://` / `postgresql://` URL.
   */
  readonly dbPath: string;
  /** Exact origins (`https://www.example.gov.cn`) whose pages may call the API. */
  readonly allowOrigins?: readonly string[];
  /** Serve the examples and seed the demo surveys and consultation. */
  readonly demo?: boolean;
  /** The examples folder for `demo`; defaults to `examples/` at the repository root. */
  readonly examplesDir?: string | URL;
  /** The built widget script served at `/sdk/minyi.js`; defaults to the `@minyi/widgets` build. */
  readonly sdkFile?: string | URL;
  /**
   * The evaluator's bundle served at `/sdk/minyi-dashboard.js`; defaults to the dashboard build
   * in this repository (`packages/dashboard/dist/minyi-dashboard.js`).
   */
  readonly dashboardFile?: string | URL;
  /** The version under `/sdk/{version}/`; defaults to the widgets package's version. */
  readonly sdkVersion?: string;
  /** Structured logs on stderr; `silent` for none. Defaults to `info`. */
  readonly logLevel?: LogLevel;
  /** Where logs go instead of stderr (tests read them). */
  readonly logStream?: NodeJS.WritableStream;
  /** Behind a load balancer: take the client address from the last `X-Forwarded-For` hop. */
  readonly trustProxy?: boolean;
  /** Requests per minute per client address and per device key; 0 turns a limit off. */
  readonly rateLimit?: { readonly perAddress?: number; readonly perDevice?: number };
  /** `full` survives power loss too (SQLite `synchronous = FULL`). Defaults to `normal`. */
  readonly durability?: Durability;
  /** The clock; replaceable in tests of periods, expiries, deadlines and consultation windows. */
  readonly now?: () => Date;
  /**
   * Public holidays and weekend days worked in exchange, for follow-up deadlines (`readWorkCalendar`
   * reads the file `serve --calendar` takes); Monday to Friday when omitted.
   */
  readonly calendar?: WorkCalendar;
}

export interface Collector {
  readonly app: FastifyInstance;
  readonly storage: Store;
  /** Every route registered, as method and URL pattern (`/v1/surveys/:id`). */
  readonly routes: readonly { readonly method: string; readonly url: string }[];
  /** Stops accepting connections, finishes in-flight requests, then closes the database. */
  close(): Promise<void>;
}

export const DEFAULT_EXAMPLES_DIR = new URL('../../../examples/', import.meta.url);

/** A collector ready to `listen()` or to `inject()` into; nothing is bound yet. */
export async function buildServer(options: CollectorOptions): Promise<Collector> {
  const now = options.now ?? (() => new Date());
  const logger = loggerOptions(options.logLevel ?? 'info', options.logStream ?? process.stderr);
  // Set once the server exists; errors of idle database connections are logged through it.
  let log: FastifyBaseLogger | undefined;
  const storage = await openStore(options.dbPath, {
    durability: options.durability ?? 'normal',
    now,
    onError: (error) => log?.error({ err: error }, 'database connection error'),
  });
  const sweeper = setInterval(() => {
    context.addressLimit.sweep(Date.now());
    context.deviceLimit.sweep(Date.now());
  }, 60_000);
  sweeper.unref();
  const context: ApiContext = {
    store: storage,
    catalog: new Catalog(storage, { clock: () => now().getTime() }),
    now,
    addressLimit: new RateLimiter({
      perMinute: options.rateLimit?.perAddress ?? DEFAULT_RATE_LIMITS.perAddress,
    }),
    deviceLimit: new RateLimiter({
      perMinute: options.rateLimit?.perDevice ?? DEFAULT_RATE_LIMITS.perDevice,
    }),
    calendar: options.calendar ?? WEEKDAYS_ONLY,
  };
  let app: FastifyInstance | undefined;
  const routes: { method: string; url: string }[] = [];
  try {
    await ensureBuiltInSurveys(storage);
    if (options.demo) {
      await seedDemo(storage, now());
      await seedDemoResponses(storage, now(), context.calendar);
    }
    const server = Fastify({
      logger,
      // Requests are logged once, on completion, by route pattern (see below).
      logController: new LogController({ disableRequestLogging: true }),
      // A slow client must not hold a connection open for ever.
      requestTimeout: 30_000,
      // Above the router's default of 100, so that a long guess at a receipt code gets the same
      // answer as a short one rather than the router's own "not found".
      routerOptions: { maxParamLength: 500 },
      // One hop: the address the load balancer itself saw, which a client cannot forge.
      trustProxy: options.trustProxy ? (_address: string, hop: number) => hop < 1 : false,
    });
    app = server as unknown as FastifyInstance;
    log = server.log;
    server.addHook('onRoute', (route) => {
      for (const method of [route.method].flat()) routes.push({ method, url: route.url });
    });
    server.addHook('onRequest', async (_request, reply) => {
      reply.headers(SECURITY_HEADERS);
    });
    server.addHook('onResponse', async (request, reply) => {
      // The route pattern, never the URL: ids, receipt codes and queries stay out of the logs.
      request.log.info(
        {
          method: request.method,
          route: request.routeOptions.url ?? '(no route)',
          status: reply.statusCode,
          ms: Math.round(reply.elapsedTime * 10) / 10,
        },
        'request completed',
      );
    });
    server.setErrorHandler(sendError);
    server.setNotFoundHandler((request, reply) => {
      reply.code(404).send({ error: `nothing at ${request.method} ${pathOf(request.url)}` });
    });
    await server.register(apiRoutes(context, options.allowOrigins ?? []));
    const sdkFile = toPath(options.sdkFile) ?? defaultSdkFile();
    const dashboardFile = toPath(options.dashboardFile ?? DEFAULT_DASHBOARD_FILE);
    await server.register(
      sdkRoutes(sdkFile, options.sdkVersion ?? sdkVersionOf(sdkFile), {
        file: dashboardFile,
        version: sdkVersionOf(dashboardFile, '@minyi/dashboard'),
      }),
    );
    if (options.demo) {
      await server.register(
        exampleRoutes(toPath(options.examplesDir) ?? toPath(DEFAULT_EXAMPLES_DIR)!),
      );
    }
    await server.ready();
    const built = server as unknown as FastifyInstance;
    return {
      app: built,
      storage,
      routes,
      close: once(async () => {
        clearInterval(sweeper);
        await closeAll(built, storage);
      }),
    };
  } catch (error) {
    clearInterval(sweeper);
    await app?.close().catch(() => {});
    await storage.close();
    throw error;
  }
}

const SECURITY_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Resource-Policy': 'same-origin',
} as const;

const API_HEADERS = {
  'X-Frame-Options': 'DENY',
  'Content-Security-Policy': "default-src 'none'; frame-ancestors 'none'",
} as const;

function apiRoutes(context: ApiContext, allowOrigins: readonly string[]) {
  return async (api: FastifyInstance): Promise<void> => {
    // One hook for both, since it runs on every request.
    api.addHook('onRequest', async (request, reply) => {
      // The API answers data, never documents: nothing in an answer may run or be framed.
      reply.headers(API_HEADERS);
      // Load balancers probe /healthz far more often than any limit would allow.
      if (!context.addressLimit.enabled || request.routeOptions.url === '/healthz') return;
      const decision = context.addressLimit.take(request.ip, Date.now());
      if (!decision.allowed) return tooManyRequests(reply, decision.retryAfterS, 'address');
    });
    if (allowOrigins.length > 0) {
      await api.register(fastifyCors, {
        origin: [...allowOrigins],
        methods: ['GET', 'HEAD', 'POST', 'PUT'],
        allowedHeaders: ['Content-Type', 'Authorization'],
        maxAge: 7200,
      });
    }
    // One parser for both types: `text/plain` is how `navigator.sendBeacon` and simple
    // cross-origin fetches post without a CORS preflight, and the body is JSON either way. It
    // hands over the text; each route parses it under its own rules.
    api.removeAllContentTypeParsers();
    api.addContentTypeParser(
      [...ACCEPTED_CONTENT_TYPES],
      { parseAs: 'string' },
      (_request, body, done) => done(null, body),
    );
    api.setErrorHandler((error: FastifyError, request, reply) => {
      if (error.code === 'FST_ERR_CTP_INVALID_MEDIA_TYPE') {
        return reply.code(415).send(unsupportedMediaType(request.headers['content-type']));
      }
      if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
        const limit = request.routeOptions.bodyLimit ?? BODY_LIMIT;
        const advice = limit === BODY_LIMIT ? '; send fewer responses per request' : '';
        return reply.code(413).send({
          error: `the request body is larger than the limit of ${limit} bytes (${limit / 1024} KiB)${advice}`,
          limit,
        });
      }
      return sendError(error, request, reply);
    });

    api.addHook('preValidation', async (request, reply) => {
      // An id that cannot exist is answered without asking the database (PostgreSQL refuses
      // some characters outright, such as NUL).
      const id = (request.params as { id?: unknown } | undefined)?.id;
      if (typeof id === 'string' && !ID_PATTERN.test(id)) {
        const url = request.routeOptions.url ?? '';
        const what = url.startsWith('/v1/consultations')
          ? 'consultation'
          : url.startsWith('/v1/cases')
            ? 'case'
            : 'survey';
        return reply.code(404).send({ error: `unknown ${what} ${JSON.stringify(id)}` });
      }
    });
    await api.register(responseRoutes(context));
    await api.register(surveyRoutes(context));
    await api.register(consultationRoutes(context));
    await api.register(readRoutes(context));
    await api.register(scoreRoutes(context));
    await api.register(receiptRoutes(context));
    await api.register(caseRoutes(context));

    api.get('/v1/openapi.json', async (_request, reply) => {
      reply.header('Cache-Control', 'public, max-age=300');
      return OPENAPI;
    });

    api.get('/healthz', async (_request, reply) => {
      reply.header('Cache-Control', 'no-store');
      return { status: 'ok' };
    });
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
 * Pino on stderr, so stdout stays free for the command line's one line of output. Nothing about
 * the request is logged but its method, route pattern, status and duration: no query, headers or
 * client address, since a resident's address next to a timestamp identifies them, and no
 * bodies, which hold their answers. Errors keep their type, message, code and stack only (a
 * database error's detail can quote the row).
 */
function loggerOptions(
  level: LogLevel,
  stream: NodeJS.WritableStream,
): FastifyServerOptions['logger'] {
  return {
    level,
    stream,
    serializers: {
      err: (error: Error & { code?: unknown }) => ({
        type: error.name,
        message: error.message,
        ...(typeof error.code === 'string' ? { code: error.code } : {}),
        stack: error.stack ?? '',
      }),
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

async function closeAll(app: FastifyInstance, storage: Store): Promise<void> {
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
