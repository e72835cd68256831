import {
  DEFAULT_GROUPS,
  type LocalizedText,
  NOT_APPLICABLE,
  resolveScale,
  type SurveyDefinition,
  type SurveyResponse,
} from '@minyi/schema';
import {
  type CellOutput,
  type GroupSpec,
  type Scale,
  ScoringAccumulator,
  type ScoringConfig,
} from '@minyi/scoring';

/** The reporting periods of `GET /v1/scores`. */
export const SCORE_PERIODS = ['month', 'quarter', 'year'] as const;
export type ScorePeriod = (typeof SCORE_PERIODS)[number];

/**
 * The group a response without one counts under: satisfaction ratings seldom ask who answers.
 * It weighs 1 and has no population share, so post-stratification refuses surveys that have such
 * responses rather than inventing a share.
 */
export const NO_GROUP = 'unspecified';

export interface ScoresOptions {
  readonly period: ScorePeriod;
  readonly poststratify: boolean;
  readonly from: string | null;
  readonly to: string | null;
  /** The period a response's `createdAt` falls in, in the survey's time zone. */
  readonly periodOf: (createdAt: string) => string;
}

export interface ScoresView {
  readonly survey: { id: string; version: number; title: LocalizedText; timeZone: string };
  readonly period: ScorePeriod;
  readonly from: string | null;
  readonly to: string | null;
  readonly labels: {
    subjects: Record<string, LocalizedText>;
    dimensions: Record<string, LocalizedText>;
    groups: Record<string, LocalizedText>;
    levels: Record<string, Array<{ id: string; label: LocalizedText }>>;
  };
  readonly options: { poststratify: boolean; confidence_level: number; low_n_threshold: number };
  readonly z: number;
  readonly cells: CellOutput[];
  /** Unweighted counts of answered levels, worst to best, by period, subject and dimension. */
  readonly distributions: Record<string, Record<string, Record<string, number[]>>>;
}

const CONFIDENCE_LEVEL = 0.95;
const LOW_N_THRESHOLD = 30;

/** The scoring specification's input for a survey: its scales, weighted dimensions and groups. */
export function scoringConfig(definition: SurveyDefinition, poststratify: boolean): ScoringConfig {
  const scales: Record<string, Scale> = {};
  for (const dimension of definition.dimensions) {
    const scale = resolveScale(definition, dimension.scale);
    if (!scale || scales[dimension.scale]) continue;
    const custom = definition.scales?.find((item) => item.id === dimension.scale);
    scales[dimension.scale] =
      scale.type === 'ordinal'
        ? {
            type: 'ordinal',
            // Level ids, worst to best, are what responses carry.
            levels: scale.levels.map((level) => level.id),
            ...(custom?.scores ? { scores: [...custom.scores] } : {}),
          }
        : { type: 'numeric', min: scale.min, max: scale.max };
  }
  const groups: GroupSpec[] = surveyGroups(definition).map((group) => ({
    id: group.id,
    weight: group.weight ?? 1,
    ...(group.populationShare === undefined ? {} : { population_share: group.populationShare }),
  }));
  groups.push({ id: NO_GROUP, weight: 1 });
  return {
    scales,
    dimensions: definition.dimensions.map((dimension) => ({
      id: dimension.id,
      scale: dimension.scale,
      weight: dimension.weight ?? 1,
      ...(dimension.topK === undefined ? {} : { top_k: dimension.topK }),
      ...(dimension.nps ? { nps: true } : {}),
    })),
    groups,
    options: { poststratify, confidence_level: CONFIDENCE_LEVEL, low_n_threshold: LOW_N_THRESHOLD },
  };
}

function surveyGroups(definition: SurveyDefinition) {
  return definition.groups?.length
    ? definition.groups
    : DEFAULT_GROUPS.map((group) => ({
        id: group.id,
        label: group.label,
        weight: undefined,
        populationShare: undefined,
      }));
}

/**
 * Scores a survey's stored responses. They must arrive grouped by subject, in the order they were
 * created (as storage streams them): each (subject, period) cell is then contiguous, and only one
 * cell at a time is held in memory, however many responses there are.
 */
export async function scoreSurvey(
  definition: SurveyDefinition,
  responses: AsyncIterable<SurveyResponse> | Iterable<SurveyResponse>,
  options: ScoresOptions,
): Promise<ScoresView> {
  const config = scoringConfig(definition, options.poststratify);
  const known = new Set((config.groups ?? []).map((group) => group.id));
  const accumulator = new ScoringAccumulator(config);
  const distributions: ScoresView['distributions'] = {};
  const levelIds = Object.fromEntries(
    definition.dimensions.map((dimension) => {
      const scale = resolveScale(definition, dimension.scale);
      const ids =
        scale?.type === 'ordinal'
          ? scale.levels.map((level) => level.id)
          : scale
            ? Array.from({ length: scale.max - scale.min + 1 }, (_, index) => scale.min + index)
            : [];
      return [dimension.id, ids as Array<string | number>];
    }),
  );

  for await (const response of responses) {
    const period = options.periodOf(response.createdAt);
    const group = response.group && known.has(response.group) ? response.group : NO_GROUP;
    const answers: Record<string, string | number | null> = {};
    const byPeriod = distributions[period] ?? {};
    distributions[period] = byPeriod;
    const counts = byPeriod[response.subject] ?? {};
    byPeriod[response.subject] = counts;
    for (const dimension of definition.dimensions) {
      const answer = response.answers[dimension.id] ?? null;
      answers[dimension.id] = answer;
      const ids = levelIds[dimension.id] ?? [];
      const tally = counts[dimension.id] ?? ids.map(() => 0);
      counts[dimension.id] = tally;
      const index = answer === null || answer === NOT_APPLICABLE ? -1 : ids.indexOf(answer);
      if (index >= 0) tally[index] = (tally[index] ?? 0) + 1;
    }
    accumulator.add({ department: response.subject, period, group, answers });
  }
  const { z, cells } = accumulator.finish();

  const labels: ScoresView['labels'] = { subjects: {}, dimensions: {}, groups: {}, levels: {} };
  for (const subject of definition.subjects ?? []) labels.subjects[subject.id] = subject.label;
  for (const group of surveyGroups(definition)) labels.groups[group.id] = group.label;
  labels.groups[NO_GROUP] = { 'zh-Hans': '未注明', 'zh-Hant': '未註明', en: 'Not stated' };
  for (const dimension of definition.dimensions) {
    labels.dimensions[dimension.id] = dimension.label;
    const scale = resolveScale(definition, dimension.scale);
    labels.levels[dimension.id] =
      scale?.type === 'ordinal'
        ? scale.levels.map((level) => ({ id: level.id, label: level.label }))
        : (levelIds[dimension.id] ?? []).map((value) => ({
            id: String(value),
            label: { 'zh-Hans': String(value), 'zh-Hant': String(value), en: String(value) },
          }));
  }
  return {
    survey: {
      id: definition.id,
      version: definition.version,
      title: definition.title,
      timeZone: definition.timeZone ?? 'Asia/Shanghai',
    },
    period: options.period,
    from: options.from,
    to: options.to,
    labels,
    options: {
      poststratify: options.poststratify,
      confidence_level: CONFIDENCE_LEVEL,
      low_n_threshold: LOW_N_THRESHOLD,
    },
    z,
    cells,
    distributions,
  };
}
