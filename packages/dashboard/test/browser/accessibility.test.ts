import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { expect } from 'chai';
import { HttpResponse, http } from 'msw';
import { defineElements, type MinyiScoreboard } from '../../src/index.js';
import {
  $,
  enterToken,
  expectAccessible,
  faultWorker,
  loaded,
  mount,
  nextEvent,
  nodesWithRole,
  scores,
  shadow,
  TOKEN,
  textOf,
} from './helpers.js';

defineElements();

const worker = faultWorker();
/** Lets a held scores request go, so that no request outlives its test. */
let release = () => {};

afterEach(async () => {
  release();
  worker.resetHandlers();
  document.body.replaceChildren();
  sessionStorage.clear();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ forcedColors: 'none' });
});

const data = scores({
  subjects: 10,
  lowN: ['education'],
  ties: [['civil-affairs', 'health']],
  nps: true,
});

function answer(response: () => Response | Promise<Response>): void {
  worker.use(http.get('*/v1/scores', response));
}

const LOCALES = ['zh-CN', 'zh-TW', 'en'] as const;

async function open(element: MinyiScoreboard, subject = 'housing'): Promise<void> {
  const select = $<HTMLSelectElement>(element, '#subject');
  select.value = subject;
  select.dispatchEvent(new Event('change'));
  await element.updateComplete;
  const compare = $<HTMLSelectElement>(element, '#compare');
  compare.value = 'civil-affairs';
  compare.dispatchEvent(new Event('change'));
  await element.updateComplete;
}

describe('axe (WCAG 2.2 AA) in every state, in every locale', () => {
  for (const lang of LOCALES) {
    it(`${lang}: the token prompt, also with its error`, async () => {
      const element = await mount({ lang });
      await expectAccessible(element);
      await enterToken(element, '');
      await expectAccessible(element);
    });

    it(`${lang}: loading`, async () => {
      const gate = new Promise<void>((resolve) => {
        release = resolve;
      });
      answer(async () => {
        await gate;
        return HttpResponse.json(data);
      });
      const element = await mount({ lang });
      await enterToken(element);
      expect(textOf(element, '[role=status]')).not.to.equal('');
      await expectAccessible(element);
    });

    for (const [status, where] of [
      [401, '#token-error'],
      [403, '#token-error'],
      [404, '[role=alert]'],
      [500, '[role=alert]'],
    ] as const) {
      it(`${lang}: ${status}`, async () => {
        answer(() => HttpResponse.json({ error: 'refused' }, { status }));
        const element = await mount({ lang });
        const failed = nextEvent(element, 'minyi-scores-error');
        await enterToken(element);
        await failed;
        await element.updateComplete;
        expect(textOf(element, where)).not.to.equal('');
        await expectAccessible(element);
      });
    }

    it(`${lang}: the collector cannot be reached`, async () => {
      answer(() => HttpResponse.error());
      const element = await mount({ lang });
      const failed = nextEvent(element, 'minyi-scores-error');
      await enterToken(element);
      await failed;
      await element.updateComplete;
      await expectAccessible(element);
    });

    it(`${lang}: no responses yet`, async () => {
      answer(() => HttpResponse.json({ ...data, cells: [], distributions: {} }));
      const element = await mount({ lang });
      await loaded(element);
      await expectAccessible(element);
    });

    it(`${lang}: loaded, a subject open with a comparison, the custom range`, async () => {
      answer(() => HttpResponse.json(data));
      const element = await mount({ lang });
      await loaded(element);
      await expectAccessible(element);
      await open(element);
      await expectAccessible(element);
      $<HTMLInputElement>(element, 'input[name=granularity][value=custom]').click();
      await element.updateComplete;
      $<HTMLInputElement>(element, '#from').value = '2026-11-01';
      $<HTMLInputElement>(element, '#to').value = '2026-10-01';
      $<HTMLButtonElement>(element, 'form.controls button[type=submit]').click();
      await element.updateComplete;
      expect(textOf(element, '#range-error')).not.to.equal('');
      await expectAccessible(element);
    });

    it(`${lang}: every chart as a table`, async () => {
      answer(() => HttpResponse.json(data));
      const element = await mount({ lang });
      await loaded(element);
      await open(element);
      $<HTMLButtonElement>(element, 'button[part=table-toggle]').click();
      await element.updateComplete;
      await expectAccessible(element);
    });
  }
});

