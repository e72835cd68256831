/**
 * The evaluator's elements (`<minyi-scoreboard>` on chart.js, `<minyi-cases>`), loaded only by
 * evaluator pages, so that nothing of them reaches the resident-facing script. Importing this module
 * registers nothing, not even chart.js's parts: `defineElements()` registers the elements, and
 * chart.js's parts are registered when the first chart is drawn.
 */
export { MinyiCases } from './cases/minyi-cases.js';
export { defineElements, ELEMENTS } from './define.js';
export { type LoadError, type LoadErrorCode, type ScoresQuery, scoresUrl } from './internal/api.js';
export {
  type CaseMove,
  type CasesError,
  type CasesErrorCode,
  type CasesQuery,
  casesUrl,
  caseUrl,
  checkCase,
  checkCaseList,
} from './internal/cases-api.js';
export type {
  CaseChangedEventDetail,
  CaseOpenedEventDetail,
  CasesErrorEventDetail,
  CasesLoadedEventDetail,
} from './internal/cases-element.js';
export { setDefaultCollector } from './internal/config.js';
export { CSV_BOM, csvCell, toCsv } from './internal/csv.js';
export { toLocale } from './internal/locale.js';
export type {
  LoadedEventDetail,
  RenderedEventDetail,
  ScoreboardErrorEventDetail,
} from './internal/scoreboard-element.js';
export type {
  Cell,
  Granularity,
  LocalizedText,
  ScoresResponse,
} from './internal/scores.js';
export { checkScores } from './internal/scores.js';
export {
  type RankingRow,
  type RankStatus,
  rankingRows,
  rankText,
  trendOf,
} from './internal/shape.js';
export { MinyiScoreboard } from './scoreboard/minyi-scoreboard.js';
export { VERSION } from './version.js';
