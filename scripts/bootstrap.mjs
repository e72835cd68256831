// Installs what the project needs on a fresh machine that has only Node 20 and npm: pnpm (the
// version pinned in package.json), the dependencies, and a build. Each step is skipped when its
// result is already there and up to date.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = JSON.parse(
  readFileSync(join(ROOT, 'package.json'), 'utf8'),
).packageManager.split('@')[1];

export function log(message) {
  process.stderr.write(`\x1b[1m› ${message}\x1b[0m\n`);
}

/** Runs a command in the repository, inheriting output; throws on a non-zero exit. */
export function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
  if (result.error) throw result.error;
  if (result.status !== 0) {
    const error = new Error(
      `${command} ${args.join(' ')} exited with ${result.status ?? result.signal}`,
    );
    error.exitCode = result.status ?? 1;
    throw error;
  }
  return result;
}

function installedPnpmVersion() {
  try {
    return execFileSync('pnpm', ['--version'], {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    }).trim();
  } catch {
    return undefined;
  }
}

let pnpmPrefix;
/**
 * The pnpm command: the pinned version from PATH; else, as root, that version installed globally
 * (package scripts call `pnpm` by name); else the same version through npx.
 */
export function pnpmCommand() {
  if (pnpmPrefix) return pnpmPrefix;
  if (installedPnpmVersion() !== PNPM_VERSION && process.getuid?.() === 0) {
    log(`installing pnpm ${PNPM_VERSION}`);
    spawnSync('npm', ['install', '-g', `pnpm@${PNPM_VERSION}`], { stdio: 'inherit' });
  }
  pnpmPrefix =
    installedPnpmVersion() === PNPM_VERSION ? ['pnpm'] : ['npx', '-y', `pnpm@${PNPM_VERSION}`];
  return pnpmPrefix;
}

export function pnpm(args, options) {
  const [command, ...prefix] = pnpmCommand();
  return run(command, [...prefix, ...args], options);
}

/**
 * better-sqlite3 compiles against Node's headers when no prebuilt binary can be fetched; point
 * node-gyp at the headers of the Node that runs us instead of downloading them.
 */
function buildEnvironment() {
  const nodeDir = join(dirname(process.execPath), '..');
  const env = { ...process.env };
  if (!env.npm_config_nodedir && existsSync(join(nodeDir, 'include', 'node', 'node.h'))) {
    env.npm_config_nodedir = nodeDir;
  }
  return env;
}

function newer(a, b) {
  return existsSync(a) && (!existsSync(b) || statSync(a).mtimeMs > statSync(b).mtimeMs);
}

export function installDependencies() {
  const marker = join(ROOT, 'node_modules', '.modules.yaml');
  if (existsSync(marker) && !newer(join(ROOT, 'pnpm-lock.yaml'), marker)) return;
  log('installing dependencies with pnpm');
  pnpm(['install', '--frozen-lockfile'], { env: buildEnvironment() });
}

export function build() {
  log('building packages');
  pnpm(['-r', 'run', 'build']);
}

export function bootstrap() {
  installDependencies();
  build();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) bootstrap();
