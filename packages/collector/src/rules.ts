import {
  type Answer,
  DEFAULT_GROUPS,
  DEFAULT_POSITIONS,
  formatPath,
  NOT_APPLICABLE,
  POSITION_DIMENSION,
  type ResponseKind,
  resolveScale,
  type Scale,
  type SurveyDefinition,
  type SurveyResponse,
  type ValidationIssue,
} from '@minyi/schema';
import type { TopicContent, TopicState } from './topics.js';

/**
 * The checks of a response against the survey or consultation topic it names, one small pure
 * function per rule. Each returns the problems it finds as `path: message` issues, with paths
 * rooted at the response's place in the request (`responses[3]`).
 */

/** A survey's comment limit when it enables comments without naming one. */
export const DEFAULT_COMMENT_MAX_LENGTH = 500;
/** A consultation topic's comment limit when it names none: opinions run longer than ratings. */
export const DEFAULT_TOPIC_COMMENT_MAX_LENGTH = 2000;

type Issues = ValidationIssue[];

const issue = (root: string, path: readonly PropertyKey[], message: string): ValidationIssue => ({
  path: formatPath(path, root),
  message,
});

export function kindIssues(
  kind: ResponseKind,
  expected: ResponseKind,
  what: string,
  root = '',
): Issues {
  return kind === expected
    ? []
    : [issue(root, ['kind'], `expected "${expected}", the kind of ${what}`)];
}

/** Why an answer does not fit a scale, or `undefined` when it does. */
export function scaleValueProblem(
  value: Answer,
  scale: Scale,
  notApplicable: boolean,
): string | undefined {
  if (scale.type === 'ordinal') {
    if (typeof value === 'string' && scale.levels.some((level) => level.id === value)) {
      return undefined;
    }
    const ids = scale.levels.map((level) => level.id);
    return `expected one of ${[...ids, ...(notApplicable ? [NOT_APPLICABLE] : [])].join(', ')}`;
  }
  if (typeof value === 'number' && Number.isInteger(value)) {
    if (value >= scale.min && value <= scale.max) return undefined;
  }
  const range = `expected an integer from ${scale.min} to ${scale.max}`;
  return notApplicable ? `${range}, or ${NOT_APPLICABLE}` : range;
}

/**
 * Every answer key is a dimension; every required dimension (the default) is answered; `null`
 * (skipped) only where the dimension is optional; `"N/A"` only where offered; every other value
 * on the dimension's scale.
 */
export function answerIssues(
  answers: Readonly<Record<string, Answer>>,
  definition: SurveyDefinition,
  root = '',
): Issues {
  const issues: Issues = [];
  for (const key of Object.keys(answers)) {
    if (!definition.dimensions.some((dimension) => dimension.id === key)) {
      issues.push(
        issue(
          root,
          ['answers', key],
          `survey "${definition.id}" version ${definition.version} has no dimension "${key}"`,
        ),
      );
    }
  }
  for (const dimension of definition.dimensions) {
    const path = ['answers', dimension.id];
    const required = dimension.required ?? true;
    const value = Object.hasOwn(answers, dimension.id) ? answers[dimension.id] : undefined;
    if (value === undefined || value === null) {
      if (!required) continue;
      issues.push(
        issue(
          root,
          path,
          value === null
            ? 'an answer is required: null (skipped) is only allowed for optional dimensions'
            : 'an answer is required',
        ),
      );
      continue;
    }
    if (value === NOT_APPLICABLE) {
      if (!dimension.notApplicable) {
        issues.push(issue(root, path, `"${NOT_APPLICABLE}" is not offered for this dimension`));
      }
      continue;
    }
    const scale = resolveScale(definition, dimension.scale);
    const problem = scale
      ? scaleValueProblem(value, scale, dimension.notApplicable ?? false)
      : `the survey names an unknown scale "${dimension.scale}"`;
    if (problem) issues.push(issue(root, path, problem));
  }
  return issues;
}

export type AskGroup = 'no' | 'optional' | 'required';

/** The group must be one the survey offers, and is required when the survey says so. */
export function groupIssues(
  group: string | undefined,
  askGroup: AskGroup | undefined,
  groups: readonly { readonly id: string }[] | undefined,
  root = '',
): Issues {
  if (group === undefined) {
    return askGroup === 'required'
      ? [issue(root, ['group'], 'a respondent group is required')]
      : [];
  }
  const offered = (groups && groups.length > 0 ? groups : DEFAULT_GROUPS).map((g) => g.id);
  return offered.includes(group) ? [] : [issue(root, ['group'], expectedOneOf(offered))];
}

/** When a survey lists its subjects, only those may be rated. */
export function subjectIssues(
  subject: string,
  subjects: readonly { readonly id: string }[] | undefined,
  root = '',
): Issues {
  if (!subjects || subjects.length === 0) return [];
  if (subjects.some((s) => s.id === subject)) return [];
  return [issue(root, ['subject'], expectedOneOf(subjects.map((s) => s.id)))];
}

