import { uuid } from '@minyi/outbox';
import {
  type Answer,
  DEFAULT_GROUPS,
  type Locale,
  type ResponseKind,
  type SurveyDefinition,
  type SurveyDimension,
  scrub,
} from '@minyi/schema';
import { html, LitElement, nothing, type PropertyValues, type TemplateResult } from 'lit';
import { VERSION } from '../version.js';
import {
  type Choice,
  choicesFor,
  fieldId,
  levelIndex,
  pick,
  scaleField,
  selectField,
  textField,
} from './fields.js';
import { resolveLocale } from './locale.js';
import { MESSAGES, type Messages } from './messages.js';
import { configuredCollector, receiptLink } from './runtime.js';
import { baseStyles } from './styles.js';
import { SubmissionController } from './submission-controller.js';

export interface QuestionModel {
  readonly id: string;
  readonly label: string;
  readonly choices: readonly Choice[];
  readonly notApplicable: boolean;
  readonly required: boolean;
}

/** What an element asks, derived from its survey definition or consultation topic. */
export interface FormModel {
  readonly survey: string;
  readonly surveyVersion: number;
  readonly kind: ResponseKind;
  readonly subject: string;
  readonly questions: readonly QuestionModel[];
  readonly askGroup: 'no' | 'optional' | 'required';
  readonly groups?: ReadonlyArray<{ readonly id: string; readonly label: string }> | undefined;
  readonly comment: {
    readonly enabled: boolean;
    readonly required: boolean;
    readonly maxLength: number;
    readonly label?: string;
    /** Require a comment when the first answer is at most this many levels above the worst. */
    readonly requiredAtOrBelow?: number | undefined;
  };
  /** How many levels above the worst an answer to the first question is. */
  readonly firstLevelIndex?: (answer: Answer | undefined) => number | undefined;
}

/** A receipt code, linked to the site's receipt page when it has one. */
function receiptCode(code: string) {
  const link = receiptLink(code);
  const text = html`<span class="receipt" part="receipt">${code}</span>`;
  return link ? html`<a href=${link}>${text}</a>` : text;
}

/** The form a survey definition asks for, in a locale. */
export function surveyModel(
  survey: SurveyDefinition,
  locale: Locale,
  subject: string,
  options: { readonly only?: SurveyDimension; readonly commentByDefault: boolean },
): FormModel {
  const first = survey.dimensions[0]!;
  return {
    survey: survey.id,
    surveyVersion: survey.version,
    kind: survey.kind,
    subject,
    questions: (options.only ? [options.only] : survey.dimensions).map((dimension) => ({
      id: dimension.id,
      label: pick(dimension.label, locale) ?? pick(survey.title, locale) ?? dimension.id,
      choices: choicesFor(survey, dimension, locale),
      notApplicable: dimension.notApplicable ?? false,
      required: dimension.required ?? true,
    })),
    askGroup: survey.askGroup ?? 'no',
    groups: survey.groups?.map((group) => ({
      id: group.id,
      label: pick(group.label, locale) ?? group.id,
    })),
    comment: {
      enabled: survey.comment?.enabled ?? options.commentByDefault,
      required: survey.comment?.required ?? false,
      maxLength: survey.comment?.maxLength ?? 500,
      requiredAtOrBelow: survey.comment?.requiredAtOrBelow,
    },
    firstLevelIndex: (answer) => levelIndex(survey, first, answer),
  };
}

/**
 * What the three resident elements share: the collector they send to, the locale, the fields a
 * form model asks for, validation that names each field and moves focus to it, scrubbing of free
 * text, and the status region that reports what became of the answer.
 */
export abstract class SurveyElement extends LitElement {
  static override styles = baseStyles;

  static override properties = {
    subject: { type: String },
    collector: { type: String },
    answers: { state: true },
    group: { state: true },
    comment: { state: true },
    errors: { state: true },
  };

  /** What is rated: a page, a service, a department; see each element for its default. */
  declare subject: string | undefined;
  /** The collector's base URL; defaults to the script tag's `data-collector`. */
  declare collector: string | undefined;
  declare protected answers: Readonly<Record<string, Answer>>;
  declare protected group: string | undefined;
  declare protected comment: string;
  declare protected errors: Readonly<Record<string, string>>;

