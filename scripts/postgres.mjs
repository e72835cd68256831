// A throwaway PostgreSQL server for tests and benchmarks: Debian's `postgresql` package (installed
// with apt-get when missing and running as root, as the test script does for Chromium), a fresh
// data directory, a free loopback port, and nothing left behind after `stop()`.
import { spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const POSTGRES_ROOT = '/usr/lib/postgresql';
const INSTALL_COMMAND = 'sudo apt-get install -y --no-install-recommends postgresql';

/** The bin folder of the newest installed PostgreSQL major version, or undefined. */
export function findPostgresBin() {
  let versions = [];
  try {
    versions = readdirSync(POSTGRES_ROOT).filter((name) => /^\d+$/.test(name));
  } catch {
    return undefined;
  }
  const bin = versions
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => join(POSTGRES_ROOT, version, 'bin'))
    .find((dir) => existsSync(join(dir, 'initdb')) && existsSync(join(dir, 'pg_ctl')));
  return bin;
}

const isRoot = () => process.getuid?.() === 0;

function run(command, args, { asPostgres = false, env = {} } = {}) {
  // PostgreSQL refuses to run as root, so as root every server command runs as `postgres`.
  const [file, argv] =
    asPostgres && isRoot()
      ? ['runuser', ['-u', 'postgres', '--', command, ...args]]
      : [command, args];
  const result = spawnSync(file, argv, {
    encoding: 'utf8',
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    throw new Error(
      `${command} ${args.join(' ')} exited with ${result.status ?? result.signal}:\n${result.stderr}${result.stdout}`,
    );
  }
  return result.stdout;
}

function installPostgres() {
  if (!isRoot()) {
    throw new Error(
      `PostgreSQL is needed for the PostgreSQL tests and benchmarks, and none was found under ${POSTGRES_ROOT}. Install it with:\n  ${INSTALL_COMMAND}`,
    );
  }
  process.stderr.write('\x1b[1m› installing PostgreSQL from Debian packages\x1b[0m\n');
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  for (const args of [['update'], ['install', '-y', '--no-install-recommends', 'postgresql']]) {
    const result = spawnSync('apt-get', args, {
      stdio: 'inherit',
      env: { ...process.env, ...env },
    });
    if (result.status !== 0) throw new Error(`apt-get ${args.join(' ')} failed`);
  }
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a PostgreSQL server on 127.0.0.1 and a free port, with trust authentication and a
 * database named `minyi`. `settings` adds `-c name=value` server settings (tests may turn fsync
 * off); `baseDir` is where the throwaway data directory is made (default: the system's temporary
 * folder). Resolves to `{ url, port, dir, stop() }`.
 */
export async function startPostgres({
  settings = {},
  database = 'minyi',
  baseDir = tmpdir(),
} = {}) {
  let bin = findPostgresBin();
  if (!bin) {
    installPostgres();
    bin = findPostgresBin();
    if (!bin)
      throw new Error(`apt-get finished but ${POSTGRES_ROOT}/*/bin/initdb is still missing`);
  }
  const dir = mkdtempSync(join(baseDir, 'minyi-pg-'));
  if (isRoot()) {
    const uid = Number(run('id', ['-u', 'postgres']).trim());
    const gid = Number(run('id', ['-g', 'postgres']).trim());
    chownSync(dir, uid, gid);
  }
  const data = join(dir, 'data');
  let started = false;
  const stop = () => {
    if (started) {
      started = false;
      try {
        run(join(bin, 'pg_ctl'), ['-D', data, '-m', 'fast', '-w', 'stop'], { asPostgres: true });
      } catch {
        // Already gone: the directory is removed below either way.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  // A crashed test run must not leave a server holding a port and a folder in /tmp.
  process.once('exit', stop);
  try {
    run(
      join(bin, 'initdb'),
      ['-D', data, '-A', 'trust', '-U', 'postgres', '-E', 'UTF8', '--no-locale', '--no-sync'],
      {
        asPostgres: true,
      },
    );
    const port = await freePort();
    const options = [
      `-p ${port}`,
      `-k ${dir}`,
      '-c listen_addresses=127.0.0.1',
      ...Object.entries(settings).map(([name, value]) => `-c ${name}=${value}`),
    ].join(' ');
    run(
      join(bin, 'pg_ctl'),
      ['-D', data, '-o', options, '-l', join(dir, 'server.log'), '-w', 'start'],
      {
        asPostgres: true,
      },
    );
    started = true;
    run(join(bin, 'createdb'), ['-h', '127.0.0.1', '-p', String(port), '-U', 'postgres', database]);
    return {
      url: `postgres://postgres@127.0.0.1:${port}/${database}`,
      port,
      dir,
      async stop() {
        process.off('exit', stop);
        stop();
      },
    };
  } catch (error) {
    process.off('exit', stop);
    stop();
    throw error;
  }
}

// `node scripts/postgres.mjs`: starts a server, prints its URL, and stops it on Ctrl-C.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const server = await startPostgres();
  process.stdout.write(`${server.url}\n`);
  const quit = async () => {
    await server.stop();
    process.exit(0);
  };
  process.once('SIGINT', quit);
  process.once('SIGTERM', quit);
  setInterval(() => {}, 1 << 30);
}
