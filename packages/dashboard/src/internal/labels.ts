import { DEFAULT_GROUPS, type Locale } from '@minyi/schema';
import type { Format } from './format.js';
import { pick } from './locale.js';
import type { Messages } from './messages.js';
import type { ScoresResponse } from './scores.js';

/** Display names for the ids of one answer, in one locale. */
export interface Labeller {
  subject(id: string): string;
  dimension(id: string): string;
  group(id: string): string;
  /** The levels' names, worst to best; numbers where the collector sent none. */
  levels(dimension: string, count: number): string[];
  period(key: string): string;
  date(iso: string): string;
}

export function labeller(
  data: Pick<ScoresResponse, 'labels'>,
  locale: Locale,
  format: Format,
  messages: Messages,
): Labeller {
  const { labels } = data;
  return {
    subject: (id) => pick(labels.subjects[id], locale) ?? id,
    dimension: (id) => pick(labels.dimensions[id], locale) ?? id,
    group: (id) =>
      pick(labels.groups[id], locale) ??
      DEFAULT_GROUPS.find((group) => group.id === id)?.label[locale] ??
      id,
    levels: (dimension, count) => {
      const given = labels.levels[dimension] ?? [];
      return Array.from(
        { length: Math.max(count, given.length) },
        (_, index) => pick(given[index]?.label, locale) ?? given[index]?.id ?? String(index + 1),
      );
    },
    period: (key) => format.period(key, messages),
    date: (iso) => format.date(iso),
  };
}
