import { ScoreboardElement } from '../internal/scoreboard-element.js';

/**
 * Weighted satisfaction scores for evaluators: a ranking of subjects with intervals, each
 * subject's dimensions, satisfaction rates, respondent groups, trend and answers by level, every
 * chart also as a table, with CSV and PNG exports. Reads `GET {collector}/v1/scores` with an
 * evaluator token that the evaluator types in and that never appears in a URL.
 *
 * @summary The evaluator's scoreboard.
 * @tagname minyi-scoreboard
 *
 * @attr {string} survey - The survey id, as the collector knows it. Default `department-evaluation`.
 * @attr {string} collector - The collector's base URL; defaults to the script tag's `data-collector`.
 * @attr {'month' | 'quarter' | 'year'} period - How answers are grouped into periods. Default `month`.
 * @attr {string} from - The first day counted (`YYYY-MM-DD`); opens the custom range.
 * @attr {string} to - The last day counted (`YYYY-MM-DD`); opens the custom range.
 * @attr {boolean} poststratify - Start with post-stratification on.
 * @attr {string} lang - The locale: zh-CN/zh-SG (简体), zh-TW/zh-HK/zh-MO (繁體) or en; inherited.
 *
 * @event minyi-loaded - Scores arrived. `detail: { survey, period, from, to, poststratify, cells }`.
 * @event minyi-rendered - The charts of newly loaded scores are drawn. `detail: { charts }`.
 * @event minyi-scores-error - Scores could not be shown. `detail: { code, status, message }`; codes
 * `unauthorized`, `forbidden`, `not-found`, `bad-request`, `server`, `network`, `invalid-response`,
 * `not-configured`.
 *
 * @csspart board - The whole scoreboard.
 * @csspart title - The survey's title.
 * @csspart token-form - The token prompt.
 * @csspart token - The token field.
 * @csspart submit - The button that sends the token.
 * @csspart sign-out - The button that forgets the token.
 * @csspart controls - The period, range, post-stratification and view controls.
 * @csspart table-toggle - The button that shows every chart as a table.
 * @csspart status - The live region that says what is loading or loaded.
 * @csspart error - A message that says what went wrong and what to do.
 * @csspart figure - One chart with its table and downloads.
 * @csspart download - A CSV or PNG download button.
 * @csspart detail - The selected subject's detail.
 *
 * @cssproperty --minyi-accent - Colour of buttons and chosen options.
 * @cssproperty --minyi-on-accent - Text colour on the accent colour.
 * @cssproperty --minyi-text - Text colour, also of chart labels and whiskers.
 * @cssproperty --minyi-muted - Colour of secondary text.
 * @cssproperty --minyi-surface - Background colour, also of the charts and their PNG exports.
 * @cssproperty --minyi-border - Border colour.
 * @cssproperty --minyi-radius - Corner radius.
 * @cssproperty --minyi-focus - Focus outline colour.
 * @cssproperty --minyi-error - Colour of messages that need attention.
 * @cssproperty --minyi-font-family - Font family, also of the charts.
 * @cssproperty --minyi-font-size - Base font size.
 * @cssproperty --minyi-chart-bar - Colour of score bars and of the first trend line.
 * @cssproperty --minyi-chart-muted - Hatching of estimates from too few responses.
 * @cssproperty --minyi-chart-compare - Colour of the compared subject's trend line.
 * @cssproperty --minyi-chart-grid - Colour of chart grid lines.
 */
export class MinyiScoreboard extends ScoreboardElement {
  /** Marks the class as Minyi's, so that a second copy of the script recognises it. */
  static readonly minyiDashboard = true;
}

declare global {
  interface HTMLElementTagNameMap {
    'minyi-scoreboard': MinyiScoreboard;
  }
}
