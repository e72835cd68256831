import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCommandLine } from '../src/cli.js';
import { openStore, seedDemo } from '../src/index.js';
import {
  api,
  makeResponse,
  onCleanup,
  POSTGRES,
  postResponses,
  SQLITE,
  tempDir,
} from './helpers.js';
import { ensureBuilt, runCli, runToEnd } from './process.js';

describe('parseCommandLine', () => {
  it('has defaults for everything', () => {
    expect(parseCommandLine(['serve'])).toEqual({
      command: 'serve',
      options: {
        host: '127.0.0.1',
        port: 8787,
        dbPath: resolve('data/minyi.sqlite'),
        allowOrigins: [],
        trustProxy: false,
        rateLimit: { perAddress: 1200, perDevice: 120 },
        durability: 'normal',
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
        '--trust-proxy',
        '--rate-limit-address=0',
        '--rate-limit-device',
        '30',
        '--durability',
        'full',
        '--calendar',
        'holidays.json',
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
        trustProxy: true,
        rateLimit: { perAddress: 0, perDevice: 30 },
        durability: 'full',
        demo: true,
        examplesDir: resolve('ex'),
        logLevel: 'silent',
      },
      calendarFile: resolve('holidays.json'),
    });
  });

  it('takes a PostgreSQL URL for --db as it is', () => {
    const url = 'postgresql://minyi:secret@db.internal:5432/minyi?sslmode=require';
    for (const argv of [
      ['serve', '--db', url],
      ['token', 'list', '--db', url],
      ['export', '--db', url],
      ['import', '--db', url],
    ]) {
      const command = parseCommandLine(argv);
      const db =
        command.command === 'serve' ? command.options.dbPath : (command as { db?: string }).db;
      expect(db, argv.join(' ')).toBe(url);
    }
  });

  it('reads the token, export and import commands', () => {
    expect(
      parseCommandLine([
        'token',
        'create',
        '--role',
        'evaluator',
        '--survey',
        'department-evaluation',
        '--subject=housing',
        '--subject',
        'civil-affairs',
        '--expires',
        '30d',
        '--note',
        'district office',
        '--db',
        'd.sqlite',
      ]),
    ).toEqual({
      command: 'token-create',
      options: {
        db: resolve('d.sqlite'),
        role: 'evaluator',
        surveys: ['department-evaluation'],
        subjects: ['housing', 'civil-affairs'],
        expiresInMs: 30 * 86_400_000,
        note: 'district office',
      },
    });
    expect(parseCommandLine(['token', 'list'])).toEqual({
      command: 'token-list',
      db: resolve('data/minyi.sqlite'),
    });
    expect(parseCommandLine(['token', 'revoke', 'abc123'])).toMatchObject({
      command: 'token-revoke',
      id: 'abc123',
    });
    expect(parseCommandLine(['export', '--out', 'x.jsonl'])).toMatchObject({
      command: 'export',
      out: resolve('x.jsonl'),
    });
    expect(parseCommandLine(['import', 'x.jsonl'])).toMatchObject({
      command: 'import',
      file: resolve('x.jsonl'),
    });
    expect(parseCommandLine(['import', '-'])).toMatchObject({ command: 'import', file: undefined });
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
    [['serve', '--durability', 'paranoid'], /--durability expects normal or full/],
    [['serve', '--rate-limit-device', 'lots'], /--rate-limit-device expects a whole number/],
    [['serve', '--role', 'admin'], /--role is not an option of "serve"/],
    [['token'], /token needs one of create, list, revoke/],
    [['token', 'mint'], /not "mint"/],
    [['token', 'create'], /needs --role/],
    [['token', 'create', '--role', 'root'], /--role expects evaluator or admin/],
    [['token', 'create', '--role', 'admin', '--survey', 'x'], /admin tokens see everything/],
    [['token', 'create', '--role', 'evaluator', '--survey', 'a b'], /--survey expects a survey id/],
    [['token', 'create', '--role', 'evaluator', '--expires', '1w'], /--expires expects a duration/],
    [['token', 'revoke'], /needs the id of one token/],
    [['token', 'list', '--out', 'x'], /--out is not an option of "token list"/],
    [['export', 'file'], /unexpected argument "file"/],
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

describe('minyi-collector', () => {
  beforeAll(ensureBuilt, 180_000);

  it('serves on a free port, announces it on stdout, and exits 0 on SIGTERM', async () => {
    const dbPath = join(tempDir(), 'db', 'minyi.sqlite');
    const cli = runCli(['serve', '--port', '0', '--db', dbPath, '--demo', '--examples', tempDir()]);
    const line = await cli.firstLine;
    const match = /^listening on (http:\/\/127\.0\.0\.1:(\d+))$/.exec(line);
    expect(match, line).not.toBeNull();
    expect(Number(match![2])).toBeGreaterThan(0);

    const comment = '窗口工作人员态度很好 private-comment-text';
    const response = makeResponse({ comment });
    const { results } = await postResponses(match![1]!, response);
    expect(results[0]).toMatchObject({ id: response.id, status: 'accepted' });

    // The demo prints an evaluator token after the first line, which works on the scores.
    const lines = cli.stdout().split('\n');
    expect(lines[0]).toBe(line);
    const token = /^demo evaluator token: (minyi_ev_\S+)$/.exec(lines[1] ?? '')?.[1];
    expect(token, cli.stdout()).toBeDefined();
    expect(lines).toContain(`demo evaluator dashboard: ${match![1]}/evaluator/`);
    const scores = await fetch(`${match![1]}/v1/scores?survey=department-evaluation&period=month`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(scores.status).toBe(200);
    const body = (await scores.json()) as { cells: { n: number }[] };
    expect(body.cells.length).toBeGreaterThanOrEqual(9);

    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
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

  it('takes a calendar of holidays, and refuses one it cannot read, naming the problem', async () => {
    const dir = tempDir();
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ holidays: ['2026-10-01', '2026-13-01'], weekends: [] }));
    const refused = await runToEnd(['serve', '--port', '0', '--db', ':memory:', '--calendar', bad]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      `minyi-collector: --calendar: the calendar ${bad} is not valid: holidays[1]: expected a date YYYY-MM-DD; weekends: unknown field; expected "holidays" or "workdays"\n`,
    );
    const good = join(dir, 'calendar.json');
    writeFileSync(good, JSON.stringify({ holidays: ['2026-10-01'], workdays: ['2026-09-27'] }));
    const cli = runCli(['serve', '--port', '0', '--db', ':memory:', '--calendar', good]);
    expect(await cli.firstLine).toMatch(/^listening on http:\/\/127\.0\.0\.1:\d+$/);
    cli.child.kill('SIGTERM');
    expect(await cli.exit).toBe(0);
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

describe('minyi-collector token, export and import', () => {
  beforeAll(ensureBuilt, 180_000);

  it('makes a token a running collector accepts at once, lists it and revokes it', async () => {
    const db = await SQLITE.db();
    const cli = runCli([
      'serve',
      '--port=0',
      `--db=${db}`,
      '--log-level=silent',
      '--demo',
      `--examples=${tempDir()}`,
    ]);
    const url = (await cli.firstLine).replace('listening on ', '');
    onCleanup(async () => {
      cli.child.kill('SIGTERM');
      await cli.exit;
    });
    const created = await runToEnd([
      'token',
      'create',
      '--db',
      db,
      '--role',
      'evaluator',
      '--survey',
      'page-feedback',
      '--expires',
      '30d',
      '--note',
      'district office',
    ]);
    expect(created.code).toBe(0);
    expect(created.stderr).toBe('');
    expect(created.stdout).toMatch(/^minyi_ev_[A-Za-z0-9_-]{43}\n$/);
    const token = created.stdout.trim();
    // Only the hash is stored.
    expect(readFileSync(db).includes(Buffer.from(token))).toBe(false);

    const count = await api(url, 'GET', '/v1/responses/count?survey=page-feedback', { token });
    expect(count.status, count.text).toBe(200);
    expect(count.json).toEqual({ count: 0 });

    const list = await runToEnd(['token', 'list', '--db', db]);
    expect(list.code).toBe(0);
    const lines = list.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^ID +ROLE +SCOPE +EXPIRES +STATUS +LAST USED +NOTE$/);
    // `serve --demo` made a token of its own too.
    const office = lines.find((line) => line.endsWith('district office')) ?? '';
    expect(office).toMatch(
      /^[0-9a-f]{12} +evaluator +surveys page-feedback +\S+Z +active +\S+ +district office$/,
    );
    expect(list.stdout).not.toContain(token);
    const id = office.split(' ')[0]!;

    const revoked = await runToEnd(['token', 'revoke', id, '--db', db]);
    expect(revoked).toMatchObject({ code: 0, stdout: `revoked ${id}\n` });
    const refused = await api(url, 'GET', '/v1/responses/count', { token });
    expect(refused.status).toBe(401);
    expect(refused.json.error).toBe('the token was revoked');
    expect((await runToEnd(['token', 'list', '--db', db])).stdout).toMatch(/ revoked /);
    expect((await runToEnd(['token', 'revoke', 'nope', '--db', db])).code).toBe(1);
  });

  it('exports a SQLite database as JSON lines and imports it into PostgreSQL', async () => {
    const source = await SQLITE.db();
    const store = await openStore(source);
    await seedDemo(store);
    const responses = Array.from({ length: 3 }, () => makeResponse());
    for (const response of responses) {
      await store.storeBatch([
        {
          id: response.id as string,
          survey: 'page-feedback',
          surveyVersion: 1,
          kind: 'satisfaction',
          subject: 'portal/home',
          group: undefined,
          createdAt: response.createdAt as string,
          createdMs: Date.parse(response.createdAt as string),
          json: JSON.stringify(response),
          contentHash: 'h',
          capKey: undefined,
        },
      ]);
    }
    await store.close();
    const file = join(tempDir(), 'export.jsonl');
    const exported = await runToEnd(['export', '--db', source, '--out', file]);
    expect(exported).toMatchObject({ code: 0, stdout: '', stderr: '' });
    const lines = readFileSync(file, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines[0]).toMatchObject({ type: 'minyi-export', format: 1, engine: 'sqlite' });
    expect(lines.filter((line) => line.type === 'response')).toHaveLength(3);

    const target = await POSTGRES.db();
    const imported = await runToEnd(['import', '--db', target, file]);
    expect(imported.stderr).toBe('');
    expect(imported.code).toBe(0);
    expect(imported.stdout).toBe(
      'imported 2 survey versions (0 already there), 1 consultations (0 already there), 1 consultation versions (0 already there), 0 tokens (0 already there), 3 responses (0 already there), 0 follow-up cases (0 already there), 0 case events (0 already there)\n',
    );
    const again = await runToEnd(['import', '--db', target], readFileSync(file, 'utf8'));
    expect(again.stdout).toContain('0 responses (3 already there)');

    const broken = await runToEnd(['import', '--db', target], '{"type":"response","id":1}\n');
    expect(broken.code).toBe(1);
    expect(broken.stderr).toMatch(/^minyi-collector: line 1: /);

    const back = await runToEnd(['export', '--db', target]);
    const roundTrip = back.stdout.trim().split('\n').slice(1);
    expect(roundTrip).toEqual(readFileSync(file, 'utf8').trim().split('\n').slice(1));
  });
});
