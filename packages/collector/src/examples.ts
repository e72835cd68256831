import { statSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance } from 'fastify';

/** The example folder served at `/`; every other folder is served under its own name. */
export const HOME_EXAMPLE = 'portal';

// Only plain folder names select a folder, which also keeps "." and ".." out of the root.
const FOLDER_NAME = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;

/** Where a request path under `/` is served from: a folder of `examplesDir` and a file in it. */
export function locateExample(
  wildcard: string,
  isFolder: (name: string) => boolean,
): { folder: string; file: string } | { redirect: string } {
  const slash = wildcard.indexOf('/');
  const first = slash === -1 ? wildcard : wildcard.slice(0, slash);
  if (first !== HOME_EXAMPLE && FOLDER_NAME.test(first) && isFolder(first)) {
    // Relative links inside the example only work below a trailing slash.
    if (slash === -1) return { redirect: `/${first}/` };
    return { folder: first, file: withIndex(wildcard.slice(slash + 1)) };
  }
  return { folder: HOME_EXAMPLE, file: withIndex(wildcard) };
}

function withIndex(file: string): string {
  return file === '' || file.endsWith('/') ? `${file}index.html` : file;
}

export function exampleRoutes(examplesDir: string) {
  const isFolder = (name: string): boolean => {
    try {
      return statSync(join(examplesDir, name)).isDirectory();
    } catch {
      return false;
    }
  };
  return async (app: FastifyInstance): Promise<void> => {
    // `send` under @fastify/static refuses paths that climb out of the root.
    await app.register(fastifyStatic, { root: examplesDir, serve: false, dotfiles: 'ignore' });
    // Browsers ask for an icon on every page; the demo has none, and a 404 would be noise in the
    // console of every page checked for errors.
    app.get('/favicon.ico', (_request, reply) => reply.code(204).send());
    app.get('/*', (request, reply) => {
      const wildcard = (request.params as { '*': string })['*'];
      const target = locateExample(wildcard, isFolder);
      if ('redirect' in target) return reply.redirect(target.redirect, 301);
      return reply.sendFile(target.file, join(examplesDir, target.folder));
    });
  };
}
