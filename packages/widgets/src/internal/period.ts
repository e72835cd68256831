import type { Period } from '@minyi/schema';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * The calendar period an instant falls in, in a time zone, as a stable key: `2026`,
 * `2026-Q4`, `2026-11`, `2026-W48` (ISO week) or `2026-11-27`. A device may answer once per
 * subject per key.
 */
export function periodKey(period: Period, at: Date, timeZone = DEFAULT_TIME_ZONE): string {
  // Swedish dates are written year-month-day: the calendar date in the zone, as digits.
  const [year, month, day] = at
    .toLocaleDateString('sv-SE', { timeZone })
    .split('-')
    .map(Number) as [number, number, number];
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