  protected readonly submission = new SubmissionController(this);
  /** Personal data was removed from the text that was sent. */
  #scrubbed = false;

  constructor() {
    super();
    this.answers = {};
    this.comment = '';
    this.errors = {};
  }

  protected get collectorUrl(): string | undefined {
    return this.collector || configuredCollector();
  }

  protected get locale(): Locale {
    return resolveLocale(this);
  }

  protected get messages(): Messages {
    return MESSAGES[this.locale];
  }

  /** Loads what the element renders from the collector. */
  protected abstract load(collector: string): void;
  /** The validation problem of the loaded document, for the web team. */
  protected abstract documentError(): string | undefined;
  /** The form to render, or undefined while the document is not (yet) there. */
  protected abstract model(): FormModel | undefined;
  /** Title, description and anything shown above the questions. */
  protected abstract renderIntro(model: FormModel): TemplateResult | typeof nothing;
  /** A reason the form is not offered (a closed topic, a subject already evaluated). */
  protected closedNotice(_model: FormModel): TemplateResult | string | undefined {
    return undefined;
  }
  /** Called once the answer is stored on this device. */
  protected afterQueued(_model: FormModel): void {}
  /** Whether the first question's comment field shows before a level is chosen. */
  protected commentAlwaysShown = true;

  protected override willUpdate(_changed: PropertyValues<this>): void {
    // Cheap when nothing changed: loading is keyed by URL.
    const collector = this.collectorUrl;
    if (collector) {
      this.load(collector);
      this.submission.watch(collector);
    }
  }

  protected override render() {
    const messages = this.messages;
    if (!this.collectorUrl)
      return html`<p part="error" class="error">${messages.notConfigured}</p>`;
    const problem = this.documentError();
    if (problem)
      return html`<p part="error" class="error">${messages.badDefinition}: ${problem}</p>`;
    const model = this.model();
    if (!model) {
      return html`<p part="status" class="meta" role="status">${this.unavailable() ? messages.unavailable : messages.loading}</p>`;
    }
    const state = this.submission.state;
    const answered = state !== 'idle' && state !== 'could-not-save';
    const closed = answered ? undefined : this.closedNotice(model);
    return html`
      <form part="form" novalidate @submit=${(event: Event) => this.#onSubmit(event, model)}>
        ${this.renderIntro(model)}
        ${answered ? nothing : closed ? html`<p class="meta" part="notice">${closed}</p>` : this.#renderFields(model)}
        <div part="status" class="status" role="status" tabindex="-1">${this.#renderStatus()}</div>
      </form>
    `;
  }

  /** Whether the document could not be loaded at all. */
  protected unavailable(): boolean {
    return false;
  }

