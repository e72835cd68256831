import * as z from 'zod/mini';
import type { Locale } from './ids.js';
import {
  flagSchema,
  idSchema,
  list,
  localizedTextSchema,
  numberIn,
  oneOf,
  positiveInteger,
  scalar,
} from './ids.js';

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

const isoDateTime = scalar<string>(
  (value) =>
    typeof value === 'string' &&
    /T.*(Z|[+-]\d\d:\d\d)$/.test(value) &&
    !Number.isNaN(Date.parse(value)),
  'expected an ISO 8601 date-time with a time zone offset',
);

const isCounts = (value: unknown): boolean =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.values(value).every((count) => typeof count === 'number' && count >= 0);

/** Counts by option or group id; the widget only shows them. */
const countsSchema = scalar<Record<string, number>>(
  isCounts,
  'expected an object of counts of at least 0',
);

/**
 * A topic under consultation (协商事项) and, once published, its outcome (公示). Responses to it
 * carry the topic's id and version as `survey` and `surveyVersion`, the kind `consultation`, and
 * the chosen option under `answers.position`.
 */
export const consultationTopicSchema = z.object({
  id: idSchema,
  version: positiveInteger(),
  title: localizedTextSchema,
  description: z.optional(localizedTextSchema),
  status: oneOf(CONSULTATION_STATUSES),
  opensAt: z.optional(isoDateTime),
  closesAt: z.optional(isoDateTime),
  /** The positions offered; support / oppose / neutral when omitted. */
  options: z.optional(
    list(z.object({ id: idSchema, label: localizedTextSchema }), 2, 20, 'options'),
  ),
  askGroup: z.optional(oneOf(['no', 'optional', 'required'])),
  groups: z.optional(
    list(
      z.object({
        id: idSchema,
        label: localizedTextSchema,
        weight: z.optional(numberIn(0, Infinity, 'expected a positive number', { aboveMin: true })),
      }),
      0,
      50,
      'groups',
    ),
  ),
  comment: z.optional(
    z.object({
      maxLength: z.optional(
        numberIn(1, 5000, 'expected an integer from 1 to 5000', { integer: true }),
      ),
      required: z.optional(flagSchema),
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
          byGroup: z.optional(
            scalar<Record<string, Record<string, number>>>(
              (value) =>
                typeof value === 'object' && value !== null && Object.values(value).every(isCounts),
              'expected an object of counts per group',
            ),
          ),
          /** Per option, weighted by the groups' weights; present when weights are used. */
          weighted: z.optional(countsSchema),
        }),
      ),
    }),
  ),
});

export type ConsultationTopic = z.infer<typeof consultationTopicSchema>;
