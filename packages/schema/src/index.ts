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
export {
  ID_PATTERN,
  idSchema,
  LOCALES,
  type Locale,
  type LocalizedText,
  localeSchema,
  localizedTextSchema,
} from './ids.js';
export { check, formatPath, toValidationIssues, type ValidationIssue } from './issues.js';
export {
  type Answer,
  answerSchema,
  isPageUrl,
  MAX_ANSWERS,
  MAX_COMMENT_LENGTH,
  RESPONSE_KINDS,
  type ResponseKind,
  responseSchema,
  type SurveyResponse,
} from './response.js';
export {
  BUILT_IN_SCALES,
  type BuiltInScaleId,
  HCP5,
  type NumericScale,
  NOT_APPLICABLE,
  type OrdinalScale,
  type Scale,
  type ScaleLevel,
  YESNO,
} from './scales.js';
export {
  resolveScale,
  type SurveyDefinition,
  type SurveyDimension,
  surveyDefinitionSchema,
} from './survey.js';
