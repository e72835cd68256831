import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import { setupWorker } from 'msw/browser';
import { defineElements, type MinyiReceipt } from '../../src/index.js';
import {
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
// The collector's receipts are not served by this test server's collector for made-up codes: the
// views below are what `GET /v1/receipts/{code}` answers (receiptViewSchema), served by msw.
const views: Record<string, unknown> = {
  K7QM4XPT9RWA: {
    code: 'K7QM-4XPT-9RWA',
    receivedAt: '2026-11-20T09:30:00+08:00',
    kind: 'evaluation',
    survey: { id: 'department-evaluation', title: { 'zh-Hans': '职能部门服务满意度测评' } },
    followUp: {
      id: 'case-17',
      status: 'replied',
      reply: {
        text: '已安排窗口增加一名工作人员，排队时间缩短至十分钟以内。',
        repliedAt: '2026-11-25T10:00:00+08:00',
      },
      rating: { survey: 'page-feedback', subject: 'case:case-17' },
    },
  },
  HC3NP8YY2QDE: {
    code: 'HC3N-P8YY-2QDE',
    receivedAt: '2026-11-02T09:30:00+08:00',
    kind: 'consultation',
    survey: { id: 'elevator-retrofit' },
    consultation: {
      ...topic,
      status: 'published',
      outcome: {
        text: { 'zh-Hans': '经协商，补助标准调整为每台25万元。' },
        publishedAt: '2026-11-26T09:00:00+08:00',
        tally: { byOption: { support: 128, oppose: 17, neutral: 12 } },
      },
    },
  },
};

const worker = setupWorker(
  http.get('*/collector/v1/receipts/:code', ({ params }) => {
    const view = views[String(params.code)];
    return view
      ? HttpResponse.json(view)
      : HttpResponse.json({ error: 'no receipt with this code' }, { status: 404 });
  }),
);
before(async () => {
  await worker.start({
    serviceWorker: { url: '/mockServiceWorker.js' },
    quiet: true,
    onUnhandledFrame: 'bypass',
  });
});
after(() => worker.stop());
afterEach(() => {
  document.body.replaceChildren();
  history.replaceState(null, '', location.pathname + location.search);
});

const shadow = (element: MinyiReceipt) => element.shadowRoot!;

async function lookUp(element: MinyiReceipt, code: string) {
  const input = shadow(element).querySelector('input')!;
  input.value = code;
  shadow(element).querySelector<HTMLButtonElement>('button[type=submit]')!.click();
}

describe('<minyi-receipt>', () => {
  it('shows the follow-up and the reply for a code typed loosely, and offers to rate the reply', async () => {
    const element = await mount('minyi-receipt', { lang: 'zh-CN' });
    expect((await nodesWithRole('textbox')).map((node) => node.name)).to.deep.equal(['回执码']);
    await expectAccessible(element);
    await lookUp(element, ' k7qm 4xpt-9rwa ');
    await waitFor(() => textOf(shadow(element), '[role=status]').includes('已答复'), 'the view');
    const status = textOf(shadow(element), '[role=status]');
    expect(status).to.contain('K7QM-4XPT-9RWA');
    expect(status).to.contain('2026年11月20日');
    expect(status).to.contain('办理状态已答复');
    expect(status).to.contain('排队时间缩短至十分钟以内');
    const rating = shadow(element).querySelector('minyi-satisfaction')!;
    expect(rating.getAttribute('subject')).to.equal('case:case-17');
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
    history.replaceState(null, '', '#receipt=HC3N-P8YY-2QDE');
    const element = await mount('minyi-receipt', { lang: 'zh-TW' });
    await waitFor(() => shadow(element).querySelector('[part=outcome]') !== null, 'the outcome');
    const rows = [...shadow(element).querySelectorAll('[part=outcome] tr')].map((row) =>
      row.textContent!.replace(/\s+/g, ''),
    );
    expect(rows).to.deep.equal(['支持128份', '反對17份', '中立12份']);
    expect(shadow(element).querySelector('input')!.value).to.equal('HC3N-P8YY-2QDE');
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
