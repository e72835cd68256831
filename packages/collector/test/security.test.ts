import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { DEMO_TOPIC } from '../src/index.js';
import {
  ADAPTERS,
  api,
  makeEvaluation,
  makeResponse,
  makeToken,
  post,
  postResponses,
  startTestCollector,
} from './helpers.js';

const PORTAL = 'https://www.example.gov.cn';
const FOREIGN = 'https://evil.example.com';

interface Endpoint {
  readonly method: string;
  readonly path: string;
  readonly role: 'evaluator' | 'admin';
  readonly body?: unknown;
}

const ENDPOINTS: readonly Endpoint[] = [
  { method: 'GET', path: '/v1/responses', role: 'evaluator' },
  { method: 'GET', path: '/v1/responses/count', role: 'evaluator' },
  {
    method: 'POST',
    path: '/v1/surveys',
    role: 'admin',
    body: {
      id: 'new-survey',
      kind: 'satisfaction',
      title: { en: 'New' },
      dimensions: [{ id: 'overall', label: { en: 'Overall' }, scale: 'hcp5' }],
    },
  },
  {
    method: 'PUT',
    path: '/v1/surveys/page-feedback',
    role: 'admin',
    body: {
      kind: 'satisfaction',
      title: { en: 'Changed' },
      dimensions: [{ id: 'overall', label: { en: 'Overall' }, scale: 'hcp5' }],
    },
  },
  { method: 'POST', path: '/v1/surveys/page-feedback/retire', role: 'admin' },
  {
    method: 'POST',
    path: '/v1/consultations',
    role: 'admin',
    body: { ...DEMO_TOPIC, id: 'new-topic', version: undefined },
  },
  {
    method: 'PUT',
    path: '/v1/consultations/elevator-retrofit',
    role: 'admin',
    body: { ...DEMO_TOPIC, title: { en: 'Changed' }, version: undefined },
  },
  {
    method: 'POST',
    path: '/v1/consultations/elevator-retrofit/status',
    role: 'admin',
    body: { status: 'closed' },
  },
];

describe.each(ADAPTERS)('tokens guard every protected endpoint ($name)', (adapter) => {
  it('refuse no token, a made-up one, an expired, a revoked and a wrong-role token', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const past = new Date(Date.now() - 1000).toISOString();
    const tokens = {
      made_up: `minyi_ad_${'A'.repeat(43)}`,
      malformed: 'letmein',
      expiredAdmin: await makeToken(storage, 'admin', { expiresAt: past }),
      revokedAdmin: await makeToken(storage, 'admin', { revoked: true }),
      expiredEvaluator: await makeToken(storage, 'evaluator', { expiresAt: past }),
      revokedEvaluator: await makeToken(storage, 'evaluator', { revoked: true }),
      evaluator: await makeToken(storage, 'evaluator'),
    };
    for (const endpoint of ENDPOINTS) {
      const call = (token?: string, headers?: Record<string, string>) =>
        api(url, endpoint.method, endpoint.path, {
          ...(token ? { token } : {}),
          ...(endpoint.body === undefined ? {} : { body: endpoint.body }),
          ...(headers ? { headers } : {}),
        });
      const label = `${endpoint.method} ${endpoint.path}`;
      const none = await call();
      expect(none.status, label).toBe(401);
      expect(none.headers.get('www-authenticate'), label).toBe('Bearer realm="minyi"');
      expect(none.json.error, label).toMatch(/^this needs an? (evaluator or admin|admin) token/);
      const basic = await call(undefined, { authorization: 'Basic YWRtaW46YWRtaW4=' });
      expect(basic.status, label).toBe(401);
      for (const token of [tokens.made_up, tokens.malformed]) {
        const reply = await call(token);
        expect(reply.status, label).toBe(401);
        expect(reply.json.error).toBe('the token is not valid');
        expect(reply.headers.get('www-authenticate')).toContain('error="invalid_token"');
      }
      const expired = endpoint.role === 'admin' ? tokens.expiredAdmin : tokens.expiredEvaluator;
      expect((await call(expired)).json.error, label).toBe('the token has expired');
      const revoked = endpoint.role === 'admin' ? tokens.revokedAdmin : tokens.revokedEvaluator;
      expect((await call(revoked)).json.error, label).toBe('the token was revoked');
      if (endpoint.role === 'admin') {
        const wrongRole = await call(tokens.evaluator);
        expect(wrongRole.status, label).toBe(403);
        expect(wrongRole.json.error).toBe(
          'this needs an admin token; this token is an evaluator token',
        );
      }
    }
    // Nothing was changed by any refused request.
    expect(await storage.surveyInfo('new-survey')).toBeUndefined();
    expect(await storage.surveyInfo('page-feedback')).toEqual({
      latestVersion: 1,
      retiredAt: undefined,
    });
    expect(await storage.getTopic('new-topic')).toBeUndefined();
    expect(await storage.getTopic('elevator-retrofit')).toMatchObject({
      version: 1,
      status: 'open',
    });
    // And each endpoint works with the right token.
    const admin = await makeToken(storage, 'admin');
    for (const endpoint of ENDPOINTS) {
      const reply = await api(url, endpoint.method, endpoint.path, {
        token: endpoint.role === 'admin' ? admin : tokens.evaluator,
        ...(endpoint.body === undefined ? {} : { body: endpoint.body }),
      });
      expect(reply.status, `${endpoint.method} ${endpoint.path}: ${reply.text}`).toBeLessThan(300);
    }
  });

  it('record when a token was last used', async () => {
    const { url, storage } = await startTestCollector({ adapter });
    const token = await makeToken(storage, 'evaluator');
    expect((await storage.listTokens())[0]?.lastUsedAt).toBeUndefined();
    await api(url, 'GET', '/v1/responses/count', { token });
    await expect
      .poll(async () => (await storage.listTokens())[0]?.lastUsedAt)
      .toMatch(/^\d{4}-\d\d-\d\dT/);
  });
});

