// Where the Debian Chromium lives and how it must be started on these machines: headless, without
// the sandbox as root, and without the background traffic a closed network refuses.
import { existsSync } from 'node:fs';

export const CHROMIUM_CANDIDATES = ['/usr/bin/chromium', '/usr/bin/chromium-browser'];

export function chromiumPath() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv && existsSync(fromEnv)) return fromEnv;
  return CHROMIUM_CANDIDATES.find((candidate) => existsSync(candidate));
}

export const CHROMIUM_ARGS = [
  '--headless=new',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
  ...(process.getuid?.() === 0 ? ['--no-sandbox'] : []),
];

/** Options for playwright-core's `chromium.launch`. */
export function launchOptions() {
  const executablePath = chromiumPath();
  if (!executablePath) {
    throw new Error('Chromium was not found: run `npm test` once, or apt-get install -y chromium');
  }
  return { executablePath, args: CHROMIUM_ARGS, headless: true };
}
