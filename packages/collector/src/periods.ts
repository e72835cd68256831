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