describe('CORS', () => {
  it('lets allowed origins send tokens, and tells a foreign origin nothing', async () => {
    const { url } = await startTestCollector({ allowOrigins: [PORTAL] });
    const preflight = (origin: string) =>
      fetch(`${url}/v1/responses`, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'GET',
          'access-control-request-headers': 'authorization',
        },
      });
    const allowed = await preflight(PORTAL);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'authorization',
    );
    expect(allowed.headers.get('access-control-allow-credentials')).toBeNull();
    const foreign = await preflight(FOREIGN);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    for (const path of ['/v1/surveys/page-feedback', '/v1/consultations/elevator-retrofit']) {
      const reply = await api(url, 'GET', path, { headers: { origin: FOREIGN } });
      expect(reply.headers.get('access-control-allow-origin'), path).toBeNull();
    }
    const sdk = await fetch(`${url}/sdk/minyi.js`, { headers: { origin: FOREIGN } });
    expect(sdk.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('security headers', () => {
  it('are on every answer of the API, refusals included; /sdk/ is cross-origin', async () => {
    const { url, storage } = await startTestCollector({ rateLimit: { perAddress: 40 } });
    const evaluator = await makeToken(storage, 'evaluator');
    const replies = [
      await api(url, 'GET', '/healthz'),
      await api(url, 'GET', '/v1/openapi.json'),
      await api(url, 'GET', '/v1/surveys/page-feedback'),
      await api(url, 'GET', '/v1/surveys/nothing'),
      await api(url, 'GET', '/v1/responses'),
      await api(url, 'POST', '/v1/surveys', { token: evaluator, body: {} }),
      await api(url, 'POST', '/v1/responses', { body: 'x'.repeat(70_000) }),
      await api(url, 'POST', '/v1/responses', {
        body: '{}',
        headers: { 'content-type': 'application/xml' },
      }),
      await api(url, 'GET', '/nowhere/<script>'),
    ];
    expect(replies.map((r) => r.status)).toEqual([200, 200, 200, 404, 401, 403, 413, 415, 404]);
    while ((await api(url, 'GET', '/v1/surveys/page-feedback')).status !== 429);
    replies.push(await api(url, 'GET', '/v1/surveys/page-feedback'));
    for (const reply of replies) {
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('cross-origin-resource-policy')).toBe('same-origin');
      expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
    }
    for (const reply of replies.filter((r) => r !== replies[8])) {
      expect(reply.headers.get('x-frame-options')).toBe('DENY');
      expect(reply.headers.get('content-security-policy')).toBe(
        "default-src 'none'; frame-ancestors 'none'",
      );
    }
    const sdk = await fetch(`${url}/sdk/minyi.js`);
    expect(sdk.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
  });
});

describe('XSS strings', () => {
  it('round-trip as inert text in JSON and CSV', async () => {
    const { url, storage } = await startTestCollector();
    const payloads = [
      '<img src=x onerror=alert(1)>',
      '</script><script>alert(document.cookie)</script>',
      '"><svg onload=alert(1)>',
      "javascript:alert('x')",
      '{{constructor.constructor("alert(1)")()}}',
    ];
    const responses = payloads.map((comment) => makeResponse({ comment }));
    await postResponses(url, ...responses);
    const token = await makeToken(storage, 'evaluator');
    const json = await api(url, 'GET', '/v1/responses', { token });
    expect(json.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const comments = (JSON.parse(json.text) as { response: { comment: string } }[]).map(
      (r) => r.response.comment,
    );
    expect(comments).toEqual(payloads);
    const csv = await api(url, 'GET', '/v1/responses?format=csv', { token });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    for (const payload of payloads) expect(csv.text).toContain(payload.replaceAll('"', '""'));

    const admin = await makeToken(storage, 'admin');
    const title = {
      en: '<script>alert(1)</script>',
      'zh-Hans': '<b onmouseover=alert(1)>标题</b>',
    };
    await api(url, 'PUT', '/v1/surveys/page-feedback', {
      token: admin,
      body: {
        kind: 'satisfaction',
        title,
        dimensions: [{ id: 'overall', label: title, scale: 'hcp5' }],
      },
    });
    const survey = await api(url, 'GET', '/v1/surveys/page-feedback');
    expect(survey.json.title).toEqual(title);
    expect(survey.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const missing = await api(url, 'GET', `/v1/surveys/${encodeURIComponent('<svg onload=x>')}`);
    expect(missing.headers.get('content-type')).toMatch(/^application\/json/);
  });
});

describe('logs', () => {
  it('name method, route pattern, status and duration, and nothing a resident sent', async () => {
    const stream = new PassThrough();
    let logs = '';
    stream.on('data', (chunk: Buffer) => {
      logs += chunk.toString('utf8');
    });
    const { url, storage } = await startTestCollector({
      logLevel: 'info',
      logStream: stream,
      trustProxy: true,
    });
    const token = await makeToken(storage, 'evaluator');
    const comment = 'private-comment-text 窗口态度很好';
    const response = makeEvaluation({ comment, group: 'resident' });
    const { results } = await postResponses(url, response);
    const receipt = results[0]!.receipt!;
    await post(url, { responses: [response], device: 'secret-device-key' }, 'application/json', {
      'x-forwarded-for': '203.0.113.77',
      'user-agent': 'secret-agent/1.0',
    });
    await api(url, 'GET', `/v1/responses?subject=${encodeURIComponent('civil-affairs')}`, {
      token,
    });
    await api(url, 'GET', `/v1/receipts/${receipt}`);
    await api(url, 'GET', '/v1/surveys/department-evaluation');
    await new Promise((done) => setTimeout(done, 50));
    const entries = logs
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const requests = entries.filter((entry) => entry.msg === 'request completed');
    expect(requests.map((entry) => [entry.method, entry.route, entry.status])).toEqual([
      ['POST', '/v1/responses', 200],
      ['POST', '/v1/responses', 200],
      ['GET', '/v1/responses', 200],
      ['GET', '/v1/receipts/:code', 200],
      ['GET', '/v1/surveys/:id', 200],
    ]);
    for (const entry of requests) expect(typeof entry.ms).toBe('number');
    // The server's own address in the start-up line is not a client's.
    const aboutRequests = entries
      .filter((entry) => !String(entry.msg).startsWith('Server listening'))
      .map((entry) => JSON.stringify(entry))
      .join('\n');
    for (const secret of [
      comment,
      'private-comment-text',
      response.id as string,
      receipt,
      token,
      token.slice(9, 30),
      'secret-device-key',
      '203.0.113.77',
      '127.0.0.1',
      'secret-agent',
      'civil-affairs',
      'remoteAddress',
      'authorization',
    ]) {
      expect(aboutRequests, secret).not.toContain(secret);
    }
  });
});
