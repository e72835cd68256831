import {
  type Answer,
  type Locale,
  NOT_APPLICABLE,
  pickText as pick,
  resolveScale,
  type SurveyDefinition,
  type SurveyDimension,
} from '@minyi/schema';
import { html, nothing } from 'lit';

export { pick };

export interface Choice {
  /** What the response stores: the level id, or the number on a numeric scale. */
  readonly value: string | number;
  readonly label: string;
}

export function choicesFor(
  survey: Pick<SurveyDefinition, 'scales'>,
  dimension: SurveyDimension,
  locale: Locale,
): readonly Choice[] {
  const scale = resolveScale(survey, dimension.scale);
  if (!scale) return [];
  if (scale.type === 'numeric') {
    return Array.from({ length: scale.max - scale.min + 1 }, (_, index) => ({
      value: scale.min + index,
      label: String(scale.min + index),
    }));
  }
  // Best first, as residents read a rating scale; stored ids do not depend on display order.
  return [...scale.levels]
    .reverse()
    .map((level) => ({ value: level.id, label: pick(level.label, locale) ?? level.id }));
}

/** How many levels above the worst an answer is (0 for the worst); undefined for N/A or none. */
export function levelIndex(
  survey: Pick<SurveyDefinition, 'scales'>,
  dimension: SurveyDimension,
  answer: Answer | undefined,
): number | undefined {
  const scale = resolveScale(survey, dimension.scale);
  if (!scale || answer === undefined || answer === null || answer === NOT_APPLICABLE)
    return undefined;
  if (scale.type === 'numeric') return typeof answer === 'number' ? answer - scale.min : undefined;
  const index = scale.levels.findIndex((level) => level.id === answer);
  return index < 0 ? undefined : index;
}

/** DOM ids of a field and its parts; dimension ids are prefixed so that they cannot clash. */
export const fieldId = (id: string) => `f-${id}`;

interface FieldOptions {
  readonly id: string;
  readonly label: string;
  readonly optional?: string | undefined;
  readonly error?: string | undefined;
}

/** A field's label text with its "optional" mark. */
const labelText = (options: FieldOptions) =>
  html`${options.label}${options.optional ? html`<span class="optional">${options.optional}</span>` : nothing}`;

/** The message tied to a field that needs attention, by its id. */
const errorText = (options: FieldOptions) =>
  options.error
    ? html`<p part="error" class="error" id=${`${fieldId(options.id)}-error`}>${options.error}</p>`
    : nothing;

export interface ScaleFieldOptions extends FieldOptions {
  readonly choices: readonly Choice[];
  readonly selected: Answer | undefined;
  /** The label of "not applicable", when the dimension offers it. */
  readonly notApplicable?: string | undefined;
  readonly onSelect: (value: string | number) => void;
}

/** A radio group of levels; each level's accessible name is its label. */
export function scaleField(options: ScaleFieldOptions) {
  const id = fieldId(options.id);
  const radio = (value: string | number, label: string) => html`
    <label part="level" class="level">
      <input
        type="radio"
        name=${id}
        .checked=${options.selected === value}
        @change=${() => options.onSelect(value)}
      /><span>${label}</span>
    </label>
  `;
  return html`
    <div class="field" part="field">
      <p class="label" id=${`${id}-label`} part="label">${labelText(options)}</p>
      <div
        part="levels"
        class="levels"
        role="radiogroup"
        aria-labelledby=${`${id}-label`}
        aria-invalid=${options.error ? 'true' : 'false'}
        aria-describedby=${options.error ? `${id}-error` : nothing}
      >
        ${options.choices.map((choice) => radio(choice.value, choice.label))}
        ${options.notApplicable ? radio(NOT_APPLICABLE, options.notApplicable) : nothing}
      </div>
      ${errorText(options)}
    </div>
  `;
}

export interface SelectFieldOptions extends FieldOptions {
  readonly placeholder: string;
  readonly options: ReadonlyArray<{ readonly id: string; readonly label: string }>;
  readonly selected: string | undefined;
  readonly onChange: (value: string | undefined) => void;
}

export function selectField(options: SelectFieldOptions) {
  const id = fieldId(options.id);
  return html`
    <div class="field" part="field">
      <label class="label" for=${id} part="label">${labelText(options)}</label>
      <select
        id=${id}
        part="select"
        aria-invalid=${options.error ? 'true' : 'false'}
        aria-describedby=${options.error ? `${id}-error` : nothing}
        @change=${(event: Event) =>
          options.onChange((event.target as HTMLSelectElement).value || undefined)}
      >
        <option value="" ?selected=${!options.selected}>${options.placeholder}</option>
        ${options.options.map(
          (option) =>
            html`<option value=${option.id} ?selected=${options.selected === option.id}>${option.label}</option>`,
        )}
      </select>
      ${errorText(options)}
    </div>
  `;
}

export interface TextFieldOptions extends FieldOptions {
  readonly hint: string;
  readonly value: string;
  readonly maxLength: number;
  readonly onInput: (value: string) => void;
}

/** Free text, rendered only ever as text: Lit binds it as a value, never as markup. */
export function textField(options: TextFieldOptions) {
  const id = fieldId(options.id);
  const described = [`${id}-hint`, options.error ? `${id}-error` : ''].join(' ').trim();
  return html`
    <div class="field" part="field">
      <label class="label" for=${id} part="label">${labelText(options)}</label>
      <textarea
        id=${id}
        part="textarea"
        rows="3"
        maxlength=${options.maxLength}
        aria-invalid=${options.error ? 'true' : 'false'}
        aria-describedby=${described}
        .value=${options.value}
        @input=${(event: Event) => options.onInput((event.target as HTMLTextAreaElement).value)}
      ></textarea>
      <p class="hint" id=${`${id}-hint`}>${options.hint}</p>
      ${errorText(options)}
    </div>
  `;
}
