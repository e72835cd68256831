// The evaluator page end to end: `examples/evaluator/` as `minyi-collector serve --demo` serves it
// at /evaluator/, the built scripts of both elements from the collector's /sdk/, the demo survey's
// seeded answers scored by the collector's /v1/scores, a token made with the command line, and
// the page's own strict Content-Security-Policy with Trusted Types.
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchOptions } from '../../../../scripts/chromium.mjs';

const CLI = fileURLToPath(new URL('../../../collector/bin/minyi-collector.js', import.meta.url));
const run = promisify(execFile);

let dir: string;
let db: string;
let child: ChildProcess;
let url: string;
let browser: Browser;

async function token(...scope: string[]): Promise<string> {
  const { stdout } = await run(process.execPath, [
    CLI,
    'token',
    'create',
    '--role',
    'evaluator',
    ...scope,
    '--db',
    db,
  ]);
  return stdout.trim();
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'minyi-dashboard-e2e-'));
  db = join(dir, 'minyi.sqlite');
  child = spawn(
    process.execPath,
    [CLI, 'serve', '--host', '127.0.0.1', '--port', '0', '--db', db, '--demo'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr += chunk;
  });
  const first = await new Promise<string>((resolve, reject) => {
    createInterface({ input: child.stdout! }).once('line', resolve);
    child.once('exit', (code) => reject(new Error(`collector exited with ${code}: ${stderr}`)));
  });
  const match = /^listening on (http:\/\/\S+)$/.exec(first);
  if (!match) throw new Error(`unexpected first line from the collector: ${first}`);
  url = match[1]!;
  browser = await chromium.launch(launchOptions());
});

afterAll(async () => {
  await browser?.close();
  if (child && child.exitCode === null) {
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  }
  if (dir) rmSync(dir, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  problems: string[];
  scoreRequests: Array<{ url: string; authorization: string | undefined }>;
}

async function evaluatorPage(): Promise<Watched> {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const problems: string[] = [];
  const scoreRequests: Watched['scoreRequests'] = [];
  page.on('pageerror', (error) => problems.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') problems.push(`console: ${message.text()}`);
  });
  page.on('request', (request) => {
    if (new URL(request.url()).pathname === '/v1/scores') {
      scoreRequests.push({ url: request.url(), authorization: request.headers().authorization });
    }
  });
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      console.error(`CSP: ${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  for (const name of ['minyi-dashboard.js', 'minyi-cases.js']) {
    const script = await page.request.get(`${url}/sdk/${name}`);
    expect(script.status(), `the collector serves the evaluator's script at /sdk/${name}`).toBe(
      200,
    );
  }
  const response = await page.goto(`${url}/evaluator/`);
  expect(response?.status()).toBe(200);
  return { page, problems, scoreRequests };
}

async function signIn(page: Page, value: string): Promise<void> {
  await page.getByLabel('评估令牌').fill(value);
  await page.getByRole('button', { name: '查看评分' }).click();
}