  #renderFields(model: FormModel) {
    const messages = this.messages;
    const groups =
      model.groups && model.groups.length > 0
        ? model.groups
        : DEFAULT_GROUPS.map((group) => ({ id: group.id, label: group.label[this.locale] }));
    const showComment =
      model.comment.enabled && (this.commentAlwaysShown || Object.keys(this.answers).length > 0);
    return html`
      ${model.questions.map((question) =>
        scaleField({
          id: question.id,
          label: question.label,
          choices: question.choices,
          selected: this.answers[question.id],
          notApplicable: question.notApplicable ? messages.notApplicable : undefined,
          optional: question.required ? undefined : messages.optional,
          error: this.errors[question.id],
          onSelect: (value) => this.#setAnswer(question.id, value),
        }),
      )}
      ${
        model.askGroup === 'no'
          ? nothing
          : selectField({
              id: 'group',
              label: messages.group,
              placeholder: messages.chooseGroupPlaceholder,
              options: groups,
              selected: this.group,
              optional: model.askGroup === 'optional' ? messages.optional : undefined,
              error: this.errors.group,
              onChange: (value) => {
                this.group = value;
                this.#clearError('group');
              },
            })
      }
      ${
        showComment
          ? textField({
              id: 'comment',
              label: model.comment.label ?? messages.comment,
              hint: messages.commentHint,
              value: this.comment,
              maxLength: model.comment.maxLength,
              optional: this.#commentRequired(model) ? undefined : messages.optional,
              error: this.errors.comment,
              onInput: (value) => {
                this.comment = value;
                this.#clearError('comment');
              },
            })
          : nothing
      }
      ${
        this.submission.persistent
          ? nothing
          : html`<p part="note" class="note">${messages.notKeptOffline}</p>`
      }
      <button part="submit" type="submit">${messages.submit}</button>
    `;
  }

  #renderStatus() {
    const messages = this.messages;
    const scrubbed = this.#scrubbed ? html` <span>${messages.scrubbed}</span>` : nothing;
    switch (this.submission.state) {
      case 'idle':
        return nothing;
      case 'sending':
        return messages.sending;
      case 'received':
        return html`${messages.received}
          ${
            this.submission.receipt
              ? html`${messages.receiptLabel}：${receiptCode(this.submission.receipt)}`
              : nothing
          }${scrubbed}`;
      case 'kept-offline':
        return html`${this.submission.persistent ? messages.keptOffline : messages.notKeptOffline}${scrubbed}`;
      case 'refused':
        return messages.refused;
      case 'could-not-save':
        return messages.couldNotSave;
    }
  }

  #setAnswer(id: string, value: Answer): void {
    this.answers = { ...this.answers, [id]: value };
    this.#clearError(id);
  }

  #clearError(id: string): void {
    if (!(id in this.errors)) return;
    const { [id]: _cleared, ...rest } = this.errors;
    this.errors = rest;
  }

  #commentRequired(model: FormModel): boolean {
    if (model.comment.required) return true;
    const threshold = model.comment.requiredAtOrBelow;
    const first = model.questions[0];
    if (threshold === undefined || !first || !model.firstLevelIndex) return false;
    const index = model.firstLevelIndex(this.answers[first.id]);
    return index !== undefined && index <= threshold;
  }

  /** Every problem of the form, by field id; empty when it can be sent. */
  #validate(model: FormModel): Record<string, string> {
    const messages = this.messages;
    const errors: Record<string, string> = {};
    for (const question of model.questions) {
      if (question.required && this.answers[question.id] === undefined) {
        errors[question.id] =
          model.kind === 'consultation' ? messages.chooseOption : messages.chooseLevel;
      }
    }
    if (model.askGroup === 'required' && !this.group) errors.group = messages.chooseGroup;
    if (model.comment.enabled) {
      if (this.#commentRequired(model) && !this.comment.trim())
        errors.comment = messages.writeComment;
      else if (this.comment.length > model.comment.maxLength) {
        errors.comment = messages.commentTooLong(model.comment.maxLength);
      }
    }
    return errors;
  }

  async #onSubmit(event: Event, model: FormModel): Promise<void> {
    event.preventDefault();
    const collector = this.collectorUrl;
    if (!collector) return;
    this.errors = this.#validate(model);
    const [firstInvalid] = Object.keys(this.errors);
    if (firstInvalid) {
      await this.updateComplete;
      // Focus lands on the field; its message is read out through aria-describedby.
      const field = this.renderRoot.querySelector<HTMLElement>(
        `[aria-describedby~="${fieldId(firstInvalid)}-error"]`,
      );
      (field?.getAttribute('role') === 'radiogroup'
        ? field.querySelector('input')
        : field
      )?.focus();
      return;
    }
    const answers: Record<string, Answer> = {};
    for (const question of model.questions) {
      // A question left unanswered is sent as skipped (null), distinct from "not applicable".
      answers[question.id] = this.answers[question.id] ?? null;
    }
    const cleaned = scrub(this.comment.trim(), this.messages.placeholder);
    this.#scrubbed = cleaned.removed > 0;
    const sent = await this.submission.submit(
      collector,
      {
        id: uuid(),
        survey: model.survey,
        surveyVersion: model.surveyVersion,
        kind: model.kind,
        subject: model.subject.slice(0, 500),
        ...(this.group ? { group: this.group } : {}),
        answers,
        ...(cleaned.text ? { comment: cleaned.text } : {}),
        locale: this.locale,
        page: location.origin + location.pathname,
        createdAt: new Date().toISOString(),
        sdk: VERSION,
      },
      () => this.afterQueued(model),
    );
    if (!sent) return;
    // The fields are gone; keep focus where the outcome is announced.
    await this.updateComplete;
    this.renderRoot.querySelector<HTMLElement>('[role=status]')?.focus();
  }
}
