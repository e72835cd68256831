import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli.js';
import { makeResponse, postResponses, tempDir } from './helpers.js';

const PACKAGE = fileURLToPath(new URL('..', import.meta.url));
const ROOT = resolve(PACKAGE, '../..');
const BIN = join(PACKAGE, 'bin', 'minyi-collector.js');
const TSC = join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');

describe('parseCommandLine', () => {
  it('has defaults for everything', () => {
    expect(parseCommandLine(['serve'])).toEqual({
      command: 'serve',
      options: {
        host: '127.0.0.1',
        port: 8787,
        dbPath: resolve('data/minyi.sqlite'),
        allowOrigins: [],
        demo: false,
        logLevel: 'info',
      },
    });
  });

  it('reads every flag, in either form', () => {
    const command = parseCommandLine(
      [
        'serve',
        '--host=0.0.0.0',
        '--port',
        '0',
        '--db',
        'x/y.sqlite',
        '--allow-origin',
        'https://www.example.gov.cn/',
        '--allow-origin=http://localhost:8080',
        '--demo',
        '--examples',
        'ex',
        '--log-level',
        'silent',
      ],
      { PORT: '9999' },
    );
    expect(command).toEqual({
      command: 'serve',
      options: {
        host: '0.0.0.0',
        port: 0,
        dbPath: resolve('x/y.sqlite'),
        allowOrigins: ['https://www.example.gov.cn', 'http://localhost:8080'],
        demo: true,
        examplesDir: resolve('ex'),
        logLevel: 'silent',
      },
    });
  });

  it('normalises origins the way browsers send them', () => {
    const command = parseCommandLine(['serve', '--allow-origin', 'HTTPS://WWW.Example.gov.cn:443']);
    expect(command.command === 'serve' && command.options.allowOrigins).toEqual([
      'https://www.example.gov.cn',
    ]);
  });

  it('takes the default port from PORT', () => {
    const command = parseCommandLine(['serve'], { PORT: '3000' });
    expect(command.command === 'serve' && command.options.port).toBe(3000);
  });

  it.each([
    [['serve', '--prot', '1'], /'--prot'/],
    [['serve', '--port'], /--port/],
    [['serve', '--port', '65536'], /--port expects a port number/],
    [['serve', '--port', 'http'], /--port expects a port number/],
    [['serve', '--allow-origin', '*'], /--allow-origin expects an exact origin/],
    [['serve', '--allow-origin', 'https://a.gov.cn/path'], /--allow-origin/],
    [['serve', '--allow-origin', 'ftp://a.gov.cn'], /--allow-origin/],
    [['serve', '--allow-origin', 'https://a.gov.cn?x=1'], /--allow-origin/],
    [['serve', '--log-level', 'loud'], /--log-level/],
    [['serve', 'extra'], /unexpected argument "extra"/],
    [['server'], /unknown command "server"/],
    [[], /missing command/],
  ])('refuses %j', (argv, message) => {
    const command = parseCommandLine(argv);
    expect(command.command).toBe('usage-error');
    expect(command.command === 'usage-error' && command.message).toMatch(message);
  });

  it('refuses a bad PORT', () => {
    expect(parseCommandLine(['serve'], { PORT: 'eighty' })).toMatchObject({
      command: 'usage-error',
      message: expect.stringMatching(/^PORT /),
    });
  });

  it.each([[['--help']], [['serve', '-h']], [['help']]])('%j asks for help', (argv) => {
    expect(parseCommandLine(argv)).toEqual({ command: 'help' });
  });
});

/** Builds dist/ when it is missing or older than the sources, so the binary runs current code. */
function ensureBuilt(): void {
  if (!existsSync(join(ROOT, 'packages', 'schema', 'dist', 'index.js'))) {
    execFileSync(process.execPath, [TSC, '-p', join(ROOT, 'packages/schema/tsconfig.build.json')]);
  }
  const cli = join(PACKAGE, 'dist', 'cli.js');
  const built = existsSync(cli) ? statSync(cli).mtimeMs : 0;
  const sources = readdirSync(join(PACKAGE, 'src'), { recursive: true, encoding: 'utf8' });
  if (sources.some((file) => statSync(join(PACKAGE, 'src', file)).mtimeMs > built)) {
    execFileSync(process.execPath, [TSC, '-p', join(PACKAGE, 'tsconfig.build.json')]);
  }
}

