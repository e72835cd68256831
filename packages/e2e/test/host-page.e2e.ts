import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type CollectorProcess,
  launchChromium,
  startCollectorProcess,
  storedResponses,
} from './harness.js';

const require = createRequire(import.meta.url);
const asset = (name: string) => readFileSync(new URL(`./host-page/${name}`, import.meta.url));
const sri = readFileSync(
  new URL('../../widgets/dist/minyi.js.sri', import.meta.url),
  'utf8',
).trim();

let host: Server;
let hostOrigin: string;
let collector: CollectorProcess;
let browser: Browser;

/** A government page as web teams have them: strict CSP, Trusted Types, an AMD loader, jQuery. */
function page(collectorUrl: string): string {
  return `<!doctype html>
<html lang="zh-CN">
  <head>
    <meta charset="utf-8" />
    <base href="/sub/section/" />
    <title>主机页面</title>
    <link rel="stylesheet" href="/assets/host.css" />
    <script src="/assets/watch.js"></script>
    <script src="/assets/require.js"></script>
    <script src="/assets/jquery.js"></script>
    <script src="/assets/own-element.js"></script>
    <script src="/assets/page-scripts.js"></script>
    <script src="${collectorUrl}/sdk/minyi.js" data-collector="${collectorUrl}" integrity="${sri}" crossorigin="anonymous" defer></script>
  </head>
  <body>
    <p id="host-note">…</p>
    <minyi-satisfaction survey="page-feedback" subject="host-page"></minyi-satisfaction>
    <minyi-consultation topic="elevator-retrofit"></minyi-consultation>
  </body>
</html>`;
}

beforeAll(async () => {
  const files: Record<string, [string, Buffer]> = {
    '/assets/host.css': ['text/css', asset('host.css')],
    '/assets/watch.js': ['text/javascript', asset('watch.js')],
    '/assets/own-element.js': ['text/javascript', asset('own-element.js')],
    '/assets/page-scripts.js': ['text/javascript', asset('page-scripts.js')],
    '/assets/require.js': [
      'text/javascript',
      readFileSync(require.resolve('requirejs/require.js')),
    ],
    '/assets/jquery.js': ['text/javascript', readFileSync(require.resolve('jquery'))],
  };
  let csp = '';
  host = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://host').pathname;
    const file = files[path];
    if (file) {
      response.writeHead(200, { 'content-type': file[0] });
      response.end(file[1]);
    } else if (path === '/favicon.ico') {
      response.writeHead(204).end();
    } else if (path === '/') {
      response.writeHead(200, {
        'content-type': 'text/html; charset=utf-8',
        'content-security-policy': csp,
      });
      response.end(page(collector.url));
    } else {
      response.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  hostOrigin = `http://127.0.0.1:${(host.address() as AddressInfo).port}`;
  collector = await startCollectorProcess(['--allow-origin', hostOrigin]);
  csp = [
    "default-src 'self'",
    `script-src 'self' ${collector.url}`,
    "style-src 'self'",
    `connect-src ${collector.url}`,
    "require-trusted-types-for 'script'",
    'trusted-types lit-html minyi',
  ].join('; ');
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
  await new Promise((resolve) => host?.close(resolve));
});

test('works on a strict-CSP, Trusted Types page with an AMD loader, jQuery, <base> and a name clash', async () => {
  const tab = await browser.newPage();
  const messages: string[] = [];
  tab.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
  tab.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
  await tab.goto(`${hostOrigin}/`);

  // Before answering, while the levels are shown: host text styles must not leak in.
  await tab.getByRole('radio', { name: '满意', exact: true }).waitFor();
  const state = await tab.evaluate(() => {
    const widget = document.querySelector('minyi-satisfaction')!;
    const label = widget.shadowRoot!.querySelector('.level span')!;
    const style = getComputedStyle(label);
    const box = widget.shadowRoot!.querySelector('button')!.getBoundingClientRect();
    const w = window as unknown as Record<string, unknown> & { define?: { amd?: unknown } };
    return {
      violations: w.cspViolations,
      amd: Boolean(w.define?.amd),
      jquery: document.getElementById('host-note')!.textContent,
      ownElementKept: customElements.get('minyi-consultation') === w.PageConsultation,
      ownElementText: document.querySelector('minyi-consultation')!.textContent,
      textTransform: style.textTransform,
      letterSpacing: style.letterSpacing,
      lineHeight:
        Number.parseFloat(getComputedStyle(widget).lineHeight) /
        Number.parseFloat(getComputedStyle(widget).fontSize),
      buttonHeight: box.height,
    };
  });
  await tab.getByRole('radio', { name: '满意', exact: true }).check();
  await tab.getByRole('button', { name: '提交' }).click();
  await expect
    .poll(() => tab.getByRole('status').first().textContent(), { timeout: 15_000 })
    .toContain('回执码');
  const [row] = await storedResponses(collector.dbPath);
  expect(JSON.parse(row!.json)).toMatchObject({ subject: 'host-page', page: `${hostOrigin}/` });

  expect(state).toMatchObject({
    violations: [],
    amd: true,
    jquery: 'jQuery ran',
    ownElementKept: true,
    ownElementText: 'the page\u2019s own element',
    textTransform: 'none',
    letterSpacing: 'normal',
  });
  expect(state.lineHeight).toBeCloseTo(1.5, 1);
  expect(state.buttonHeight).toBeGreaterThanOrEqual(24);
  expect(messages.filter((message) => /^(error|pageerror)/.test(message))).toEqual([]);
  expect(messages.filter((message) => message.startsWith('warning'))).toEqual([
    "warning: [minyi] <minyi-consultation> is already defined by the page; Minyi's is not registered.",
  ]);
  await tab.close();
});
