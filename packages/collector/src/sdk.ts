import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
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
 * `/sdk/minyi.js` and its SRI hash. Portals on any origin load the script, with `crossorigin` when
 * they pin it with SRI, hence the cross-origin CORP and the wildcard ACAO. `no-cache` until
 * versioned URLs exist: every use revalidates, so a fix reaches residents at once.
 */
export function sdkRoutes(sdkFile: string | undefined) {
  return async (app: FastifyInstance): Promise<void> => {
    app.addHook('onRequest', async (_request, reply) => {
      reply.header('Cross-Origin-Resource-Policy', 'cross-origin');
      reply.header('Access-Control-Allow-Origin', '*');
    });
    app.get('/sdk/minyi.js', (request, reply) =>
      sendBuiltFile(request, reply, sdkFile, 'text/javascript; charset=utf-8'),
    );
    app.get('/sdk/minyi.js.sri', (request, reply) =>
      sendBuiltFile(request, reply, sdkFile && `${sdkFile}.sri`, 'text/plain; charset=utf-8'),
    );
  };
}

async function sendBuiltFile(
  request: FastifyRequest,
  reply: FastifyReply,
  file: string | undefined,
  type: string,
): Promise<FastifyReply> {
  const content = file === undefined ? undefined : await readIfPresent(file);
  if (content === undefined) {
    return reply
      .code(404)
      .header('Cache-Control', 'no-store')
      .send({
        error: `${request.url} is not available: the widgets have not been built (run "pnpm --filter @minyi/widgets build")`,
      });
  }
  const etag = `"${createHash('sha256').update(content).digest('base64url').slice(0, 27)}"`;
  reply.header('Cache-Control', 'no-cache').header('ETag', etag);
  if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  return reply.type(type).send(content);
}

async function readIfPresent(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
