export { MinyiConsultation } from './consultation/minyi-consultation.js';
export { defineElements, ELEMENTS } from './define.js';
export { MinyiEvaluation } from './evaluation/minyi-evaluation.js';
export { toLocale } from './internal/locale.js';
export { periodKey } from './internal/period.js';
export {
  configure,
  type DeliveredEventDetail,
  type ErrorEventDetail,
  flushAll,
  type MinyiConfig,
  pendingAll,
} from './internal/runtime.js';
export type { SubmissionState, SubmitEventDetail } from './internal/submission-controller.js';
export { MinyiReceipt } from './receipt/minyi-receipt.js';
export { MinyiSatisfaction } from './satisfaction/minyi-satisfaction.js';
export { VERSION } from './version.js';
