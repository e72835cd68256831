import * as z from 'zod/mini';
import {
  flagSchema,
  idSchema,
  integer,
  list,
  localizedTextSchema,
  numberIn,
  oneOf,
  positiveInteger,
  stringOf,
} from './ids.js';
import type { ValidationIssue } from './issues.js';
import { RESPONSE_KINDS } from './kinds.js';
import { BUILT_IN_SCALES, type Scale } from './scales.js';

const positive = () => numberIn(0, Infinity, 'expected a positive number', { aboveMin: true });
const flag = () => z.optional(flagSchema);

const customScaleSchema = z
  .object({
    id: idSchema,
    type: oneOf(['ordinal', 'numeric']),
    /** Ordinal: the levels, worst to best. */
    levels: z.optional(
      list(z.object({ id: idSchema, label: localizedTextSchema }), 2, 11, 'levels'),
    ),
    /** Ordinal: an explicit 0–100 value per level for scoring, worst to best. */
    scores: z.optional(list(numberIn(0, 100, 'expected a number from 0 to 100'), 2, 11, 'scores')),
    /** Numeric: the lowest and highest integer. */
    min: z.optional(integer()),
    max: z.optional(integer()),
  })
  .check(
    z.superRefine((scale, ctx) => {
      const issue = (path: string, message: string) =>
        ctx.addIssue({ code: 'custom', path: [path], message, input: scale });
      if (scale.type === 'ordinal' && !scale.levels)
        issue('levels', 'expected the levels of an ordinal scale');
      if (scale.type === 'numeric') {
        if (scale.min === undefined) issue('min', 'expected the lowest value of a numeric scale');
        if (scale.max === undefined) issue('max', 'expected the highest value of a numeric scale');
        else if (scale.min !== undefined && scale.max <= scale.min)
          issue('max', 'expected max above min');
      }
      if (scale.levels && scale.scores && scale.scores.length !== scale.levels.length) {
        issue('scores', `expected ${scale.levels.length} scores, one per level`);
      }
    }),
  );

const dimensionSchema = z.object({
  id: idSchema,
  label: localizedTextSchema,
  /** A built-in scale (hcp5, stars5, csat5, nps11, yesno) or the id of one of the survey's `scales`. */
  scale: idSchema,
  /** The dimension's weight in a respondent's score; weights need not sum to 1. Default 1. */
  weight: z.optional(positive()),
  /** Offer "not applicable" beside the levels. */
  notApplicable: flag(),
  /** Whether an answer is required to send. Default true. */
  required: flag(),
  /** How many of the best levels count as satisfied, for the satisfaction rate. Default 2. */
  topK: z.optional(positiveInteger()),
  /** Report a net promoter score (only on a 0–10 scale). */
  nps: flag(),
});

const groupSchema = z.object({
  id: idSchema,
  label: localizedTextSchema,
  /** How much this group's answers weigh in scores (e.g. communities rating departments). */
  weight: z.optional(positive()),
  /** The group's share of the population, for post-stratification. */
  populationShare: z.optional(numberIn(0, 1, 'expected a share from 0 to 1')),
});

export const SUBJECT_TYPES = [
  'department',
  'township',
  'service-hall',
  'social-organisation',
  'page',
  'other',
] as const;