interface Cli {
  readonly child: ChildProcess;
  readonly firstLine: Promise<string>;
  readonly exit: Promise<number | null>;
  stdout(): string;
  stderr(): string;
}

function runCli(args: string[], env: Record<string, string> = {}): Cli {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd: tempDir(),
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exit = new Promise<number | null>((resolveExit) => child.on('exit', resolveExit));
  const firstLine = new Promise<string>((resolveLine, reject) => {
    const check = () => {
      const end = stdout.indexOf('\n');
      if (end !== -1) resolveLine(stdout.slice(0, end));
    };
    child.stdout!.on('data', check);
    exit.then((code) => reject(new Error(`exited with ${code} before a line: ${stderr}`)));
  });
  firstLine.catch(() => {});
  return { child, firstLine, exit, stdout: () => stdout, stderr: () => stderr };
}

describe('minyi-collector', () => {
  beforeAll(ensureBuilt, 120_000);

  it('serves on a free port, announces it on stdout, and exits 0 on SIGTERM', async () => {
    const dbPath = join(tempDir(), 'db', 'minyi.sqlite');
    const cli = runCli(['serve', '--port', '0', '--db', dbPath]);
    const line = await cli.firstLine;
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(match, line).not.toBeNull();
    expect(Number(match![2])).toBeGreaterThan(0);

    const comment = '窗口工作人员态度很好 private-comment-text';
    const response = makeResponse({ comment });
    const { results } = await postResponses(match![1]!, response);
    expect(results[0]).toMatchObject({ id: response.id, status: 'accepted' });

    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toBe(`${line}\n`);
    expect(existsSync(dbPath)).toBe(true);

    const logs = cli
      .stderr()
      .trim()
      .split('\n')
      .map((entry) => JSON.parse(entry) as Record<string, unknown>);
    expect(logs.some((entry) => entry.msg === 'request completed')).toBe(true);
    const text = cli.stderr();
    for (const leak of ['remoteAddress', 'remotePort', 'user-agent', 'private-comment-text']) {
      expect(text).not.toContain(leak);
    }
  });

  it('serves the demo and stops on SIGINT', async () => {
    const examples = tempDir();
    mkdirSync(join(examples, 'portal'));
    writeFileSync(join(examples, 'portal', 'index.html'), '<h1>demo</h1>');
    const cli = runCli([
      'serve',
      '--port=0',
      `--db=${join(tempDir(), 'minyi.sqlite')}`,
      '--demo',
      '--examples',
      examples,
      '--log-level',
      'silent',
    ]);
    const url = (await cli.firstLine).replace('listening on ', '');
    expect(await (await fetch(`${url}/`)).text()).toBe('<h1>demo</h1>');
    expect((await fetch(`${url}/v1/surveys/page-feedback`)).status).toBe(200);
    cli.child.kill('SIGINT');
    expect(await cli.exit).toBe(0);
    expect(cli.stderr()).toBe('');
  });

  it('takes the port from PORT', async () => {
    const cli = runCli(['serve', '--db', join(tempDir(), 'minyi.sqlite')], { PORT: '0' });
    expect(await cli.firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
  });

  it('exits 2 with usage on stderr naming a bad flag', async () => {
    const cli = runCli(['serve', '--bogus']);
    expect(await cli.exit).toBe(2);
    expect(cli.stderr()).toContain('--bogus');
    expect(cli.stderr()).toContain('Usage: minyi-collector serve');
    expect(cli.stdout()).toBe('');
  });

  it('prints usage for --help', async () => {
    const cli = runCli(['--help']);
    expect(await cli.exit).toBe(0);
    expect(cli.stdout()).toContain('--allow-origin ORIGIN');
  });

  it('says so when the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    const { port } = blocker.address() as { port: number };
    try {
      const cli = runCli(['serve', '--port', String(port), '--db', join(tempDir(), 'm.sqlite')]);
      expect(await cli.exit).toBe(1);
      expect(cli.stderr()).toContain(
        `cannot listen on 127.0.0.1:${port}: the port is already in use`,
      );
      expect(cli.stdout()).toBe('');
    } finally {
      blocker.close();
    }
  });

  it('says so when the database cannot be created', async () => {
    const file = join(tempDir(), 'plain-file');
    writeFileSync(file, '');
    const cli = runCli(['serve', '--port', '0', '--db', join(file, 'minyi.sqlite')]);
    expect(await cli.exit).toBe(1);
    expect(cli.stderr()).toMatch(/^minyi-collector: cannot open the database at .*plain-file/);
  });
});
