import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import { defineElements, flushAll, type MinyiSatisfaction, pendingAll } from '../../src/index.js';
import type { SubmitEventDetail } from '../../src/internal/submission-controller.js';
import { expectAccessible, faultWorker, nextEvent, nodesWithRole, waitFor } from './helpers.js';

defineElements();

const worker = faultWorker();
afterEach(() => {
  worker.resetHandlers();
  document.body.replaceChildren();
});

async function mount(lang = 'zh-CN', subject = 'test-page'): Promise<MinyiSatisfaction> {
  const element = document.createElement('minyi-satisfaction');
  element.setAttribute('lang', lang);
  element.setAttribute('survey', 'page-feedback');
  element.setAttribute('subject', subject);
  element.setAttribute('collector', '/collector/');
  document.body.append(element);
  await element.updateComplete;
  return element;
}

const shadow = (element: MinyiSatisfaction) => element.shadowRoot!;
const radio = (element: MinyiSatisfaction, label: string) =>
  [...shadow(element).querySelectorAll<HTMLInputElement>('input[type=radio]')].find(
    (input) => input.labels?.[0]?.textContent?.trim() === label,
  );
const status = (element: MinyiSatisfaction) =>
  shadow(element).querySelector('[role=status]')!.textContent!.replace(/\s+/g, ' ').trim();

