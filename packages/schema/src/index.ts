export {
  CONSULTATION_STATUSES,
  type ConsultationStatus,
  type ConsultationTopic,
  consultationTopicSchema,
  DEFAULT_POSITIONS,
  POSITION_DIMENSION,
} from './consultation.js';
export {
  envelopeSchema,
  MAX_BATCH_RESPONSES,
  RESULT_STATUSES,
  type ResponseEnvelope,
  type ResponseResult,
  type ResponseResults,
  type ResultStatus,
  resultSchema,
  resultsSchema,
} from './envelope.js';
export { DEFAULT_GROUPS, type GroupPreset } from './groups.js';
export {
  ID_PATTERN,
  idSchema,
  LOCALES,
  type Locale,
  type LocalizedText,
  localizedTextSchema,
} from './ids.js';
export { check, formatPath, toValidationIssues, type ValidationIssue } from './issues.js';
export {
  CASE_STATUSES,
  type CaseStatus,
  RESPONSE_KINDS,
  type ResponseKind,
} from './kinds.js';
export { pickText, toLocale } from './locale.js';
export { type ReceiptView, receiptViewSchema } from './receipt.js';
export {
  type Answer,
  answerSchema,
  isPageUrl,
  localeSchema,
  MAX_ANSWERS,
  MAX_COMMENT_LENGTH,
  responseSchema,
  type SurveyResponse,
} from './response.js';
export {
  BUILT_IN_SCALES,
  type BuiltInScaleId,
  HCP5,
  NOT_APPLICABLE,
  type NumericScale,
  type OrdinalScale,
  type Scale,
  type ScaleLevel,
  YESNO,
} from './scales.js';
export { DEFAULT_PLACEHOLDER, isResidentId, type ScrubResult, scrub } from './scrub.js';
export {
  PERIODS,
  type Period,
  resolveScale,
  SUBJECT_TYPES,
  type SurveyDefinition,
  type SurveyDimension,
  surveyConsistencyIssues,
  surveyDefinitionSchema,
} from './survey.js';
export {
  CASE_ACTIONS,
  CASE_COUNT_KEYS,
  type CaseAction,
  type CaseEvent,
  type CaseList,
  caseEventSchema,
  caseListSchema,
  DEFAULT_WORKING_DAYS,
  type FollowUpCase,
  type FollowUpPolicy,
  followUpCaseSchema,
  followUpSchema,
  REPLY_RATING_SURVEY,
  replyRatingSubject,
} from './survey-follow-up.js';
