import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { esbuildPlugin } from '@web/dev-server-esbuild';
import { defaultReporter } from '@web/test-runner';
import {
  emulateMediaPlugin,
  sendKeysPlugin,
  setViewportPlugin,
} from '@web/test-runner-commands/plugins';
import { playwrightLauncher } from '@web/test-runner-playwright';
import { launchOptions } from './scripts/chromium.mjs';
import { summaryReporter } from './scripts/wtr-summary-reporter.mjs';

// Browser tests talk to a real collector (built by `npm test` before this runs), reached through
// the test server at /collector/ so that it is same-origin. msw is only there to inject faults.
const { startCollector, issueToken } = await import('./packages/collector/dist/index.js');
const dataDir = mkdtempSync(join(tmpdir(), 'minyi-wtr-'));
const collector = await startCollector({
  host: '127.0.0.1',
  port: 0,
  dbPath: join(dataDir, 'collector.sqlite'),
  allowOrigins: [],
  demo: true,
  logLevel: 'warn',
  // One browser is one client and one device here: the collector's own tests cover its limits.
  rateLimit: { perAddress: 0, perDevice: 0 },
});
// Surveys the component tests send answers for, as a web team would register them.
for (const name of ['department-evaluation', 'elevator-retrofit-survey']) {
  const file = new URL(`./packages/widgets/test/fixtures/${name}.json`, import.meta.url);
  await collector.storage.putSurvey(JSON.parse(readFileSync(file, 'utf8')));
}
const stop = async () => {
  await collector.close();
  rmSync(dataDir, { recursive: true, force: true });
};
process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));

const mswWorker = readFileSync(
  new URL('./node_modules/msw/lib/mockServiceWorker.js', import.meta.url),
);

/**
 * `accessibility-tree`: the nodes of Chromium's own accessibility tree (role, name, states), as
 * assistive technology receives them, read over the DevTools protocol.
 */
function accessibilityTreePlugin() {
  return {
    name: 'accessibility-tree',
    async executeCommand({ command, session }) {
      if (command !== 'accessibility-tree') return undefined;
      const page = session.browser.getPage(session.id);
      const cdp = await page.context().newCDPSession(page);
      try {
        const { nodes } = await cdp.send('Accessibility.getFullAXTree');
        return nodes
          .filter((node) => !node.ignored)
          .map((node) => {
            const states = {};
            for (const property of node.properties ?? [])
              states[property.name] = property.value?.value;
            return { role: node.role?.value, name: node.name?.value ?? '', ...states };
          });
      } finally {
        await cdp.detach();
      }
    },
  };
}

/**
 * `collector-token`: a token made in the test collector's database, as `minyi-collector token
 * create` makes one, for tests of the evaluator's elements against the real routes. The payload
 * gives the role (`evaluator` by default), the scope and the note.
 */
function collectorTokenPlugin() {
  return {
    name: 'collector-token',
    async executeCommand({ command, payload = {} }) {
      if (command !== 'collector-token') return undefined;
      const role = payload.role === 'admin' ? 'admin' : 'evaluator';
      const { token, hash, id } = issueToken(role);
      await collector.storage.createToken({
        id,
        hash,
        role,
        surveys: payload.surveys ?? [],
        subjects: payload.subjects ?? [],
        note: payload.note,
        createdAt: new Date().toISOString(),
        expiresAt: undefined,
      });
      return { token, id };
    },
  };
}

async function readBody(req) {
  const chunks = [];
  for await (const chunk of req) chunks.push(chunk);
  return Buffer.concat(chunks);
}

/** @type {import('@web/test-runner').TestRunnerConfig} */
export default {
  files: ['packages/*/test/browser/**/*.test.ts'],
  nodeResolve: { browser: true, exportConditions: ['source', 'browser', 'development'] },
  plugins: [
    esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.esbuild.json' }),
    accessibilityTreePlugin(),
    collectorTokenPlugin(),
    sendKeysPlugin(),
    setViewportPlugin(),
    emulateMediaPlugin(),
  ],
  middleware: [
    async function mockServiceWorker(ctx, next) {
      if (ctx.path !== '/mockServiceWorker.js') return next();
      ctx.type = 'text/javascript';
      ctx.body = mswWorker;
    },
    async function collectorProxy(ctx, next) {
      if (!ctx.path.startsWith('/collector/')) return next();
      const target = new URL(ctx.url.slice('/collector'.length), collector.url);
      const body = ['GET', 'HEAD'].includes(ctx.method) ? undefined : await readBody(ctx.req);
      const headers = {};
      for (const name of ['content-type', 'if-none-match', 'authorization']) {
        if (ctx.get(name)) headers[name] = ctx.get(name);
      }
      const response = await fetch(target, { method: ctx.method, headers, body });
      ctx.status = response.status;
      for (const name of ['content-type', 'etag', 'cache-control', 'retry-after']) {
        const value = response.headers.get(name);
        if (value) ctx.set(name, value);
      }
      ctx.body = Buffer.from(await response.arrayBuffer());
    },
  ],
  browsers: [playwrightLauncher({ product: 'chromium', launchOptions: launchOptions() })],
  concurrency: 2,
  testFramework: { config: { timeout: 15000 } },
  testsFinishTimeout: 300000,
  reporters: [
    defaultReporter(),
    summaryReporter(process.env.MINYI_WTR_SUMMARY ?? join(dataDir, 'summary.json')),
    { onTestRunFinished: stop },
  ],
};
