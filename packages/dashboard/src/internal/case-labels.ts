import {
  type FollowUpCase,
  HCP5,
  type Locale,
  resolveScale,
  type SurveyDefinition,
  YESNO,
} from '@minyi/schema';
import type { CasesMessages } from './cases-messages.js';
import { pick } from './locale.js';

/**
 * Names for the ids a case carries, from its survey's definition when it could be read, else
 * from the built-in scales, else the ids themselves: an evaluator always sees what was answered.
 */
export interface CaseLabeller {
  subject(survey: string, id: string): string;
  survey(id: string): string;
  dimension(survey: string, id: string): string;
  answer(survey: string, dimension: string, value: unknown): string;
  reasons(item: FollowUpCase): string;
}

export function caseLabeller(
  definitions: ReadonlyMap<string, SurveyDefinition | undefined>,
  locale: Locale,
  messages: CasesMessages,
): CaseLabeller {
  const colon = locale === 'en' ? ': ' : '：';
  const dimensionOf = (survey: string, id: string) =>
    definitions.get(survey)?.dimensions.find((dimension) => dimension.id === id);
  const labeller: CaseLabeller = {
    subject: (survey, id) =>
      pick(
        definitions.get(survey)?.subjects?.find((subject) => subject.id === id)?.label,
        locale,
      ) ?? id,
    survey: (id) => pick(definitions.get(id)?.title, locale) ?? id,
    dimension: (survey, id) => pick(dimensionOf(survey, id)?.label, locale) ?? id,
    answer(survey, dimension, value) {
      if (value === 'N/A') return messages.notApplicable;
      if (value === null || value === undefined) return messages.skipped;
      const definition = definitions.get(survey);
      const own = dimensionOf(survey, dimension);
      const scale = definition && own ? resolveScale(definition, own.scale) : undefined;
      const levels = scale?.type === 'ordinal' ? [scale.levels] : [HCP5.levels, YESNO.levels];
      for (const list of levels) {
        const level = list.find((candidate) => candidate.id === value);
        if (level) return pick(level.label, locale) ?? level.id;
      }
      return typeof value === 'string' || typeof value === 'number'
        ? String(value)
        : JSON.stringify(value);
    },
    reasons: (item) =>
      item.reasons
        .map((reason) =>
          reason.type === 'comment' || reason.dimension === undefined
            ? messages.reasonComment
            : `${labeller.dimension(item.survey, reason.dimension)}${colon}${labeller.answer(
                item.survey,
                reason.dimension,
                reason.answer,
              )}`,
        )
        .join(locale === 'en' ? '; ' : '；'),
  };
  return labeller;
}
