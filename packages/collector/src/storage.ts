import {
  type CaseAction,
  type CaseStatus,
  type ConsultationStatus,
  check,
  followUpSchema,
  type ResponseKind,
  type SurveyDefinition,
  surveyConsistencyIssues,
  surveyDefinitionSchema,
  type ValidationIssue,
} from '@minyi/schema';
import { contentHash } from './canonical.js';
import type { CaseReason, CollectorSurvey } from './follow-up.js';
import { isTimeZone } from './periods.js';
import type { TopicContent, TopicOutcome, TopicState } from './topics.js';
import type { TransferRecord } from './transfer.js';

/**
 * Storage seen by the HTTP layer and the command line, with one adapter per engine (SQLite,
 * PostgreSQL). Every method is async and nothing here names an engine's types, so that the same
 * tests run against every adapter and the routes cannot tell them apart.
 */
export interface Store {
  /** `sqlite` or `postgres`: for messages and logs only. */
  readonly engine: string;

  /**
   * Stores the new responses of one request in a single transaction and reports, in order, for
   * each whether it was inserted, an earlier response with the same id was found, or another
   * response already holds its `capKey`. An item that repeats the id of an earlier item of the
   * same batch finds that earlier item. Whether an existing response is a duplicate or a conflict
   * is decided by the caller (see ingest).
   */
  storeBatch(responses: readonly NewResponse[]): Promise<StoreOutcome[]>;
  countResponses(filter?: ResponseFilter): Promise<number>;
  /** The response that was given this receipt code (normalised), if any. */
  responseByReceipt(receipt: string): Promise<StoredResponse | undefined>;
  /** Every matching response in the order received; for tests and small reads. */
  listResponses(filter?: ResponseFilter): Promise<StoredResponse[]>;
  /**
   * One page of matching responses in the order received, after the position `after` (from an
   * earlier page's `next`). Paging keeps no cursor open, so a slow reader never holds the
   * database while writers wait.
   */
  readResponses(filter: ResponseFilter, after: number | undefined, limit: number): Promise<Page>;
  /**
   * One survey's responses for scoring, ordered by subject, then by `createdAt` as an instant
   * (milliseconds, so that offsets do not matter), then by arrival. Read in keyset pages of
   * `pageSize`: only a page is held at a time, and no cursor or statement stays open between
   * pages, so ingest on the same connection (SQLite) is never blocked by a slow scorer.
   */
  streamSurveyResponses(
    survey: string,
    filter: Omit<ResponseFilter, 'surveys'>,
    pageSize?: number,
  ): AsyncIterable<StoredResponse>;

  /** With a version: that version, active or not. Without: the newest active version. */
  getSurvey(id: string, version?: number): Promise<StoredSurvey | undefined>;
  /** Whether any version of the survey is known, active, retired or not. */
  hasSurvey(id: string): Promise<boolean>;
  /** The newest version and whether the survey was retired; `undefined` for an unknown id. */
  surveyInfo(id: string): Promise<SurveyInfo | undefined>;
  /** Every version, oldest first. */
  surveyVersions(id: string): Promise<StoredSurvey[]>;
  /**
   * Adds a survey version after validating it (`surveyDefinitionSchema` and a known time zone).
   * Versions are immutable, since stored responses refer to them: putting the same definition
   * again is a no-op, putting a different one under an existing version throws
   * `SurveyConflictError`.
   */
  putSurvey(definition: unknown, options?: { active?: boolean }): Promise<PutSurveyResult>;
  /** Stops serving the survey and taking answers for it; `false` if unknown or already retired. */
  retireSurvey(id: string, at: string): Promise<boolean>;

  getTopic(id: string): Promise<TopicState | undefined>;
  getTopicVersion(id: string, version: number): Promise<TopicContent | undefined>;
  /** Creates version 1 with the given status; `false` when the id is taken. */
  createTopic(content: TopicContent, status: ConsultationStatus, at: string): Promise<boolean>;
  /**
   * Adds version `expectedVersion + 1` and makes it current, unless another edit or a status move
   * came first (`false`): two editors never silently overwrite each other.
   */
  addTopicVersion(
    content: TopicContent,
    expectedVersion: number,
    expectedStatus: ConsultationStatus,
    at: string,
  ): Promise<boolean>;
  /** Moves the status from `from` to `to`, setting the outcome; `false` if it was not `from`. */
  setTopicStatus(
    id: string,
    from: ConsultationStatus,
    to: ConsultationStatus,
    outcome: TopicOutcome | undefined,
    at: string,
  ): Promise<boolean>;

