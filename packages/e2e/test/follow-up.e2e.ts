import { randomUUID } from 'node:crypto';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import {
  api,
  type CollectorProcess,
  createToken,
  launchChromium,
  listTokens,
  type MovableCollector,
  recordSubmissions,
  startCollectorProcess,
  startMovableCollector,
  type TokenListing,
} from './harness.js';

/** The parts of the collector's answers these tests read (docs/collector-api.md). */
interface Reply {
  text: string;
  repliedAt: string;
}
interface CaseEvent {
  at: string;
  action: string;
  by: { type: string; id?: string; note?: string };
  detail?: string;
}
interface FollowUpCase {
  id: string;
  survey: string;
  surveyVersion: number;
  subject: string;
  response: Record<string, unknown>;
  reasons: { type: string; dimension?: string; answer?: string | number }[];
  status: string;
  openedAt: string;
  deadline: string;
  overdue: boolean;
  assignee?: string;
  reply?: Reply;
  closedAt?: string;
  rating?: { response: Record<string, unknown>; ratedAt: string };
  events?: CaseEvent[];
}
interface CaseList {
  cases: FollowUpCase[];
  next?: string;
  counts: Record<'open' | 'assigned' | 'replied' | 'closed' | 'overdue', number>;
}
interface ReceiptView {
  code: string;
  receivedAt: string;
  followUp?: { id: string; status: string; reply?: Reply; rating?: object };
}
interface Results {
  results: { id: string; status: string; receipt?: string; error?: string }[];
}
interface Topic {
  status: string;
  outcome?: { tally?: { byOption: Record<string, number> } };
}

const RECEIPT_CODE = /^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/;
const CASE_ID = /^[0-9a-z]{17}$/;

let collector: CollectorProcess;
let browser: Browser;
/** The token `serve --demo` printed, and how `token list` shows it. */
let demo: { token: string; listing: TokenListing };
const contexts: BrowserContext[] = [];

beforeAll(async () => {
  collector = await startCollectorProcess();
  browser = await launchChromium();
  const token = await collector.demoToken();
  // Made before anything else, so it is the only token there is yet.
  const [listing, ...others] = await listTokens(collector.dbPath);
  expect(others).toEqual([]);
  demo = { token, listing: listing! };
});

afterAll(async () => {
  for (const context of contexts) await context.close();
  await browser?.close();
  await collector?.stop();
});

/** A resident of their own: a browser context with its own storage and device key. */
async function resident(): Promise<Page> {
  const context = await browser.newContext();
  contexts.push(context);
  return context.newPage();
}

/**
 * A resident rates the demo portal's home page with a comment and is given a receipt code, shown
 * as a link to the receipt page.
 */
async function rateThePortal(page: Page, level: string, comment: string) {
  await page.goto(`${collector.url}/`);
  const submitted = await recordSubmissions(page);
  const form = page.locator('minyi-satisfaction');
  await form.getByRole('radio', { name: level, exact: true }).check();
  await form.getByRole('textbox', { name: '意见或建议（选填）' }).fill(comment);
  await form.getByRole('button', { name: '提交' }).click();
  const link = form.getByRole('status').getByRole('link');
  await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
  const code = (await link.textContent())!.trim();
  expect(code).toMatch(RECEIPT_CODE);
  const [json] = await submitted();
  const response = JSON.parse(json!) as Record<string, unknown> & { id: string };
  return { code, link, response };
}

/** The one page-feedback case the response opened, as an evaluator lists it. */
async function caseOf(url: string, token: string, responseId: string): Promise<FollowUpCase> {
  const list = await api<CaseList>(url, 'GET', '/v1/cases?survey=page-feedback&limit=1000', {
    token,
  });
  expect(list.status, list.text).toBe(200);
  const found = list.json.cases.filter((item) => item.response.id === responseId);
  expect(found).toHaveLength(1);
  return found[0]!;
}

/** The receipt element's own status region (a rating form inside it has one too). */
const receiptStatus = (page: Page): Locator =>
  page.locator('minyi-receipt').getByRole('status').first();

const between = (at: string | undefined, from: number, to: number) => {
  const ms = Date.parse(at ?? '');
  return ms >= from && ms <= to;
};

