import { check, type SurveyDefinition, surveyDefinitionSchema } from '@minyi/schema';
import { nothing } from 'lit';
import { ResourceController } from '../internal/resource-controller.js';
import { collectorUrl } from '../internal/runtime.js';
import { type FormModel, SurveyElement, surveyModel } from '../internal/survey-element.js';

/**
 * One satisfaction question on any scale, by default the five 好差评 levels, with an optional
 * comment: compact enough for a page footer.
 *
 * @summary A one-question satisfaction rating.
 * @tagname minyi-satisfaction
 *
 * @attr {string} survey - The survey id, as the collector knows it. Default `page-feedback`.
 * @attr {number} survey-version - The version recorded while the definition cannot be fetched.
 * @attr {string} subject - What is rated; defaults to the page's path.
 * @attr {string} collector - The collector's base URL; defaults to the script tag's `data-collector`.
 * @attr {string} lang - The locale: zh-CN/zh-SG (简体), zh-TW/zh-HK/zh-MO (繁體) or en; inherited.
 *
 * @event minyi-submit - Before the answer is queued; cancelable. `detail: { id, response }`.
 * @event minyi-queued - The answer is stored on this device. `detail: { id, response }`.
 * @event minyi-delivered - The collector has the answer. `detail: { id, receipt }`.
 * @event minyi-error - The answer could not be kept or was refused. `detail: { id, code, message }`.
 *
 * @csspart form - The form.
 * @csspart field - One question, group or comment field.
 * @csspart label - A field's label.
 * @csspart levels - The radio group of levels.
 * @csspart level - One level's label.
 * @csspart textarea - The comment field.
 * @csspart error - A message tied to a field that needs attention.
 * @csspart note - The note shown when answers cannot be kept on this device.
 * @csspart submit - The send button.
 * @csspart status - The live region that reports what became of the answer.
 * @csspart receipt - The receipt code.
 *
 * @cssproperty --minyi-accent - Colour of the chosen level and the send button.
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
export class MinyiSatisfaction extends SurveyElement {
  static override properties = {
    ...SurveyElement.properties,
    survey: { type: String },
    surveyVersion: { type: Number, attribute: 'survey-version' },
  };

  /** The survey id, as the collector knows it. */
  declare survey: string;
  /** The survey version to record while the definition cannot be fetched. */
  declare surveyVersion: number | undefined;

  readonly #definition = new ResourceController(this, (json) =>
    check(surveyDefinitionSchema, json),
  );

  constructor() {
    super();
    this.survey = 'page-feedback';
    // Compact: the comment field appears once a level is chosen.
    this.commentAlwaysShown = false;
  }

  protected load(collector: string): void {
    this.#definition.load(collectorUrl(collector, 'surveys', this.survey));
  }

  protected documentError(): string | undefined {
    return this.#definition.error;
  }

  /** Until the definition arrives, or when it cannot be had, the five levels are asked anyway. */
  protected model(): FormModel {
    const survey: SurveyDefinition = this.#definition.value ?? {
      id: this.survey,
      version: this.surveyVersion ?? 1,
      kind: 'satisfaction',
      title: {},
      dimensions: [
        { id: 'overall', label: { [this.locale]: this.messages.defaultQuestion }, scale: 'hcp5' },
      ],
    };
    return surveyModel(survey, this.locale, this.subject || location.pathname, {
      only: survey.dimensions[0]!,
      commentByDefault: false,
    });
  }

  protected renderIntro(): typeof nothing {
    return nothing;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'minyi-satisfaction': MinyiSatisfaction;
  }
}