const subjectSchema = z.object({
  id: idSchema,
  label: localizedTextSchema,
  type: z.optional(oneOf(SUBJECT_TYPES)),
});

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const surveyDefinitionSchema = z
  .object({
    id: idSchema,
    version: positiveInteger(),
    kind: oneOf(RESPONSE_KINDS),
    title: localizedTextSchema,
    description: z.optional(localizedTextSchema),
    /** Scales of the survey's own, e.g. custom ordinal labels; dimensions name them by id. */
    scales: z.optional(list(customScaleSchema, 0, 20, 'scales')),
    dimensions: list(dimensionSchema, 1, 50, 'dimensions'),
    /** Whether the widget asks who is answering. Default "no". */
    askGroup: z.optional(oneOf(['no', 'optional', 'required'])),
    /** The respondent groups; the "7+X" kinds and residents when omitted. */
    groups: z.optional(list(groupSchema, 0, 50, 'groups')),
    /** The subjects that may be rated; any subject when omitted. */
    subjects: z.optional(list(subjectSchema, 0, 1000, 'subjects')),
    comment: z.optional(
      z.object({
        enabled: flagSchema,
        maxLength: z.optional(
          numberIn(1, 5000, 'expected an integer from 1 to 5000', { integer: true }),
        ),
        required: flag(),
        /**
         * Ask for a comment when the first dimension's answer is this many levels from the worst
         * or fewer (0: only the worst level).
         */
        requiredAtOrBelow: z.optional(
          numberIn(0, 10, 'expected a level index from 0 to 10', { integer: true }),
        ),
      }),
    ),
    /** One answer per device and subject in each such period; no limit when omitted. */
    period: z.optional(oneOf(PERIODS)),
    /** The time zone that periods and scores are counted in. Default Asia/Shanghai. */
    timeZone: z.optional(stringOf(64, 'expected an IANA time zone name')),
  })
  .check(
    // A widget needs every dimension's scale to render it.
    z.superRefine((survey, ctx) => {
      survey.dimensions.forEach((dimension, index) => {
        if (!resolveScale(survey, dimension.scale)) {
          ctx.addIssue({
            code: 'custom',
            path: ['dimensions', index, 'scale'],
            message: `expected a built-in scale (${Object.keys(BUILT_IN_SCALES).join(', ')}) or the id of one of "scales"`,
            input: dimension.scale,
          });
        }
      });
    }),
  );

/**
 * Rules a definition must also meet before a collector stores it: ids unique within each list,
 * and NPS only on a 0–10 scale. Kept out of `surveyDefinitionSchema` because a widget renders a
 * definition correctly without them, and every byte of that schema goes to every resident.
 */
export function surveyConsistencyIssues(survey: SurveyDefinition): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  survey.dimensions.forEach((dimension, index) => {
    const scale = resolveScale(survey, dimension.scale);
    if (dimension.nps && !(scale?.type === 'numeric' && scale.min === 0 && scale.max === 10)) {
      issues.push({
        path: `dimensions[${index}].nps`,
        message: 'expected nps only on a 0–10 scale',
      });
    }
  });
  for (const [key, items] of [
    ['scales', survey.scales ?? []],
    ['dimensions', survey.dimensions],
    ['groups', survey.groups ?? []],
    ['subjects', survey.subjects ?? []],
  ] as const) {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.id)) {
        issues.push({
          path: `${key}[${index}].id`,
          message: `expected a unique id, "${item.id}" is repeated`,
        });
      }
      seen.add(item.id);
    });
  }
  return issues;
}

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type SurveyDimension = SurveyDefinition['dimensions'][number];

/** `Object.hasOwn`, which phones older than Safari 15.4 lack. */
const hasOwn = (object: object, key: string) =>
  // biome-ignore lint/suspicious/noPrototypeBuiltins: Object.hasOwn is missing on older phones.
  Object.prototype.hasOwnProperty.call(object, key);

export function resolveScale(
  survey: Pick<SurveyDefinition, 'scales'>,
  scaleId: string,
): Scale | undefined {
  const custom = survey.scales?.find((scale) => scale.id === scaleId);
  if (custom?.type === 'ordinal' && custom.levels)
    return { type: 'ordinal', levels: custom.levels };
  if (custom?.type === 'numeric' && custom.min !== undefined && custom.max !== undefined) {
    return { type: 'numeric', min: custom.min, max: custom.max };
  }
  if (custom) return undefined;
  return hasOwn(BUILT_IN_SCALES, scaleId)
    ? BUILT_IN_SCALES[scaleId as keyof typeof BUILT_IN_SCALES]
    : undefined;
}