describe('a bad rating on the portal is followed up and answered through its receipt', () => {
  test('the evaluator assigns and replies; the resident reads the reply and rates it once', async () => {
    const url = collector.url;
    const office = await createToken(collector.dbPath, 'evaluator', {
      surveys: ['page-feedback'],
      note: '区政务办',
    });
    const before = await api<CaseList>(url, 'GET', '/v1/cases?survey=page-feedback', {
      token: demo.token,
    });
    expect(before.status, before.text).toBe(200);

    const page = await resident();
    const openedFrom = Date.now();
    const { code, link, response } = await rateThePortal(
      page,
      '非常不满意',
      '网上预约页面一直打不开，只好跑了两趟窗口。',
    );
    const openedTo = Date.now();

    const list = await api<CaseList>(url, 'GET', '/v1/cases?survey=page-feedback', {
      token: demo.token,
    });
    expect(list.headers.get('cache-control')).toBe('no-store');
    expect(list.json.counts.open).toBe(before.json.counts.open + 1);
    const opened = await caseOf(url, demo.token, response.id);
    const id = opened.id;
    expect(id).toMatch(CASE_ID);
    expect(opened).toMatchObject({
      survey: 'page-feedback',
      surveyVersion: 1,
      subject: 'portal-home',
      status: 'open',
      overdue: false,
    });
    expect(opened.response).toEqual(response);
    expect(opened.reasons).toContainEqual({
      type: 'rating',
      dimension: 'overall',
      answer: 'very-dissatisfied',
    });
    expect(between(opened.openedAt, openedFrom, openedTo)).toBe(true);
    expect(Date.parse(opened.deadline)).toBeGreaterThan(Date.parse(opened.openedAt));
    expect(opened.assignee ?? opened.reply ?? opened.rating).toBeUndefined();

    const assignee = '政务服务中心综合窗口';
    const assignedFrom = Date.now();
    const assigned = await api<FollowUpCase>(url, 'POST', `/v1/cases/${id}/assign`, {
      token: demo.token,
      body: { assignee },
    });
    const assignedTo = Date.now();
    expect(assigned.status, assigned.text).toBe(200);
    expect(assigned.json).toMatchObject({ id, status: 'assigned', assignee });
    expect(assigned.json.events?.map((event) => event.action)).toEqual(['opened', 'assigned']);

    // Before the reply the receipt shows where the case stands, and nothing to rate yet.
    await link.click();
    await page.waitForURL(`**/receipt.html#receipt=${code}`);
    const status = receiptStatus(page);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain('办理中');
    expect(await status.textContent()).not.toContain(assignee);
    const ratingForm = page.locator('minyi-receipt').locator('minyi-satisfaction');
    expect(await ratingForm.count()).toBe(0);

    const text = '已联系窗口负责人整改，预约系统已修复，下周起增加午间窗口。';
    const repliedFrom = Date.now();
    const replied = await api<FollowUpCase>(url, 'POST', `/v1/cases/${id}/reply`, {
      token: office.token,
      body: { text },
    });
    const repliedTo = Date.now();
    expect(replied.status, replied.text).toBe(200);
    expect(replied.json).toMatchObject({ id, status: 'replied', assignee, reply: { text } });
    expect(between(replied.json.reply?.repliedAt, repliedFrom, repliedTo)).toBe(true);
    const reassign = await api(url, 'POST', `/v1/cases/${id}/assign`, {
      token: demo.token,
      body: { assignee: '区数据局' },
    });
    expect(reassign.status).toBe(409);
    expect(reassign.json.error).toContain('replied');

    await page.reload();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain(text);
    expect(await status.textContent()).toContain('已答复');
    const ratings = await recordSubmissions(page);
    await ratingForm.getByRole('radio', { name: '满意', exact: true }).check();
    const ratedFrom = Date.now();
    await ratingForm.getByRole('button', { name: '提交' }).click();
    const ratingLink = ratingForm.getByRole('status').getByRole('link');
    await expect.poll(() => ratingLink.count(), { timeout: 15_000 }).toBe(1);
    const ratedTo = Date.now();
    const ratingCode = (await ratingLink.textContent())!.trim();
    const [ratingJson] = await ratings();
    const rating = JSON.parse(ratingJson!) as Record<string, unknown>;
    expect(rating).toMatchObject({
      survey: 'follow-up-rating',
      kind: 'satisfaction',
      subject: `case:${id}`,
      answers: { reply: 'satisfied' },
    });

    // Once per case: a second rating is refused, while a retry of the first is a duplicate.
    const second = await api<Results>(url, 'POST', '/v1/responses', {
      body: {
        responses: [
          {
            ...rating,
            id: randomUUID(),
            answers: { reply: 'very-satisfied' },
            comment: '再评一次',
          },
        ],
      },
    });
    expect(second.status, second.text).toBe(200);
    expect(second.json.results[0]).toMatchObject({
      status: 'rejected',
      error: 'responses[0].subject: the reply to this case was already rated',
    });
    const retry = await api<Results>(url, 'POST', '/v1/responses', {
      body: { responses: [rating] },
    });
    expect(retry.json.results[0]).toMatchObject({ status: 'duplicate', receipt: ratingCode });

    // The receipt offers the rating no more.
    await page.reload();
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain(text);
    expect(await ratingForm.count()).toBe(0);
    const view = await api<ReceiptView>(url, 'GET', `/v1/receipts/${code}`);
    expect(view.json.followUp).toEqual({ id, status: 'replied', reply: replied.json.reply });

    const detail = await api<FollowUpCase>(url, 'GET', `/v1/cases/${id}`, { token: demo.token });
    expect(detail.status, detail.text).toBe(200);
    expect(detail.headers.get('cache-control')).toBe('no-store');
    expect(detail.json).toMatchObject({ id, status: 'replied', assignee, reply: { text } });
    expect(detail.json.rating?.response).toEqual(rating);
    expect(between(detail.json.rating?.ratedAt, ratedFrom, ratedTo)).toBe(true);
    const events = detail.json.events ?? [];
    expect(events.map(({ action, by, detail }) => ({ action, by, detail }))).toEqual([
      { action: 'opened', by: { type: 'collector' }, detail: undefined },
      {
        action: 'assigned',
        by: { type: 'token', id: demo.listing.id, note: demo.listing.note },
        detail: assignee,
      },
      { action: 'replied', by: { type: 'token', id: office.id, note: '区政务办' }, detail: text },
      { action: 'rated', by: { type: 'resident' }, detail: undefined },
    ]);
    const windows = [
      [openedFrom, openedTo],
      [assignedFrom, assignedTo],
      [repliedFrom, repliedTo],
      [ratedFrom, ratedTo],
    ] as const;
    expect(events.map((event, i) => between(event.at, ...windows[i]!))).toEqual([
      true,
      true,
      true,
      true,
    ]);

    // A token for another survey sees no trace of the case, as if it did not exist.
    const elsewhere = await createToken(collector.dbPath, 'evaluator', {
      surveys: ['department-evaluation'],
      note: '区民政局',
    });
    for (const [method, path, body] of [
      ['GET', `/v1/cases/${id}`, undefined],
      ['POST', `/v1/cases/${id}/close`, {}],
      ['GET', '/v1/cases?survey=page-feedback', undefined],
    ] as const) {
      const answer = await api(url, method, path, { token: elsewhere.token, body });
      expect(answer.status, `${method} ${path}`).toBe(404);
    }
    const theirs = await api<CaseList>(url, 'GET', '/v1/cases', { token: elsewhere.token });
    expect(theirs.json.cases.map((item) => item.survey)).not.toContain('page-feedback');
  });
});

