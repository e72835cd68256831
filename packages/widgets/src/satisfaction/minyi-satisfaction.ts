import type { SurveyDefinition } from '@minyi/schema';
import { html, LitElement, nothing, type PropertyValues } from 'lit';
import { choicesFor, DefinitionController, pick } from '../internal/definition-controller.js';
import { resolveLocale } from '../internal/locale.js';
import { MESSAGES } from '../internal/messages.js';
import { configuredCollector } from '../internal/runtime.js';
import { SubmissionController } from '../internal/submission-controller.js';
import { uuid } from '../internal/uuid.js';
import { VERSION } from '../version.js';
import { styles } from './minyi-satisfaction.styles.js';

/**
 * One satisfaction question, by default on the five 好差评 levels, compact enough for a page
 * footer.
 *
 * @summary A one-question satisfaction rating.
 *
 * @event minyi-submit - Before the answer is queued; cancelable. `detail: { id, response }`.
 * @event minyi-queued - The answer is stored on this device. `detail: { id, response }`.
 * @event minyi-delivered - The collector has the answer. `detail: { id, receipt }`.
 * @event minyi-error - The answer could not be kept or was refused. `detail: { id, code, message }`.
 *
 * @csspart form - The form around the question.
 * @csspart question - The question text.
 * @csspart levels - The radio group of levels.
 * @csspart level - One level's label.
 * @csspart error - The message shown when no level is chosen.
 * @csspart submit - The send button.
 * @csspart status - The live region that reports what became of the answer.
 * @csspart note - The note shown when answers cannot be kept on this device.
 *
 * @cssproperty --minyi-accent - Colour of the chosen level and the send button.
 * @cssproperty --minyi-on-accent - Text colour on the accent colour.
 * @cssproperty --minyi-text - Text colour.
 * @cssproperty --minyi-muted - Colour of secondary notes.
 * @cssproperty --minyi-surface - Background colour.
 * @cssproperty --minyi-border - Border colour.
 * @cssproperty --minyi-radius - Corner radius.
 * @cssproperty --minyi-focus - Focus outline colour.
 * @cssproperty --minyi-error - Colour of error messages.
 * @cssproperty --minyi-font-family - Font family.
 * @cssproperty --minyi-font-size - Base font size.
 */
export class MinyiSatisfaction extends LitElement {
  static override styles = styles;

  static override properties = {
    survey: { type: String },
    subject: { type: String },
    collector: { type: String },
    surveyVersion: { type: Number, attribute: 'survey-version' },
    selected: { state: true },
    invalid: { state: true },
  };

  /** The survey id, as the collector knows it. */
  declare survey: string;
  /** What is being rated (a page, a service, a department); defaults to the page's path. */
  declare subject: string | undefined;
  /** The collector's base URL; defaults to the script tag's `data-collector`. */
  declare collector: string | undefined;
  /** The survey version to record while the definition cannot be fetched. */
  declare surveyVersion: number | undefined;
  declare private selected: string | number | undefined;
  declare private invalid: boolean;

  private readonly definition = new DefinitionController(this, () => this.fallbackDefinition());
  private readonly submission = new SubmissionController(this);

  constructor() {
    super();
    this.survey = 'page-feedback';
    this.invalid = false;
  }

  private get collectorUrl(): string | undefined {
    return this.collector || configuredCollector();
  }

  protected override willUpdate(changed: PropertyValues<this>): void {
    if (changed.has('survey') || changed.has('collector')) {
      const collector = this.collectorUrl;
      if (collector) {
        this.definition.load(collector, this.survey);
        this.submission.watch(collector);
      }
    }
  }

