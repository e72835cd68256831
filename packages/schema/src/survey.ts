import * as z from 'zod/mini';
import { idSchema, localizedTextSchema } from './ids.js';
import { RESPONSE_KINDS } from './response.js';
import { BUILT_IN_SCALES, type Scale } from './scales.js';

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
  weight: z.optional(
    z.number({ error: 'expected a positive number' }).check(
      z.positive({ error: 'expected a positive number' }),
    ),
  ),
  notApplicable: z.optional(z.boolean({ error: 'expected true or false' })),
  required: z.optional(z.boolean({ error: 'expected true or false' })),
});

const labelledSchema = z.object({ id: idSchema, label: localizedTextSchema });

export const surveyDefinitionSchema = z
  .object({
    id: idSchema,
    version: z.int({ error: 'expected a positive integer' }).check(
      z.positive({ error: 'expected a positive integer' }),
    ),
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
    groups: z.optional(z.array(labelledSchema)),
    subjects: z.optional(z.array(labelledSchema)),
    comment: z.optional(
      z.object({
        enabled: z.boolean({ error: 'expected true or false' }),
        maxLength: z.optional(z.int().check(z.positive(), z.lte(5000))),
      }),
    ),
  })
  .check(
    z.superRefine((survey, ctx) => {
      survey.dimensions.forEach((dimension, index) => {
        if (!resolveScale(survey, dimension.scale)) {
          ctx.addIssue({
            code: 'custom',
            path: ['dimensions', index, 'scale'],
            message: `expected a built-in scale (${Object.keys(BUILT_IN_SCALES).join(', ')}) or a key of "scales"`,
            input: dimension.scale,
          });
        }
      });
    }),
  );

export type SurveyDefinition = z.infer<typeof surveyDefinitionSchema>;
export type SurveyDimension = SurveyDefinition['dimensions'][number];

export function resolveScale(
  survey: Pick<SurveyDefinition, 'scales'>,
  scaleId: string,
): Scale | undefined {
  const custom = survey.scales?.[scaleId];
  if (custom) {
    return custom.type === 'ordinal'
      ? {
          type: 'ordinal',
          levels: custom.levels.map((level) => ({
            id: level.id,
            // Custom labels may omit locales; the display layer falls back across them.
            label: {
              'zh-Hans': level.label['zh-Hans'] ?? level.label['zh-Hant'] ?? level.label.en ?? level.id,
              'zh-Hant': level.label['zh-Hant'] ?? level.label['zh-Hans'] ?? level.label.en ?? level.id,
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
