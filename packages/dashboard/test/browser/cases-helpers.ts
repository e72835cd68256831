import { expect } from 'chai';
import type { MinyiCases } from '../../src/index.js';
import { $, enterToken, mountElement, nextEvent, shadow, textOf } from './helpers.js';

/** The test server's path to the real collector (web-test-runner.config.mjs). */
export const COLLECTOR = '/collector/';

export { collectorToken, type TokenOptions } from '../../../../test-support/browser.js';

/** A page of its own per test, so that each test sees only the cases it opened. */
export function freshSubject(): string {
  return `https://www.example.gov.cn/banshi/${crypto.randomUUID()}`;
}

/** An answer to the demo survey `page-feedback`, as the satisfaction widget sends it. */
export function pageFeedback(subject: string, overall: string, comment?: string) {
  return {
    id: crypto.randomUUID(),
    survey: 'page-feedback',
    surveyVersion: 1,
    kind: 'satisfaction',
    subject,
    answers: { overall },
    ...(comment === undefined ? {} : { comment }),
    locale: 'zh-Hans',
    page: 'https://www.example.gov.cn/banshi/',
    createdAt: new Date().toISOString(),
    sdk: 'test',
  };
}

/** A resident's rating of the reply to case `id`, through the same route as every answer. */
export function replyRating(id: string, reply: string, comment?: string) {
  return {
    ...pageFeedback(`case:${id}`, reply, comment),
    survey: 'follow-up-rating',
    answers: { reply },
  };
}

/** Posts answers to the real collector and checks that each was accepted. */
export async function postResponses(responses: readonly object[]): Promise<void> {
  const answer = await fetch(`${COLLECTOR}v1/responses`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ responses }),
  });
  expect(answer.status).to.equal(200);
  const { results } = (await answer.json()) as { results: Array<{ status: string }> };
  expect(results.map((result) => result.status)).to.deep.equal(responses.map(() => 'accepted'));
}

/** Calls the real collector's case routes directly, as another evaluator at another desk would. */
export async function collectorCall(
  token: string,
  path: string,
  body?: object,
): Promise<{ status: number; json: Record<string, unknown> }> {
  const answer = await fetch(`${COLLECTOR}${path}`, {
    method: body ? 'POST' : 'GET',
    headers: {
      Authorization: `Bearer ${token}`,
      ...(body ? { 'Content-Type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  return { status: answer.status, json: (await answer.json()) as Record<string, unknown> };
}

export function mountCases(attributes: Record<string, string> = {}): Promise<MinyiCases> {
  return mountElement('minyi-cases', { collector: COLLECTOR, lang: 'zh-CN', ...attributes });
}

/** Cases are read with a real token of the test collector, never the scoreboard's fictitious one. */
export function signIn(element: MinyiCases, token: string, remember = false): Promise<void> {
  return enterToken(element, token, remember);
}

/** Signs in and waits for the first page of cases. */
export async function listed(element: MinyiCases, token: string): Promise<void> {
  const loaded = nextEvent(element, 'minyi-cases-loaded');
  await signIn(element, token);
  await loaded;
  await element.updateComplete;
}

/** The rows of the table of cases, as text, header row first. */
export function rows(element: MinyiCases): string[][] {
  return [...shadow(element).querySelectorAll('table[part=table] tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) =>
      (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ),
  );
}

/** Opens the case of the row at `index` and waits for it. */
export async function openRow(element: MinyiCases, index = 0): Promise<void> {
  const opened = nextEvent(element, 'minyi-case-opened');
  shadow(element).querySelectorAll<HTMLButtonElement>('button[part=case-button]')[index]!.click();
  await opened;
  await element.updateComplete;
}

/** Fills a form field of the open case and sends its form; resolves on the change or the error. */
export async function submit(
  element: MinyiCases,
  field: '#assignee' | '#reply' | '#close-note',
  value: string,
): Promise<CustomEvent> {
  const input = $<HTMLInputElement | HTMLTextAreaElement>(element, field);
  input.value = value;
  const outcome = Promise.race([
    nextEvent(element, 'minyi-case-changed'),
    nextEvent(element, 'minyi-cases-error'),
  ]);
  input.form!.requestSubmit();
  const event = await outcome;
  await element.updateComplete;
  return event as CustomEvent;
}

/** The audit log of the open case as [what, by, detail] rows. */
export function logRows(element: MinyiCases): string[][] {
  return [...shadow(element).querySelectorAll('[part=log] tbody tr')].map((row) =>
    [...row.querySelectorAll('th, td')]
      .slice(1)
      .map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim()),
  );
}

export const caseText = (element: MinyiCases) => textOf(element, '[part=case]');