  /** A follow-up case by id, with the response that opened it and the rating of its reply. */
  getCase(id: string): Promise<StoredCase | undefined>;
  /** The case the response opened, if it opened one. */
  caseOfResponse(responseId: string): Promise<StoredCase | undefined>;
  /** One page of matching cases in the order opened, after `after` (a page's `next`). */
  listCases(filter: CaseFilter, after: number | undefined, limit: number): Promise<CasePage>;
  /** Cases by status among those the survey and subject filters match, and how many are overdue. */
  countCases(filter: CaseFilter): Promise<CaseCounts>;
  /** The case's audit log, oldest first. */
  caseEvents(id: string): Promise<StoredCaseEvent[]>;
  /**
   * Applies a move to a case whose status is still one of `from`, and logs it, in one
   * transaction; `false` if the status was not (someone else moved it first).
   */
  moveCase(
    id: string,
    from: readonly CaseStatus[],
    change: CaseChange,
    event: NewCaseEvent,
  ): Promise<boolean>;

  createToken(token: NewToken): Promise<void>;
  findToken(hash: string): Promise<TokenRecord | undefined>;
  touchToken(id: string, at: string): Promise<void>;
  revokeToken(id: string, at: string): Promise<'revoked' | 'already-revoked' | 'unknown'>;
  listTokens(): Promise<TokenRecord[]>;

  /** Every row of every table, for `minyi-collector export`. */
  exportRecords(): AsyncIterable<TransferRecord>;
  /** Inserts what is not there yet, in one transaction; existing rows are left as they are. */
  importRecords(records: readonly TransferRecord[]): Promise<ImportCounts>;

  close(): Promise<void>;
}

/** The name the first adapter gave the interface; kept for embedders. */
export type ResponseStore = Store;

/** A validated response, ready to store. */
export interface NewResponse {
  readonly id: string;
  readonly survey: string;
  readonly surveyVersion: number;
  readonly kind: ResponseKind;
  readonly subject: string;
  readonly group: string | undefined;
  readonly createdAt: string;
  /** `createdAt` as milliseconds since the epoch, for filtering by period across offsets. */
  readonly createdMs: number;
  /** The response as stored: as submitted, key order included, after scrubbing free text. */
  readonly json: string;
  /** Fingerprint of the canonical form, to tell a retry from a different response. */
  readonly contentHash: string;
  /** One answer per device, subject and period: unique among stored responses when set. */
  readonly capKey: string | undefined;
  /** The follow-up case this response opens when it is inserted (not when it is a duplicate). */
  readonly opensCase?: NewCase;
  /** The case whose reply this response rates; recorded on the case when it is inserted. */
  readonly ratesCase?: string;
}

export interface NewCase {
  readonly id: string;
  readonly reasons: readonly CaseReason[];
  readonly deadline: string;
  readonly deadlineMs: number;
}

export interface StoredCase {
  /** The order opened, for paging. */
  readonly seq: number;
  readonly id: string;
  readonly responseId: string;
  readonly survey: string;
  readonly surveyVersion: number;
  readonly subject: string;
  readonly reasons: readonly CaseReason[];
  readonly status: CaseStatus;
  readonly openedAt: string;
  readonly deadline: string;
  readonly deadlineMs: number;
  readonly assignee: string | undefined;
  readonly reply: string | undefined;
  readonly repliedAt: string | undefined;
  readonly closedAt: string | undefined;
  readonly ratedAt: string | undefined;
  /** The opening response as stored. */
  readonly responseJson: string;
  /** The rating of the reply as stored, once there is one. */
  readonly ratingJson: string | undefined;
}