/**
 * The end of the `workingDays`-th working day (Monday to Friday) after the day of `receivedAt`
 * in China Standard Time, computed here on its own from the rule the API documents. CST is a
 * fixed UTC+8, so shifting by eight hours gives its calendar days.
 */
function deadlineAfter(receivedAt: string, workingDays = 15): string {
  const cst = 8 * 3_600_000;
  const day = 86_400_000;
  let start = Math.floor((Date.parse(receivedAt) + cst) / day) * day;
  for (let counted = 0; counted < workingDays; ) {
    start += day;
    const weekday = new Date(start).getUTCDay();
    if (weekday !== 0 && weekday !== 6) counted++;
  }
  return new Date(start + day - cst).toISOString();
}

describe('an unanswered case is flagged once its deadline passes', () => {
  let movable: MovableCollector;

  beforeAll(async () => {
    movable = await startMovableCollector();
  });

  afterAll(async () => {
    await movable?.close();
  });

  test('open and assigned cases turn overdue after 15 working days; a replied one does not', async () => {
    const url = movable.url;
    const { token } = await createToken(movable.dbPath, 'evaluator', {
      surveys: ['page-feedback'],
      note: '区政务办督办',
    });
    const answer = (overall: string) => ({
      id: randomUUID(),
      survey: 'page-feedback',
      surveyVersion: 1,
      kind: 'satisfaction',
      subject: 'portal-home',
      answers: { overall },
      locale: 'zh-Hans',
      page: `${url}/`,
      createdAt: new Date().toISOString(),
      sdk: '0.1.0',
    });
    // One at a time, so that the cases open in this order.
    const opened: { code: string; id: string }[] = [];
    for (const overall of [
      'very-dissatisfied',
      'dissatisfied',
      'basically-satisfied',
      'very-dissatisfied',
    ]) {
      const response = answer(overall);
      const posted = await api<Results>(url, 'POST', '/v1/responses', {
        body: { responses: [response] },
      });
      expect(posted.json.results[0]?.status, posted.text).toBe('accepted');
      opened.push({ code: posted.json.results[0]!.receipt!, id: response.id });
    }
    const list = async (query = '') => {
      const answer = await api<CaseList>(url, 'GET', `/v1/cases?survey=page-feedback${query}`, {
        token,
      });
      expect(answer.status, answer.text).toBe(200);
      return answer.json;
    };
    const all = (await list()).cases;
    // "Basically satisfied" is the middle of five levels: above the two lowest, no case.
    expect(all.map((item) => item.response.id)).toEqual(
      [opened[0], opened[1], opened[3]].map((item) => item!.id),
    );
    const [open, assigned, replied] = all as [FollowUpCase, FollowUpCase, FollowUpCase];
    for (const [item, { code }] of [
      [open, opened[0]!],
      [assigned, opened[1]!],
      [replied, opened[3]!],
    ] as const) {
      const receipt = await api<ReceiptView>(url, 'GET', `/v1/receipts/${code}`);
      expect(item.deadline).toBe(deadlineAfter(receipt.json.receivedAt));
      expect(item.overdue).toBe(false);
    }
    expect(
      (
        await api(url, 'POST', `/v1/cases/${assigned.id}/assign`, {
          token,
          body: { assignee: '区数据局' },
        })
      ).status,
    ).toBe(200);
    expect(
      (
        await api(url, 'POST', `/v1/cases/${replied.id}/reply`, {
          token,
          body: { text: '已处理。' },
        })
      ).status,
    ).toBe(200);

    const deadlines = all.map((item) => Date.parse(item.deadline));
    movable.setNow(Math.min(...deadlines) - 60_000);
    let cases = await list();
    expect(cases.cases.map((item) => item.overdue)).toEqual([false, false, false]);
    expect(cases.counts.overdue).toBe(0);
    expect((await list('&overdue=true')).cases).toEqual([]);

    movable.setNow(Math.max(...deadlines) + 60_000);
    cases = await list();
    expect(cases.cases.map((item) => [item.id, item.status, item.overdue])).toEqual([
      [open.id, 'open', true],
      [assigned.id, 'assigned', true],
      [replied.id, 'replied', false],
    ]);
    const counts = { open: 1, assigned: 1, replied: 1, closed: 0, overdue: 2 };
    expect(cases.counts).toEqual(counts);
    const overdue = await list('&overdue=true');
    expect(overdue.cases.map((item) => item.id)).toEqual([open.id, assigned.id]);
    // Counts follow the survey and subject, not the overdue filter or the page.
    expect(overdue.counts).toEqual(counts);
    expect((await list('&overdue=false')).cases.map((item) => item.id)).toEqual([replied.id]);
    const firstPage = await list('&overdue=true&limit=1');
    expect(firstPage.cases.map((item) => item.id)).toEqual([open.id]);
    expect(firstPage.next).toEqual(expect.any(String));
    const secondPage = await list(
      `&overdue=true&limit=1&after=${encodeURIComponent(firstPage.next!)}`,
    );
    expect(secondPage.cases.map((item) => item.id)).toEqual([assigned.id]);
    expect(secondPage.next).toBeUndefined();
    const detail = await api<FollowUpCase>(url, 'GET', `/v1/cases/${open.id}`, { token });
    expect(detail.json.overdue).toBe(true);
    // A malformed filter is refused, naming it, rather than read as "every case".
    const misspelt = await api<{ issues?: { path: string }[] }>(
      url,
      'GET',
      '/v1/cases?survey=page-feedback&overdue=yes',
      { token },
    );
    expect(misspelt.status).toBe(400);
    expect(misspelt.json.issues?.map((issue) => issue.path)).toEqual(['overdue']);

    // A late reply still answers the resident, and ends the escalation.
    const late = await api<FollowUpCase>(url, 'POST', `/v1/cases/${assigned.id}/reply`, {
      token,
      body: { text: '答复晚了，抱歉。已整改。' },
    });
    expect(late.status, late.text).toBe(200);
    expect(late.json).toMatchObject({ status: 'replied', overdue: false });
    expect((await list('&overdue=true')).cases.map((item) => item.id)).toEqual([open.id]);

    // The deadline and the flag are the evaluators' business, not the receipt's.
    const receipt = await api<ReceiptView>(url, 'GET', `/v1/receipts/${opened[0]!.code}`);
    expect(receipt.json.followUp).toEqual({ id: open.id, status: 'open' });
  });
});

