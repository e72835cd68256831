import { CasesElement } from '../internal/cases-element.js';

/**
 * Follow-up cases (差评整改) for evaluators: the cases that residents' bad ratings opened, counted
 * by status, filtered by status and overdue, each with the resident's answer, the official reply,
 * the resident's rating of it and the audit log, and the forms that assign, reply to and close
 * it. Reads and writes `{collector}/v1/cases` with an evaluator token that the evaluator types in
 * and that never appears in a URL.
 *
 * @summary The evaluator's follow-up cases.
 * @tagname minyi-cases
 *
 * @attr {string} survey - Only this survey's cases; every survey the token may see when absent.
 * @attr {string} subject - Only this subject's cases; every subject when absent.
 * @attr {string} collector - The collector's base URL; defaults to the script tag's `data-collector`.
 * @attr {number} page-size - Cases per page, 1–1000; "Load more cases" adds the next page. Default 50.
 * @attr {string} lang - The locale: zh-CN/zh-SG (简体), zh-TW/zh-HK/zh-MO (繁體) or en; inherited.
 *
 * @event minyi-cases-loaded - A page of cases arrived. `detail: { survey, subject, status, overdue,
 * cases, more, counts }`: the filters, how many cases are shown, whether there are more, and the
 * counts by status.
 * @event minyi-case-opened - A case was opened. `detail: { case }`, with its events.
 * @event minyi-case-changed - A case was assigned, replied to or closed. `detail: { action, case }`,
 * `action` being `assign`, `reply` or `close` and `case` the case as the collector answered.
 * @event minyi-cases-error - Something could not be loaded or done. `detail: { code, status,
 * message, request }`; codes `unauthorized`, `forbidden`, `not-found`, `bad-request`, `conflict`,
 * `server`, `network`, `invalid-response`, `not-configured`; `request` is `list`, `case`,
 * `assign`, `reply` or `close`.
 *
 * @csspart board - The whole view.
 * @csspart title - The heading.
 * @csspart token-form - The token prompt.
 * @csspart token - The token field.
 * @csspart submit - The button that sends the token.
 * @csspart sign-out - The button that forgets the token.
 * @csspart counts - The counts by status and of overdue cases.
 * @csspart controls - The status and overdue filters.
 * @csspart status - The live region that says what is loading or shown.
 * @csspart error - A message that says what went wrong and what to do.
 * @csspart table - The table of cases.
 * @csspart case-button - The button in each row that opens its case.
 * @csspart overdue - The "overdue" marker.
 * @csspart more - The button that loads the next page.
 * @csspart case - The open case.
 * @csspart case-status - The live region that says what happened to the open case.
 * @csspart answer - The resident's answer.
 * @csspart comment - The resident's comment, as text.
 * @csspart reply - The official reply.
 * @csspart rating - The resident's rating of the reply.
 * @csspart log - The case's audit log.
 * @csspart work - The forms that move the case along.
 * @csspart assign-form - The form that assigns the case.
 * @csspart assign - Its button.
 * @csspart reply-form - The form that replies.
 * @csspart reply-button - Its button.
 * @csspart close-form - The form that closes the case.
 * @csspart close - Its button.
 * @csspart back - The button that closes the case and returns to its row.
 *
 * @cssproperty --minyi-accent - Colour of buttons.
 * @cssproperty --minyi-on-accent - Text colour on the accent colour.
 * @cssproperty --minyi-text - Text colour.
 * @cssproperty --minyi-muted - Colour of secondary text.
 * @cssproperty --minyi-surface - Background colour.
 * @cssproperty --minyi-border - Border colour.
 * @cssproperty --minyi-radius - Corner radius.
 * @cssproperty --minyi-focus - Focus outline colour, also the tint of the open case's row.
 * @cssproperty --minyi-error - Colour of messages that need attention and of the overdue marker.
 * @cssproperty --minyi-font-family - Font family.
 * @cssproperty --minyi-font-size - Base font size.
 */
export class MinyiCases extends CasesElement {
  /** Marks the class as Minyi's, so that a second copy of the script recognises it. */
  static readonly minyiDashboard = true;
}

declare global {
  interface HTMLElementTagNameMap {
    'minyi-cases': MinyiCases;
  }
}
