import * as z from 'zod/mini';

/**
 * Identifiers of surveys, dimensions, levels, groups and subjects travel in URLs, CSV headers and
 * SQL, so they are kept to a conservative alphabet. Display text lives in localized labels.
 */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._:-]{0,99}$/;

/**
 * The definitions residents' browsers validate check scalars with `z.custom` predicates rather
 * than zod's string and number types with their checks: the messages are as clear, and the
 * resident's script is more than a kilobyte smaller. zod still walks the structure and names the
 * path of every problem.
 */
export const scalar = <T>(test: (value: unknown) => boolean, error: string) =>
  z.custom<T>(test, { error });

export const idSchema = scalar<string>(
  (value) => typeof value === 'string' && ID_PATTERN.test(value),
  'expected an identifier of 1–100 letters, digits, ".", "_", ":" or "-"',
);

export const LOCALES = ['zh-Hans', 'zh-Hant', 'en'] as const;
export type Locale = (typeof LOCALES)[number];

/** One of a fixed list of strings, keeping the literal type for TypeScript. */
export const oneOf = <const T extends readonly string[]>(
  values: T,
  error = expectedOneOf(values),
) => scalar<T[number]>((value) => typeof value === 'string' && values.includes(value), error);

export function expectedOneOf(values: readonly string[]): string {
  return `expected one of ${values.map((value) => `"${value}"`).join(', ')}`;
}

export const stringOf = (
  maxLength: number,
  error = `expected a string of at most ${maxLength} characters`,
) => scalar<string>((value) => typeof value === 'string' && value.length <= maxLength, error);

const text = () => z.optional(stringOf(2000));

/** Text given per locale. At least one locale is required; the widget falls back across them. */
export const localizedTextSchema = z
  .object({ 'zh-Hans': text(), 'zh-Hant': text(), en: text() })
  .check(
    z.refine((value) => Boolean(value['zh-Hans'] || value['zh-Hant'] || value.en), {
      error: 'expected text in at least one of "zh-Hans", "zh-Hant", "en"',
    }),
  );

/** A number within bounds. */
export const numberIn = (
  min: number,
  max: number,
  error: string,
  { integer = false, aboveMin = false } = {},
) =>
  scalar<number>(
    (value) =>
      typeof value === 'number' &&
      (aboveMin ? value > min : value >= min) &&
      value <= max &&
      (!integer || Number.isSafeInteger(value)),
    error,
  );

export const flagSchema = scalar<boolean>(
  (value) => typeof value === 'boolean',
  'expected true or false',
);

export const integer = (error = 'expected an integer') =>
  numberIn(-Infinity, Infinity, error, { integer: true });

export const positiveInteger = (error = 'expected a positive integer') =>
  numberIn(0, Infinity, error, { integer: true, aboveMin: true });

/**
 * A list of `item`s, each checked by `item` and named by its index (`dimensions[2].scale`). It is
 * walked by hand rather than with `z.array`, whose machinery would add half a kilobyte to the
 * resident's script.
 */
export const list = <T extends z.ZodMiniType>(item: T, min: number, max: number, what: string) =>
  scalar<z.infer<T>[]>((value) => Array.isArray(value), `expected an array of ${what}`).check(
    z.superRefine((value: unknown[], ctx) => {
      const issue = (message: string, path: PropertyKey[] = []) =>
        ctx.addIssue({ code: 'custom', message, path, input: value });
      if (value.length < min) issue(`expected at least ${min} ${what}`);
      if (value.length > max) issue(`expected at most ${max} ${what}`);
      value.forEach((element, index) => {
        const result = item.safeParse(element);
        if (!result.success) {
          for (const problem of result.error.issues)
            issue(problem.message, [index, ...problem.path]);
        }
      });
    }),
  );

export type LocalizedText = z.infer<typeof localizedTextSchema>;
