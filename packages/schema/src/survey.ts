import * as z from 'zod/mini';
import { idSchema, localizedTextSchema } from './ids.js';
import { RESPONSE_KINDS } from './kinds.js';
import { BUILT_IN_SCALES, type Scale } from './scales.js';

const positive = (what = 'a positive number') =>
  z.number({ error: `expected ${what}` }).check(z.positive({ error: `expected ${what}` }));
const flag = () => z.optional(z.boolean({ error: 'expected true or false' }));

const customScaleSchema = z.union(
  [
    z.object({
      type: z.literal('ordinal'),
      levels: z
        .array(z.object({ id: idSchema, label: localizedTextSchema }))
        .check(
          z.minLength(2, { error: 'expected at least 2 levels' }),
          z.maxLength(11, { error: 'expected at most 11 levels' }),
        ),
      /** An explicit 0–100 value per level for scoring, worst to best. */
      scores: z.optional(z.array(z.number().check(z.gte(0), z.lte(100)))),
    }),
    z.object({
      type: z.literal('numeric'),
      min: z.int({ error: 'expected an integer' }),
      max: z.int({ error: 'expected an integer' }),
    }),
  ],
  { error: 'expected {"type":"ordinal","levels":[…]} or {"type":"numeric","min":…,"max":…}' },
);

const dimensionSchema = z.object({
  id: idSchema,
  label: localizedTextSchema,
  /** A built-in scale (hcp5, stars5, csat5, nps11, yesno) or a key of the survey's `scales`. */
  scale: idSchema,
  /** The dimension's weight in a respondent's score; weights need not sum to 1. Default 1. */
  weight: z.optional(positive()),
  /** Offer "not applicable" beside the levels. */
  notApplicable: flag(),
  /** Whether an answer is required to send. Default true. */
  required: flag(),
  /** How many of the best levels count as satisfied, for the satisfaction rate. Default 2. */
  topK: z.optional(z.int({ error: 'expected a positive integer' }).check(z.positive())),
  /** Report a net promoter score (only on a 0–10 scale). */
  nps: flag(),
});

