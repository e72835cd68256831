import { CASE_STATUSES, check, consultationTopicSchema, type ReceiptView } from '@minyi/schema';
import { html, LitElement, nothing } from 'lit';
import { pick } from '../internal/fields.js';
import { forget, type RememberedReceipt, rememberedReceipts } from '../internal/local-store.js';
import { resolveLocale } from '../internal/locale.js';
import { MESSAGES } from '../internal/messages.js';
import { dateTime, renderOutcome } from '../internal/outcome.js';
import { collectorUrl, configuredCollector } from '../internal/runtime.js';
import { baseStyles } from '../internal/styles.js';

/**
 * What became of an answer (说了不白说): a resident types or pastes a receipt code, or picks one
 * this device was given, and sees when the answer was received, the follow-up status and the
 * official reply, and the published outcome of the consultation it belongs to. A reply can be
 * rated once.
 *
 * @summary Looks up a receipt code.
 * @tagname minyi-receipt
 *
 * @attr {string} code - A code to show at once; a `#receipt=CODE` fragment in the page's address does the same.
 * @attr {string} collector - The collector's base URL; defaults to the script tag's `data-collector`.
 * @attr {string} lang - The locale: zh-CN/zh-SG (简体), zh-TW/zh-HK/zh-MO (繁體) or en; inherited.
 *
 * @csspart form - The look-up form.
 * @csspart label - A field's label.
 * @csspart input - The code field.
 * @csspart submit - The look-up button.
 * @csspart status - The live region with what the receipt shows.
 * @csspart receipt - The receipt code.
 * @csspart outcome - A published consultation outcome.
 *
 * @cssproperty --minyi-accent - Colour of the look-up button.
 * @cssproperty --minyi-on-accent - Text colour on the accent colour.
 * @cssproperty --minyi-text - Text colour.
 * @cssproperty --minyi-muted - Colour of secondary text.
 * @cssproperty --minyi-surface - Background colour.
 * @cssproperty --minyi-border - Border colour.
 * @cssproperty --minyi-radius - Corner radius.
 * @cssproperty --minyi-focus - Focus outline colour.
 * @cssproperty --minyi-error - Colour of messages that need attention.
 * @cssproperty --minyi-font-family - Font family.
 * @cssproperty --minyi-font-size - Base font size.
 */
export class MinyiReceipt extends LitElement {
  static override styles = baseStyles;

  static override properties = {
    code: { type: String },
    collector: { type: String },
    view: { state: true },
    missing: { state: true },
    recent: { state: true },
  };

  declare code: string;
  declare collector: string | undefined;
  declare private view: ReceiptView | undefined;
  declare private missing: boolean;
  declare private recent: readonly RememberedReceipt[];

  constructor() {
    super();
    this.code = /[#&]receipt=([^&]+)/.exec(location.hash)?.[1] ?? '';
    this.missing = false;
    this.recent = [];
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void rememberedReceipts().then((recent) => {
      this.recent = recent;
    });
    if (this.code) void this.#lookUp(decodeURIComponent(this.code));
  }

  protected override render() {
    const locale = resolveLocale(this);
    const messages = MESSAGES[locale];
    return html`
      <form part="form" novalidate @submit=${this.#onSubmit}>
        <label class="label" part="label" for="code">${messages.receiptLabel}</label>
        <input id="code" part="input" autocomplete="off" spellcheck="false" .value=${this.code} />
        <p><button part="submit" type="submit">${messages.lookUp}</button></p>
        ${
          this.recent.length > 0
            ? html`<p class="label">${messages.recent}</p>
                <ul>
                  ${this.recent.map(
                    (item) =>
                      html`<li><button type="button" class="receipt" @click=${() => this.#lookUp(item.code)}>${item.code}</button></li>`,
                  )}
                </ul>
                <p><button type="button" @click=${this.#forget}>${messages.forget}</button></p>`
            : nothing
        }
        <div part="status" class="status" role="status">
          ${this.missing ? html`<p class="error">${messages.notFound}</p>` : this.#renderView()}
        </div>
      </form>
    `;
  }

  #renderView() {
    const view = this.view;
    if (!view) return nothing;
    const locale = resolveLocale(this);
    const messages = MESSAGES[locale];
    const followUp = view.followUp;
    const collector = this.collector || configuredCollector();
    return html`
      <dl>
        <dt>${messages.receiptLabel}</dt>
        <dd><span class="receipt" part="receipt">${view.code}</span></dd>
        <dt>${messages.receivedAt}</dt>
        <dd>${dateTime(view.receivedAt, locale)}${view.survey.title ? `，${pick(view.survey.title, locale)}` : ''}</dd>
        ${followUp ? html`<dt>${messages.followUp}</dt><dd>${messages.caseStatus[followUp.status]}</dd>` : nothing}
        ${followUp?.reply ? html`<dt>${messages.reply}</dt><dd class="description">${followUp.reply.text}</dd>` : nothing}
      </dl>
      ${view.consultation ? renderOutcome(view.consultation, locale, messages) : nothing}
      ${
        followUp?.rating && collector
          ? html`<minyi-satisfaction
              survey=${followUp.rating.survey}
              subject=${followUp.rating.subject}
              collector=${collector}
            ></minyi-satisfaction>`
          : nothing
      }
    `;
  }

  #onSubmit(event: Event): void {
    event.preventDefault();
    const input = this.renderRoot.querySelector('input')!;
    void this.#lookUp(input.value);
  }

  async #lookUp(code: string): Promise<void> {
    const collector = this.collector || configuredCollector();
    // Codes are read aloud and typed: case, spaces and dashes do not matter.
    const normalised = code.toUpperCase().replace(/[^0-9A-Z]/g, '');
    if (!collector || !normalised) return;
    this.code = code;
    let view: ReceiptView | undefined;
    try {
      const response = await fetch(collectorUrl(collector, 'receipts', normalised), {
        credentials: 'omit',
      });
      view = response.ok ? readView(await response.json()) : undefined;
    } catch {
      view = undefined;
    }
    this.view = view;
    this.missing = !view;
  }

  async #forget(): Promise<void> {
    await forget(['receipts']);
    this.recent = [];
  }
}

/**
 * The collector's answer, checked as far as it is shown: the full `receiptViewSchema` stays with
 * the collector, which produces it; the resident's script checks the fields it renders.
 */
function readView(json: unknown): ReceiptView | undefined {
  const view = json as ReceiptView;
  const shown =
    typeof view?.code === 'string' &&
    typeof view.receivedAt === 'string' &&
    typeof view.survey === 'object' &&
    (!view.followUp || CASE_STATUSES.includes(view.followUp.status)) &&
    (!view.followUp?.reply || typeof view.followUp.reply.text === 'string') &&
    (!view.consultation || check(consultationTopicSchema, view.consultation).ok);
  return shown ? view : undefined;
}

declare global {
  interface HTMLElementTagNameMap {
    'minyi-receipt': MinyiReceipt;
  }
}
