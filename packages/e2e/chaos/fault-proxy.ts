/**
 * An HTTP proxy in front of the real collector that makes `POST /v1/responses` fail the ways a
 * government network does: overloaded (503), stored but answered with an error (500), silent
 * until the client gives up (hang), and dropped mid-request (reset). Everything else is forwarded
 * untouched, so the page, the script and survey definitions always load.
 *
 * Which fault a request meets comes from a seeded stream, drawn in the order requests arrive.
 */
import { readFile } from 'node:fs/promises';
import {
  Agent,
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type OutgoingHttpHeaders,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Random } from './random.js';

export const FAULT_KINDS = ['unavailable', 'stored-then-500', 'hang', 'reset'] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];
export type Fate = FaultKind | 'pass';

/** The mix the chaos requirement names; the remaining 65 % pass. */
export const DEFAULT_FAULT_RATES: Readonly<Record<FaultKind, number>> = {
  unavailable: 0.2,
  'stored-then-500': 0.05,
  hang: 0.05,
  reset: 0.05,
};

/** Maps one uniform draw in [0, 1) to a fate, the kinds taking consecutive slices of the unit. */
export function drawFate(u: number, rates: Readonly<Record<FaultKind, number>>): Fate {
  let edge = 0;
  for (const kind of FAULT_KINDS) {
    edge += rates[kind];
    if (u < edge) return kind;
  }
  return 'pass';
}

export interface StaticFile {
  readonly file: string;
  readonly type: string;
  readonly headers?: Readonly<Record<string, string>>;
}

export interface FaultProxyOptions {
  /** The collector's base URL. */
  readonly upstream: string;
  readonly random: Random;
  readonly rates?: Readonly<Record<FaultKind, number>>;
  /**
   * How long a hung request is held before its connection is destroyed. Chosen well past the
   * client's request timeout, so that the client is the one that gives up.
   */
  readonly hangMs: number;
  /** Files the proxy answers itself, by path; everything else goes to the collector. */
  readonly files?: Readonly<Record<string, StaticFile>>;
  /** Names the sender of an ingest request for the statistics (e.g. which tab). */
  readonly sourceOf?: (request: IncomingMessage) => string | undefined;
}

export interface ProxyStats {
  /** `POST /v1/responses` requests received. */
  ingestRequests: number;
  /** Responses carried by those requests, resends included. */
  answersCarried: number;
  /** Ingest requests sent as text/plain: the keepalive request of a page that is going away. */
  keepaliveRequests: number;
  fates: Record<Fate, number>;
  /** Hung requests the client gave up on (its timeout, or the page went away) before `hangMs`. */
  hangsAbandoned: number;
  /** Requests held open, after reaching the collector, while the page that sent them reloaded. */
  held: number;
  bySource: Record<string, number>;
}

export interface FaultProxy {
  readonly url: string;
  readonly stats: ProxyStats;
  /** Off, every ingest request is forwarded and its answer relayed. */
  faults: boolean;
  /**
   * Holds the next ingest request that `match` accepts, within `timeoutMs`: it is forwarded to
   * the collector, but its answer waits until the returned function is called (or `hangMs`
   * passes). Resolves to undefined when no such request arrived in time.
   */
  holdNext(
    match: (request: IncomingMessage) => boolean,
    timeoutMs: number,
  ): Promise<(() => void) | undefined>;
  close(): Promise<void>;
}

/** Per connection, not per hop: never copied from one side to the other. */
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'transfer-encoding',
  'upgrade',
  'te',
  'trailer',
  'content-length',
]);
/** Far above a 100-response batch (the collector refuses over 64 KiB); only a bound on memory. */
const MAX_BODY_BYTES = 1024 * 1024;
const INGEST_PATH = '/v1/responses';

interface Upstream {
  readonly status: number;
  readonly headers: IncomingHttpHeaders;
  readonly body: Buffer;
}

interface PendingHold {
  readonly match: (request: IncomingMessage) => boolean;
  readonly resolve: (release: (() => void) | undefined) => void;
  readonly timer: ReturnType<typeof setTimeout>;
}