  protected override render() {
    const locale = resolveLocale(this);
    const messages = MESSAGES[locale];
    if (!this.collectorUrl)
      return html`<p part="error" class="error">${messages.notConfigured}</p>`;
    if (this.definition.error) {
      return html`<p part="error" class="error">${messages.badDefinition}: ${this.definition.error}</p>`;
    }
    const survey = this.definition.definition;
    const question = pick(survey.dimensions[0]?.label, locale) ?? pick(survey.title, locale);
    const state = this.submission.state;
    const answered = state !== 'idle' && state !== 'could-not-save';
    return html`
      <form part="form" novalidate @submit=${this.onSubmit}>
        <p part="question" class="question" id="question">${question ?? messages.defaultQuestion}</p>
        ${answered ? nothing : this.renderChoices(survey, locale)}
        ${
          this.submission.persistent || answered
            ? nothing
            : html`<p part="note" class="note">${messages.notKeptOffline}</p>`
        }
        <div part="status" class="status" role="status" tabindex="-1">${this.renderStatus()}</div>
      </form>
    `;
  }

  private renderChoices(survey: SurveyDefinition, locale: ReturnType<typeof resolveLocale>) {
    const messages = MESSAGES[locale];
    return html`
      <div
        part="levels"
        class="levels"
        role="radiogroup"
        aria-labelledby="question"
        aria-invalid=${this.invalid ? 'true' : 'false'}
        aria-describedby=${this.invalid ? 'choose-level' : nothing}
      >
        ${choicesFor(survey, 0, locale).map(
          (choice) => html`
            <label part="level" class="level">
              <input
                type="radio"
                name="level"
                .checked=${this.selected === choice.value}
                @change=${() => this.choose(choice.value)}
              /><span>${choice.label}</span>
            </label>
          `,
        )}
      </div>
      ${
        this.invalid
          ? html`<p part="error" class="error" id="choose-level">${messages.chooseLevel}</p>`
          : nothing
      }
      <button part="submit" type="submit">${messages.submit}</button>
    `;
  }

  private renderStatus() {
    const messages = MESSAGES[resolveLocale(this)];
    switch (this.submission.state) {
      case 'idle':
        return nothing;
      case 'sending':
        return messages.sending;
      case 'received':
        return html`${messages.received}
          ${
            this.submission.receipt
              ? html`${messages.receiptLabel}：<span class="receipt">${this.submission.receipt}</span>`
              : nothing
          }`;
      case 'kept-offline':
        return this.submission.persistent ? messages.keptOffline : messages.notKeptOffline;
      case 'refused':
        return messages.refused;
      case 'could-not-save':
        return messages.couldNotSave;
    }
  }

  private choose(value: string | number): void {
    this.selected = value;
    this.invalid = false;
  }

  private async onSubmit(event: Event): Promise<void> {
    event.preventDefault();
    const collector = this.collectorUrl;
    const dimension = this.definition.definition.dimensions[0];
    if (!collector || !dimension) return;
    if (this.selected === undefined) {
      this.invalid = true;
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLInputElement>('input[type=radio]')?.focus();
      return;
    }
    const survey = this.definition.definition;
    const sent = await this.submission.submit(collector, {
      id: uuid(),
      survey: survey.id,
      surveyVersion: survey.version,
      kind: 'satisfaction',
      subject: (this.subject || location.pathname).slice(0, 500),
      answers: { [dimension.id]: this.selected },
      locale: resolveLocale(this),
      page: location.origin + location.pathname,
      createdAt: new Date().toISOString(),
      sdk: VERSION,
    });
    if (sent) {
      // The choices are gone; keep focus where the outcome is announced.
      await this.updateComplete;
      this.renderRoot.querySelector<HTMLElement>('[role=status]')?.focus();
    }
  }

  /** Used until the collector's definition arrives, or for good when it cannot be reached. */
  private fallbackDefinition(): SurveyDefinition {
    return {
      id: this.survey ?? 'page-feedback',
      version: this.surveyVersion ?? 1,
      kind: 'satisfaction',
      title: {},
      dimensions: [{ id: 'overall', label: {}, scale: 'hcp5' }],
    };
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'minyi-satisfaction': MinyiSatisfaction;
  }
}
