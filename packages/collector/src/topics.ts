import {
  CONSULTATION_STATUSES,
  type ConsultationStatus,
  type ConsultationTopic,
  DEFAULT_POSITIONS,
  POSITION_DIMENSION,
} from '@minyi/schema';

/**
 * A consultation topic is kept as versions of its content (what residents answer: title,
 * options, groups, window) and one state for the whole topic (status and outcome). An edit makes a
 * new version; a status move does not, so answers queued offline against an earlier version stay
 * valid while the topic is open, and none are taken once it is closed.
 */
export type TopicContent = Omit<ConsultationTopic, 'status' | 'outcome'>;
export type TopicOutcome = NonNullable<ConsultationTopic['outcome']>;
export type TopicTally = NonNullable<TopicOutcome['tally']>;

export interface TopicState {
  readonly id: string;
  readonly status: ConsultationStatus;
  /** The current version: the one `GET /v1/consultations/{id}` shows. */
  readonly version: number;
  readonly outcome: TopicOutcome | undefined;
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The public document: the current version's content with the topic's state. */
export function composeTopic(content: TopicContent, state: TopicState): ConsultationTopic {
  return {
    ...content,
    id: state.id,
    version: state.version,
    status: state.status,
    ...(state.outcome ? { outcome: state.outcome } : {}),
  };
}

/** Content only: status and outcome are moved by their own request, never by an edit. */
export function contentOf(topic: ConsultationTopic): TopicContent {
  const { status: _status, outcome: _outcome, ...content } = topic;
  return content;
}

/** The lifecycle moves forward one step at a time: 协商 → 公示. */
const NEXT: Readonly<Record<ConsultationStatus, ConsultationStatus | undefined>> = {
  draft: 'open',
  open: 'closed',
  closed: 'published',
  published: undefined,
};

export function isConsultationStatus(value: unknown): value is ConsultationStatus {
  return typeof value === 'string' && (CONSULTATION_STATUSES as readonly string[]).includes(value);
}

/** Why a status move is not allowed, or `undefined` when it is. */
export function transitionProblem(
  from: ConsultationStatus,
  to: ConsultationStatus,
): string | undefined {
  if (NEXT[from] === to) return undefined;
  const next = NEXT[from];
  return next
    ? `a ${from} consultation can only move to "${next}", not "${to}"`
    : `a ${from} consultation does not change status any more`;
}

/** An edit makes a new version while the topic is still being consulted on; not after. */
export function editProblem(status: ConsultationStatus): string | undefined {
  return status === 'published'
    ? 'a published consultation cannot be edited: its outcome refers to what was consulted on'
    : undefined;
}

export interface TallyInput {
  readonly group: string | undefined;
  /** The stored response as JSON; its `answers.position` is counted. */
  readonly json: string;
}

/**
 * The counts published with an outcome: per option, per group and option, and (when any of the
 * current version's groups has a weight) per option weighted by group, where a response without
 * a group or from a group without a weight weighs 1.
 */
export function tallyTopic(content: TopicContent, rows: Iterable<TallyInput>): TopicTally {
  const options = (content.options ?? DEFAULT_POSITIONS).map((option) => option.id);
  const weights = new Map(
    (content.groups ?? []).flatMap((group) =>
      group.weight === undefined ? [] : [[group.id, group.weight] as const],
    ),
  );
  const byOption: Record<string, number> = Object.fromEntries(options.map((id) => [id, 0]));
  const weighted: Record<string, number> = Object.fromEntries(options.map((id) => [id, 0]));
  const byGroup: Record<string, Record<string, number>> = {};
  for (const row of rows) {
    const position = positionOf(row.json);
    // Older versions may have offered options the current one dropped; they are still counted.
    if (position === undefined) continue;
    byOption[position] = (byOption[position] ?? 0) + 1;
    weighted[position] =
      (weighted[position] ?? 0) + (row.group ? (weights.get(row.group) ?? 1) : 1);
    if (row.group) {
      const counts = byGroup[row.group] ?? {};
      counts[position] = (counts[position] ?? 0) + 1;
      byGroup[row.group] = counts;
    }
  }
  return {
    byOption,
    ...(Object.keys(byGroup).length > 0 ? { byGroup } : {}),
    ...(weights.size > 0 ? { weighted } : {}),
  };
}

function positionOf(json: string): string | undefined {
  try {
    const value = (JSON.parse(json) as { answers?: Record<string, unknown> }).answers?.[
      POSITION_DIMENSION
    ];
    return typeof value === 'string' ? value : undefined;
  } catch {
    return undefined;
  }
}
