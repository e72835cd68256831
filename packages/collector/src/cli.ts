import { constants } from 'node:os';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_HOST, DEFAULT_PORT, type StartOptions, startCollector } from './index.js';
import type { LogLevel } from './server.js';
import { StorageOpenError } from './storage.js';

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];

export const USAGE = `Usage: minyi-collector serve [options]
       minyi-collector --help

Receives survey responses from Minyi widgets and stores them in a SQLite file.

Options for serve:
  --host HOST            address to listen on (default ${DEFAULT_HOST})
  --port PORT            port to listen on, 0 for any free one (default $PORT, else ${DEFAULT_PORT})
  --db FILE              SQLite database, created with its folder if missing
                         (default ./data/minyi.sqlite)
  --allow-origin ORIGIN  let pages on ORIGIN call the API, e.g. https://www.example.gov.cn
                         (an exact origin; repeat the option for several)
  --demo                 serve the example pages and seed the demo survey "page-feedback"
  --examples DIR         the examples folder for --demo (default: examples/ of the repository)
  --log-level LEVEL      one of ${LOG_LEVELS.join(', ')}; logs go to stderr
                         (default info)
  -h, --help             show this help
`;

export type Command =
  | { readonly command: 'help' }
  | { readonly command: 'serve'; readonly options: StartOptions }
  | { readonly command: 'usage-error'; readonly message: string };

/** Command line to options, without side effects, so that every flag can be tested directly. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Command {
  let parsed: ReturnType<typeof parseServeArgs>;
  try {
    parsed = parseServeArgs(argv);
  } catch (error) {
    // Node's messages name the flag ("Unknown option '--prot'"); the advice after it does not fit.
    const message = error instanceof Error ? error.message.split('. ')[0]! : String(error);
    return { command: 'usage-error', message };
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [command, ...extra] = positionals;
  if (command === undefined) return { command: 'usage-error', message: 'missing command "serve"' };
  if (command === 'help') return { command: 'help' };
  if (command !== 'serve') {
    return { command: 'usage-error', message: `unknown command ${JSON.stringify(command)}` };
  }
  if (extra.length > 0) {
    return { command: 'usage-error', message: `unexpected argument ${JSON.stringify(extra[0])}` };
  }

  const port = parsePort(values.port, '--port') ?? parsePort(env.PORT, 'PORT');
  if (typeof port === 'string') return { command: 'usage-error', message: port };
  const allowOrigins: string[] = [];
  for (const value of values['allow-origin'] ?? []) {
    const origin = parseOrigin(value);
    if (origin === undefined) {
      return {
        command: 'usage-error',
        message: `--allow-origin expects an exact origin such as https://www.example.gov.cn, not ${JSON.stringify(value)}`,
      };
    }
    allowOrigins.push(origin);
  }
  const logLevel = values['log-level'] ?? 'info';
  if (!isLogLevel(logLevel)) {
    return {
      command: 'usage-error',
      message: `--log-level expects one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(logLevel)}`,
    };
  }
  return {
    command: 'serve',
    options: {
      host: values.host ?? DEFAULT_HOST,
      port: port ?? DEFAULT_PORT,
      dbPath: resolve(values.db ?? './data/minyi.sqlite'),
      allowOrigins,
      demo: values.demo ?? false,
      ...(values.examples === undefined ? {} : { examplesDir: resolve(values.examples) }),
      logLevel,
    },
  };
}

function parseServeArgs(argv: readonly string[]) {
  return parseArgs({
    args: [...argv],
    allowPositionals: true,
    strict: true,
    options: {
      host: { type: 'string' },
      port: { type: 'string' },
      db: { type: 'string' },
      'allow-origin': { type: 'string', multiple: true },
      demo: { type: 'boolean' },
      examples: { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

/** The port, `undefined` when not given, or the message for a bad value. */
function parsePort(value: string | undefined, name: string): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  return port <= 65_535
    ? port
    : `${name} expects a port number from 0 to 65535, not ${JSON.stringify(value)}`;
}

/**
 * Browsers send `Origin` as scheme, host and port only, so a path, query or credentials in the
 * option can never match and are refused as mistakes; case and a default port are normalised.
 */
function parseOrigin(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const bare = url.pathname === '/' && !url.search && !url.hash && !url.username && !url.password;
  return bare && (url.protocol === 'https:' || url.protocol === 'http:') ? url.origin : undefined;
}

function isLogLevel(value: string): value is LogLevel {
  return (LOG_LEVELS as readonly string[]).includes(value);
}

export interface CliIo {
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  readonly env: Readonly<Record<string, string | undefined>>;
}

const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  env: process.env,
};

/** Runs the command line; resolves with the exit code once the server has stopped. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const command = parseCommandLine(argv, io.env);
  switch (command.command) {
    case 'help':
      io.stdout(USAGE);
      return 0;
    case 'usage-error':
      io.stderr(`minyi-collector: ${command.message}\n\n${USAGE}`);
      return 2;
    case 'serve':
      return serve(command.options, io);
  }
}

async function serve(options: StartOptions, io: CliIo): Promise<number> {
  // Listening before the first line: a supervisor may signal as soon as it has read it, and
  // a signal during start-up is honoured once the server is up, rather than killing it midway.
  const stop = watchSignals();
  let collector: Awaited<ReturnType<typeof startCollector>>;
  try {
    collector = await startCollector(options);
  } catch (error) {
    stop.dispose();
    io.stderr(`minyi-collector: ${describeStartError(error, options)}\n`);
    return 1;
  }
  // Scripts and tests wait for this exact first line to learn the port.
  io.stdout(`listening on ${collector.url}\n`);
  const signal = await stop.received;
  // A second Ctrl-C while closing means "now": in-flight requests are given up.
  process.once(signal, () => process.exit(128 + constants.signals[signal]));
  await collector.close();
  return 0;
}

function watchSignals(): { received: Promise<NodeJS.Signals>; dispose(): void } {
  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const dispose = () => {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  };
  const received = new Promise<NodeJS.Signals>((resolveSignal) => {
    onSignal = (signal) => {
      dispose();
      resolveSignal(signal);
    };
  });
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return { received, dispose };
}

function describeStartError(error: unknown, options: StartOptions): string {
  if (error instanceof StorageOpenError) return error.message;
  const where = `${options.host}:${options.port}`;
  switch ((error as NodeJS.ErrnoException).code) {
    case 'EADDRINUSE':
      return `cannot listen on ${where}: the port is already in use (choose another with --port, or --port 0 for any free port)`;
    case 'EACCES':
      return `cannot listen on ${where}: permission denied (ports below 1024 need privileges)`;
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
      return `cannot listen on ${where}: ${JSON.stringify(options.host)} is not an address of this machine`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
