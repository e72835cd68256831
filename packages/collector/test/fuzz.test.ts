import { connect } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildServer, type Collector, seedDemo } from '../src/index.js';
import {
  type Adapter,
  forTheFile,
  makeEvaluation,
  makeOpinion,
  makeResponse,
  makeToken,
  POSTGRES,
  SQLITE,
} from './helpers.js';

/**
 * Hostile and malformed requests, generated: whatever arrives, the collector answers 4xx with a
 * body that says what is wrong (or 200 with every item rejected), never 5xx, and stores nothing.
 * Every generated response is invalid by construction, so the database must stay empty.
 */

/** The suite's server, one per adapter in turn; the suites run one after the other. */
let collector: Collector;
let evaluator: string;
let requests = 0;

interface Sent {
  readonly method?: 'GET' | 'POST' | 'PUT';
  readonly url?: string;
  readonly contentType?: string | undefined;
  readonly payload?: string | Buffer;
  readonly headers?: Record<string, string>;
}

async function send(request: Sent): Promise<void> {
  requests += 1;
  const headers: Record<string, string> = { ...request.headers };
  if (request.contentType !== undefined) headers['content-type'] = request.contentType;
  const reply = await collector.app.inject({
    method: request.method ?? 'POST',
    url: request.url ?? '/v1/responses',
    headers,
    ...(request.payload === undefined ? {} : { payload: request.payload }),
  });
  const label = `${reply.statusCode} for ${JSON.stringify(request).slice(0, 300)}`;
  expect(reply.statusCode, label).toBeLessThan(500);
  if (reply.statusCode === 304) return;
  const body = reply.json() as {
    error?: unknown;
    results?: { status: string; error?: string }[];
  };
  if (reply.statusCode >= 400) {
    expect(typeof body.error, label).toBe('string');
    expect((body.error as string).length, label).toBeGreaterThan(10);
    return;
  }
  for (const [index, result] of (body.results ?? []).entries()) {
    expect(result.status, label).toBe('rejected');
    expect(result.error, label).toMatch(new RegExp(`^responses\\[${index}\\]`));
  }
}

const anyValue = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc.string({ unit: 'binary', maxLength: 200 }),
  fc.constantFrom(null, true, -1, 0, 1.5, 1e308, '', 'N/A', '__proto__', [], {}),
);

const templates = [makeResponse, makeEvaluation, makeOpinion];
const FIELDS = [
  'id',
  'survey',
  'surveyVersion',
  'kind',
  'subject',
  'answers',
  'locale',
  'page',
  'createdAt',
  'sdk',
];
const INVALID: Record<string, fc.Arbitrary<unknown>> = {
  id: fc.oneof(fc.string({ maxLength: 40 }), fc.integer(), fc.constant(null)),
  survey: fc.oneof(
    fc.constantFrom('', ' x', '../etc', 'a'.repeat(101), 'no-such-survey'),
    fc.integer(),
  ),
  surveyVersion: fc.oneof(fc.constantFrom(0, -1, 1.5, '1', 99, null, 2 ** 40, 2 ** 53 - 1)),
  kind: fc.oneof(
    fc
      .string({ maxLength: 12 })
      .filter((k) => !['satisfaction', 'evaluation', 'consultation'].includes(k)),
    fc.integer(),
  ),
  subject: fc.oneof(fc.constantFrom('', 'x'.repeat(501)), fc.integer(), fc.constant(null)),
  answers: fc.oneof(
    fc.constant({}),
    fc.constant([]),
    fc
      .dictionary(
        fc.constantFrom('overall', 'attitude', 'position', 'x y', '__proto__'),
        fc.constantFrom('great', 99, -1, 1.5, true, 'N/A', '满意'),
      )
      .filter((a) => Object.keys(a).length > 0),
    fc.string(),
  ),
  locale: fc.oneof(fc.constantFrom('zh', 'en-US', 'ZH-HANS', ''), fc.integer()),
  page: fc.oneof(
    fc.constantFrom('javascript:alert(1)', 'https://x.gov.cn/?q=1', '/relative', 'ftp://x', ''),
    fc.integer(),
  ),
  createdAt: fc.oneof(
    fc.constantFrom('2025-03-14', '2025-03-14T09:26:53', 'yesterday', '2025-13-01T00:00:00Z'),
    fc.integer(),
  ),
  sdk: fc.oneof(fc.constantFrom('', 'x'.repeat(65)), fc.integer(), fc.constant(null)),
};

/** A response with at least one field made invalid, or removed, or hostile keys added. */
const brokenResponse = fc
  .record({
    template: fc.constantFrom(...templates),
    broken: fc.uniqueArray(fc.constantFrom(...FIELDS), { minLength: 1, maxLength: 4 }),
    remove: fc.boolean(),
    values: fc.record(INVALID),
    extra: fc.dictionary(fc.string({ maxLength: 8 }), anyValue, { maxKeys: 3 }),
  })
  .map(({ template, broken, remove, values, extra }) => {
    const response: Record<string, unknown> = { ...extra, ...template() };
    for (const field of broken) {
      if (remove) delete response[field];
      else response[field] = values[field as keyof typeof values];
    }
    return response;
  });

