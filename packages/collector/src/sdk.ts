import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { matchesEtag } from './http-cache.js';

/**
 * The widgets build, found through the package's exports so that the collector does not depend
 * on the monorepo layout. Resolution succeeds before the file is built; reading it may not.
 */
export function defaultSdkFile(): string | undefined {
  try {
    return fileURLToPath(import.meta.resolve('@minyi/widgets/minyi.js'));
  } catch {
    return undefined;
  }
}

/**
 * The evaluator's bundle, `minyi-dashboard.js` of `@minyi/dashboard` (`minyi-cases.js` is beside
 * it). It is found by its place in
 * the repository, not through `import.meta.resolve()`: the collector does not declare the
 * dashboard as a dependency (adding one changes the lockfile, which is not this package's to
 * change), so the package name does not resolve from here. The relative path is the same from
 * `src/` (tests) and from `dist/` (the command line), as for the examples folder; embedders pass
 * `dashboardFile` instead.
 */
export const DEFAULT_DASHBOARD_FILE = new URL(
  '../../dashboard/dist/minyi-dashboard.js',
  import.meta.url,
);

/**
 * The version of the widgets package a built script belongs to: the `package.json` named
 * `@minyi/widgets` in the nearest folder above it, or `undefined` (then only the unversioned URL
 * is served).
 */
export function sdkVersionOf(
  sdkFile: string | undefined,
  packageName = '@minyi/widgets',
): string | undefined {
  if (sdkFile === undefined) return undefined;
  for (let dir = dirname(sdkFile), depth = 0; depth < 4; dir = dirname(dir), depth++) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as {
        name?: unknown;
        version?: unknown;
      };
      if (manifest.name === packageName && typeof manifest.version === 'string') {
        return manifest.version;
      }
      return undefined;
    } catch {
      // No manifest in this folder: look one level up.
    }
  }
  return undefined;
}

const IMMUTABLE = 'public, max-age=31536000, immutable';

/**
 * `/sdk/minyi.js`, `/sdk/{version}/minyi.js` and their SRI hashes. Portals on any origin load
 * the script, with `crossorigin` when they pin it with SRI, hence the cross-origin CORP and the
 * wildcard ACAO. The unversioned URL is revalidated on every use, so that a fix reaches residents
 * at once; the versioned one is cached for a year, for portals that pin a release.
 */
export function sdkRoutes(
  sdkFile: string | undefined,
  version: string | undefined,
  dashboard?: { readonly file: string | undefined; readonly version: string | undefined },
) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
      reply.header('Access-Control-Allow-Origin', '*');
    });
    const script = 'text/javascript; charset=utf-8';
    const text = 'text/plain; charset=utf-8';
    app.get('/sdk/minyi.js', (request, reply) =>
      sendBuiltFile(request, reply, sdkFile, script, 'no-cache'),
    );
    app.get('/sdk/minyi.js.sri', (request, reply) =>
      sendBuiltFile(request, reply, sdkFile && `${sdkFile}.sri`, text, 'no-cache'),
    );
    const versioned =
      (file: string | undefined, type: string) =>
      async (request: FastifyRequest<{ Params: { version: string } }>, reply: FastifyReply) => {
        if (version === undefined || request.params.version !== version) {
          return reply
            .code(404)
            .header('Cache-Control', 'no-store')
            .send({
              error:
                version === undefined
                  ? 'no versioned SDK is served here; use /sdk/minyi.js'
                  : `SDK version ${JSON.stringify(request.params.version)} is not served here; this collector serves ${version}`,
            });
        }
        return sendBuiltFile(request, reply, file, type, IMMUTABLE);
      };
    app.get('/sdk/:version/minyi.js', versioned(sdkFile, script));
    app.get('/sdk/:version/minyi.js.sri', versioned(sdkFile && `${sdkFile}.sri`, text));
    if (!dashboard) return;
    // The evaluator's bundle, with the same caching: its own version, since it is released with
    // the dashboard package.
    const board = dashboard.file;
    const boardVersioned =
      (file: string | undefined, type: string) =>
      async (request: FastifyRequest<{ Params: { version: string } }>, reply: FastifyReply) => {
        if (dashboard.version === undefined || request.params.version !== dashboard.version) {
          return reply
            .code(404)
            .header('Cache-Control', 'no-store')
            .send({
              error:
                dashboard.version === undefined
                  ? 'no versioned dashboard is served here; use /sdk/minyi-dashboard.js'
                  : `dashboard version ${JSON.stringify(request.params.version)} is not served here; this collector serves ${dashboard.version}`,
            });
        }
        return sendBuiltFile(request, reply, file, type, IMMUTABLE, DASHBOARD_HINT);
      };
    // The scoreboard's bundle and, beside it in the same build, the follow-up cases' bundle.
    for (const name of EVALUATOR_BUNDLES) {
      const file = board && join(dirname(board), name);
      app.get(`/sdk/${name}`, (request, reply) =>
        sendBuiltFile(request, reply, file, script, 'no-cache', DASHBOARD_HINT),
      );
      app.get(`/sdk/${name}.sri`, (request, reply) =>
        sendBuiltFile(request, reply, file && `${file}.sri`, text, 'no-cache', DASHBOARD_HINT),
      );
      app.get(`/sdk/:version/${name}`, boardVersioned(file, script));
      app.get(`/sdk/:version/${name}.sri`, boardVersioned(file && `${file}.sri`, text));
    }
  };
}

/** The evaluator's script-tag bundles, all in the dashboard package's `dist/`. */
export const EVALUATOR_BUNDLES = ['minyi-dashboard.js', 'minyi-cases.js'] as const;

async function sendBuiltFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string | undefined,
  type: string,
  cacheControl: string,
  hint = 'the widgets have not been built (run "pnpm --filter @minyi/widgets build")',
): Promise<FastifyReply> {
  const content = file === undefined ? undefined : await readIfPresent(file);
  if (content === undefined) {
    return reply
      .code(404)
      .header('Cache-Control', 'no-store')
      .send({
        error: `${pathOnly(request.url)} is not available: ${hint}`,
      });
  }
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
  reply.header('Cache-Control', cacheControl).header('ETag', etag);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(type).send(content);
}

const DASHBOARD_HINT =
  'the dashboard has not been built (run "pnpm --filter @minyi/dashboard build")';

function pathOnly(url: string): string {
  const query = url.indexOf('?');
  return query === -1 ? url : url.slice(0, query);
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
