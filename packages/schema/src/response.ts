import * as z from 'zod/mini';
import { idSchema, LOCALES, oneOf } from './ids.js';
import { RESPONSE_KINDS } from './kinds.js';

export const MAX_COMMENT_LENGTH = 5000;
export const MAX_ANSWERS = 100;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
// RFC 3339 date-time with a mandatory offset: a timestamp without one is ambiguous across the
// collector's time zone and the resident's.
const ISO_DATE_TIME =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d{1,9})?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/**
 * A page address as the widget records it: absolute http(s), without query or fragment, which
 * may carry personal data (search terms, tokens) that a satisfaction record has no need for.
 */
export function isPageUrl(value: string): boolean {
  if (value.includes('?') || value.includes('#')) return false;
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || url.protocol === 'http:';
  } catch {
    return false;
  }
}

/** The language the resident saw: one of the SDK's locales. */
export const localeSchema = oneOf(LOCALES);

export const answerSchema = z.union(
  [z.null(), z.int(), z.string().check(z.regex(/^(N\/A|[A-Za-z0-9][A-Za-z0-9._:-]{0,99})$/))],
  { error: 'expected a level id, an integer, "N/A" or null' },
);
export type Answer = z.infer<typeof answerSchema>;

export const responseSchema = z.looseObject({
  id: z
    .string({ error: 'expected a UUID string' })
    .check(z.regex(UUID, { error: 'expected a UUID' })),
  survey: idSchema,
  surveyVersion: z
    .int({ error: 'expected a positive integer' })
    .check(z.positive({ error: 'expected a positive integer' })),
  kind: z.enum(RESPONSE_KINDS, {
    error: 'expected one of "satisfaction", "evaluation", "consultation"',
  }),
  subject: z
    .string({ error: 'expected a string' })
    .check(
      z.minLength(1, { error: 'expected a non-empty string' }),
      z.maxLength(500, { error: 'expected at most 500 characters' }),
    ),
  group: z.optional(idSchema),
  answers: z
    .record(idSchema, answerSchema, { error: 'expected an object of dimension id → answer' })
    .check(
      z.refine((value) => Object.keys(value).length >= 1, {
        error: 'expected at least 1 answer',
      }),
      z.refine((value) => Object.keys(value).length <= MAX_ANSWERS, {
        error: `expected at most ${MAX_ANSWERS} answers`,
      }),
    ),
  comment: z.optional(
    z.string({ error: 'expected a string' }).check(
      z.maxLength(MAX_COMMENT_LENGTH, {
        error: `expected at most ${MAX_COMMENT_LENGTH} characters`,
      }),
    ),
  ),
  locale: localeSchema,
  page: z
    .string({ error: 'expected a URL string' })
    .check(
      z.maxLength(2048, { error: 'expected at most 2048 characters' }),
      z.refine(isPageUrl, { error: 'expected an absolute http(s) URL without query or fragment' }),
    ),
  createdAt: z
    .string({ error: 'expected an ISO 8601 date-time string' })
    .check(
      z.regex(ISO_DATE_TIME, { error: 'expected an ISO 8601 date-time with a time zone offset' }),
    ),
  sdk: z
    .string({ error: 'expected a version string' })
    .check(
      z.minLength(1, { error: 'expected a non-empty string' }),
      z.maxLength(64, { error: 'expected at most 64 characters' }),
    ),
});

/** One resident's answer, exactly as the browser made it and the collector stores it. */
export type SurveyResponse = z.infer<typeof responseSchema>;
