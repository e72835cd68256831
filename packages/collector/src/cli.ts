import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { constants } from 'node:os';
import { resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { ID_PATTERN } from '@minyi/schema';
import { DEMO_EVALUATION, DEMO_SURVEY } from './demo.js';
import { DEFAULT_HOST, DEFAULT_PORT, type StartOptions, startCollector } from './index.js';
import { openStore } from './open-store.js';
import { isPostgresUrl } from './pg-store.js';
import { DEFAULT_RATE_LIMITS, type LogLevel } from './server.js';
import type { Durability } from './sqlite-store.js';
import {
  emptyImportCounts,
  type ImportCounts,
  StorageOpenError,
  type Store,
  type TokenRole,
} from './storage.js';
import { describeScope, issueToken, parseDuration, TOKEN_ROLES, tokenStatus } from './tokens.js';
import { parseTransferLine, type TransferRecord, transferHeader } from './transfer.js';
import { readWorkCalendar } from './work-calendar.js';

const LOG_LEVELS: readonly LogLevel[] = [
  'fatal',
  'error',
  'warn',
  'info',
  'debug',
  'trace',
  'silent',
];
const DEFAULT_DB = './data/minyi.sqlite';

export const USAGE = `Usage: minyi-collector serve [options]
       minyi-collector token create --role evaluator|admin [--survey ID]... [--subject ID]...
                                    [--expires DURATION] [--note TEXT] [--db DB]
       minyi-collector token list [--db DB]
       minyi-collector token revoke TOKEN-ID [--db DB]
       minyi-collector export [--db DB] [--out FILE]
       minyi-collector import [--db DB] [FILE]
       minyi-collector --help

Receives survey responses from Minyi widgets and stores them in SQLite or PostgreSQL.

--db DB is a SQLite file (created with its folder if missing) or a postgres:// or postgresql://
URL; the same for every command (default ${DEFAULT_DB}).

Options for serve:
  --host HOST               address to listen on (default ${DEFAULT_HOST})
  --port PORT               port to listen on, 0 for any free one (default $PORT, else ${DEFAULT_PORT})
  --db DB                   where responses are stored
  --allow-origin ORIGIN     let pages on ORIGIN call the API, e.g. https://www.example.gov.cn
                            (an exact origin; repeat the option for several)
  --trust-proxy             behind a load balancer: take the client address from the last
                            X-Forwarded-For entry (for rate limits)
  --rate-limit-address N    requests per minute per client address (default ${DEFAULT_RATE_LIMITS.perAddress}; 0: off)
  --rate-limit-device N     requests per minute per device key (default ${DEFAULT_RATE_LIMITS.perDevice}; 0: off)
  --durability MODE         normal (survives the collector being killed) or full (also power
                            loss; slower on SQLite) (default normal)
  --calendar FILE           public holidays and weekend days worked in exchange, for follow-up
                            deadlines: {"holidays": ["2026-10-01", …], "workdays": [ … ]}
                            (default: Monday to Friday)
  --demo                    serve the example pages and seed the demo surveys and consultation
  --examples DIR            the examples folder for --demo (default: examples/ of the repository)
  --log-level LEVEL         one of ${LOG_LEVELS.join(', ')}; logs go to stderr
                            (default info)

token create prints the new token on stdout, once; only its hash is stored. An evaluator token
with --survey or --subject (repeatable) sees only those. --expires takes 90m, 12h or 30d.
token list shows every token (never the token itself); token revoke stops one at once.

export writes every survey, consultation, token and response as JSON lines (to stdout, or
--out FILE); import reads them (from FILE, or stdin) and adds what is not there yet.

  -h, --help                show this help
`;

export interface TokenCreateOptions {
  readonly db: string;
  readonly role: TokenRole;
  readonly surveys: readonly string[];
  readonly subjects: readonly string[];
  readonly expiresInMs: number | undefined;
  readonly note: string | undefined;
}

export type Command =
  | { readonly command: 'help' }
  | {
      readonly command: 'serve';
      readonly options: StartOptions;
      /** Read when serving starts: parsing the command line reads no files. */
      readonly calendarFile?: string;
    }
  | { readonly command: 'token-create'; readonly options: TokenCreateOptions }
  | { readonly command: 'token-list'; readonly db: string }
  | { readonly command: 'token-revoke'; readonly db: string; readonly id: string }
  | { readonly command: 'export'; readonly db: string; readonly out: string | undefined }
  | { readonly command: 'import'; readonly db: string; readonly file: string | undefined }
  | { readonly command: 'usage-error'; readonly message: string };

const OPTIONS = {
  host: { type: 'string' },
  port: { type: 'string' },
  db: { type: 'string' },
  'allow-origin': { type: 'string', multiple: true },
  'trust-proxy': { type: 'boolean' },
  'rate-limit-address': { type: 'string' },
  'rate-limit-device': { type: 'string' },
  durability: { type: 'string' },
  calendar: { type: 'string' },
  demo: { type: 'boolean' },
  examples: { type: 'string' },
  'log-level': { type: 'string' },
  role: { type: 'string' },
  survey: { type: 'string', multiple: true },
  subject: { type: 'string', multiple: true },
  expires: { type: 'string' },
  note: { type: 'string' },
  out: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Which options each command takes; any other is a mistake worth naming. */
const COMMAND_OPTIONS: Readonly<Record<string, readonly OptionName[]>> = {
  serve: [
    'host',
    'port',
    'db',
    'allow-origin',
    'trust-proxy',
    'rate-limit-address',
    'rate-limit-device',
    'durability',
    'calendar',
    'demo',
    'examples',
    'log-level',
  ],
  'token create': ['db', 'role', 'survey', 'subject', 'expires', 'note'],
  'token list': ['db'],
  'token revoke': ['db'],
  export: ['db', 'out'],
  import: ['db'],
};

const usageError = (message: string): Command => ({ command: 'usage-error', message });

/** Command line to options, without side effects, so that every flag can be tested directly. */
export function parseCommandLine(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>> = {},
): Command {
  let parsed: ReturnType<typeof parseArguments>;
  try {
    parsed = parseArguments(argv);
  } catch (error) {
    // Node's messages name the flag ("Unknown option '--prot'"); the advice after it does not fit.
    const message = error instanceof Error ? error.message.split('. ')[0]! : String(error);
    return usageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { command: 'help' };
  const [first, ...rest] = positionals;
  if (first === undefined) return usageError('missing command "serve"');
  if (first === 'help') return { command: 'help' };
  const name = first === 'token' ? `token ${rest[0] ?? ''}`.trim() : first;
  const allowed = COMMAND_OPTIONS[name];
  if (!allowed) {
    return usageError(
      first === 'token'
        ? `token needs one of create, list, revoke${rest[0] === undefined ? '' : `, not ${JSON.stringify(rest[0])}`}`
        : `unknown command ${JSON.stringify(first)}`,
    );
  }
  for (const option of Object.keys(values) as OptionName[]) {
    if (option !== 'help' && !allowed.includes(option)) {
      return usageError(`--${option} is not an option of "${name}"`);
    }
  }
  const args = first === 'token' ? rest.slice(1) : rest;
  const db = resolveDb(values.db ?? DEFAULT_DB);
  switch (name) {
    case 'serve':
      if (args.length > 0) return usageError(`unexpected argument ${JSON.stringify(args[0])}`);
      return parseServe(values, db, env);
    case 'token create':
      if (args.length > 0) return usageError(`unexpected argument ${JSON.stringify(args[0])}`);
      return parseTokenCreate(values, db);
    case 'token list':
      if (args.length > 0) return usageError(`unexpected argument ${JSON.stringify(args[0])}`);
      return { command: 'token-list', db };
    case 'token revoke':
      if (args.length !== 1)
        return usageError('token revoke needs the id of one token (see token list)');
      return { command: 'token-revoke', db, id: args[0]! };
    case 'export':
      if (args.length > 0) return usageError(`unexpected argument ${JSON.stringify(args[0])}`);
      return {
        command: 'export',
        db,
        out: values.out === undefined ? undefined : resolve(values.out),
      };
    default:
      if (args.length > 1) return usageError(`unexpected argument ${JSON.stringify(args[1])}`);
      return {
        command: 'import',
        db,
        file: args[0] === undefined || args[0] === '-' ? undefined : resolve(args[0]),
      };
  }
}

type Values = ReturnType<typeof parseArguments>['values'];

function parseServe(
  values: Values,
  db: string,
  env: Readonly<Record<string, string | undefined>>,
): Command {
  const port = parsePort(values.port, '--port') ?? parsePort(env.PORT, 'PORT');
  if (typeof port === 'string') return usageError(port);
  const allowOrigins: string[] = [];
  for (const value of values['allow-origin'] ?? []) {
    const origin = parseOrigin(value);
    if (origin === undefined) {
      return usageError(
        `--allow-origin expects an exact origin such as https://www.example.gov.cn, not ${JSON.stringify(value)}`,
      );
    }
    allowOrigins.push(origin);
  }
  const logLevel = values['log-level'] ?? 'info';
  if (!isLogLevel(logLevel)) {
    return usageError(
      `--log-level expects one of ${LOG_LEVELS.join(', ')}, not ${JSON.stringify(logLevel)}`,
    );
  }
  const perAddress = parseCount(values['rate-limit-address'], '--rate-limit-address');
  if (typeof perAddress === 'string') return usageError(perAddress);
  const perDevice = parseCount(values['rate-limit-device'], '--rate-limit-device');
  if (typeof perDevice === 'string') return usageError(perDevice);
  const durability = values.durability ?? 'normal';
  if (durability !== 'normal' && durability !== 'full') {
    return usageError(`--durability expects normal or full, not ${JSON.stringify(durability)}`);
  }
  return {
    command: 'serve',
    options: {
      host: values.host ?? DEFAULT_HOST,
      port: port ?? DEFAULT_PORT,
      dbPath: db,
      allowOrigins,
      trustProxy: values['trust-proxy'] ?? false,
      rateLimit: {
        perAddress: perAddress ?? DEFAULT_RATE_LIMITS.perAddress,
        perDevice: perDevice ?? DEFAULT_RATE_LIMITS.perDevice,
      },
      durability: durability as Durability,
      demo: values.demo ?? false,
      ...(values.examples === undefined ? {} : { examplesDir: resolve(values.examples) }),
      logLevel,
    },
    ...(values.calendar === undefined ? {} : { calendarFile: resolve(values.calendar) }),
  };
}

function parseTokenCreate(values: Values, db: string): Command {
  const role = values.role;
  if (role === undefined) return usageError('token create needs --role evaluator or --role admin');
  if (!(TOKEN_ROLES as readonly string[]).includes(role)) {
    return usageError(`--role expects evaluator or admin, not ${JSON.stringify(role)}`);
  }
  const surveys = values.survey ?? [];
  const subjects = values.subject ?? [];
  if (role === 'admin' && (surveys.length > 0 || subjects.length > 0)) {
    return usageError('--survey and --subject scope evaluator tokens; admin tokens see everything');
  }
  const badSurvey = surveys.find((id) => !ID_PATTERN.test(id));
  if (badSurvey !== undefined) {
    return usageError(`--survey expects a survey id, not ${JSON.stringify(badSurvey)}`);
  }
  const badSubject = subjects.find((id) => id.length < 1 || id.length > 500);
  if (badSubject !== undefined) {
    return usageError(`--subject expects 1 to 500 characters, not ${JSON.stringify(badSubject)}`);
  }
  let expiresInMs: number | undefined;
  if (values.expires !== undefined) {
    expiresInMs = parseDuration(values.expires);
    if (expiresInMs === undefined) {
      return usageError(
        `--expires expects a duration such as 90m, 12h or 30d, not ${JSON.stringify(values.expires)}`,
      );
    }
  }
  return {
    command: 'token-create',
    options: {
      db,
      role: role as TokenRole,
      surveys: [...new Set(surveys)],
      subjects: [...new Set(subjects)],
      expiresInMs,
      note: values.note,
    },
  };
}

function parseArguments(argv: readonly string[]) {
  return parseArgs({ args: [...argv], allowPositionals: true, strict: true, options: OPTIONS });
}

/** A PostgreSQL URL is taken as it is; anything else is a file path, relative to here. */
function resolveDb(value: string): string {
  return isPostgresUrl(value) || value === ':memory:' ? value : resolve(value);
}

/** The port, `undefined` when not given, or the message for a bad value. */
function parsePort(value: string | undefined, name: string): number | string | undefined {
  if (value === undefined || value === '') return undefined;
  const port = /^\d{1,5}$/.test(value) ? Number(value) : Number.NaN;
  return port <= 65_535
    ? port
    : `${name} expects a port number from 0 to 65535, not ${JSON.stringify(value)}`;
}

function parseCount(value: string | undefined, name: string): number | string | undefined {
  if (value === undefined) return undefined;
  return /^\d{1,9}$/.test(value)
    ? Number(value)
    : `${name} expects a whole number of requests per minute (0 for no limit), not ${JSON.stringify(value)}`;
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

/** Runs the command line; resolves with the exit code once the command (or server) is done. */
export async function main(argv: readonly string[], io: CliIo = processIo): Promise<number> {
  const command = parseCommandLine(argv, io.env);
  switch (command.command) {
    case 'help':
      io.stdout(USAGE);
      return 0;
    case 'usage-error':
      io.stderr(`minyi-collector: ${command.message}\n\n${USAGE}`);
      return 2;
    case 'serve': {
      let options = command.options;
      if (command.calendarFile !== undefined) {
        try {
          options = { ...options, calendar: readWorkCalendar(command.calendarFile) };
        } catch (error) {
          io.stderr(`minyi-collector: --calendar: ${(error as Error).message}\n`);
          return 2;
        }
      }
      return serve(options, io);
    }
    case 'token-create':
      return withStore(command.options.db, io, (store) => createToken(store, command.options, io));
    case 'token-list':
      return withStore(command.db, io, (store) => listTokens(store, io));
    case 'token-revoke':
      return withStore(command.db, io, (store) => revokeToken(store, command.id, io));
    case 'export':
      return withStore(command.db, io, (store) => exportData(store, command.out));
    case 'import':
      return withStore(command.db, io, (store) => importData(store, command.file, io));
  }
}

async function withStore(
  db: string,
  io: CliIo,
  work: (store: Store) => Promise<number>,
): Promise<number> {
  let store: Store;
  try {
    store = await openStore(db);
  } catch (error) {
    io.stderr(`minyi-collector: ${(error as Error).message}\n`);
    return 1;
  }
  try {
    return await work(store);
  } catch (error) {
    io.stderr(`minyi-collector: ${(error as Error).message}\n`);
    return 1;
  } finally {
    await store.close();
  }
}

async function createToken(store: Store, options: TokenCreateOptions, io: CliIo): Promise<number> {
  const issued = issueToken(options.role);
  const now = Date.now();
  await store.createToken({
    id: issued.id,
    hash: issued.hash,
    role: options.role,
    surveys: options.surveys,
    subjects: options.subjects,
    note: options.note,
    createdAt: new Date(now).toISOString(),
    expiresAt:
      options.expiresInMs === undefined
        ? undefined
        : new Date(now + options.expiresInMs).toISOString(),
  });
  // The only time the token exists outside the client that keeps it.
  io.stdout(`${issued.token}\n`);
  return 0;
}

async function listTokens(store: Store, io: CliIo): Promise<number> {
  const now = Date.now();
  const rows = (await store.listTokens()).map((token) => [
    token.id,
    token.role,
    describeScope(token),
    token.expiresAt ?? 'never',
    tokenStatus(token, now),
    token.lastUsedAt ?? 'never',
    token.note ?? '',
  ]);
  const header = ['ID', 'ROLE', 'SCOPE', 'EXPIRES', 'STATUS', 'LAST USED', 'NOTE'];
  const widths = header.map((title, column) =>
    Math.max(title.length, ...rows.map((row) => row[column]!.length)),
  );
  const line = (cells: readonly string[]) =>
    `${cells
      .map((cell, column) => cell.padEnd(widths[column]!))
      .join('  ')
      .trimEnd()}\n`;
  io.stdout(line(header) + rows.map(line).join(''));
  return 0;
}

async function revokeToken(store: Store, id: string, io: CliIo): Promise<number> {
  const outcome = await store.revokeToken(id, new Date().toISOString());
  switch (outcome) {
    case 'revoked':
      io.stdout(`revoked ${id}\n`);
      return 0;
    case 'already-revoked':
      io.stdout(`${id} was already revoked\n`);
      return 0;
    case 'unknown':
      io.stderr(`minyi-collector: no token with the id ${JSON.stringify(id)} (see token list)\n`);
      return 1;
  }
}

async function exportData(store: Store, out: string | undefined): Promise<number> {
  const stream = out === undefined ? process.stdout : createWriteStream(out);
  const write = async (record: object) => {
    // Honour backpressure: an export may be far larger than memory.
    if (!stream.write(`${JSON.stringify(record)}\n`)) await once(stream, 'drain');
  };
  await write(transferHeader(store.engine, new Date().toISOString()));
  for await (const record of store.exportRecords()) await write(record);
  if (out !== undefined) {
    await new Promise<void>((done, fail) => {
      stream.once('error', fail);
      stream.end(done);
    });
  }
  return 0;
}

const IMPORT_CHUNK = 500;

async function importData(store: Store, file: string | undefined, io: CliIo): Promise<number> {
  const input = file === undefined ? process.stdin : createReadStream(file);
  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  const totals = emptyImportCounts();
  let chunk: TransferRecord[] = [];
  let lineNumber = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    addCounts(totals, await store.importRecords(chunk));
    chunk = [];
  };
  for await (const line of lines) {
    lineNumber += 1;
    if (line.trim() === '') continue;
    const parsed = parseTransferLine(line);
    if (!parsed.ok) {
      await flush();
      io.stderr(
        `minyi-collector: line ${lineNumber}: ${parsed.message}\nThe lines before it were imported; import again once it is fixed (what is there already is skipped).\n`,
      );
      io.stdout(describeCounts(totals));
      return 1;
    }
    if (parsed.record.type === 'minyi-export') continue;
    chunk.push(parsed.record);
    if (chunk.length >= IMPORT_CHUNK) await flush();
  }
  await flush();
  io.stdout(describeCounts(totals));
  return 0;
}

function addCounts(totals: ImportCounts, counts: ImportCounts): void {
  for (const type of Object.keys(totals) as (keyof ImportCounts)[]) {
    totals[type].inserted += counts[type].inserted;
    totals[type].skipped += counts[type].skipped;
  }
}

function describeCounts(totals: ImportCounts): string {
  const names: Record<keyof ImportCounts, string> = {
    survey: 'survey versions',
    topic: 'consultations',
    'topic-version': 'consultation versions',
    token: 'tokens',
    response: 'responses',
    case: 'follow-up cases',
    'case-event': 'case events',
  };
  const parts = (Object.keys(names) as (keyof ImportCounts)[]).map(
    (type) => `${totals[type].inserted} ${names[type]} (${totals[type].skipped} already there)`,
  );
  return `imported ${parts.join(', ')}\n`;
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
  if (options.demo) {
    // A token for the evaluator example, made afresh at each start and good for a day: the
    // demo's dashboard needs one, and the demo database is nobody's real data.
    const issued = issueToken('evaluator');
    const createdAt = new Date();
    await collector.storage.createToken({
      id: issued.id,
      hash: issued.hash,
      role: 'evaluator',
      surveys: [DEMO_EVALUATION.id, DEMO_SURVEY.id],
      subjects: [],
      note: 'demo evaluator (serve --demo)',
      createdAt: createdAt.toISOString(),
      expiresAt: new Date(createdAt.getTime() + 86_400_000).toISOString(),
    });
    io.stdout(
      `demo evaluator token: ${issued.token}\n` +
        `demo portal: ${collector.url}/\n` +
        `demo evaluation: ${collector.url}/evaluation.html\n` +
        `demo consultation: ${collector.url}/consultation.html\n` +
        `demo evaluator dashboard: ${collector.url}/evaluator/\n`,
    );
  }
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