export async function startFaultProxy(options: FaultProxyOptions): Promise<FaultProxy> {
  const upstream = new URL(options.upstream);
  const rates = options.rates ?? DEFAULT_FAULT_RATES;
  const agent = new Agent({ keepAlive: true });
  const timers = new Set<ReturnType<typeof setTimeout>>();
  const sockets = new Set<Socket>();
  const releases = new Set<() => void>();
  let pendingHold: PendingHold | undefined;
  let closed = false;

  const stats: ProxyStats = {
    ingestRequests: 0,
    answersCarried: 0,
    keepaliveRequests: 0,
    fates: { pass: 0, unavailable: 0, 'stored-then-500': 0, hang: 0, reset: 0 },
    hangsAbandoned: 0,
    held: 0,
    bySource: {},
  };

  const later = (ms: number, action: () => void): (() => void) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      action();
    }, ms);
    timers.add(timer);
    return () => {
      clearTimeout(timer);
      timers.delete(timer);
    };
  };

  const forward = (request: IncomingMessage, body: Buffer): Promise<Upstream> =>
    new Promise((resolve, reject) => {
      const headers: OutgoingHttpHeaders = { ...withoutHopByHop(request.headers) };
      headers.host = upstream.host;
      headers['content-length'] = String(body.length);
      const outgoing = httpRequest(
        {
          agent,
          host: upstream.hostname,
          port: upstream.port,
          method: request.method,
          path: request.url,
          headers,
        },
        (incoming) => {
          readBody(incoming).then(
            (data) =>
              resolve({
                status: incoming.statusCode ?? 502,
                headers: incoming.headers,
                body: data,
              }),
            reject,
          );
        },
      );
      outgoing.on('error', reject);
      outgoing.end(body);
    });

  const claimHold = (request: IncomingMessage): Promise<void> | undefined => {
    const hold = pendingHold;
    if (!hold?.match(request)) return undefined;
    pendingHold = undefined;
    clearTimeout(hold.timer);
    timers.delete(hold.timer);
    return new Promise<void>((resolve) => {
      let cancel = () => {};
      const release = () => {
        cancel();
        releases.delete(release);
        resolve();
      };
      // Bounded even if the test never releases it.
      cancel = later(options.hangMs, release);
      releases.add(release);
      hold.resolve(release);
    });
  };

  const ingest = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    stats.ingestRequests += 1;
    const source = options.sourceOf?.(request);
    if (source) stats.bySource[source] = (stats.bySource[source] ?? 0) + 1;
    if (request.headers['content-type']?.startsWith('text/plain')) stats.keepaliveRequests += 1;
    const held = claimHold(request);
    // Drawn on arrival, so the sequence of fates is the seed's whatever the bodies' sizes.
    const fate: Fate = held || !proxy.faults ? 'pass' : drawFate(options.random(), rates);
    const body = await readBody(request);
    stats.answersCarried += countResponses(body);

    if (held) {
      stats.held += 1;
      const answer = await forward(request, body);
      await held;
      relay(response, answer);
      return;
    }
    stats.fates[fate] += 1;
    switch (fate) {
      case 'unavailable':
        sendJson(response, 503, { error: 'chaos: the collector is overloaded' });
        return;
      case 'reset':
        // Nothing reached the collector: the connection dropped on the way in.
        request.socket.resetAndDestroy();
        return;
      case 'stored-then-500':
        await forward(request, body);
        sendJson(response, 500, { error: 'chaos: stored, then failed to answer' });
        return;
      case 'hang': {
        // Stored, but the answer never comes: the client must time out and resend, and the
        // collector must recognise the resend as a duplicate.
        await forward(request, body);
        let dropped = false;
        const cancel = later(options.hangMs, () => {
          dropped = true;
          request.socket.destroy();
        });
        response.on('close', () => {
          if (!dropped && !closed) stats.hangsAbandoned += 1;
          cancel();
        });
        return;
      }
      case 'pass':
        relay(response, await forward(request, body));
        return;
    }
  };

  const serveFile = async (response: ServerResponse, file: StaticFile): Promise<void> => {
    const content = await readFile(file.file);
    response.writeHead(200, {
      'content-type': file.type,
      'content-length': content.length,
      'cache-control': 'no-store',
      connection: 'close',
      ...file.headers,
    });
    response.end(content);
  };

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const path = new URL(request.url ?? '/', 'http://proxy').pathname;
    const file = options.files?.[path];
    if (file && (request.method === 'GET' || request.method === 'HEAD')) {
      await serveFile(response, file);
    } else if (path === INGEST_PATH && request.method === 'POST') {
      await ingest(request, response);
    } else {
      relay(response, await forward(request, await readBody(request)));
    }
  };

  const server = createServer((request, response) => {
    // A reset or destroyed socket surfaces here as an error; it is the point, not a failure.
    response.on('error', () => {});
    request.on('error', () => {});
    handle(request, response).catch(() => {
      if (response.headersSent || response.destroyed) response.destroy();
      else sendJson(response, 502, { error: 'chaos proxy: the collector could not be reached' });
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  const proxy: FaultProxy = {
    url: `http://127.0.0.1:${port}`,
    stats,
    faults: true,
    holdNext(match, timeoutMs) {
      if (closed) return Promise.resolve(undefined);
      pendingHold?.resolve(undefined);
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          timers.delete(timer);
          if (pendingHold?.timer === timer) pendingHold = undefined;
          resolve(undefined);
        }, timeoutMs);
        timers.add(timer);
        pendingHold = { match, resolve, timer };
      });
    },
    async close() {
      if (closed) return;
      closed = true;
      pendingHold?.resolve(undefined);
      pendingHold = undefined;
      for (const release of [...releases]) release();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
      for (const socket of sockets) socket.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
  return proxy;
}

function withoutHopByHop(headers: IncomingHttpHeaders): IncomingHttpHeaders {
  return Object.fromEntries(
    Object.entries(headers).filter(([name]) => !HOP_BY_HOP.has(name.toLowerCase())),
  );
}

/**
 * Every answer closes its connection, so each request arrives on a fresh one. On a reused
 * keep-alive connection Chromium silently resends a request that was reset, and the outbox would
 * never see the fault.
 */
function relay(response: ServerResponse, answer: Upstream): void {
  if (response.destroyed || response.headersSent) return;
  response.writeHead(answer.status, {
    ...withoutHopByHop(answer.headers),
    'content-length': String(answer.body.length),
    connection: 'close',
  });
  response.end(answer.body);
}

function sendJson(response: ServerResponse, status: number, body: unknown): void {
  if (response.destroyed || response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    connection: 'close',
  });
  response.end(text);
}

function readBody(stream: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        stream.destroy(new Error(`body over ${MAX_BODY_BYTES} bytes`));
        return;
      }
      chunks.push(chunk);
    });
    stream.on('end', () => resolve(Buffer.concat(chunks)));
    stream.on('error', reject);
    // Closed before its end: the client went away mid-body. (After 'end' this is a no-op.)
    stream.on('close', () => reject(new Error('the connection closed before the body ended')));
  });
}

function countResponses(body: Buffer): number {
  try {
    const parsed = JSON.parse(body.toString('utf8')) as { responses?: unknown };
    return Array.isArray(parsed.responses) ? parsed.responses.length : 0;
  } catch {
    return 0;
  }
}