const groupSchema = z.object({
  id: idSchema,
  label: localizedTextSchema,
  /** How much this group's answers weigh in scores (e.g. communities rating departments). */
  weight: z.optional(positive()),
  /** The group's share of the population, for post-stratification. */
  populationShare: z.optional(
    z
      .number({ error: 'expected a share from 0 to 1' })
      .check(
        z.gte(0, { error: 'expected a share from 0 to 1' }),
        z.lte(1, { error: 'expected a share from 0 to 1' }),
      ),
  ),
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
  type: z.optional(z.enum(SUBJECT_TYPES, { error: `expected one of ${SUBJECT_TYPES.join(', ')}` })),
});

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export const surveyDefinitionSchema = z
  .object({
    id: idSchema,
    version: z
      .int({ error: 'expected a positive integer' })
      .check(z.positive({ error: 'expected a positive integer' })),
    kind: z.enum(RESPONSE_KINDS, {
      error: 'expected one of "satisfaction", "evaluation", "consultation"',
    }),
    title: localizedTextSchema,
    description: z.optional(localizedTextSchema),
    scales: z.optional(z.record(idSchema, customScaleSchema)),
    dimensions: z
      .array(dimensionSchema, { error: 'expected an array of dimensions' })
      .check(
        z.minLength(1, { error: 'expected at least 1 dimension' }),
        z.maxLength(50, { error: 'expected at most 50 dimensions' }),
      ),
    /** Whether the widget asks who is answering. Default "no". */
    askGroup: z.optional(
      z.enum(['no', 'optional', 'required'], { error: 'expected "no", "optional" or "required"' }),
    ),
    /** The respondent groups; the "7+X" kinds and residents when omitted. */
    groups: z.optional(z.array(groupSchema)),
    /** The subjects that may be rated; any subject when omitted. */
    subjects: z.optional(z.array(subjectSchema)),
    comment: z.optional(
      z.object({
        enabled: z.boolean({ error: 'expected true or false' }),
        maxLength: z.optional(
          z
            .int({ error: 'expected an integer from 1 to 5000' })
            .check(
              z.positive({ error: 'expected an integer from 1 to 5000' }),
              z.lte(5000, { error: 'expected an integer from 1 to 5000' }),
            ),
        ),
        required: flag(),
        /**
         * Ask for a comment when the first dimension's answer is this many levels from the worst
         * or fewer (0: only the worst level).
         */
        requiredAtOrBelow: z.optional(z.int({ error: 'expected a level index' }).check(z.gte(0))),
      }),
    ),
    /** One answer per device and subject in each such period; no limit when omitted. */
    period: z.optional(z.enum(PERIODS, { error: `expected one of ${PERIODS.join(', ')}` })),
    /** The time zone that periods and scores are counted in. Default Asia/Shanghai. */
    timeZone: z.optional(z.string({ error: 'expected an IANA time zone name' })),
  })
  .check(
    z.superRefine((survey, ctx) => {
      survey.dimensions.forEach((dimension, index) => {
        const scale = resolveScale(survey, dimension.scale);
        if (!scale) {
          ctx.addIssue({
            code: 'custom',
            path: ['dimensions', index, 'scale'],
            message: `expected a built-in scale (${Object.keys(BUILT_IN_SCALES).join(', ')}) or a key of "scales"`,
            input: dimension.scale,
          });
        } else if (
          dimension.nps &&
          !(scale.type === 'numeric' && scale.min === 0 && scale.max === 10)
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['dimensions', index, 'nps'],
            message: 'expected nps only on a 0–10 scale',
            input: dimension.nps,
          });
        }
      });
      for (const [id, scale] of Object.entries(survey.scales ?? {})) {
        if (scale.type === 'numeric' && scale.max <= scale.min) {
          ctx.addIssue({
            code: 'custom',
            path: ['scales', id, 'max'],
            message: 'expected max above min',
            input: scale.max,
          });
        }
        if (
          scale.type === 'ordinal' &&
          scale.scores &&
          scale.scores.length !== scale.levels.length
        ) {
          ctx.addIssue({
            code: 'custom',
            path: ['scales', id, 'scores'],
            message: `expected ${scale.levels.length} scores, one per level`,
            input: scale.scores,
          });
        }
      }
      for (const [key, list] of [
        ['dimensions', survey.dimensions],
        ['groups', survey.groups ?? []],
        ['subjects', survey.subjects ?? []],
      ] as const) {
        const seen = new Set<string>();
        list.forEach((item, index) => {
          if (seen.has(item.id)) {
            ctx.addIssue({
              code: 'custom',
              path: [key, index, 'id'],
              message: `expected a unique id, "${item.id}" is repeated`,
              input: item.id,
            });
          }
          seen.add(item.id);
        });
      }
    }),
  );

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type SurveyDimension = SurveyDefinition['dimensions'][number];

export function resolveScale(
  survey: Pick<SurveyDefinition, 'scales'>,
  scaleId: string,
): Scale | undefined {
  const custom =
    survey.scales && Object.hasOwn(survey.scales, scaleId) ? survey.scales[scaleId] : undefined;
  if (custom) {
    return custom.type === 'ordinal'
      ? {
          type: 'ordinal',
          levels: custom.levels.map((level) => ({
            id: level.id,
            // Custom labels may omit locales; the display layer falls back across them.
            label: {
              'zh-Hans':
                level.label['zh-Hans'] ?? level.label['zh-Hant'] ?? level.label.en ?? level.id,
              'zh-Hant':
                level.label['zh-Hant'] ?? level.label['zh-Hans'] ?? level.label.en ?? level.id,
              en: level.label.en ?? level.label['zh-Hans'] ?? level.label['zh-Hant'] ?? level.id,
            },
          })),
        }
      : custom;
  }
  return Object.hasOwn(BUILT_IN_SCALES, scaleId)
    ? BUILT_IN_SCALES[scaleId as keyof typeof BUILT_IN_SCALES]
    : undefined;
}