describe('for screen readers', () => {
  it('each chart is an image named by what it shows, with its table beside it', async () => {
    answer(() => HttpResponse.json(data));
    const element = await mount({ lang: 'en' });
    await loaded(element);
    await open(element);
    const images = (await nodesWithRole('image')).map((node) => node.name);
    expect(images).to.have.length(7);
    expect(images[0]).to.match(/^Bar chart of scores for November 2026: 9 ranked, first /);
    expect(images[4]).to.equal(
      'Line chart of District Housing Bureau’s score by period: from August 2026 ' +
        `${
          textOf(element, '#figure-trend-title ~ .table-wrap tbody tr:first-child td').split(' ')[0]
        } to November 2026 ${textOf(element, '#figure-trend-title ~ .table-wrap tbody tr:last-child td').split(' ')[0]}. See the table that follows.`,
    );
    const tables = (await nodesWithRole('table')).map((node) => node.name);
    expect(tables).to.deep.equal([
      'Ranking by score',
      'Score by dimension',
      'Satisfaction rate',
      'Score by respondent group',
      'Trend',
      'Answers by level: Service attitude, Efficiency, Openness, Outcome',
      'Answers by level: Would recommend',
      'Counts',
    ]);
    const buttons = (await nodesWithRole('button')).map((node) => node.name);
    expect(buttons).to.include.members([
      'Download CSV: Ranking by score',
      'Download image (PNG): Ranking by score',
      'Download CSV: Trend',
      'Show as tables',
    ]);
    const toggle = (await nodesWithRole('button')).find((node) => node.name === 'Show as tables');
    expect(toggle?.pressed).to.equal('false');
  });

  it('hears what is loading and what was loaded', async () => {
    answer(() => HttpResponse.json(data));
    const element = await mount();
    await loaded(element);
    const status = (await nodesWithRole('status')).map((node) => node.name || '');
    expect(status).to.have.length(1);
    expect(textOf(element, '[role=status]')).to.equal('已加载 10 个评价对象、4 个期间的评分。');
  });
});

describe('keyboard only', () => {
  it('enters the token, picks a period, opens a subject and exports, without a mouse', async () => {
    answer(() => HttpResponse.json(data));
    const element = await mount();
    $<HTMLInputElement>(element, '#token').focus();
    await sendKeys({ type: TOKEN });
    const rendered = nextEvent(element, 'minyi-rendered');
    await sendKeys({ press: 'Enter' });
    await rendered;
    // Focus lands on the status, which says what was loaded.
    expect(shadow(element).activeElement).to.equal($(element, '[role=status]'));

    const reached: string[] = [];
    $<HTMLInputElement>(element, 'input[name=granularity][value=month]').focus();
    for (let i = 0; i < 12; i++) {
      const active = shadow(element).activeElement as HTMLElement | null;
      reached.push(
        active?.id ||
          active?.getAttribute('name') ||
          active?.getAttribute('aria-label') ||
          active?.textContent?.trim() ||
          '',
      );
      await sendKeys({ press: 'Tab' });
    }
    expect(reached).to.include.members([
      'granularity',
      'poststratify',
      'shown-period',
      '以表格显示',
      '下载 CSV: 得分排名',
      '下载图片（PNG）: 得分排名',
      'subject',
    ]);

    $<HTMLSelectElement>(element, '#subject').focus();
    await sendKeys({ press: 'ArrowDown' });
    await element.updateComplete;
    expect(shadow(element).querySelector('canvas[data-chart=dimensions]')).not.to.equal(null);

    const toggle = $<HTMLButtonElement>(element, 'button[part=table-toggle]');
    toggle.focus();
    await sendKeys({ press: 'Space' });
    await element.updateComplete;
    expect(toggle.getAttribute('aria-pressed')).to.equal('true');
    const style = getComputedStyle(toggle);
    expect(style.outlineStyle).to.equal('solid');
    expect(Number.parseFloat(style.outlineWidth)).to.be.at.least(2);
  });
});

describe('on small screens and in forced colours', () => {
  it('fits a 320 px wide screen (200% zoom) without sideways scrolling of the page', async () => {
    await setViewport({ width: 320, height: 640 });
    answer(() => HttpResponse.json(data));
    const element = await mount();
    await loaded(element);
    await open(element);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(document.documentElement.scrollWidth).to.be.at.most(320);
    for (const canvas of shadow(element).querySelectorAll('canvas')) {
      expect(canvas.getBoundingClientRect().right, canvas.dataset.chart).to.be.at.most(321);
    }
    await expectAccessible(element);
  });

  it('shows the tables in forced colours, where canvas colours cannot follow the user’s', async () => {
    await emulateMedia({ forcedColors: 'active' });
    answer(() => HttpResponse.json(data));
    const element = await mount();
    await loaded(element);
    const wrap = $(element, '#figure-ranking-title ~ .table-wrap');
    expect(wrap.classList.contains('sr-only')).to.equal(true);
    expect(getComputedStyle(wrap).position).to.equal('static');
    expect(wrap.getBoundingClientRect().height).to.be.greaterThan(100);
    await expectAccessible(element);
  });

  it('targets are at least 24 × 24 CSS px', async () => {
    answer(() => HttpResponse.json(data));
    const element = await mount();
    await loaded(element);
    await open(element);
    for (const target of shadow(element).querySelectorAll<HTMLElement>('button, select, input')) {
      const box = target.getBoundingClientRect();
      const name = target.getAttribute('aria-label') ?? target.id ?? target.localName;
      expect(box.width, name).to.be.at.least(24);
      expect(box.height, name).to.be.at.least(24);
    }
  });
});
