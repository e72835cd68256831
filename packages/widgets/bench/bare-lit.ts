/**
 * The embed benchmark's baseline (`embed-bench.mjs`): the least a Lit element can be while asking
 * the same question as `<minyi-satisfaction>`, namely the five 好差评 levels as buttons in a radio
 * group and a submit button. No styles, no locale, no network, no storage: what is left is the
 * cost of Lit itself. Bundled at bench time with Vite into an IIFE, like `minyi.js`.
 */
import { html, LitElement } from 'lit';

const QUESTION = '您对本页面的内容和服务满意吗？';
const LEVELS = ['非常满意', '满意', '基本满意', '不满意', '非常不满意'] as const;

export class BareRating extends LitElement {
  static override properties = {
    selected: { state: true },
  };

  /** The index of the chosen level. */
  declare selected: number | undefined;

  override render() {
    return html`
      <p id="question">${QUESTION}</p>
      <div role="radiogroup" aria-labelledby="question">
        ${LEVELS.map(
          (level, index) => html`
            <button
              type="button"
              role="radio"
              aria-checked=${this.selected === index ? 'true' : 'false'}
              @click=${() => {
                this.selected = index;
              }}
            >${level}</button>
          `,
        )}
      </div>
      <button type="button" @click=${this.submit}>提交</button>
    `;
  }

  private submit(): void {
    this.dispatchEvent(
      new CustomEvent('bare-submit', { detail: this.selected, bubbles: true, composed: true }),
    );
  }
}

customElements.define('bare-rating', BareRating);
