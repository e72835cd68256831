import { expect } from 'chai';
import { defineElements, type MinyiReceipt } from '../../src/index.js';
import {
  collectorToken,
  expectAccessible,
  fixture,
  mount,
  nextEvent,
  nodesWithRole,
  radioLabelled,
  textOf,
  waitFor,
} from './helpers.js';

defineElements();

const topic = await fixture('elevator-retrofit');

afterEach(() => {
  document.body.replaceChildren();
  history.replaceState(null, '', location.pathname + location.search);
});

/** Sends answers to the real collector behind the test server, as a page's outbox does. */
async function send(...responses: Record<string, unknown>[]): Promise<string[]> {
  const response = await fetch('/collector/v1/responses', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ responses }),
  });
  const { results } = (await response.json()) as {
    results: { status: string; receipt?: string; error?: string }[];
  };
  for (const result of results) {
    if (result.status !== 'accepted') throw new Error(`not accepted: ${JSON.stringify(result)}`);
  }
  return results.map((result) => result.receipt!);
}

/** A call to the collector's evaluator or admin API; fails the test on anything but 2xx. */
async function call(token: string, method: string, path: string, body?: unknown) {
  const response = await fetch(`/collector${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  if (!response.ok)
    throw new Error(`${method} ${path}: ${response.status} ${await response.text()}`);
  return response.json();
}

function answer(fields: Record<string, unknown>): Record<string, unknown> {
  return {
    id: crypto.randomUUID(),
    locale: 'zh-Hans',
    page: 'https://www.example.gov.cn/receipt-test',
    createdAt: new Date().toISOString(),
    sdk: 'test',
    ...fields,
  };
}

const shadow = (element: MinyiReceipt) => element.shadowRoot!;

async function lookUp(element: MinyiReceipt, code: string) {
  const input = shadow(element).querySelector('input')!;
  input.value = code;
  shadow(element).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

describe('<minyi-receipt>', () => {
  it('shows the follow-up and the reply for a code typed loosely, and offers to rate the reply', async () => {
    // A bad rating opens a case on the collector; an evaluator replies to it.
    const rated = answer({
      survey: 'page-feedback',
      surveyVersion: 1,
      kind: 'satisfaction',
      subject: `https://www.example.gov.cn/receipt-test/${crypto.randomUUID()}`,
      answers: { overall: 'very-dissatisfied' },
      comment: '排队太久',
    });
    const [code] = await send(rated);
    const token = await collectorToken({ surveys: ['page-feedback'] });
    const listed = (await call(
      token,
      'GET',
      `/v1/cases?survey=page-feedback&subject=${encodeURIComponent(String(rated.subject))}`,
    )) as { cases: { id: string }[] };
    const caseId = listed.cases[0]!.id;
    await call(token, 'POST', `/v1/cases/${caseId}/reply`, {
      text: '已安排窗口增加一名工作人员，排队时间缩短至十分钟以内。',
    });

    const element = await mount('minyi-receipt', { lang: 'zh-CN' });
    expect((await nodesWithRole('textbox')).map((node) => node.name)).to.deep.equal(['回执码']);
    await expectAccessible(element);
    await lookUp(element, ` ${code!.toLowerCase().replaceAll('-', ' ')} `);
    await waitFor(() => textOf(shadow(element), '[role=status]').includes('已答复'), 'the view');
    const status = textOf(shadow(element), '[role=status]');
    expect(status).to.contain(code);
    const today = new Date();
    expect(status).to.contain(
      `${today.getFullYear()}年${today.getMonth() + 1}月${today.getDate()}日`,
    );
    expect(status).to.contain('办理状态已答复');
    expect(status).to.contain('排队时间缩短至十分钟以内');
    const rating = shadow(element).querySelector('minyi-satisfaction')!;
    expect(rating.getAttribute('survey')).to.equal('follow-up-rating');
    expect(rating.getAttribute('subject')).to.equal(`case:${caseId}`);
    await waitFor(() => radioLabelled(rating.shadowRoot!, '满意') !== undefined, 'the rating');
    await expectAccessible(element);
  });

  it('says so when no answer has the code, the same for a malformed one', async () => {
    const element = await mount('minyi-receipt', { lang: 'en' });
    await lookUp(element, 'ABCD-EFGH-JKMN');
    await waitFor(() => textOf(shadow(element), '[role=status]') !== '', 'the answer');
    expect(textOf(shadow(element), '[role=status]')).to.equal(
      'No answer has this receipt code. Please check it.',
    );
    await expectAccessible(element);
  });

  it('looks up the code in the address fragment, and shows a published consultation outcome', async () => {
    // A topic of this test's own, taken from open to published (公示) on the collector.
    const id = `receipt-topic-${crypto.randomUUID().slice(0, 8)}`;
    const admin = await collectorToken({ role: 'admin' });
    const { status: _status, version: _version, ...content } = topic;
    await call(admin, 'POST', '/v1/consultations', { ...content, id, status: 'open' });
    const opinion = (position: string) =>
      answer({
        survey: id,
        surveyVersion: 1,
        kind: 'consultation',
        subject: id,
        answers: { position },
      });
    const [code] = await send(opinion('support'), opinion('support'), opinion('oppose'));
    await call(admin, 'POST', `/v1/consultations/${id}/status`, { status: 'closed' });
    await call(admin, 'POST', `/v1/consultations/${id}/status`, {
      status: 'published',
      outcome: { text: { 'zh-Hans': '经协商，补助标准调整为每台25万元。' } },
    });

    history.replaceState(null, '', `#receipt=${code}`);
    const element = await mount('minyi-receipt', { lang: 'zh-TW' });
    await waitFor(() => shadow(element).querySelector('[part=outcome]') !== null, 'the outcome');
    const rows = [...shadow(element).querySelectorAll('[part=outcome] tr')].map((row) =>
      row.textContent!.replace(/\s+/g, ''),
    );
    expect(rows).to.deep.equal(['支持2份', '反對1份', '中立0份']);
    expect(shadow(element).querySelector('input')!.value).to.equal(code);
    await expectAccessible(element);
  });

  it('lists the receipts this device was given, and forgets them on request', async () => {
    const widget = await mount('minyi-satisfaction', { lang: 'zh-CN', subject: 'receipt-list' });
    const delivered = nextEvent<{ receipt: string }>(widget, 'minyi-delivered');
    radioLabelled(widget.shadowRoot!, '满意')!.click();
    widget.shadowRoot!.querySelector<HTMLButtonElement>('button[type=submit]')!.click();
    const { receipt } = (await delivered).detail;
    await new Promise((resolve) => setTimeout(resolve, 50));

    const element = await mount('minyi-receipt', { lang: 'zh-CN' });
    await waitFor(() => textOf(shadow(element), 'ul').includes(receipt), 'the remembered receipt');
    expect(textOf(shadow(element), 'ul').startsWith(receipt)).to.equal(true);
    const forget = [...shadow(element).querySelectorAll('button')].find(
      (button) => button.textContent === '清除本设备上的回执',
    )!;
    forget.click();
    await waitFor(() => shadow(element).querySelector('ul') === null, 'the list to go');
    element.remove();
    const again = await mount('minyi-receipt', { lang: 'zh-CN' });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(shadow(again).querySelector('ul')).to.equal(null);
  });
});
