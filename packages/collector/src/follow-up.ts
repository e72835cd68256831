import { randomInt } from 'node:crypto';
import {
  type CaseStatus,
  DEFAULT_WORKING_DAYS,
  type FollowUpPolicy,
  REPLY_RATING_SURVEY,
  resolveScale,
  type SurveyDefinition,
  type SurveyResponse,
} from '@minyi/schema';
import { DEFAULT_TIME_ZONE, nextDay, periodKey, startOfDay } from './periods.js';
import { RECEIPT_ALPHABET } from './receipt.js';
import { isWorkingDay, WEEKDAYS_ONLY, type WorkCalendar } from './work-calendar.js';

/**
 * Follow-up of bad ratings (差评整改): when an answer opens a case, by when it must be answered,
 * and when a case is overdue, as pure functions of the definition, the answer, the calendar and
 * the clock; and the ids cases get.
 */

/** A definition as the collector stores it: the widgets' fields and the collector's own. */
export type CollectorSurvey = SurveyDefinition & { readonly followUp?: FollowUpPolicy };

export type CaseReason =
  | { readonly type: 'rating'; readonly dimension: string; readonly answer: string | number }
  | { readonly type: 'comment' };

/** Why this answer opens a case; empty when it does not. */
export function followUpReasons(survey: CollectorSurvey, response: SurveyResponse): CaseReason[] {
  const policy = survey.followUp ?? {};
  if (policy.enabled === false || survey.kind === 'consultation') return [];
  // Ratings of a reply are recorded on the case they rate; they open none of their own.
  if (survey.id === REPLY_RATING_SURVEY) return [];
  const reasons: CaseReason[] = [];
  for (const dimension of survey.dimensions) {
    const answer = response.answers[dimension.id];
    if (answer === undefined || answer === null || answer === 'N/A') continue;
    const scale = resolveScale(survey, dimension.scale);
    if (!scale) continue;
    const index =
      scale.type === 'ordinal'
        ? scale.levels.findIndex((level) => level.id === answer)
        : typeof answer === 'number'
          ? answer - scale.min
          : -1;
    if (index < 0) continue;
    const span = scale.type === 'ordinal' ? scale.levels.length - 1 : scale.max - scale.min;
    // The lowest quarter: the two lowest of five levels, 0–2 of 0–10, "no" of yes/no.
    const threshold = policy.atOrBelow ?? Math.floor(span / 4);
    if (index <= threshold) reasons.push({ type: 'rating', dimension: dimension.id, answer });
  }
  if (policy.comments === true && typeof response.comment === 'string' && response.comment.trim()) {
    reasons.push({ type: 'comment' });
  }
  return reasons;
}

export function workingDaysOf(survey: CollectorSurvey): number {
  return survey.followUp?.workingDays ?? DEFAULT_WORKING_DAYS;
}

/**
 * The end of the `workingDays`-th working day after the day of `receivedMs`, as an instant, in
 * the survey's time zone: Monday to Friday, unless the calendar says otherwise (public holidays,
 * weekend days worked in exchange). A case opened on Friday evening with one working day is due
 * at the end of Monday.
 */
export function followUpDeadline(
  receivedMs: number,
  workingDays: number,
  timeZone = DEFAULT_TIME_ZONE,
  calendar: WorkCalendar = WEEKDAYS_ONLY,
): number {
  const received = periodKey('day', receivedMs, timeZone);
  const key = `${timeZone}\u0000${workingDays}\u0000${received}`;
  let deadlines = deadlinesBy.get(calendar);
  if (!deadlines) {
    deadlines = new Map();
    deadlinesBy.set(calendar, deadlines);
  }
  let deadline = deadlines.get(key);
  if (deadline === undefined) {
    let day = received;
    let counted = 0;
    while (counted < workingDays) {
      day = nextDay(day);
      if (isWorkingDay(day, calendar)) counted++;
    }
    deadline = startOfDay(nextDay(day), timeZone);
    // Bounded: a day's answers all share one entry per survey policy.
    if (deadlines.size >= 256) deadlines.clear();
    deadlines.set(key, deadline);
  }
  return deadline;
}

/**
 * Deadlines by calendar, then by time zone, working days and day received. Counting the days
 * costs more than storing the answer that opens the case, and every answer of a day has the same
 * deadline.
 */
const deadlinesBy = new WeakMap<WorkCalendar, Map<string, number>>();

/** The escalation flag: past the deadline without a reply. */
export function isOverdue(status: CaseStatus, deadlineMs: number, nowMs: number): boolean {
  return (status === 'open' || status === 'assigned') && nowMs >= deadlineMs;
}

const CASE_ID_SYMBOLS = 16;
export const CASE_ID_PATTERN = new RegExp(
  `^c[${RECEIPT_ALPHABET.toLowerCase()}]{${CASE_ID_SYMBOLS}}$`,
);

/**
 * `c` and 16 symbols from the CSPRNG (about 79 bits). The id is what a rating of the reply names,
 * so it must not be guessable: only the receipt that shows it lets a resident rate the reply.
 */
export function newCaseId(): string {
  const alphabet = RECEIPT_ALPHABET.toLowerCase();
  let id = 'c';
  for (let i = 0; i < CASE_ID_SYMBOLS; i++) id += alphabet[randomInt(alphabet.length)];
  return id;
}

/** Which moves each status allows, and where they lead. */
export const CASE_MOVES = {
  assign: { from: ['open', 'assigned'], to: 'assigned' },
  reply: { from: ['open', 'assigned'], to: 'replied' },
  close: { from: ['replied'], to: 'closed' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

export type CaseMove = keyof typeof CASE_MOVES;

/** Why `move` is not allowed from `status`, or `undefined` when it is. */
export function caseMoveProblem(
  id: string,
  status: CaseStatus,
  move: CaseMove,
): string | undefined {
  const allowed: readonly CaseStatus[] = CASE_MOVES[move].from;
  if (allowed.includes(status)) return undefined;
  const which = allowed.map((from) => `${/^[aeiou]/.test(from) ? 'an' : 'a'} ${from}`).join(' or ');
  const verb = { assign: 'assigned', reply: 'replied to', close: 'closed' }[move];
  return `case "${id}" is ${status}; only ${which} case can be ${verb}`;
}
