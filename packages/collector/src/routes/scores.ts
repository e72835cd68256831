import {
  NOT_APPLICABLE,
  resolveScale,
  type SurveyDefinition,
  type SurveyResponse,
  type ValidationIssue,
} from '@minyi/schema';
import { ScoringValidationError } from '@minyi/scoring';
import type { FastifyInstance } from 'fastify';
import { requireToken, tokenOf } from '../auth.js';
import { DEFAULT_TIME_ZONE, isCalendarDate, nextDay, periodKey, startOfDay } from '../periods.js';
import { SCORE_PERIODS, type ScorePeriod, scoreSurvey, scoringConfig } from '../scores.js';
import type { StoredResponse } from '../storage.js';
import type { ApiContext } from './context.js';

const PARAMETERS = ['survey', 'period', 'from', 'to', 'poststratify'];

export interface ScoresQuery {
  readonly survey: string;
  readonly period: ScorePeriod;
  readonly from: string | null;
  readonly to: string | null;
  readonly poststratify: boolean;
}

/**
 * The query of `GET /v1/scores`. As for the other evaluator reads, an unknown or repeated
 * parameter is refused: a misspelt one that was silently ignored would show the wrong scores.
 */
export function parseScoresQuery(
  raw: Readonly<Record<string, unknown>>,
): { ok: true; query: ScoresQuery } | { ok: false; issues: ValidationIssue[] } {
  const issues: ValidationIssue[] = [];
  const values: Record<string, string> = {};
  for (const [name, value] of Object.entries(raw)) {
    if (!PARAMETERS.includes(name)) {
      issues.push({ path: name, message: `unknown parameter; expected ${PARAMETERS.join(', ')}` });
    } else if (typeof value !== 'string') {
      issues.push({ path: name, message: 'expected the parameter once' });
    } else {
      values[name] = value;
    }
  }
  if (values.survey === undefined && !issues.some((issue) => issue.path === 'survey')) {
    issues.push({ path: 'survey', message: 'expected a survey id' });
  }
  const period = values.period;
  if (period === undefined || !(SCORE_PERIODS as readonly string[]).includes(period)) {
    if (!issues.some((issue) => issue.path === 'period')) {
      issues.push({ path: 'period', message: `expected one of ${SCORE_PERIODS.join(', ')}` });
    }
  }
  for (const name of ['from', 'to'] as const) {
    const value = values[name];
    if (value !== undefined && !isCalendarDate(value)) {
      issues.push({ path: name, message: 'expected a date such as 2026-03-01' });
    }
  }
  if (
    values.from !== undefined &&
    values.to !== undefined &&
    isCalendarDate(values.from) &&
    isCalendarDate(values.to) &&
    values.to < values.from
  ) {
    issues.push({ path: 'to', message: 'expected a date on or after "from"' });
  }
  const poststratify = values.poststratify ?? 'false';
  if (poststratify !== 'true' && poststratify !== 'false') {
    issues.push({ path: 'poststratify', message: 'expected true or false' });
  }
  if (issues.length > 0) return { ok: false, issues };
  return {
    ok: true,
    query: {
      survey: values.survey!,
      period: period as ScorePeriod,
      from: values.from ?? null,
      to: values.to ?? null,
      poststratify: poststratify === 'true',
    },
  };
}

/**
 * `GET /v1/scores`: a survey's stored responses scored by `@minyi/scoring`, cell by cell
 * (subject × period). Responses stream from storage in subject and creation order, so memory
 * holds one page of rows and one cell, however many responses there are.
 */
