import { createHash } from 'node:crypto';
import type { Period } from '@minyi/schema';

export const DEFAULT_TIME_ZONE = 'Asia/Shanghai';

/**
 * Answers queued offline reach the collector late; the outbox gives up after 30 days. A
 * `createdAt` further back than that, or in the future, is not what a real device sends, so it
 * cannot pick the period: otherwise a device could back-date answers into any number of past
 * periods and answer as often as it likes.
 */
export const MAX_QUEUE_AGE_MS = 31 * 24 * 60 * 60 * 1000;
const MAX_CLOCK_SKEW_MS = 10 * 60 * 1000;

/** The instant whose period an answer counts in: its `createdAt`, within plausible bounds. */
export function periodInstant(createdAtMs: number, receivedAtMs: number): number {
  if (!Number.isFinite(createdAtMs)) return receivedAtMs;
  if (createdAtMs > receivedAtMs + MAX_CLOCK_SKEW_MS) return receivedAtMs;
  if (createdAtMs < receivedAtMs - MAX_QUEUE_AGE_MS) return receivedAtMs;
  return createdAtMs;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/** Whether the runtime knows the IANA time zone name. */
export function isTimeZone(name: string): boolean {
  try {
    formatterFor(name);
    return true;
  } catch {
    return false;
  }
}

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
    });
    // Only valid names get here, so the map is bounded by the zones surveys name.
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/**
 * The calendar period an instant falls in, in a time zone, as a stable key: `2026`, `2026-Q4`,
 * `2026-11`, `2026-W48` (ISO week) or `2026-11-27`. The widgets compute the same keys on the
 * device, so that the collector's cap and the device's "already answered" note agree.
 */
export function periodKey(period: Period, atMs: number, timeZone = DEFAULT_TIME_ZONE): string {
  let formatter: Intl.DateTimeFormat;
  try {
    formatter = formatterFor(timeZone);
  } catch {
    // A definition stored with a zone this runtime does not know still gets a cap.
    formatter = formatterFor(DEFAULT_TIME_ZONE);
  }
  const parts = formatter.formatToParts(new Date(atMs));
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

/**
 * What the database keeps to enforce "one answer per device, subject and period": a hash, so
 * that the stored value neither reveals the device key nor links one device's answers across
 * subjects or periods.
 */
export function capKey(survey: string, subject: string, device: string, period: string): string {
  return createHash('sha256')
    .update(`${survey}\u0000${subject}\u0000${device}\u0000${period}`)
    .digest('base64url');
}

/** The envelope's optional device key: made once by the browser and kept on the device. */
export const DEVICE_KEY_PATTERN = /^[A-Za-z0-9_-]{8,64}$/;

const offsetFormatters = new Map<string, Intl.DateTimeFormat>();

/** The zone's offset from UTC at an instant, in milliseconds (east positive). */
function zoneOffsetMs(atMs: number, timeZone: string): number {
  let formatter = offsetFormatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    offsetFormatters.set(timeZone, formatter);
  }
  const parts = formatter.formatToParts(new Date(atMs));
  const part = (type: string) => Number(parts.find((item) => item.type === type)?.value);
  const wall = Date.UTC(
    part('year'),
    part('month') - 1,
    part('day'),
    part('hour'),
    part('minute'),
    part('second'),
  );
  return wall - Math.floor(atMs / 1000) * 1000;
}

/**
 * The instant a calendar day (`2026-11-03`) begins in a time zone. Two passes settle the offset
 * on either side of a daylight-saving change; a day that begins inside a gap starts at the gap's
 * end.
 */
export function startOfDay(date: string, timeZone = DEFAULT_TIME_ZONE): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const wall = Date.UTC(year, month - 1, day);
  let instant = wall - zoneOffsetMs(wall, timeZone);
  instant = wall - zoneOffsetMs(instant, timeZone);
  return instant;
}

/** The calendar day after `date` (`2026-02-28` → `2026-03-01`). */
export function nextDay(date: string): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
}

/** A real calendar date written `YYYY-MM-DD`. */
export function isCalendarDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const [year, month, day] = value.split('-').map(Number) as [number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day));
  return (
    date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day
  );
}
