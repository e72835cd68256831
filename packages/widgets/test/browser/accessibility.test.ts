import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { expect } from 'chai';
import { defineElements } from '../../src/index.js';
import { expectAccessible, fixture, mount, waitFor } from './helpers.js';

defineElements();

const evaluation = await fixture('department-evaluation');
const topic = await fixture('elevator-retrofit');

afterEach(async () => {
  document.body.replaceChildren();
  await setViewport({ width: 800, height: 600 });
  await emulateMedia({ forcedColors: 'none', reducedMotion: 'no-preference' });
});

/** Each element in a state with every kind of control visible. */
const cases = [
  ['minyi-satisfaction', { lang: 'zh-CN', subject: 'a11y' }, undefined],
  ['minyi-evaluation', { lang: 'zh-HK', subject: 'civil-affairs' }, evaluation],
  ['minyi-consultation', { lang: 'en', topic: 'elevator-retrofit' }, topic],
] as const;

async function mountReady(index: number) {
  const [tag, attributes, inline] = cases[index]!;
  const element = await mount(tag, attributes, inline);
  await waitFor(() => element.shadowRoot!.querySelector('[role=radiogroup]') !== null, tag);
  return element;
}

describe('every element, for every resident', () => {
  for (const [index, [tag]] of cases.entries()) {
    it(`${tag}: fits a 320 px wide screen, also at 200% zoom, without sideways scrolling`, async () => {
      // 200% zoom of a 640 px window is a 320 px CSS viewport.
      await setViewport({ width: 320, height: 640 });
      const element = await mountReady(index);
      for (const node of element.shadowRoot!.querySelectorAll<HTMLElement>('*')) {
        const box = node.getBoundingClientRect();
        if (box.width === 0) continue;
        expect(box.right, `${node.localName}.${node.className} ends at ${box.right}`).to.be.at.most(
          321,
        );
      }
      expect(document.documentElement.scrollWidth).to.be.at.most(320);
      await expectAccessible(element);
    });

    it(`${tag}: targets of at least 24 × 24 CSS px, with a visible keyboard focus`, async () => {
      const element = await mountReady(index);
      const root = element.shadowRoot!;
      for (const target of root.querySelectorAll<HTMLElement>(
        '.level span, button, select, textarea',
      )) {
        const box = target.getBoundingClientRect();
        expect(box.width, target.textContent ?? target.localName).to.be.at.least(24);
        expect(box.height, target.textContent ?? target.localName).to.be.at.least(24);
      }
      root.querySelector<HTMLInputElement>('input[type=radio]')!.focus();
      await sendKeys({ press: 'ArrowRight' });
      const focused = root.activeElement as HTMLInputElement;
      const outline = getComputedStyle(focused.nextElementSibling!);
      expect(outline.outlineStyle).to.equal('solid');
      expect(Number.parseFloat(outline.outlineWidth)).to.be.at.least(2);
    });

    it(`${tag}: keeps the chosen level visible in forced colours`, async () => {
      await emulateMedia({ forcedColors: 'active' });
      const element = await mountReady(index);
      const radio = element.shadowRoot!.querySelector<HTMLInputElement>('input[type=radio]')!;
      radio.click();
      const chosen = getComputedStyle(radio.nextElementSibling!);
      const other = getComputedStyle(
        element.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type=radio]')[1]!
          .nextElementSibling!,
      );
      expect(chosen.backgroundColor).to.not.equal(other.backgroundColor);
      expect(chosen.borderTopWidth).to.equal('3px');
      await expectAccessible(element);
    });
  }

  it('moves nothing, whatever the motion preference', async () => {
    await emulateMedia({ reducedMotion: 'no-preference' });
    const element = await mountReady(0);
    for (const node of element.shadowRoot!.querySelectorAll('*')) {
      const style = getComputedStyle(node);
      expect(style.transitionDuration, node.localName).to.equal('0s');
      expect(style.animationName, node.localName).to.equal('none');
    }
  });
});