const hostileText = fc.oneof(
  // Prototype keys survive JSON.parse as own properties; they are only written as text.
  fc.constantFrom(
    '{"responses":[{"__proto__":{"admin":true}}]}',
    '{"__proto__":{"responses":[1]}}',
    '{"responses":[{"constructor":{"prototype":{"x":1}}}]}',
    `{"responses":[${JSON.stringify(makeResponse()).replace('{', '{"__proto__":{"polluted":1},')}]}`,
    `{"responses":[${JSON.stringify(makeResponse()).replace('{', '{"\\u005f_proto__":{"polluted":1},')}]}`,
  ),
  fc
    .integer({ min: 17, max: 30_000 })
    .map((depth) => `{"responses":[${'['.repeat(depth)}1${']'.repeat(depth)}]}`),
  fc.integer({ min: 17, max: 3000 }).map((depth) => {
    let nested = '1';
    for (let i = 0; i < depth; i++) nested = `{"a":${nested}}`;
    return `{"responses":[${JSON.stringify(makeResponse()).replace('{', `{"extra":${nested},`)}]}`;
  }),
  fc.string({ unit: 'binary', maxLength: 300 }),
  fc.jsonValue({ maxDepth: 4 }).map((value) => JSON.stringify(value)),
);

/**
 * The full run against SQLite, in-process; a fifth of it against PostgreSQL, whose types are
 * stricter (a value SQLite would store quietly can fail there).
 */
describe.each([
  [SQLITE, 1],
  [POSTGRES, 0.2],
] as [Adapter, number][])('fuzzing the collector on $name', (adapter, scale) => {
  const runs = (count: number) => Math.round(count * scale);
  beforeAll(async () => {
    requests = 0;
    collector = await forTheFile(async () =>
      buildServer({
        dbPath: await adapter.db(),
        logLevel: 'silent',
        // The limits have tests of their own; here every request must reach the validation.
        rateLimit: { perAddress: 0, perDevice: 0 },
      }),
    );
    await seedDemo(collector.storage);
    evaluator = await makeToken(collector.storage, 'evaluator');
  });

  afterAll(async () => {
    await collector.close();
  });

  it('answers batches of broken responses item by item and stores none', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(brokenResponse, { minLength: 1, maxLength: 20 }),
        fc.option(fc.string({ maxLength: 80 }), { nil: undefined }),
        fc.constantFrom(
          'application/json',
          'text/plain;charset=UTF-8',
          'application/json; charset=utf-8',
        ),
        async (responses, device, contentType) => {
          const envelope = device === undefined ? { responses } : { responses, device };
          await send({ contentType, payload: JSON.stringify(envelope) });
        },
      ),
      { numRuns: runs(4000) },
    );
  });

  it('refuses hostile JSON, deep nesting and prototype keys', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, async (payload) => {
        await send({ contentType: 'application/json', payload });
      }),
      { numRuns: runs(2000) },
    );
  });

  it('refuses truncated bodies, bad UTF-8 and oversized bodies', async () => {
    // Well-formed, but for a survey that does not exist: whatever the damage, nothing is stored.
    const valid = JSON.stringify({
      responses: [
        makeResponse({ survey: 'no-such-survey' }),
        makeEvaluation({ surveyVersion: 99 }),
      ],
    });
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.integer({ min: 0, max: valid.length - 1 }).map((cut) => valid.slice(0, cut)),
          fc.uint8Array({ minLength: 1, maxLength: 400 }).map((bytes) => Buffer.from(bytes)),
          fc
            .tuple(
              fc.integer({ min: 0, max: valid.length }),
              fc.constantFrom(
                [0xff],
                [0xc3],
                [0xe4, 0xb8],
                [0xed, 0xa0, 0x80],
                [0xf8, 0x88, 0x80, 0x80],
              ),
            )
            .map(([at, bytes]) =>
              Buffer.concat([
                Buffer.from(valid.slice(0, at)),
                Buffer.from(bytes),
                Buffer.from(valid.slice(at)),
              ]),
            ),
          fc
            .integer({ min: 65_537, max: 200_000 })
            .map((size) => `{"responses":["${'x'.repeat(size)}"]}`),
        ),
        async (payload) => {
          await send({ contentType: 'application/json', payload });
        },
      ),
      { numRuns: runs(2000) },
    );
  });

  it('refuses wrong content types', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.constantFrom(
            undefined,
            '',
            'application/xml',
            'multipart/form-data; boundary=x',
            'application/x-www-form-urlencoded',
            'application/jsonp',
            'text/html',
            'application/json; charset=',
            ';;;',
            'text/plain; charset=utf-16',
          ),
          fc.string({ maxLength: 40 }),
        ),
        fc.constantFrom('{"responses":[{}]}', 'responses=1', '<xml/>', ''),
        async (contentType, payload) => {
          await send({ contentType, payload });
        },
      ),
      { numRuns: runs(1000) },
    );
  });

  it('keeps the other endpoints to 4xx whatever they are sent', async () => {
    const path = fc.oneof(
      fc.constantFrom(
        '/v1/surveys/page-feedback',
        '/v1/surveys/%2e%2e',
        '/v1/consultations/elevator-retrofit',
        '/v1/surveys',
        '/v1/consultations',
        '/v1/surveys/page-feedback/retire',
        '/v1/consultations/elevator-retrofit/status',
      ),
      fc
        .string({ unit: 'binary', maxLength: 120 })
        .map((id) => `/v1/surveys/${encodeURIComponent(id)}`),
      fc.constantFrom('/v1/surveys/a%00b', '/v1/consultations/%00', '/v1/surveys/a%00b/retire'),
      fc.string({ maxLength: 120 }).map((id) => `/v1/consultations/${encodeURIComponent(id)}`),
      fc
        .dictionary(
          fc.constantFrom('survey', 'subject', 'from', 'to', 'format', 'x', '__proto__'),
          fc.string({ unit: 'binary', maxLength: 30 }),
        )
        .map((query) => `/v1/responses/count?${new URLSearchParams(query)}`),
    );
    await fc.assert(
      fc.asyncProperty(
        path,
        fc.constantFrom('GET', 'POST', 'PUT') as fc.Arbitrary<'GET' | 'POST' | 'PUT'>,
        fc.option(hostileText, { nil: undefined }),
        fc.constantFrom(undefined, `Bearer ${evaluator}`, 'Bearer minyi_ad_xxxx', 'Basic Og=='),
        async (url, method, payload, authorization) => {
          await send({
            method,
            url,
            contentType: payload === undefined ? undefined : 'application/json',
            ...(payload === undefined || method === 'GET' ? {} : { payload }),
            headers: authorization ? { authorization } : {},
          });
        },
      ),
      { numRuns: runs(1200) },
    );
  });

  it('sent its share of 10,000 requests and stored nothing', async () => {
    expect(requests).toBeGreaterThanOrEqual(runs(10_000));
    expect(await collector.storage.countResponses()).toBe(0);
    expect((await collector.storage.surveyInfo('page-feedback'))?.retiredAt).toBeUndefined();
    expect(await collector.storage.surveyVersions('page-feedback')).toHaveLength(1);
  });
});