/** Conditions that all hold; a list means any of its values. */
export interface CaseFilter {
  readonly surveys?: readonly string[];
  readonly subjects?: readonly string[];
  readonly statuses?: readonly CaseStatus[];
  /** Only overdue cases (`true`) or only the others (`false`) as of `nowMs`. */
  readonly overdue?: boolean;
  readonly nowMs: number;
}

export interface CasePage {
  readonly cases: readonly StoredCase[];
  readonly next: number | undefined;
}

export type CaseCounts = Record<CaseStatus | 'overdue', number>;

export interface CaseChange {
  readonly status: CaseStatus;
  readonly assignee?: string;
  readonly reply?: string;
  readonly repliedAt?: string;
  readonly closedAt?: string;
}

export type CaseActor =
  | { readonly type: 'token'; readonly id: string; readonly note?: string }
  | { readonly type: 'resident' }
  | { readonly type: 'collector' };

export interface NewCaseEvent {
  readonly at: string;
  readonly action: CaseAction;
  readonly by: CaseActor;
  readonly detail?: string;
}

export interface StoredCaseEvent extends NewCaseEvent {
  readonly seq: number;
}

export type StoreOutcome =
  | { readonly stored: 'inserted'; readonly receipt: string }
  | { readonly stored: 'existing'; readonly receipt: string; readonly contentHash: string }
  | { readonly stored: 'capped' };

export interface StoredResponse {
  readonly id: string;
  readonly survey: string;
  readonly surveyVersion: number;
  readonly kind: ResponseKind;
  readonly subject: string;
  readonly group: string | undefined;
  readonly createdAt: string;
  readonly receivedAt: string;
  readonly json: string;
  readonly contentHash: string;
  readonly receipt: string;
}

/** Conditions that all hold; a list means any of its values, and an empty list matches nothing. */
export interface ResponseFilter {
  readonly surveys?: readonly string[];
  readonly subjects?: readonly string[];
  /** `createdAt` at or after, in milliseconds since the epoch. */
  readonly from?: number;
  /** `createdAt` before, in milliseconds since the epoch. */
  readonly to?: number;
}

/** Rows per page of `streamSurveyResponses`. */
export const STREAM_PAGE_SIZE = 1000;

export interface Page {
  readonly rows: readonly StoredResponse[];
  /** Where the next page starts; `undefined` after the last. */
  readonly next: number | undefined;
}

export interface SurveyInfo {
  readonly latestVersion: number;
  readonly retiredAt: string | undefined;
}

export interface StoredSurvey {
  readonly definition: SurveyDefinition;
  /** The definition serialised once, so that every GET sends the same bytes as the ETag. */
  readonly json: string;
  /** A strong entity tag, quotes included. */
  readonly etag: string;
  readonly active: boolean;
}

export type PutSurveyResult =
  | { readonly status: 'created'; readonly survey: StoredSurvey }
  | { readonly status: 'unchanged'; readonly survey: StoredSurvey };

export type TokenRole = 'evaluator' | 'admin';

export interface TokenRecord {
  /** A public handle for `token list` and `token revoke`; not the secret. */
  readonly id: string;
  readonly role: TokenRole;
  /** Survey ids an evaluator token may read; empty for all. */
  readonly surveys: readonly string[];
  /** Subject ids an evaluator token may read; empty for all. */
  readonly subjects: readonly string[];
  readonly note: string | undefined;
  readonly createdAt: string;
  readonly expiresAt: string | undefined;
  readonly revokedAt: string | undefined;
  readonly lastUsedAt: string | undefined;
}

export interface NewToken extends Omit<TokenRecord, 'revokedAt' | 'lastUsedAt'> {
  /** SHA-256 of the token, hex: the token itself is never stored. */
  readonly hash: string;
}

export type ImportCounts = Record<TransferRecord['type'], { inserted: number; skipped: number }>;

export function emptyImportCounts(): ImportCounts {
  const counts = () => ({ inserted: 0, skipped: 0 });
  return {
    survey: counts(),
    topic: counts(),
    'topic-version': counts(),
    token: counts(),
    response: counts(),
    case: counts(),
    'case-event': counts(),
  };
}

