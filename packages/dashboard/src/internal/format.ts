import type { Locale } from '@minyi/schema';

const INTL_LOCALE: Record<Locale, string> = {
  'zh-Hans': 'zh-Hans-CN',
  'zh-Hant': 'zh-Hant-TW',
  en: 'en',
};

/** The figure shown where a value cannot be computed (no answers, a single answer's interval). */
export const NONE = '—';

/**
 * Numbers as evaluators read them in their locale: scores with one decimal, rates as percentages,
 * intervals as "78.4 (74.1–82.7)". Formatters are made once per locale: making them is the slow
 * part of `Intl`.
 */
export class Format {
  readonly intlLocale: string;
  private readonly decimal: Intl.NumberFormat;
  private readonly signed: Intl.NumberFormat;
  private readonly integer: Intl.NumberFormat;
  private readonly percentFormat: Intl.NumberFormat;
  private readonly wholePercent: Intl.NumberFormat;
  private readonly month: Intl.DateTimeFormat;
  private readonly day: Intl.DateTimeFormat;

  constructor(readonly locale: Locale) {
    this.intlLocale = INTL_LOCALE[locale];
    const one = { minimumFractionDigits: 1, maximumFractionDigits: 1 };
    this.decimal = new Intl.NumberFormat(this.intlLocale, one);
    this.signed = new Intl.NumberFormat(this.intlLocale, { ...one, signDisplay: 'exceptZero' });
    this.integer = new Intl.NumberFormat(this.intlLocale, { maximumFractionDigits: 0 });
    this.percentFormat = new Intl.NumberFormat(this.intlLocale, { ...one, style: 'percent' });
    this.wholePercent = new Intl.NumberFormat(this.intlLocale, {
      style: 'percent',
      maximumFractionDigits: 0,
    });
    this.month = new Intl.DateTimeFormat(this.intlLocale, {
      year: 'numeric',
      month: 'long',
      timeZone: 'UTC',
    });
    this.day = new Intl.DateTimeFormat(this.intlLocale, { dateStyle: 'long', timeZone: 'UTC' });
  }

  /** A 0–100 score, or an effective sample size: one decimal. */
  score(value: number | null | undefined): string {
    if (value === null || value === undefined) return NONE;
    // A bound such as −0.04 would read "-0.0"; a value that rounds to zero is shown as 0.
    const rounded = Number(value.toFixed(1));
    return this.decimal.format(rounded === 0 ? 0 : value);
  }

  /** NPS runs from −100 to 100; the sign says which side of zero at a glance. */
  nps(value: number | null | undefined): string {
    return value === null || value === undefined ? NONE : this.signed.format(value);
  }

  count(value: number | null | undefined): string {
    return value === null || value === undefined ? NONE : this.integer.format(value);
  }

  /** A proportion on 0–1 as a percentage. */
  percent(value: number | null | undefined): string {
    return value === null || value === undefined ? NONE : this.percentFormat.format(value);
  }

  /** A percentage without decimals, for axes and the labels inside bar segments (0–100 in). */
  wholePercentOf100(value: number): string {
    return this.wholePercent.format(value / 100);
  }

  /** "78.4 (74.1–82.7)"; the interval is left out when it cannot be computed. */
  interval(
    value: number | null | undefined,
    low: number | null | undefined,
    high: number | null | undefined,
    as: 'score' | 'percent' | 'nps' = 'score',
  ): string {
    const one = (x: number | null | undefined) =>
      as === 'percent' ? this.percent(x) : as === 'nps' ? this.nps(x) : this.score(x);
    if (value === null || value === undefined) return NONE;
    if (low === null || low === undefined || high === null || high === undefined) return one(value);
    // "−80.0–−60.0" reads as one number; spaces set the dash apart when a bound has a sign.
    const dash = one(low).match(/^[-+−]/) || one(high).match(/^[-+−]/) ? ' – ' : '–';
    return `${one(value)} (${one(low)}${dash}${one(high)})`;
  }

  /** A period key of the collector ("2026-11", "2026-Q4", "2026") in words. */
  period(
    key: string,
    words: {
      quarter: (year: string, quarter: string) => string;
      year: (year: string) => string;
    },
  ): string {
    const month = /^(\d{4})-(\d{2})$/.exec(key);
    if (month) {
      return this.month.format(new Date(Date.UTC(Number(month[1]), Number(month[2]) - 1, 1)));
    }
    const quarter = /^(\d{4})-Q([1-4])$/.exec(key);
    if (quarter) return words.quarter(quarter[1]!, quarter[2]!);
    return /^\d{4}$/.test(key) ? words.year(key) : key;
  }

  /** A calendar date "YYYY-MM-DD" in words. */
  date(iso: string): string {
    const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!match) return iso;
    return this.day.format(
      new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))),
    );
  }
}

const cache = new Map<Locale, Format>();

export function formatFor(locale: Locale): Format {
  let format = cache.get(locale);
  if (!format) {
    format = new Format(locale);
    cache.set(locale, format);
  }
  return format;
}
