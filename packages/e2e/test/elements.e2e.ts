import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  type CollectorProcess,
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

async function stored(id: string) {
  const rows = await storedResponses(collector.dbPath, [
    'department-evaluation',
    'elevator-retrofit',
  ]);
  return rows.find((row) => JSON.parse(row.json).id === id);
}

describe('each element on the demo portal, against the real collector', () => {
  test('<minyi-evaluation>: a department rated on every dimension, with a group and a comment', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/evaluation.html`);
    const submitted = await recordSubmissions(page);
    const form = page.locator('minyi-evaluation').first();
    for (const [dimension, level] of [
      ['服务态度', '满意'],
      ['办事效率', '非常满意'],
      ['政务公开', '基本满意'],
      ['办理结果', '不适用'],
    ] as const) {
      await form
        .getByRole('radiogroup', { name: dimension })
        .getByRole('radio', { name: level, exact: true })
        .check();
    }
    await form.getByRole('combobox', { name: '您的身份' }).selectOption('resident-representative');
    await form
      .getByRole('textbox', { name: '意见或建议（选填）' })
      .fill('窗口服务耐心，电话 13800138000');
    await form.getByRole('button', { name: '提交' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('回执码');
    const [json] = await submitted();
    const row = await stored(JSON.parse(json!).id);
    expect(row?.json).toBe(json);
    expect(JSON.parse(json!)).toMatchObject({
      survey: 'department-evaluation',
      kind: 'evaluation',
      subject: 'civil-affairs',
      group: 'resident-representative',
      answers: {
        attitude: 'satisfied',
        efficiency: 'very-satisfied',
        openness: 'basically-satisfied',
        outcome: 'N/A',
      },
      comment: '窗口服务耐心，电话 [已隐去]',
    });
    await page.close();
  });

  test('<minyi-consultation>: an opinion on the open topic, in traditional characters', async () => {
    const page = await browser.newPage();
    await page.goto(`${collector.url}/zh-hant/consultation.html`);
    const submitted = await recordSubmissions(page);
    const form = page.locator('minyi-consultation');
    await form.getByRole('radio', { name: '支持', exact: true }).check();
    await form
      .getByRole('textbox', { name: '您的意見（選填）' })
      .fill('建議優先安排低樓層住戶溝通');
    await form.getByRole('button', { name: '提交' }).click();
    await expect
      .poll(() => form.getByRole('status').textContent(), { timeout: 15_000 })
      .toContain('回執碼');
    const [json] = await submitted();
    const row = await stored(JSON.parse(json!).id);
    expect(row?.json).toBe(json);
    expect(JSON.parse(json!)).toMatchObject({
      survey: 'elevator-retrofit',
      kind: 'consultation',
      answers: { position: 'support' },
      locale: 'zh-Hant',
      comment: '建議優先安排低樓層住戶溝通',
    });
    await page.close();
  });
});