export interface CommentRule {
  readonly enabled: boolean;
  readonly maxLength: number;
}

/**
 * The widgets' defaults, so that the collector takes exactly what they offer: a survey without
 * a `comment` object takes no comment when it is a satisfaction rating (one click, nothing to
 * write) and up to 500 characters when it is an evaluation (or a consultation-kind survey). One
 * that enables comments without a limit gets 500 too.
 */
export function surveyCommentRule(
  comment: SurveyDefinition['comment'],
  kind: SurveyDefinition['kind'] = 'evaluation',
): CommentRule {
  if (!comment) return { enabled: kind !== 'satisfaction', maxLength: DEFAULT_COMMENT_MAX_LENGTH };
  return { enabled: comment.enabled, maxLength: comment.maxLength ?? DEFAULT_COMMENT_MAX_LENGTH };
}

export function commentIssues(comment: string | undefined, rule: CommentRule, root = ''): Issues {
  if (comment === undefined) return [];
  if (!rule.enabled) return [issue(root, ['comment'], 'this survey takes no comments')];
  return comment.length > rule.maxLength
    ? [issue(root, ['comment'], `expected at most ${rule.maxLength} characters`)]
    : [];
}

/** Every rule of a survey definition, for a response that names one of its versions. */
export function surveyRuleIssues(
  response: SurveyResponse,
  definition: SurveyDefinition,
  root = '',
): Issues {
  return [
    ...kindIssues(response.kind, definition.kind, `survey "${definition.id}"`, root),
    ...answerIssues(response.answers, definition, root),
    ...groupIssues(response.group, definition.askGroup, definition.groups, root),
    ...subjectIssues(response.subject, definition.subjects, root),
    ...commentIssues(
      response.comment,
      surveyCommentRule(definition.comment, definition.kind),
      root,
    ),
  ];
}

/** A consultation response carries one answer, the position, among the topic's options. */
export function positionIssues(
  answers: Readonly<Record<string, Answer>>,
  topic: Pick<TopicContent, 'id' | 'options'>,
  root = '',
): Issues {
  const issues: Issues = [];
  for (const key of Object.keys(answers)) {
    if (key !== POSITION_DIMENSION) {
      issues.push(
        issue(
          root,
          ['answers', key],
          `consultation "${topic.id}" asks only for "${POSITION_DIMENSION}"`,
        ),
      );
    }
  }
  const offered = (topic.options ?? DEFAULT_POSITIONS).map((option) => option.id);
  const value = Object.hasOwn(answers, POSITION_DIMENSION) ? answers[POSITION_DIMENSION] : null;
  if (value === null || value === undefined) {
    issues.push(issue(root, ['answers', POSITION_DIMENSION], 'an answer is required'));
  } else if (typeof value !== 'string' || !offered.includes(value)) {
    issues.push(issue(root, ['answers', POSITION_DIMENSION], expectedOneOf(offered)));
  }
  return issues;
}

/**
 * Whether a topic takes answers at `nowMs`: open, and inside its window. The window is the current
 * version's, so that an edit that extends the deadline applies to answers to older versions too.
 */
export function topicClosedProblem(
  state: Pick<TopicState, 'status'>,
  window: Pick<TopicContent, 'opensAt' | 'closesAt'>,
  nowMs: number,
): string | undefined {
  const notOpen = 'the consultation is not open';
  if (state.status === 'draft') return `${notOpen}: it has not been opened yet`;
  if (state.status !== 'open') return `${notOpen}: it is ${state.status}`;
  if (window.opensAt && nowMs < Date.parse(window.opensAt)) {
    return `${notOpen}: it opens at ${window.opensAt}`;
  }
  if (window.closesAt && nowMs >= Date.parse(window.closesAt)) {
    return `${notOpen}: it closed at ${window.closesAt}`;
  }
  return undefined;
}

/**
 * Every rule of a consultation topic: the version named gives the options, groups and comment
 * limit; the topic's current state and window decide whether it takes answers at all.
 */
export function topicRuleIssues(
  response: SurveyResponse,
  version: TopicContent,
  state: TopicState,
  current: Pick<TopicContent, 'opensAt' | 'closesAt'>,
  nowMs: number,
  root = '',
): Issues {
  const closed = topicClosedProblem(state, current, nowMs);
  if (closed) return [issue(root, ['survey'], closed)];
  return [
    ...kindIssues(response.kind, 'consultation', `consultation "${version.id}"`, root),
    ...positionIssues(response.answers, version, root),
    ...groupIssues(response.group, version.askGroup, version.groups, root),
    ...commentIssues(
      response.comment,
      {
        enabled: true,
        maxLength: version.comment?.maxLength ?? DEFAULT_TOPIC_COMMENT_MAX_LENGTH,
      },
      root,
    ),
  ];
}

function expectedOneOf(ids: readonly string[]): string {
  return `expected one of ${ids.join(', ')}`;
}
