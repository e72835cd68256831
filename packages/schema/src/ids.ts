import * as z from 'zod/mini';

/**
 * Identifiers of surveys, dimensions, levels, groups and subjects travel in URLs, CSV headers and
 * SQL, so they are kept to a conservative alphabet. Display text lives in localized labels.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

export const idSchema = z.string({ error: 'expected a string identifier' }).check(
  z.regex(ID_PATTERN, {
    error: 'expected an identifier of 1–100 letters, digits, ".", "_", ":" or "-"',
  }),
);

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

export const localeSchema = z.enum(LOCALES, {
  error: 'expected one of "zh-Hans", "zh-Hant", "en"',
});

/** Text given per locale. At least one locale is required; the widget falls back across them. */
export const localizedTextSchema = z
  .partialRecord(localeSchema, z.string({ error: 'expected a string' }).check(z.maxLength(2000)))
  .check(
    z.refine((value) => Object.keys(value).length > 0, {
      error: 'expected text in at least one of "zh-Hans", "zh-Hant", "en"',
    }),
  );
export type LocalizedText = z.infer<typeof localizedTextSchema>;