describe('a consultation from open to published (公示)', () => {
  test('two residents answer; once the outcome is published, each receipt shows it with the tally', async () => {
    const url = collector.url;
    const choices = ['支持', '反对'];
    const participants: { page: Page; link: Locator; code: string }[] = [];
    for (const choice of choices) {
      const page = await resident();
      await page.goto(`${url}/consultation.html`);
      const form = page.locator('minyi-consultation');
      await form.getByRole('radio', { name: choice, exact: true }).check();
      await form.getByRole('button', { name: '提交' }).click();
      const link = form.getByRole('status').getByRole('link');
      await expect.poll(() => link.count(), { timeout: 15_000 }).toBe(1);
      participants.push({ page, link, code: (await link.textContent())!.trim() });
    }
    expect(new Set(participants.map(({ code }) => code)).size).toBe(2);

    const admin = await createToken(collector.dbPath, 'admin', { note: '区住建局' });
    const move = (body: object) =>
      api<Topic>(url, 'POST', '/v1/consultations/elevator-retrofit/status', {
        token: admin.token,
        body,
      });
    const closed = await move({ status: 'closed' });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json.status).toBe('closed');
    const outcome = '经协商，补助标准调整为每台25万元，底层住户不分摊费用。';
    const published = await move({
      status: 'published',
      outcome: { text: { 'zh-Hans': outcome } },
    });
    expect(published.status, published.text).toBe(200);
    const labels = { support: '支持', oppose: '反对', neutral: '中立' } as const;
    const expected = Object.fromEntries(
      Object.entries(labels).map(([id, label]) => [
        id,
        choices.filter((choice) => choice === label).length,
      ]),
    );
    const byOption = published.json.outcome?.tally?.byOption ?? {};
    expect(Object.fromEntries(Object.keys(labels).map((id) => [id, byOption[id] ?? 0]))).toEqual(
      expected,
    );

    for (const { page, link, code } of participants) {
      await link.click();
      await page.waitForURL(`**/receipt.html#receipt=${code}`);
      const status = receiptStatus(page);
      await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain(outcome);
      expect(await status.textContent()).toContain('协商结果公示');
      expect(await status.textContent()).toContain(code);
      const rows = await page.locator('minyi-receipt').getByRole('row').allTextContents();
      expect(rows.map((row) => row.replace(/\s+/g, ''))).toEqual(
        Object.entries(labels).map(([id, label]) => `${label}${expected[id]}份`),
      );
    }
  });
});

