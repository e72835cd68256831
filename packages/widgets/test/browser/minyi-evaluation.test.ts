import { sendKeys } from '@web/test-runner-commands';
import { expect } from 'chai';
import { defineElements, type MinyiEvaluation } from '../../src/index.js';
import type { SubmitEventDetail } from '../../src/internal/submission-controller.js';
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

const definition = await fixture('department-evaluation');

afterEach(() => document.body.replaceChildren());

const shadow = (element: MinyiEvaluation) => element.shadowRoot!;
const loaded = (element: MinyiEvaluation) =>
  waitFor(() => shadow(element).querySelector('[role=radiogroup]') !== null, 'the rubric');

describe('<minyi-evaluation>', () => {
  const expected = {
    'zh-CN': {
      groups: ['服务态度', '办事效率', '政务公开', '办理结果'],
      na: '不适用',
      group: '您的身份',
      comment: '意见或建议（选填）',
      submit: '提交',
      subject: '评价对象：区民政局',
    },
    'zh-HK': {
      groups: ['服務態度', '辦事效率', '政務公開', '辦理結果'],
      na: '不適用',
      group: '您的身份',
      comment: '意見或建議（選填）',
      submit: '提交',
      subject: '評價對象：區民政局',
    },
    en: {
      groups: ['Service attitude', 'Efficiency', 'Openness', 'Outcome'],
      na: 'Not applicable',
      group: 'You are answering as',
      comment: 'Comments or suggestions (optional)',
      submit: 'Submit',
      subject: 'Being evaluated：District Civil Affairs Bureau',
    },
  } as const;

  for (const [lang, names] of Object.entries(expected)) {
    it(`renders the rubric from the collector with accessible names in ${lang}`, async () => {
      const element = await mount('minyi-evaluation', {
        lang,
        survey: 'department-evaluation',
        subject: 'civil-affairs',
      });
      await loaded(element);
      const groups = await nodesWithRole('radiogroup');
      expect(groups.map((node) => node.name)).to.deep.equal(names.groups);
      const radios = await nodesWithRole('radio');
      expect(radios).to.have.length(4 * 6);
      expect(radios.filter((node) => node.name === names.na)).to.have.length(4);
      expect((await nodesWithRole('combobox')).map((node) => node.name)).to.deep.equal([
        names.group,
      ]);
      expect((await nodesWithRole('textbox')).map((node) => node.name)).to.deep.equal([
        names.comment,
      ]);
      expect((await nodesWithRole('button')).map((node) => node.name)).to.deep.equal([
        names.submit,
      ]);
      expect(textOf(shadow(element), '.meta')).to.equal(names.subject);
      await expectAccessible(element);
    });
  }

  it('names every missing answer, ties each message to its field, and focuses the first', async () => {
    const element = await mount(
      'minyi-evaluation',
      { lang: 'zh-CN', subject: 'civil-affairs' },
      definition,
    );
    shadow(element).querySelector('button')!.click();
    await element.updateComplete;
    const invalid = [...shadow(element).querySelectorAll('[aria-invalid=true]')];
    expect(invalid.map((node) => node.getAttribute('role') ?? node.localName)).to.deep.equal([
      'radiogroup',
      'radiogroup',
      'radiogroup',
      'radiogroup',
      'select',
    ]);
    for (const node of invalid) {
      const message = shadow(element).getElementById(node.getAttribute('aria-describedby')!);
      expect(message?.textContent).to.match(/^请选择/);
    }
    const focused = shadow(element).activeElement as HTMLInputElement;
    expect(focused.name).to.equal('f-attitude');
    await expectAccessible(element);
  });

  it('can be completed with the keyboard alone, and then says so for the rest of the month', async () => {
    // A subject no other test answers for: the device remembers it for the month.
    const id = 'housing';
    const element = await mount('minyi-evaluation', { lang: 'zh-CN', subject: id }, definition);
    const delivered = nextEvent<{ receipt: string }>(element, 'minyi-delivered');
    const submitted = nextEvent<SubmitEventDetail>(element, 'minyi-submit');
    shadow(element).querySelector<HTMLInputElement>('input[name=f-attitude]')!.focus();
    // Each group: arrow to a level; Tab moves on to the next group.
    for (const steps of [1, 0, 2, 5]) {
      for (let step = 0; step < steps; step++) await sendKeys({ press: 'ArrowRight' });
      await sendKeys({ press: 'Space' });
      await sendKeys({ press: 'Tab' });
    }
    expect(shadow(element).activeElement?.localName).to.equal('select');
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'ArrowDown' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ type: '窗口人员耐心细致' });
    await sendKeys({ press: 'Tab' });
    expect(shadow(element).activeElement?.textContent).to.equal('提交');
    await sendKeys({ press: 'Enter' });
    const { detail } = await submitted;
    expect(detail.response).to.deep.include({
      survey: 'department-evaluation',
      kind: 'evaluation',
      subject: id,
      group: 'residents-committee',
      comment: '窗口人员耐心细致',
    });
    expect(detail.response.answers).to.deep.equal({
      attitude: 'satisfied',
      efficiency: 'very-satisfied',
      openness: 'basically-satisfied',
      outcome: 'N/A',
    });
    const { receipt } = (await delivered).detail;
    await element.updateComplete;
    expect(textOf(shadow(element), '[role=status]')).to.contain(receipt);
    await expectAccessible(element);

    // The same device, the same subject, the same month: a kind note instead of the form.
    element.remove();
    const again = await mount('minyi-evaluation', { lang: 'zh-CN', subject: id }, definition);
    await waitFor(
      () => textOf(shadow(again), '[part=notice]') !== '',
      'the already-evaluated note',
    );
    expect(textOf(shadow(again), '[part=notice]')).to.equal('您已在本月评价过，感谢参与。');
    expect(shadow(again).querySelector('[role=radiogroup]')).to.equal(null);
    await expectAccessible(again);
  });

  it('asks for a comment after a low rating, and removes personal data from it', async () => {
    const element = await mount(
      'minyi-evaluation',
      { lang: 'zh-CN', subject: 'service-hall' },
      definition,
    );
    const root = shadow(element);
    radioLabelled(root, '不满意', '[aria-labelledby=f-attitude-label]')!.click();
    for (const dimension of ['efficiency', 'openness', 'outcome']) {
      radioLabelled(root, '不适用', `[aria-labelledby=f-${dimension}-label]`)!.click();
    }
    const select = root.querySelector('select')!;
    select.value = 'resident';
    select.dispatchEvent(new Event('change'));
    root.querySelector('button')!.click();
    await element.updateComplete;
    const textarea = root.querySelector('textarea')!;
    expect(textarea.getAttribute('aria-invalid')).to.equal('true');
    expect(root.activeElement).to.equal(textarea);
    expect(textOf(root, '#f-comment-error')).to.equal('请填写您的意见或建议。');
    await expectAccessible(element);

    textarea.value = '排队太久，请联系我 13800138000';
    textarea.dispatchEvent(new Event('input'));
    const submitted = nextEvent<SubmitEventDetail>(element, 'minyi-submit');
    root.querySelector('button')!.click();
    const { detail } = await submitted;
    expect(detail.response.comment).to.equal('排队太久，请联系我 [已隐去]');
    await waitFor(() => textOf(root, '[role=status]').includes('已隐去'), 'the privacy note');
  });

  it('shows the web team what is wrong with a definition, naming the field', async () => {
    const broken = { ...definition, dimensions: [{ ...definition.dimensions[0], scale: 'hcp7' }] };
    const element = await mount(
      'minyi-evaluation',
      { lang: 'en', subject: 'civil-affairs' },
      broken,
    );
    expect(textOf(shadow(element), '[part=error]')).to.match(
      /^The survey definition is invalid: inline JSON: dimensions\[0\]\.scale: expected a built-in scale/,
    );
    const noSubject = await mount('minyi-evaluation', { lang: 'en' }, definition);
    expect(textOf(shadow(noSubject), '[part=error]')).to.contain('"subject" attribute is required');
    const unknown = await mount('minyi-evaluation', { lang: 'en', subject: 'zoo' }, definition);
    expect(textOf(shadow(unknown), '[part=error]')).to.contain('subject "zoo" is not one of');
  });
});
