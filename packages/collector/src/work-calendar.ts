import { readFileSync } from 'node:fs';
import type { ValidationIssue } from '@minyi/schema';
import { isCalendarDate } from './periods.js';

/**
 * Which days count as working days for follow-up deadlines. Monday to Friday by default; the
 * State Council publishes each year's public holidays (国庆, 春节, …) and the weekend days worked
 * in exchange (调休), which a collector is given as a calendar file.
 */
export interface WorkCalendar {
  /** Weekdays that are not worked. */
  readonly holidays: ReadonlySet<string>;
  /** Saturdays and Sundays that are worked. */
  readonly workdays: ReadonlySet<string>;
}

export const WEEKDAYS_ONLY: WorkCalendar = { holidays: new Set(), workdays: new Set() };

/** `date` is `YYYY-MM-DD`, a calendar day in the survey's time zone. */
export function isWorkingDay(date: string, calendar: WorkCalendar): boolean {
  if (calendar.workdays.has(date)) return true;
  if (calendar.holidays.has(date)) return false;
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const weekday = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/**
 * A calendar as written in a file: `{"holidays": ["2026-10-01", …], "workdays": ["2026-09-27"]}`,
 * both lists optional. A day in both lists is refused rather than guessed.
 */
export function parseWorkCalendar(
  value: unknown,
): { ok: true; calendar: WorkCalendar } | { ok: false; issues: ValidationIssue[] } {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    return {
      ok: false,
      issues: [{ path: '', message: 'expected an object with "holidays" and "workdays"' }],
    };
  }
  const issues: ValidationIssue[] = [];
  const lists: Record<'holidays' | 'workdays', Set<string>> = {
    holidays: new Set(),
    workdays: new Set(),
  };
  for (const [key, list] of Object.entries(value)) {
    if (key !== 'holidays' && key !== 'workdays') {
      issues.push({ path: key, message: 'unknown field; expected "holidays" or "workdays"' });
      continue;
    }
    if (!Array.isArray(list)) {
      issues.push({ path: key, message: 'expected a list of dates YYYY-MM-DD' });
      continue;
    }
    list.forEach((date: unknown, index) => {
      if (typeof date === 'string' && isCalendarDate(date)) lists[key].add(date);
      else issues.push({ path: `${key}[${index}]`, message: 'expected a date YYYY-MM-DD' });
    });
  }
  for (const date of lists.workdays) {
    if (lists.holidays.has(date)) {
      issues.push({ path: 'workdays', message: `${date} is also listed as a holiday` });
    }
  }
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, calendar: { holidays: lists.holidays, workdays: lists.workdays } };
}

/** Reads a calendar file; the error names the file and every problem in it. */
export function readWorkCalendar(file: string): WorkCalendar {
  let value: unknown;
  try {
    value = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`cannot read the calendar ${file}: ${(error as Error).message}`);
  }
  const parsed = parseWorkCalendar(value);
  if (!parsed.ok) {
    const problems = parsed.issues.map((issue) => `${issue.path || '(file)'}: ${issue.message}`);
    throw new Error(`the calendar ${file} is not valid: ${problems.join('; ')}`);
  }
  return parsed.calendar;
}
