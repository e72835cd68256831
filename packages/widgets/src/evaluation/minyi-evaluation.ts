import { check, type SurveyDefinition, surveyDefinitionSchema } from '@minyi/schema';
import { html } from 'lit';
import { pick } from '../internal/fields.js';
import { answeredPeriod, rememberAnswered } from '../internal/local-store.js';
import { DEFAULT_TIME_ZONE, periodKey } from '../internal/period.js';
import { ResourceController } from '../internal/resource-controller.js';
import { collectorUrl } from '../internal/runtime.js';
import { type FormModel, SurveyElement, surveyModel } from '../internal/survey-element.js';

/**
 * A department's (township's, service hall's, social organisation's) evaluation: one row per
 * dimension of the survey's rubric, each with its own "not applicable" where the survey offers
 * it, the respondent group when the survey asks for it, and a comment. A device evaluates a
 * subject once per the survey's period.
 *
 * @summary A rubric evaluation of one subject.
 * @tagname minyi-evaluation
 *
 * @attr {string} survey - The rubric's survey id. Default `department-evaluation`.
 * @attr {string} subject - Required: the id of the department, township, service hall or organisation evaluated.
 * @attr {string} collector - The collector's base URL; defaults to the script tag's `data-collector`.
 * @attr {string} lang - The locale: zh-CN/zh-SG (简体), zh-TW/zh-HK/zh-MO (繁體) or en; inherited.
 *
 * @event minyi-submit - Before the answer is queued; cancelable. `detail: { id, response }`.
 * @event minyi-queued - The answer is stored on this device. `detail: { id, response }`.
 * @event minyi-delivered - The collector has the answer. `detail: { id, receipt }`.
 * @event minyi-error - The answer could not be kept or was refused. `detail: { id, code, message }`.
 *
 * @csspart form - The form.
 * @csspart title - The survey's title.
 * @csspart field - One dimension, group or comment field.
 * @csspart label - A field's label.
 * @csspart levels - A radio group of levels.
 * @csspart level - One level's label.
 * @csspart select - The respondent group field.
 * @csspart textarea - The comment field.
 * @csspart error - A message tied to a field that needs attention.
 * @csspart notice - Why the form is not offered (already evaluated this period).
 * @csspart note - The note shown when answers cannot be kept on this device.
 * @csspart submit - The send button.
 * @csspart status - The live region that reports what became of the answer.
 * @csspart receipt - The receipt code.
 *
 * @cssproperty --minyi-accent - Colour of chosen levels and the send button.
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
export class MinyiEvaluation extends SurveyElement {
  static override properties = {
    ...SurveyElement.properties,
    survey: { type: String },
    answeredIn: { state: true },
  };

  /** The survey id of the rubric. */
  declare survey: string;
  /** The period key in which this device last evaluated the subject. */
  declare private answeredIn: string | undefined;
  #checkedKey: string | undefined;

  readonly #definition = new ResourceController(this, (json) =>
    check(surveyDefinitionSchema, json),
  );

  constructor() {
    super();
    this.survey = 'department-evaluation';
  }

  protected load(collector: string): void {
    this.#definition.load(collectorUrl(collector, 'surveys', this.survey));
    const key = this.#rememberKey();
    if (key !== this.#checkedKey) {
      this.#checkedKey = key;
      void answeredPeriod(key).then((period) => {
        this.answeredIn = period;
      });
    }
  }

  protected documentError(): string | undefined {
    if (this.#definition.error) return this.#definition.error;
    if (!this.subject) return 'the "subject" attribute is required: the id of what is evaluated';
    const subjects = this.#definition.value?.subjects;
    if (subjects && !subjects.some((subject) => subject.id === this.subject)) {
      return `subject "${this.subject}" is not one of the survey's subjects (${subjects.map((subject) => subject.id).join(', ')})`;
    }
    return undefined;
  }

  protected override unavailable(): boolean {
    return this.#definition.unavailable;
  }

  protected model(): FormModel | undefined {
    const survey = this.#definition.value;
    return (
      survey && surveyModel(survey, this.locale, this.subject ?? '', { commentByDefault: true })
    );
  }

  protected renderIntro() {
    const survey = this.#definition.value!;
    const locale = this.locale;
    const subject = survey.subjects?.find((item) => item.id === this.subject);
    const description = pick(survey.description, locale);
    return html`
      <p class="title" part="title">${pick(survey.title, locale)}</p>
      <p class="meta">${this.messages.subject}：${(subject && pick(subject.label, locale)) ?? this.subject}</p>
      ${description ? html`<p class="description">${description}</p>` : ''}
    `;
  }

  protected override closedNotice(): string | undefined {
    const survey = this.#definition.value!;
    if (!survey.period || !this.answeredIn) return undefined;
    const current = periodKey(survey.period, new Date(), survey.timeZone ?? DEFAULT_TIME_ZONE);
    return this.answeredIn === current
      ? this.messages.alreadyAnswered(this.messages.periods[survey.period])
      : undefined;
  }

  protected override afterQueued(): void {
    const survey: SurveyDefinition = this.#definition.value!;
    if (!survey.period) return;
    const period = periodKey(survey.period, new Date(), survey.timeZone ?? DEFAULT_TIME_ZONE);
    this.answeredIn = period;
    void rememberAnswered(this.#rememberKey(), period);
  }

  #rememberKey(): string {
    return `${this.collectorUrl}|${this.survey}|${this.subject}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'minyi-evaluation': MinyiEvaluation;
  }
}
