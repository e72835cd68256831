import { expect } from 'chai';
import { defineElements, type MinyiConsultation } from '../../src/index.js';
import type { SubmitEventDetail } from '../../src/internal/submission-controller.js';
import {
  expectAccessible,
  fixture,
  mount,
  nextEvent,
  nodesWithRole,
  radioLabelled,
  textOf,
} from './helpers.js';

defineElements();

const topic = await fixture('elevator-retrofit');

afterEach(() => document.body.replaceChildren());

const shadow = (element: MinyiConsultation) => element.shadowRoot!;

describe('<minyi-consultation>', () => {
  it('offers the positions, an optional group and an opinion on an open topic', async () => {
    const element = await mount(
      'minyi-consultation',
      { lang: 'zh-CN', topic: 'elevator-retrofit' },
      topic,
    );
    expect(textOf(shadow(element), '[part=title]')).to.equal(
      '老旧小区加装电梯实施办法（征求意见稿）',
    );
    expect((await nodesWithRole('radiogroup')).map((node) => node.name)).to.deep.equal([
      '您的态度',
    ]);
    expect((await nodesWithRole('radio')).map((node) => node.name)).to.deep.equal([
      '支持',
      '反对',
      '中立',
    ]);
    expect((await nodesWithRole('combobox')).map((node) => node.name)).to.deep.equal([
      '您的身份（选填）',
    ]);
    expect((await nodesWithRole('textbox')).map((node) => node.name)).to.deep.equal([
      '您的意见（选填）',
    ]);
    await expectAccessible(element);

    shadow(element).querySelector('button')!.click();
    await element.updateComplete;
    expect(textOf(shadow(element), '#f-position-error')).to.equal('请选择您的意见。');
    await expectAccessible(element);

    const submitted = nextEvent<SubmitEventDetail>(element, 'minyi-submit');
    const delivered = nextEvent<{ receipt: string }>(element, 'minyi-delivered');
    radioLabelled(shadow(element), '支持')!.click();
    const textarea = shadow(element).querySelector('textarea')!;
    textarea.value = '<img src=x onerror=alert(1)> 建议优先考虑低楼层住户的意见';
    textarea.dispatchEvent(new Event('input'));
    shadow(element).querySelector('button')!.click();
    const { detail } = await submitted;
    expect(detail.response).to.deep.include({
      survey: 'elevator-retrofit',
      surveyVersion: 1,
      kind: 'consultation',
      subject: 'elevator-retrofit',
      comment: '<img src=x onerror=alert(1)> 建议优先考虑低楼层住户的意见',
    });
    expect(detail.response.answers).to.deep.equal({ position: 'support' });
    expect((await delivered).detail.receipt).to.be.a('string');
    await element.updateComplete;
    // Free text is never markup: nothing the resident typed became an element.
    expect(shadow(element).querySelector('img')).to.equal(null);
    await expectAccessible(element);
  });

  it('says that a closed topic is closed, in English', async () => {
    const element = await mount(
      'minyi-consultation',
      { lang: 'en', topic: 'elevator-retrofit' },
      { ...topic, status: 'closed' },
    );
    expect(textOf(shadow(element), '[part=notice]')).to.equal('Comments on this topic are closed.');
    expect(shadow(element).querySelector('[role=radiogroup]')).to.equal(null);
    await expectAccessible(element);
  });

  it('shows a published outcome with its tally, in traditional characters', async () => {
    const published = {
      ...topic,
      status: 'published',
      outcome: {
        text: { 'zh-Hant': '經協商，補助標準調整為每台25萬元，並優先安排低樓層住戶意見溝通。' },
        publishedAt: '2026-11-20T09:00:00+08:00',
        tally: { byOption: { support: 128, oppose: 17, neutral: 1203 } },
      },
    };
    const element = await mount(
      'minyi-consultation',
      { lang: 'zh-TW', topic: 'elevator-retrofit' },
      published,
    );
    const root = shadow(element);
    expect(textOf(root, '#outcome-title')).to.equal('協商結果公示');
    expect(textOf(root, '[part=outcome] .description')).to.contain('每台25萬元');
    const rows = [...root.querySelectorAll('[part=outcome] tr')].map((row) =>
      row.textContent!.replace(/\s+/g, ''),
    );
    expect(rows).to.deep.equal(['支持128份', '反對17份', '中立1,203份']);
    expect(textOf(root, '[part=notice]')).to.equal('本議題已截止徵求意見，感謝關注。');
    await expectAccessible(element);
  });

  it('names a missing topic attribute and an invalid topic for the web team', async () => {
    const missing = await mount('minyi-consultation', { lang: 'en' }, topic);
    expect(textOf(shadow(missing), '[part=error]')).to.contain('"topic" attribute is required');
    const broken = await mount(
      'minyi-consultation',
      { lang: 'en', topic: 'x' },
      { ...topic, status: 'maybe' },
    );
    expect(textOf(shadow(broken), '[part=error]')).to.contain(
      'status: expected one of "draft", "open", "closed", "published"',
    );
  });
});
