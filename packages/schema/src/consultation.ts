import * as z from 'zod/mini';
import type { Locale } from './ids.js';
import { idSchema, localizedTextSchema } from './ids.js';

export const CONSULTATION_STATUSES = ['draft', 'open', 'closed', 'published'] as const;
export type ConsultationStatus = (typeof CONSULTATION_STATUSES)[number];

/** The dimension id a consultation response carries its chosen option under. */
export const POSITION_DIMENSION = 'position';

/** The options a topic offers when it names none. */
export const DEFAULT_POSITIONS: ReadonlyArray<{
  readonly id: string;
  readonly label: Readonly<Record<Locale, string>>;
}> = [
  { id: 'support', label: { 'zh-Hans': '支持', 'zh-Hant': '支持', en: 'Support' } },
  { id: 'oppose', label: { 'zh-Hans': '反对', 'zh-Hant': '反對', en: 'Oppose' } },
  { id: 'neutral', label: { 'zh-Hans': '中立', 'zh-Hant': '中立', en: 'Neutral' } },
];

const isoDateTime = z.string({ error: 'expected an ISO 8601 date-time string' }).check(
  z.refine((value) => !Number.isNaN(Date.parse(value)) && /T.*(Z|[+-]\d\d:\d\d)$/.test(value), {
    error: 'expected an ISO 8601 date-time with a time zone offset',
  }),
);

const countsSchema = z.record(idSchema, z.number({ error: 'expected a number' }).check(z.gte(0)));

/**
 * A topic under consultation (协商事项) and, once published, its outcome (公示). Responses to it
 * carry the topic's id and version as `survey` and `surveyVersion`, the kind `consultation`, and
 * the chosen option under `answers.position`.
 */
export const consultationTopicSchema = z.object({
  id: idSchema,
  version: z
    .int({ error: 'expected a positive integer' })
    .check(z.positive({ error: 'expected a positive integer' })),
  title: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  status: z.enum(CONSULTATION_STATUSES, {
    error: 'expected one of "draft", "open", "closed", "published"',
  }),
  opensAt: z.optional(isoDateTime),
  closesAt: z.optional(isoDateTime),
  /** The positions offered; support / oppose / neutral when omitted. */
  options: z.optional(
    z
      .array(z.object({ id: idSchema, label: localizedTextSchema }))
      .check(z.minLength(2, { error: 'expected at least 2 options' })),
  ),
  askGroup: z.optional(
    z.enum(['no', 'optional', 'required'], { error: 'expected "no", "optional" or "required"' }),
  ),
  groups: z.optional(
    z.array(
      z.object({
        id: idSchema,
        label: localizedTextSchema,
        weight: z.optional(z.number().check(z.positive({ error: 'expected a positive number' }))),
      }),
    ),
  ),
  comment: z.optional(
    z.object({
      maxLength: z.optional(z.int().check(z.positive(), z.lte(5000))),
      required: z.optional(z.boolean({ error: 'expected true or false' })),
    }),
  ),
  outcome: z.optional(
    z.object({
      text: localizedTextSchema,
      publishedAt: isoDateTime,
      tally: z.optional(
        z.object({
          /** Responses per option. */
          byOption: countsSchema,
          /** Per respondent group, responses per option. */
          byGroup: z.optional(z.record(idSchema, countsSchema)),
          /** Per option, weighted by the groups' weights; present when weights are used. */
          weighted: z.optional(countsSchema),
        }),
      ),
    }),
  ),
});

export type ConsultationTopic = z.infer<typeof consultationTopicSchema>;
