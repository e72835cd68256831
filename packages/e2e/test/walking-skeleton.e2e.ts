import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type CollectorProcess,
  eventually,
  launchChromium,
  recordSubmissions,
  startCollectorProcess,
  storedResponses,
} from './harness.js';

let collector: CollectorProcess;
let browser: Browser;

beforeAll(async () => {
  collector = await startCollectorProcess();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await collector?.stop();
});

describe('one answer, end to end', () => {
  test('a rating made on the portal is stored once, also after an offline spell', async () => {
    const context = await browser.newContext();
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));

    await page.goto(`${collector.url}/`);
    let submitted = await recordSubmissions(page);
    await page.getByRole('radio', { name: '满意', exact: true }).check();
    await page.getByRole('button', { name: '提交' }).click();
    const status = page.getByRole('status');
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('回执码');

    const [first] = await submitted();
    let rows = await storedResponses(collector.dbPath);
    expect(rows).toHaveLength(1);
    expect(rows[0]!.json).toBe(first);
    expect(JSON.parse(rows[0]!.json)).toMatchObject({
      survey: 'page-feedback',
      kind: 'satisfaction',
      subject: 'portal-home',
      answers: { overall: 'satisfied' },
      locale: 'zh-Hans',
      page: `${collector.url}/`,
    });
    expect(await status.textContent()).toContain(rows[0]!.receipt);

    // Offline: the answer is kept in IndexedDB and the page is closed before it can be sent.
    await page.reload();
    submitted = await recordSubmissions(page);
    await context.setOffline(true);
    await page.getByRole('radio', { name: '非常满意', exact: true }).check();
    await page.getByRole('button', { name: '提交' }).click();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('保存在本设备');
    expect(await page.evaluate(() => window.Minyi.pending())).toBe(1);
    const [offline] = await submitted();
    await page.close();
    expect(await storedResponses(collector.dbPath)).toHaveLength(1);

    // Back online, the next visit delivers it: once, byte for byte.
    await context.setOffline(false);
    const again = await context.newPage();
    again.on('pageerror', (error) => errors.push(error.message));
    await again.goto(`${collector.url}/`);
    rows = await eventually(
      () => storedResponses(collector.dbPath),
      (list) => list.length >= 2,
      'the offline answer to arrive',
    );
    await eventually(
      () => again.evaluate(() => window.Minyi.pending()),
      (count) => count === 0,
      'the queue to empty',
    );
    expect(await again.evaluate(() => window.Minyi.flush())).toEqual({ delivered: 0, pending: 0 });
    rows = await storedResponses(collector.dbPath);
    expect(rows).toHaveLength(2);
    expect(rows[1]!.json).toBe(offline);
    expect(JSON.parse(offline!).answers).toEqual({ overall: 'very-satisfied' });
    expect(errors).toEqual([]);
    await context.close();
  });
});

describe('the script tag', () => {
  test('adds one global of its own, and a second copy creates nothing', async () => {
    const page = await browser.newPage();
    const messages: string[] = [];
    page.on('console', (message) => messages.push(`${message.type()}: ${message.text()}`));
    page.on('pageerror', (error) => messages.push(`pageerror: ${error.message}`));
    // A blank page of the collector's origin, so that IndexedDB is there as on any site.
    await page.route(`${collector.url}/blank`, (route) =>
      route.fulfill({
        contentType: 'text/html',
        body: '<!doctype html><html lang="en"><body></body></html>',
      }),
    );
    await page.goto(`${collector.url}/blank`);
    const before = await page.evaluate(() => Object.getOwnPropertyNames(window));
    await page.addScriptTag({ url: `${collector.url}/sdk/minyi.js` });
    const added = await page.evaluate(
      (names) => Object.getOwnPropertyNames(window).filter((name) => !names.includes(name)),
      before,
    );
    const litMarkers = [
      'litHtmlVersions',
      'litElementVersions',
      'reactiveElementVersions',
      'litPropertyMetadata',
    ];
    expect(added.filter((name) => !litMarkers.includes(name))).toEqual(['Minyi']);
    expect(await page.evaluate(() => customElements.get('minyi-satisfaction') !== undefined)).toBe(
      true,
    );

    const markers = () =>
      page.evaluate(
        () => (window as unknown as { litHtmlVersions?: string[] }).litHtmlVersions?.length,
      );
    const versionsBefore = await markers();
    const api = await page.evaluate(() => window.Minyi.version);
    await page.addScriptTag({ url: `${collector.url}/sdk/minyi.js?copy=2` });
    // Lit records each copy that runs; the second copy returned before Lit's code did.
    expect(await markers()).toBe(versionsBefore);
    expect(await page.evaluate(() => window.Minyi.version)).toBe(api);
    expect(messages.filter((message) => !message.startsWith('debug'))).toEqual([]);
    await page.close();
  });
});
