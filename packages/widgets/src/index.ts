export { defineElements, ELEMENTS } from './define.js';
export { toLocale } from './internal/locale.js';
export {
  configure,
  type DeliveredEventDetail,
  type ErrorEventDetail,
  flushAll,
  type MinyiConfig,
  pendingAll,
} from './internal/runtime.js';
export type { SubmissionState, SubmitEventDetail } from './internal/submission-controller.js';
export { MinyiSatisfaction } from './satisfaction/minyi-satisfaction.js';
export { VERSION } from './version.js';