export function scoreRoutes(context: ApiContext) {
  const { store, now } = context;
  const reader = requireToken(store, now, ['evaluator', 'admin']);
  return async (api: FastifyInstance): Promise<void> => {
    api.get('/v1/scores', { preHandler: reader }, async (request, reply) => {
      reply.header('Cache-Control', 'no-store');
      const parsed = parseScoresQuery(request.query as Record<string, unknown>);
      if (!parsed.ok)
        return reply.code(400).send({ error: 'invalid query', issues: parsed.issues });
      const { query } = parsed;
      const token = tokenOf(request);
      const unknown = { error: `unknown survey ${JSON.stringify(query.survey)}` };
      if (token.surveys.length > 0 && !token.surveys.includes(query.survey)) {
        return reply.code(404).send(unknown);
      }
      const info = await store.surveyInfo(query.survey);
      const latest = info && (await store.getSurvey(query.survey, info.latestVersion));
      if (!latest) return reply.code(404).send(unknown);
      const definition = latest.definition;
      const timeZone = definition.timeZone ?? DEFAULT_TIME_ZONE;
      const rows = store.streamSurveyResponses(query.survey, {
        ...(token.subjects.length > 0 ? { subjects: token.subjects } : {}),
        ...(query.from !== null ? { from: startOfDay(query.from, timeZone) } : {}),
        // `to` is the last day included, as a date picker means it.
        ...(query.to !== null ? { to: startOfDay(nextDay(query.to), timeZone) } : {}),
      });
      try {
        return await scoreSurvey(definition, forNewestVersion(definition, rows), {
          period: query.period,
          poststratify: query.poststratify,
          from: query.from,
          to: query.to,
          periodOf: (createdAt) => periodKey(query.period, Date.parse(createdAt), timeZone),
        });
      } catch (error) {
        if (!(error instanceof ScoringValidationError)) throw error;
        return reply.code(422).send(scoringRefusal(definition, query.poststratify, error));
      }
    });
  };
}

/**
 * Responses as the newest version reads them: answers to dimensions it no longer has are left
 * out, and an answer that is not a level of the dimension's current scale (a scale changed
 * between versions) counts as not given, rather than failing the whole survey's scores.
 */
async function* forNewestVersion(
  definition: SurveyDefinition,
  rows: AsyncIterable<StoredResponse>,
): AsyncGenerator<SurveyResponse> {
  const accepts = new Map(
    definition.dimensions.map((dimension) => {
      const scale = resolveScale(definition, dimension.scale);
      const accept = (answer: unknown): boolean => {
        if (answer === NOT_APPLICABLE) return true;
        if (scale?.type === 'ordinal') return scale.levels.some((level) => level.id === answer);
        return (
          scale?.type === 'numeric' &&
          Number.isInteger(answer) &&
          (answer as number) >= scale.min &&
          (answer as number) <= scale.max
        );
      };
      return [dimension.id, accept] as const;
    }),
  );
  for await (const row of rows) {
    const response = JSON.parse(row.json) as SurveyResponse;
    const answers: Record<string, SurveyResponse['answers'][string]> = {};
    for (const [id, accept] of accepts) {
      const answer = response.answers?.[id];
      answers[id] = answer !== undefined && answer !== null && accept(answer) ? answer : null;
    }
    yield { ...response, answers };
  }
}

/** The 422 body: which groups lack a population share, when that is why scoring refused. */
function scoringRefusal(
  definition: SurveyDefinition,
  poststratify: boolean,
  error: ScoringValidationError,
) {
  const groups = scoringConfig(definition, poststratify).groups ?? [];
  const missing = error.issues
    .filter((issue) => issue.code === 'missing_share')
    .map((issue) => /^groups\[(\d+)\]/.exec(issue.path)?.[1])
    .map((index) => (index === undefined ? undefined : groups[Number(index)]?.id))
    .filter((id): id is string => id !== undefined);
  if (missing.length > 0) {
    return {
      error: `cannot post-stratify: ${missing.length === 1 ? 'group' : 'groups'} ${missing
        .map((id) => JSON.stringify(id))
        .join(
          ', ',
        )} ${missing.length === 1 ? 'has' : 'have'} responses but no population share in the survey definition; add "populationShare" to ${missing.length === 1 ? 'it' : 'them'} or score without poststratify`,
      groups: missing,
      issues: error.issues.map(({ path, message }) => ({ path, message })),
    };
  }
  return {
    error: `the stored responses cannot be scored: ${error.message}`,
    groups: [],
    issues: error.issues.map(({ path, message }) => ({ path, message })),
  };
}