describe('the evaluator page on the demo collector', () => {
  test('shows ranked, interval-marked scores of the demo departments under a strict CSP', async () => {
    const secret = await token('--survey', 'department-evaluation');
    const { page, problems, scoreRequests } = await evaluatorPage();
    await signIn(page, secret);

    const ranking = page.getByRole('table', { name: '得分排名' });
    await ranking.locator('tbody tr').first().waitFor({ state: 'attached', timeout: 15_000 });
    const rows = await ranking.locator('tbody tr').allTextContents();
    const text = rows.join('\n');
    for (const department of ['区民政局', '区住房和城乡建设局', '区政务服务中心']) {
      expect(text).toContain(department);
    }
    expect(text).toMatch(/\d+\.\d \(\d+\.\d–\d+\.\d\)/);
    await expect.poll(() => page.getByRole('img', { name: /得分排名条形图/ }).count()).toBe(1);

    // Several periods of demo answers, so that trends and intervals mean something.
    const periods = await page.getByLabel('显示期间').locator('option').count();
    expect(periods).toBeGreaterThanOrEqual(2);

    await page.getByLabel('查看对象').selectOption('civil-affairs');
    const groups = page.getByRole('table', { name: '各群体得分' });
    await groups.locator('tbody tr').first().waitFor({ state: 'attached' });
    expect(await groups.locator('tbody tr').count()).toBeGreaterThanOrEqual(2);
    expect(await page.getByRole('table', { name: '得分趋势' }).locator('tbody tr').count()).toBe(
      periods,
    );

    expect(scoreRequests.length).toBeGreaterThanOrEqual(1);
    for (const request of scoreRequests) {
      expect(request.url).not.toContain(secret);
      expect(request.authorization).toBe(`Bearer ${secret}`);
    }
    expect(page.url()).not.toContain(secret);
    expect(problems).toEqual([]);
  });

  test('says what a wrong token and a token for another survey mean', async () => {
    const { page } = await evaluatorPage();
    await signIn(page, 'minyi_ev_notatokennotatokennotatokennotatokennotato');
    await expect
      .poll(() => page.getByText('令牌无效或已过期，请向管理员申请新的令牌。').count())
      .toBe(1);

    await signIn(page, await token('--survey', 'page-feedback'));
    await expect
      .poll(() => page.getByRole('alert').textContent())
      .toContain('找不到问卷“department-evaluation”，或此令牌无权查看。');
  });

  test('works a follow-up case from the 差评整改 tab with the keyboard, under the same policy', async () => {
    const secret = await token('--survey', 'department-evaluation', '--note', '区政务办');
    const { page, problems } = await evaluatorPage();
    // The tab opens by keyboard (arrow keys move between tabs) and is kept in the address.
    await page.getByRole('tab', { name: '满意度测评评分' }).focus();
    await page.keyboard.press('ArrowRight');
    const tab = page.getByRole('tab', { name: '差评整改' });
    expect(await tab.getAttribute('aria-selected')).toBe('true');
    expect(new URL(page.url()).hash).toBe('#cases');
    expect(await page.locator('#scores').isHidden()).toBe(true);

    const cases = page.locator('minyi-cases');
    await cases.getByLabel('评估令牌').fill(secret);
    await cases.getByRole('button', { name: '查看整改案件' }).press('Enter');
    // The demo's low ratings opened cases, listed with their reasons in words.
    const table = cases.getByRole('table', { name: '整改案件' });
    await table.locator('tbody tr').first().waitFor({ state: 'attached', timeout: 15_000 });
    expect(await cases.locator('[part=counts]').textContent()).toMatch(/待处理\s*\d+/);
    await expect
      .poll(() => table.locator('tbody tr').first().textContent())
      .toMatch(/服务态度|办事效率|政务公开|办理结果/);

    await table.getByRole('button').first().press('Enter');
    const heading = cases.locator('#case-title');
    await expect
      .poll(() =>
        heading.evaluate((node) => node === (node.getRootNode() as ShadowRoot).activeElement),
      )
      .toBe(true);
    await cases.getByLabel('承办单位或承办人').fill('区住房和城乡建设局办公室');
    await cases.getByLabel('承办单位或承办人').press('Enter');
    await expect
      .poll(() => cases.getByRole('status').last().textContent())
      .toContain('已交办给“区住房和城乡建设局办公室”。');
    await cases.getByLabel('答复内容').fill('已安排专人回访，并调整窗口人员。');
    await cases.getByRole('button', { name: '提交答复' }).press('Enter');
    await cases.getByRole('button', { name: '办结案件' }).waitFor();
    const log = await cases
      .getByRole('table', { name: '办理记录' })
      .locator('tbody tr')
      .allTextContents();
    expect(log.map((row) => row.replace(/\s+/g, ''))).toEqual([
      expect.stringContaining('受理'),
      expect.stringContaining('交办区政务办'),
      expect.stringContaining('已安排专人回访'),
    ]);

    // A reload opens the same tab, and a token not remembered is asked for again.
    await page.reload();
    expect(await page.getByRole('tab', { name: '差评整改' }).getAttribute('aria-selected')).toBe(
      'true',
    );
    await page.locator('minyi-cases').getByLabel('评估令牌').waitFor();
    expect(problems).toEqual([]);
  });
});