/**
 * Validates a survey definition as every adapter stores it (admin API, demo seed, import): the
 * schema, its consistency (`surveyConsistencyIssues`), and a time zone the runtime knows, since
 * periods are counted in it.
 */
export function checkSurveyDefinition(definition: unknown): CollectorSurvey {
  const parsed = check(surveyDefinitionSchema, definition);
  if (!parsed.ok) throw new SurveyValidationError(parsed.issues);
  // The follow-up policy is the collector's alone, checked beside the widgets' schema.
  const policy = (definition as { followUp?: unknown }).followUp;
  const followUp = policy === undefined ? undefined : check(followUpSchema, policy, 'followUp');
  if (followUp && !followUp.ok) throw new SurveyValidationError(followUp.issues);
  // What the schema alone cannot say: repeated ids, NPS on a scale other than 0–10.
  const inconsistent = surveyConsistencyIssues(parsed.value);
  if (inconsistent.length > 0) throw new SurveyValidationError(inconsistent);
  const { timeZone } = parsed.value;
  if (timeZone !== undefined && !isTimeZone(timeZone)) {
    throw new SurveyValidationError([
      { path: 'timeZone', message: `expected an IANA time zone name such as "Asia/Shanghai"` },
    ]);
  }
  return followUp ? { ...parsed.value, followUp: followUp.value } : parsed.value;
}

/**
 * The record an adapter keeps for a validated definition. The entity tag hashes the canonical
 * form, so it is the same in every adapter and does not change when a definition is re-put with
 * its keys in another order.
 */
export function toStoredSurvey(definition: SurveyDefinition, active: boolean): StoredSurvey {
  return {
    definition,
    json: JSON.stringify(definition),
    etag: entityTag(definition),
    active,
  };
}

export function entityTag(value: unknown): string {
  return `"${contentHash(value).slice(0, 32)}"`;
}

/** Stored definitions were validated on the way in, so they are trusted as they are read back. */
export function fromSurveyJson(json: string, etag: string, active: boolean): StoredSurvey {
  return { definition: JSON.parse(json) as SurveyDefinition, json, etag, active };
}

/**
 * Repeated ids inside one batch: only the first occurrence goes to the database; the others are
 * answered from its outcome, exactly as if they had come in a later request.
 */
export function firstOccurrences(items: readonly NewResponse[]): {
  unique: NewResponse[];
  outcomes: (unique: readonly StoreOutcome[]) => StoreOutcome[];
} {
  const firstIndex = new Map<string, number>();
  const unique: NewResponse[] = [];
  const slots = items.map((item) => {
    let slot = firstIndex.get(item.id);
    if (slot === undefined) {
      slot = unique.length;
      firstIndex.set(item.id, slot);
      unique.push(item);
      return { slot, repeat: false };
    }
    return { slot, repeat: true };
  });
  return {
    unique,
    outcomes: (found) =>
      slots.map(({ slot, repeat }) => {
        const outcome = found[slot]!;
        if (!repeat) return outcome;
        const first = unique[slot]!;
        if (outcome.stored === 'inserted') {
          return { stored: 'existing', receipt: outcome.receipt, contentHash: first.contentHash };
        }
        return outcome;
      }),
  };
}

export class SurveyValidationError extends Error {
  constructor(readonly issues: readonly ValidationIssue[]) {
    super(`invalid survey definition: ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`);
    this.name = 'SurveyValidationError';
  }
}

export class SurveyConflictError extends Error {
  constructor(id: string, version: number) {
    super(
      `survey "${id}" version ${version} already exists with a different definition; publish a new version instead`,
    );
    this.name = 'SurveyConflictError';
  }
}

/** A database that cannot be opened, migrated or written: a configuration problem to report. */
export class StorageOpenError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StorageOpenError';
  }
}

/** A clash among ~59-bit codes is already unlikely once; several in a row means a broken generator. */
export const MAX_RECEIPT_ATTEMPTS = 5;

export class ReceiptClashError extends Error {
  constructor() {
    super(
      `could not issue a unique receipt code in ${MAX_RECEIPT_ATTEMPTS} attempts (UNIQUE receipt)`,
    );
    this.name = 'ReceiptClashError';
  }
}
