import {
  type ConsultationTopic,
  check,
  consultationTopicSchema,
  DEFAULT_POSITIONS,
  POSITION_DIMENSION,
} from '@minyi/schema';
import { html, nothing } from 'lit';
import { pick } from '../internal/fields.js';
import { renderOutcome } from '../internal/outcome.js';
import { ResourceController } from '../internal/resource-controller.js';
import { collectorUrl } from '../internal/runtime.js';
import { type FormModel, SurveyElement } from '../internal/survey-element.js';

/**
 * A topic under public consultation (协商事项): its title and description, the positions one may
 * take (support / oppose / neutral unless the topic names others), an opinion, and the
 * respondent group. A closed topic says so; a published outcome (公示) is shown with its tally.
 *
 * @summary Opinions on a topic under consultation, and its published outcome.
 * @tagname minyi-consultation
 *
 * @attr {string} topic - Required: the consultation topic's id.
 * @attr {string} subject - Defaults to the topic's id.
 * @attr {string} collector - The collector's base URL; defaults to the script tag's `data-collector`.
 * @attr {string} lang - The locale: zh-CN/zh-SG (简体), zh-TW/zh-HK/zh-MO (繁體) or en; inherited.
 *
 * @event minyi-submit - Before the answer is queued; cancelable. `detail: { id, response }`.
 * @event minyi-queued - The answer is stored on this device. `detail: { id, response }`.
 * @event minyi-delivered - The collector has the answer. `detail: { id, receipt }`.
 * @event minyi-error - The answer could not be kept or was refused. `detail: { id, code, message }`.
 *
 * @csspart form - The form.
 * @csspart title - The topic's title.
 * @csspart outcome - The published outcome and its tally.
 * @csspart field - The position, group or opinion field.
 * @csspart label - A field's label.
 * @csspart levels - The radio group of positions.
 * @csspart level - One position's label.
 * @csspart select - The respondent group field.
 * @csspart textarea - The opinion field.
 * @csspart error - A message tied to a field that needs attention.
 * @csspart notice - Why the form is not offered (not yet open, or closed).
 * @csspart note - The note shown when answers cannot be kept on this device.
 * @csspart submit - The send button.
 * @csspart status - The live region that reports what became of the answer.
 * @csspart receipt - The receipt code.
 *
 * @cssproperty --minyi-accent - Colour of the chosen position and the send button.
 * @cssproperty --minyi-on-accent - Text colour on the accent colour.
 * @cssproperty --minyi-text - Text colour.
 * @cssproperty --minyi-muted - Colour of secondary text.
 * @cssproperty --minyi-surface - Background colour.
 * @cssproperty --minyi-border - Border colour.
 * @cssproperty --minyi-radius - Corner radius.
 * @cssproperty --minyi-focus - Focus outline colour.
 * @cssproperty --minyi-error - Colour of error messages.
 * @cssproperty --minyi-font-family - Font family.
 * @cssproperty --minyi-font-size - Base font size.
 */
export class MinyiConsultation extends SurveyElement {
  static override properties = {
    ...SurveyElement.properties,
    topic: { type: String },
  };

  /** The consultation topic's id. */
  declare topic: string;

  readonly #document = new ResourceController(this, (json) => check(consultationTopicSchema, json));

  protected load(collector: string): void {
    if (this.topic) this.#document.load(collectorUrl(collector, 'consultations', this.topic));
  }

  protected documentError(): string | undefined {
    if (!this.topic) return 'the "topic" attribute is required: the id of the consultation topic';
    return this.#document.error;
  }

  protected override unavailable(): boolean {
    return this.#document.unavailable;
  }

  protected model(): FormModel | undefined {
    const topic = this.#document.value;
    if (!topic) return undefined;
    const locale = this.locale;
    return {
      survey: topic.id,
      surveyVersion: topic.version,
      kind: 'consultation',
      subject: this.subject || topic.id,
      questions: [
        {
          id: POSITION_DIMENSION,
          label: this.messages.position,
          choices: (topic.options ?? DEFAULT_POSITIONS).map((option) => ({
            value: option.id,
            label: pick(option.label, locale) ?? option.id,
          })),
          notApplicable: false,
          required: true,
        },
      ],
      askGroup: topic.askGroup ?? 'optional',
      groups: topic.groups?.map((group) => ({
        id: group.id,
        label: pick(group.label, locale) ?? group.id,
      })),
      comment: {
        enabled: true,
        label: this.messages.opinion,
        required: topic.comment?.required ?? false,
        maxLength: topic.comment?.maxLength ?? 500,
      },
    };
  }

  protected renderIntro() {
    const topic = this.#document.value!;
    const locale = this.locale;
    const description = pick(topic.description, locale);
    return html`
      <p class="title" part="title">${pick(topic.title, locale)}</p>
      ${this.#isOpen(topic) ? html`<p class="meta">${this.messages.topicOpen}</p>` : nothing}
      ${description ? html`<p class="description">${description}</p>` : nothing}
      ${renderOutcome(topic, this.locale, this.messages)}
    `;
  }

  protected override closedNotice(): string | undefined {
    const topic = this.#document.value!;
    if (this.#isOpen(topic)) return undefined;
    return topic.status === 'draft' || this.#beforeOpening(topic)
      ? this.messages.topicNotOpen
      : this.messages.topicClosed;
  }

  #beforeOpening(topic: ConsultationTopic): boolean {
    return topic.opensAt !== undefined && Date.parse(topic.opensAt) > Date.now();
  }

  #isOpen(topic: ConsultationTopic): boolean {
    const now = Date.now();
    return (
      topic.status === 'open' &&
      !this.#beforeOpening(topic) &&
      (topic.closesAt === undefined || Date.parse(topic.closesAt) > now)
    );
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'minyi-consultation': MinyiConsultation;
  }
}
