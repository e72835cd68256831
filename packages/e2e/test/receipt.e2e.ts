import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { type CollectorProcess, launchChromium, startCollectorProcess } from './harness.js';

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

test('a receipt code links to the receipt page, which shows the answer and, on this device, the code', async () => {
  const page = await browser.newPage();
  await page.goto(`${collector.url}/consultation.html`);
  const form = page.locator('minyi-consultation');
  await form.getByRole('radio', { name: '支持', exact: true }).check();
  await form.getByRole('button', { name: '提交' }).click();
  const link = form.getByRole('status').getByRole('link');
  await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
  const code = (await link.textContent())!.trim();
  expect(code).toMatch(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);

  await link.click();
  await page.waitForURL(`**/receipt.html#receipt=${code}`);
  const receipt = page.locator('minyi-receipt');
  await expect
    .poll(() => receipt.getByRole('status').textContent(), { timeout: 15_000 })
    .toContain('提交时间');
  const shown = (await receipt.getByRole('status').textContent())!;
  expect(shown).toContain(code);
  expect(await receipt.getByRole('textbox', { name: '回执码' }).inputValue()).toBe(code);
  // The device remembers the code it was given.
  await expect.poll(() => receipt.getByRole('button', { name: code }).count()).toBe(1);

  // A code nobody holds.
  await receipt.getByRole('textbox', { name: '回执码' }).fill('ABCD-EFGH-JKMN');
  await receipt.getByRole('button', { name: '查询' }).click();
  await expect.poll(() => receipt.getByRole('status').textContent()).toContain('未找到这个回执码');
  await page.close();
});
