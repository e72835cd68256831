import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildServer,
  DEMO_EVALUATION,
  DEMO_SURVEY,
  DEMO_TOPIC,
  type OPENAPI,
} from '../src/index.js';
import { makeResponse, post, startTestCollector, tempDir } from './helpers.js';

const PORTAL = 'https://www.example.gov.cn';
const FOREIGN = 'https://evil.example.com';

/** A GET with the path sent as written: fetch() would resolve the dot segments first. */
function rawGet(url: string, path: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const { hostname, port } = new URL(url);
    request({ hostname, port, path }, (response) => {
      let body = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        body += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

function preflight(url: string, origin: string): Promise<Response> {
  return fetch(`${url}/v1/responses`, {
    method: 'OPTIONS',
    headers: {
      origin,
      'access-control-request-method': 'POST',
      'access-control-request-headers': 'content-type',
    },
  });
}

describe('CORS', () => {
  it('lets allowed origins post and read, and says nothing to others', async () => {
    const { url } = await startTestCollector({ allowOrigins: [PORTAL, 'http://localhost:8080'] });
    const allowed = await post(url, { responses: [makeResponse()] }, 'application/json', {
      origin: PORTAL,
    });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(allowed.headers.get('vary')).toMatch(/Origin/);

    const foreign = await post(url, { responses: [makeResponse()] }, 'text/plain', {
      origin: FOREIGN,
    });
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();

    const health = await fetch(`${url}/healthz`, { headers: { origin: 'http://localhost:8080' } });
    expect(health.headers.get('access-control-allow-origin')).toBe('http://localhost:8080');
  });

  it('answers preflights for POST with Content-Type from allowed origins only', async () => {
    const { url } = await startTestCollector({ allowOrigins: [PORTAL] });
    const allowed = await preflight(url, PORTAL);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get('access-control-allow-origin')).toBe(PORTAL);
    expect(allowed.headers.get('access-control-allow-methods')).toContain('POST');
    expect(allowed.headers.get('access-control-allow-headers')?.toLowerCase()).toContain(
      'content-type',
    );
    const foreign = await preflight(url, FOREIGN);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('matches origins exactly', async () => {
    const { url } = await startTestCollector({ allowOrigins: [PORTAL] });
    for (const origin of [`${PORTAL}.evil.com`, 'http://www.example.gov.cn', `${PORTAL}:8443`]) {
      const reply = await fetch(`${url}/healthz`, { headers: { origin } });
      expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    }
  });

  it('sends no CORS headers at all when no origin is allowed', async () => {
    const { url } = await startTestCollector();
    const reply = await fetch(`${url}/healthz`, { headers: { origin: PORTAL } });
    expect(reply.headers.get('access-control-allow-origin')).toBeNull();
    expect((await preflight(url, PORTAL)).headers.get('access-control-allow-origin')).toBeNull();
  });
});

describe('GET /healthz', () => {
  it('says ok, with the security headers of an API route', async () => {
    const { url } = await startTestCollector();
    const reply = await fetch(`${url}/healthz`);
    expect(reply.status).toBe(200);
    expect(await reply.json()).toEqual({ status: 'ok' });
    expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
    expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
    expect(reply.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    expect(reply.headers.get('x-frame-options')).toBe('DENY');
  });
});

describe('security headers', () => {
  it('are on errors and unknown routes too', async () => {
    const { url } = await startTestCollector();
    const refused = await post(url, 'x', 'application/xml');
    const missing = await fetch(`${url}/nowhere`);
    for (const reply of [refused, missing]) {
      expect(reply.headers.get('x-content-type-options')).toBe('nosniff');
      expect(reply.headers.get('referrer-policy')).toBe('no-referrer');
      expect(reply.headers.get('cross-origin-resource-policy')).toBe('same-origin');
    }
    expect(refused.headers.get('x-frame-options')).toBe('DENY');
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ error: 'nothing at GET /nowhere' });
  });
});

describe('GET /v1/surveys/{id}', () => {
  it('serves the newest active version, cacheable, with an ETag and 304', async () => {
    const { url, storage } = await startTestCollector({ demo: true });
    const reply = await fetch(`${url}/v1/surveys/page-feedback`);
    expect(reply.status).toBe(200);
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(reply.headers.get('cache-control')).toBe('public, max-age=300');
    const etag = reply.headers.get('etag');
    expect(etag).toMatch(/^"[^"]+"$/);
    expect(await reply.json()).toEqual(DEMO_SURVEY);

    for (const ifNoneMatch of [etag!, `W/${etag}`, `"other", ${etag}`, '*']) {
      const cached = await fetch(`${url}/v1/surveys/page-feedback`, {
        headers: { 'if-none-match': ifNoneMatch },
      });
      expect(cached.status).toBe(304);
      expect(cached.headers.get('etag')).toBe(etag);
      expect(await cached.text()).toBe('');
    }
    const stale = await fetch(`${url}/v1/surveys/page-feedback`, {
      headers: { 'if-none-match': '"stale"' },
    });
    expect(stale.status).toBe(200);

    await storage.putSurvey({ ...DEMO_SURVEY, version: 2 });
    await storage.putSurvey({ ...DEMO_SURVEY, version: 3 }, { active: false });
    const newer = await fetch(`${url}/v1/surveys/page-feedback`, {
      headers: { 'if-none-match': etag! },
    });
    expect(newer.status).toBe(200);
    expect(((await newer.json()) as { version: number }).version).toBe(2);
    expect(newer.headers.get('etag')).not.toBe(etag);
  });

  it('is 404 JSON for unknown surveys', async () => {
    const { url } = await startTestCollector({ demo: true });
    const reply = await fetch(`${url}/v1/surveys/no-such-survey`);
    expect(reply.status).toBe(404);
    expect(await reply.json()).toEqual({ error: 'unknown survey "no-such-survey"' });
  });
});

describe('/sdk/', () => {
  it('serves the widget script for any origin, revalidated on every use', async () => {
    const dir = tempDir();
    const sdkFile = join(dir, 'minyi.js');
    writeFileSync(sdkFile, 'window.Minyi = {};\n');
    writeFileSync(`${sdkFile}.sri`, 'sha384-abc\n');
    const { url } = await startTestCollector({ sdkFile });
    const script = await fetch(`${url}/sdk/minyi.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('window.Minyi = {};\n');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    expect(script.headers.get('cache-control')).toBe('no-cache');
    expect(script.headers.get('x-content-type-options')).toBe('nosniff');

    const etag = script.headers.get('etag')!;
    const again = await fetch(`${url}/sdk/minyi.js`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);

    writeFileSync(sdkFile, 'window.Minyi = { fixed: true };\n');
    const rebuilt = await fetch(`${url}/sdk/minyi.js`, { headers: { 'if-none-match': etag } });
    expect(rebuilt.status).toBe(200);

    const sri = await fetch(`${url}/sdk/minyi.js.sri`);
    expect(await sri.text()).toBe('sha384-abc\n');
    expect(sri.headers.get('access-control-allow-origin')).toBe('*');
  });

  it('serves /sdk/{version}/ for a year, and only the version it has', async () => {
    const dir = tempDir();
    const sdkFile = join(dir, 'dist', 'minyi.js');
    mkdirSync(join(dir, 'dist'));
    writeFileSync(sdkFile, 'window.Minyi = {};\n');
    writeFileSync(`${sdkFile}.sri`, 'sha384-abc\n');
    writeFileSync(
      join(dir, 'package.json'),
      JSON.stringify({ name: '@minyi/widgets', version: '1.2.3' }),
    );
    const { url } = await startTestCollector({ sdkFile });
    const script = await fetch(`${url}/sdk/1.2.3/minyi.js`);
    expect(script.status).toBe(200);
    expect(await script.text()).toBe('window.Minyi = {};\n');
    expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(script.headers.get('access-control-allow-origin')).toBe('*');
    const sri = await fetch(`${url}/sdk/1.2.3/minyi.js.sri`);
    expect(await sri.text()).toBe('sha384-abc\n');
    expect(sri.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const other = await fetch(`${url}/sdk/1.2.2/minyi.js`);
    expect(other.status).toBe(404);
    expect(((await other.json()) as { error: string }).error).toBe(
      'SDK version "1.2.2" is not served here; this collector serves 1.2.3',
    );
    expect((await fetch(`${url}/sdk/minyi.js`)).headers.get('cache-control')).toBe('no-cache');
  });

  it('takes the version of the widgets package by default', async () => {
    const manifest = JSON.parse(
      readFileSync(new URL('../../widgets/package.json', import.meta.url), 'utf8'),
    ) as { version: string };
    const { url } = await startTestCollector();
    const reply = await fetch(`${url}/sdk/0.0.0-not-this/minyi.js`);
    expect(((await reply.json()) as { error: string }).error).toContain(
      `this collector serves ${manifest.version}`,
    );
  });

  it('is a clear 404 JSON before the widgets are built', async () => {
    const { url } = await startTestCollector({ sdkFile: join(tempDir(), 'missing.js') });
    for (const path of ['/sdk/minyi.js', '/sdk/minyi.js.sri']) {
      const reply = await fetch(url + path);
      expect(reply.status).toBe(404);
      expect(((await reply.json()) as { error: string }).error).toMatch(/not been built/);
    }
  });
});

describe('--demo', () => {
  function examples(): string {
    const dir = tempDir();
    mkdirSync(join(dir, 'portal', 'css'), { recursive: true });
    mkdirSync(join(dir, 'evaluator'));
    writeFileSync(join(dir, 'portal', 'index.html'), '<h1>portal</h1>');
    writeFileSync(join(dir, 'portal', 'css', 'site.css'), 'h1 {}');
    writeFileSync(join(dir, 'portal', '.env'), 'SECRET=1');
    writeFileSync(join(dir, 'evaluator', 'index.html'), '<h1>evaluator</h1>');
    writeFileSync(join(dir, 'secret.txt'), 'outside every example');
    return dir;
  }

  it('serves the portal at / and other examples under their own names', async () => {
    const { url } = await startTestCollector({ demo: true, examplesDir: examples() });
    const home = await fetch(`${url}/`);
    expect(home.status).toBe(200);
    expect(home.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await home.text()).toBe('<h1>portal</h1>');
    expect(await (await fetch(`${url}/css/site.css`)).text()).toBe('h1 {}');
    expect(await (await fetch(`${url}/evaluator/`)).text()).toBe('<h1>evaluator</h1>');
    const bare = await fetch(`${url}/evaluator`, { redirect: 'manual' });
    expect(bare.status).toBe(301);
    expect(bare.headers.get('location')).toBe('/evaluator/');
  });

  it('serves nothing outside the example folders, nor dotfiles', async () => {
    const { url } = await startTestCollector({ demo: true, examplesDir: examples() });
    const paths = [
      '/secret.txt',
      '/.env',
      '/../secret.txt',
      '/%2e%2e/secret.txt',
      '/evaluator/../../secret.txt',
      '/evaluator/%2e%2e/%2e%2e/secret.txt',
      '/..%2fsecret.txt',
    ];
    for (const path of paths) {
      const reply = await rawGet(url, path);
      expect([400, 403, 404], path).toContain(reply.status);
      expect(reply.body, path).not.toContain('outside every example');
    }
  });

  it('seeds the demo survey once, however often it starts', async () => {
    const { dbPath, close } = await startTestCollector({ demo: true });
    await close();
    const again = await startTestCollector({ demo: true, dbPath });
    const survey = await again.storage.getSurvey('page-feedback');
    expect(survey?.definition).toEqual(DEMO_SURVEY);
    expect(survey?.definition.title).toEqual({
      'zh-Hans': '您对本页面的内容和服务满意吗？',
      'zh-Hant': '您對本頁面的內容和服務滿意嗎？',
      en: 'Are you satisfied with this page and its service?',
    });
  });

  it('seeds the evaluation the widgets are tested with, and an open consultation', async () => {
    const fixture = JSON.parse(
      readFileSync(
        new URL('../../widgets/test/fixtures/department-evaluation.json', import.meta.url),
        'utf8',
      ),
    );
    expect(DEMO_EVALUATION).toEqual(fixture);
    const topic = JSON.parse(
      readFileSync(
        new URL('../../widgets/test/fixtures/elevator-retrofit.json', import.meta.url),
        'utf8',
      ),
    );
    expect({ ...DEMO_TOPIC, status: 'open' }).toEqual(topic);
    const { url } = await startTestCollector({ demo: true, seed: false });
    const evaluation = await fetch(`${url}/v1/surveys/department-evaluation`);
    expect(await evaluation.json()).toEqual(DEMO_EVALUATION);
    const consultation = await fetch(`${url}/v1/consultations/elevator-retrofit`);
    expect(await consultation.json()).toEqual(topic);
  });

  it('does not serve examples without --demo', async () => {
    const { url } = await startTestCollector({ examplesDir: examples() });
    expect((await fetch(`${url}/`)).status).toBe(404);
  });
});

describe('GET /v1/openapi.json', () => {
  it('is OpenAPI 3.1 and describes every route the collector registers', async () => {
    const collector = await buildServer({ dbPath: ':memory:', logLevel: 'silent' });
    try {
      const reply = await collector.app.inject({ method: 'GET', url: '/v1/openapi.json' });
      expect(reply.statusCode).toBe(200);
      const document = reply.json() as typeof OPENAPI;
      expect(document.openapi).toBe('3.1.0');
      const paths = document.paths as Record<string, Record<string, unknown>>;
      const registered = collector.routes
        .filter((route) => route.method !== 'HEAD' && route.method !== 'OPTIONS')
        .map((route) => `${route.method} ${route.url.replace(/:(\w+)/g, '{$1}')}`);
      expect(registered.length).toBeGreaterThanOrEqual(15);
      for (const route of registered) {
        const [method, path] = route.split(' ') as [string, string];
        expect(paths[path]?.[method.toLowerCase()], route).toBeDefined();
      }
      const described = Object.entries(paths).flatMap(([path, item]) =>
        Object.keys(item)
          .filter((key) => key !== 'parameters')
          .map((method) => `${method.toUpperCase()} ${path}`),
      );
      expect(described.sort()).toEqual([...registered].sort());
    } finally {
      await collector.close();
    }
  });
});
