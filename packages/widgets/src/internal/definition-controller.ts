import {
  check,
  type Locale,
  type LocalizedText,
  resolveScale,
  type SurveyDefinition,
  surveyDefinitionSchema,
} from '@minyi/schema';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { surveyUrl } from './runtime.js';

/** Text in the wanted locale, else the other Chinese script, else whatever is there. */
export function pick(text: LocalizedText | undefined, locale: Locale): string | undefined {
  if (!text) return undefined;
  const order: Locale[] =
    locale === 'en'
      ? ['en', 'zh-Hans', 'zh-Hant']
      : [locale, locale === 'zh-Hans' ? 'zh-Hant' : 'zh-Hans', 'en'];
  for (const candidate of order) {
    const value = text[candidate];
    if (value) return value;
  }
  return undefined;
}

export interface Choice {
  /** What the response stores: the level id, or the number on a numeric scale. */
  readonly value: string | number;
  readonly label: string;
}

export function choicesFor(
  survey: SurveyDefinition,
  dimensionIndex: number,
  locale: Locale,
): readonly Choice[] {
  const dimension = survey.dimensions[dimensionIndex];
  const scale = dimension && resolveScale(survey, dimension.scale);
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
    .map((level) => ({ value: level.id, label: level.label[locale] }));
}

type Host = ReactiveControllerHost & HTMLElement;

/**
 * The survey definition an element renders: fetched from the collector, validated, and replaced
 * by `fallback` until it arrives or when the collector cannot be reached.
 */
export class DefinitionController implements ReactiveController {
  definition: SurveyDefinition;
  /** A problem for the web team, naming the field, when the collector's definition is invalid. */
  error: string | undefined;
  private loadedFrom: string | undefined;

  constructor(
    private readonly host: Host,
    private readonly fallback: () => SurveyDefinition,
  ) {
    this.definition = fallback();
    host.addController(this);
  }

  hostConnected(): void {}

  /** Loads the definition once per (collector, survey) pair. */
  load(collector: string, survey: string): void {
    const url = surveyUrl(collector, survey);
    if (url === this.loadedFrom) return;
    this.loadedFrom = url;
    this.definition = this.fallback();
    void this.fetchDefinition(url);
  }

  private async fetchDefinition(url: string): Promise<void> {
    let json: unknown;
    try {
      const response = await fetch(url, { credentials: 'omit' });
      if (!response.ok) return;
      json = await response.json();
    } catch {
      return;
    }
    if (url !== this.loadedFrom) return;
    const result = check(surveyDefinitionSchema, json);
    if (result.ok) {
      this.definition = result.value;
      this.error = undefined;
    } else {
      this.error = result.issues.map((issue) => `${issue.path}: ${issue.message}`).join('; ');
      console.error(`[minyi] ${url}: ${this.error}`);
    }
    this.host.requestUpdate();
  }
}