describe('<minyi-satisfaction>', () => {
  const levels = {
    'zh-CN': ['非常满意', '满意', '基本满意', '不满意', '非常不满意'],
    'zh-TW': ['非常滿意', '滿意', '基本滿意', '不滿意', '非常不滿意'],
    en: ['Very satisfied', 'Satisfied', 'Basically satisfied', 'Dissatisfied', 'Very dissatisfied'],
  } as const;
  const submit = { 'zh-CN': '提交', 'zh-TW': '提交', en: 'Submit' } as const;

  for (const lang of ['zh-CN', 'zh-TW', 'en'] as const) {
    it(`names its radios and button for a screen reader in ${lang}`, async () => {
      const element = await mount(lang);
      const radios = await nodesWithRole('radio');
      expect(radios.map((node) => node.name)).to.deep.equal(levels[lang]);
      expect((await nodesWithRole('radiogroup')).length).to.equal(1);
      expect((await nodesWithRole('button')).map((node) => node.name)).to.deep.equal([
        submit[lang],
      ]);
      await expectAccessible(element);
    });
  }

  it('takes the locale from the page when the element has none', async () => {
    document.documentElement.lang = 'zh-HK';
    try {
      const element = document.createElement('minyi-satisfaction');
      element.setAttribute('collector', '/collector/');
      document.body.append(element);
      await element.updateComplete;
      expect(radio(element, '滿意')).to.exist;
    } finally {
      document.documentElement.lang = 'en';
    }
  });

  it('can be completed with the keyboard alone', async () => {
    const element = await mount('zh-CN');
    const delivered = nextEvent<{ id: string; receipt: string }>(element, 'minyi-delivered');
    shadow(element).querySelector('input')!.focus();
    await sendKeys({ press: 'ArrowRight' });
    await sendKeys({ press: 'Space' });
    expect(radio(element, '满意')!.checked).to.equal(true);
    // The optional comment appears once a level is chosen, between the levels and the button.
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.localName).to.equal('textarea');
    await sendKeys({ type: '办事很快' });
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.textContent).to.equal('提交');
    await sendKeys({ press: 'Enter' });
    const { detail } = await delivered;
    expect(detail.receipt).to.match(/^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$/);
  });

  it('tells the resident to choose a level, tied to the group, and moves focus there', async () => {
    const element = await mount('zh-CN');
    let submitted = false;
    element.addEventListener('minyi-submit', () => {
      submitted = true;
    });
    shadow(element).querySelector('button')!.click();
    await element.updateComplete;
    const group = shadow(element).querySelector('[role=radiogroup]')!;
    expect(group.getAttribute('aria-invalid')).to.equal('true');
    const message = shadow(element).getElementById(group.getAttribute('aria-describedby')!)!;
    expect(message.textContent).to.equal('请选择一个等级。');
    expect(shadow(element).activeElement?.getAttribute('type')).to.equal('radio');
    expect(submitted).to.equal(false);
    await expectAccessible(element);
  });

  it('fires submit, queued and delivered with one id, and shows the receipt code', async () => {
    const element = await mount('zh-CN');
    const events: string[] = [];
    for (const type of ['minyi-submit', 'minyi-queued', 'minyi-delivered']) {
      document.addEventListener(type, () => events.push(type));
    }
    const submitEvent = nextEvent<SubmitEventDetail>(document, 'minyi-submit');
    const queued = nextEvent<SubmitEventDetail>(document, 'minyi-queued');
    const delivered = nextEvent<{ id: string; receipt: string }>(document, 'minyi-delivered');
    radio(element, '满意')!.click();
    shadow(element).querySelector('button')!.click();
    const [submitted, kept, done] = await Promise.all([submitEvent, queued, delivered]);
    expect(submitted.bubbles && submitted.composed && submitted.cancelable).to.equal(true);
    expect(kept.detail.id).to.equal(submitted.detail.id);
    expect(done.detail.id).to.equal(submitted.detail.id);
    expect(events.slice(0, 3)).to.deep.equal(['minyi-submit', 'minyi-queued', 'minyi-delivered']);
    const response = submitted.detail.response;
    expect(response).to.include({
      survey: 'page-feedback',
      surveyVersion: 1,
      kind: 'satisfaction',
      subject: 'test-page',
      locale: 'zh-Hans',
      page: location.origin + location.pathname,
    });
    expect(response.answers).to.deep.equal({ overall: 'satisfied' });
    await element.updateComplete;
    expect(status(element)).to.equal(`感谢您的评价，已收到。 回执码：${done.detail.receipt}`);
    expect(await pendingAll()).to.equal(0);
    await expectAccessible(element);
  });

  it('tells the document when an element removed from the page has its answer delivered', async () => {
    const element = await mount('zh-CN', 'removed-early');
    const delivered = nextEvent<{ id: string; receipt: string }>(document, 'minyi-delivered');
    const queued = nextEvent<{ id: string }>(element, 'minyi-queued');
    radio(element, '满意')!.click();
    shadow(element).querySelector('button')!.click();
    const { detail } = await queued;
    element.remove();
    expect((await delivered).detail.id).to.equal(detail.id);
  });

  it('queues nothing when the page cancels minyi-submit', async () => {
    const element = await mount('en');
    element.addEventListener('minyi-submit', (event) => event.preventDefault(), { once: true });
    let queued = false;
    element.addEventListener('minyi-queued', () => {
      queued = true;
    });
    radio(element, 'Satisfied')!.click();
    shadow(element).querySelector('button')!.click();
    await element.updateComplete;
    expect(queued).to.equal(false);
    expect(status(element)).to.equal('');
    expect(await pendingAll()).to.equal(0);
  });

  it('keeps the answer on the device while the collector fails, and delivers it later', async () => {
    worker.use(
      http.post('*/collector/v1/responses', () => new HttpResponse(null, { status: 503 })),
    );
    const element = await mount('en');
    radio(element, 'Very dissatisfied')!.click();
    shadow(element).querySelector('button')!.click();
    await waitFor(
      () => status(element).startsWith('Offline: your answer is kept'),
      'the offline status',
    );
    expect(await pendingAll()).to.equal(1);
    await expectAccessible(element);

    worker.resetHandlers();
    const delivered = nextEvent<{ receipt: string }>(element, 'minyi-delivered');
    // The outbox's own retry may deliver it before this flush does: either way, once.
    expect((await flushAll()).pending).to.equal(0);
    const { detail } = await delivered;
    await element.updateComplete;
    expect(status(element)).to.contain(detail.receipt);
  });
});