describe('a receipt shows its holder their own case and nothing more', () => {
  test("another resident's answer, the assignee, the closing note and the tokens stay out of it", async () => {
    const url = collector.url;
    const office = await createToken(collector.dbPath, 'evaluator', {
      surveys: ['page-feedback'],
      note: '区政务办整改组',
    });
    const mine = await rateThePortal(
      await resident(),
      '非常不满意',
      '办事指南里的材料清单和窗口要求不一致。',
    );
    const theirs = await rateThePortal(await resident(), '不满意', '页面字太小，老年人看不清。');
    const myCase = await caseOf(url, office.token, mine.response.id);
    const theirCase = await caseOf(url, office.token, theirs.response.id);
    const assignees = ['区政务服务中心', '区融媒体中心'];
    for (const [item, assignee] of [
      [myCase, assignees[0]],
      [theirCase, assignees[1]],
    ] as const) {
      const assigned = await api(url, 'POST', `/v1/cases/${item.id}/assign`, {
        token: office.token,
        body: { assignee },
      });
      expect(assigned.status, assigned.text).toBe(200);
    }
    const text = '办事指南已按窗口要求更新。';
    expect(
      (
        await api(url, 'POST', `/v1/cases/${myCase.id}/reply`, {
          token: office.token,
          body: { text },
        })
      ).status,
    ).toBe(200);
    const note = '经核实属实，指南编写人员已约谈。';
    const closed = await api<FollowUpCase>(url, 'POST', `/v1/cases/${myCase.id}/close`, {
      token: office.token,
      body: { note },
    });
    expect(closed.status, closed.text).toBe(200);
    expect(closed.json.status).toBe('closed');

    const myView = await api<ReceiptView>(url, 'GET', `/v1/receipts/${mine.code}`);
    expect(myView.status).toBe(200);
    expect(myView.json).toEqual({
      code: mine.code,
      receivedAt: expect.any(String),
      kind: 'satisfaction',
      survey: expect.objectContaining({ id: 'page-feedback' }),
      followUp: {
        id: myCase.id,
        status: 'closed',
        reply: { text, repliedAt: expect.any(String) },
        rating: { survey: 'follow-up-rating', subject: `case:${myCase.id}` },
      },
    });
    const theirView = await api<ReceiptView>(url, 'GET', `/v1/receipts/${theirs.code}`);
    expect(theirView.json.followUp).toEqual({ id: theirCase.id, status: 'assigned' });

    const tokenData = [
      office.token,
      office.id,
      '区政务办整改组',
      demo.token,
      demo.listing.id,
      demo.listing.note,
    ];
    const answers = ['dissatisfied', mine.response.comment, theirs.response.comment] as string[];
    for (const [view, other, otherCase] of [
      [myView, theirs, theirCase],
      [theirView, mine, myCase],
    ] as const) {
      for (const secret of [
        other.code,
        otherCase.id,
        mine.response.id,
        theirs.response.id,
        ...answers,
        ...assignees,
        note,
        ...tokenData,
      ]) {
        expect(view.text).not.toContain(secret);
      }
    }
    expect(theirView.text).not.toContain(text);

    // The receipt page shows the reply and the status, and nothing of the office's work.
    const page = await resident();
    await page.goto(`${url}/receipt.html#receipt=${mine.code}`);
    const status = receiptStatus(page);
    await expect.poll(() => status.textContent(), { timeout: 15_000 }).toContain(text);
    const shown = (await status.textContent())!;
    expect(shown).toContain('已办结');
    for (const secret of [...assignees, note]) expect(shown).not.toContain(secret);

    // Unknown or malformed, a guess learns nothing: every wrong code gets the same answer.
    const guesses = ['ABCD-EFGH-JKMN', 'not a code', myCase.id, `${mine.code}X`];
    expect(guesses).not.toContain(theirs.code);
    const refused = await Promise.all(
      guesses.map(async (guess) => {
        const answer = await fetch(`${url}/v1/receipts/${encodeURIComponent(guess)}`);
        return JSON.stringify([answer.status, await answer.text()]);
      }),
    );
    expect(new Set(refused).size).toBe(1);
    const [statusCode, body] = JSON.parse(refused[0]!) as [number, string];
    expect(statusCode).toBe(404);
    expect(JSON.parse(body)).toEqual({ error: 'no receipt with this code' });
  });
});
