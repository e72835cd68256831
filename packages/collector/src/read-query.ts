import { ID_PATTERN, type ValidationIssue } from '@minyi/schema';
import type { ReadQuery } from './tokens.js';

export const READ_FORMATS = ['json', 'ndjson', 'csv'] as const;
export type ReadFormat = (typeof READ_FORMATS)[number];

const DATE_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A bare date is a day in China Standard Time, the zone of the portals this serves (Asia/Shanghai
 * has had no daylight saving time since 1991, so the offset is fixed).
 */
const DATE_OFFSET = '+08:00';

/** `from`/`to` as milliseconds since the epoch, or `undefined` when not a date or date-time. */
export function parseInstant(value: string): number | undefined {
  const text = DATE.test(value) ? `${value}T00:00:00${DATE_OFFSET}` : value;
  if (!DATE_TIME.test(text)) return undefined;
  const ms = Date.parse(text);
  return Number.isNaN(ms) ? undefined : ms;
}

export type ParsedReadQuery =
  | { readonly ok: true; readonly query: ReadQuery; readonly format: ReadFormat }
  | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

/**
 * The query string of the evaluator reads. Unknown or repeated parameters are refused rather than
 * ignored: a misspelt filter that silently matched everything would mislead whoever reads it.
 */
export function parseReadQuery(
  raw: Readonly<Record<string, unknown>>,
  allowFormat: boolean,
): ParsedReadQuery {
  const known = allowFormat
    ? ['survey', 'subject', 'from', 'to', 'format']
    : ['survey', 'subject', 'from', 'to'];
  const issues: ValidationIssue[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!known.includes(name)) {
      issues.push({ path: name, message: `unknown parameter; expected ${known.join(', ')}` });
    } else if (typeof value !== 'string') {
      issues.push({ path: name, message: 'expected the parameter once' });
    } else {
      values[name] = value;
    }
  }
  const query: { -readonly [K in keyof ReadQuery]: ReadQuery[K] } = {};
  if (values.survey !== undefined) {
    if (ID_PATTERN.test(values.survey)) query.survey = values.survey;
    else issues.push({ path: 'survey', message: 'expected a survey id' });
  }
  if (values.subject !== undefined) {
    const { subject } = values;
    if (subject.length >= 1 && subject.length <= 500 && !subject.includes('\u0000')) {
      query.subject = subject;
    } else {
      issues.push({ path: 'subject', message: 'expected a subject of 1 to 500 characters' });
    }
  }
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value === undefined) continue;
    const ms = parseInstant(value);
    if (ms === undefined) {
      issues.push({
        path: name,
        message:
          'expected a date (2026-03-01, China Standard Time) or an ISO 8601 date-time with an offset',
      });
    } else {
      query[name] = ms;
    }
  }
  if (query.from !== undefined && query.to !== undefined && query.to <= query.from) {
    issues.push({ path: 'to', message: 'expected a time after "from"' });
  }
  const format = values.format ?? 'json';
  if (!(READ_FORMATS as readonly string[]).includes(format)) {
    issues.push({ path: 'format', message: `expected one of ${READ_FORMATS.join(', ')}` });
  }
  return issues.length > 0
    ? { ok: false, issues }
    : { ok: true, query, format: format as ReadFormat };
}
