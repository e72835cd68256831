import type { Period } from '@minyi/schema';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The calendar period an instant falls in, in a time zone, as a stable key: `2026`,
 * `2026-Q4`, `2026-11`, `2026-W48` (ISO week) or `2026-11-27`. A device may answer once per
 * subject per key.
 */
export function periodKey(period: Period, at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
  }).formatToParts(at);
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value);
  const year = part('year');
  const month = part('month');
  const day = part('day');
  const pad = (value: number) => String(value).padStart(2, '0');
  switch (period) {
    case 'year':
      return String(year);
    case 'quarter':
      return `${year}-Q${Math.ceil(month / 3)}`;
    case 'month':
      return `${year}-${pad(month)}`;
    case 'day':
      return `${year}-${pad(month)}-${pad(day)}`;
    case 'week': {
      // ISO 8601: the week with the year's first Thursday is week 1.
      const date = new Date(Date.UTC(year, month - 1, day));
      const weekday = date.getUTCDay() || 7;
      date.setUTCDate(date.getUTCDate() + 4 - weekday);
      const weekYear = date.getUTCFullYear();
      const week = Math.ceil(((date.getTime() - Date.UTC(weekYear, 0, 1)) / 86_400_000 + 1) / 7);
      return `${weekYear}-W${pad(week)}`;
    }
  }
}