describe('over a real socket', () => {
  async function raw(url: string, text: string | Buffer, endEarly: boolean): Promise<string> {
    const { port } = new URL(url);
    return new Promise((resolve, reject) => {
      const socket = connect(Number(port), '127.0.0.1');
      let answer = '';
      socket.setEncoding('utf8');
      socket.on('data', (chunk: string) => {
        answer += chunk;
      });
      socket.on('close', () => resolve(answer));
      socket.on('error', reject);
      socket.write(text);
      if (endEarly) socket.end();
      setTimeout(() => socket.destroy(), 2000).unref();
    });
  }

  it('survives truncated bodies and bad UTF-8, storing nothing', async () => {
    const { startTestCollector } = await import('./helpers.js');
    const { url, storage } = await startTestCollector();
    const body = JSON.stringify({ responses: [makeResponse()] });
    const head = (length: number) =>
      `POST /v1/responses HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\nConnection: close\r\n\r\n`;
    // The client promises more than it sends, then hangs up.
    const truncated = await raw(url, head(Buffer.byteLength(body)) + body.slice(0, 40), true);
    expect(truncated).not.toMatch(/^HTTP\/1\.1 5/);
    // A complete request whose body is cut JSON.
    const cut = body.slice(0, 60);
    expect(await raw(url, head(cut.length) + cut, false)).toMatch(/^HTTP\/1\.1 400 /);
    // Bytes that are not UTF-8 inside a string.
    const bad = Buffer.concat([
      Buffer.from(body.slice(0, 30)),
      Buffer.from([0xff, 0xfe, 0xc3]),
      Buffer.from(body.slice(30)),
    ]);
    const badAnswer = await raw(url, Buffer.concat([Buffer.from(head(bad.length)), bad]), false);
    expect(badAnswer).toMatch(/^HTTP\/1\.1 (200|400) /);
    expect(badAnswer).not.toContain('"accepted"');
    // Garbage instead of HTTP.
    expect(await raw(url, '\x00\x01GARBAGE\r\n\r\n', false)).toMatch(/^HTTP\/1\.1 400 |^$/);
    expect(await storage.countResponses()).toBe(0);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
  });
});
