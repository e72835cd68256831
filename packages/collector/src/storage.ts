import type { ResponseKind, SurveyDefinition } from '@minyi/schema';
import { contentHash } from './canonical.js';

/**
 * Storage seen by the HTTP layer. Every method is async although the SQLite adapter is
 * synchronous, so that a networked database (PostgreSQL is planned) fits behind the same
 * interface; nothing here names an engine-specific type.
 */
export interface ResponseStore {
  /**
   * Stores the new responses of one request in a single transaction, in order, and reports for
   * each whether it was inserted or an earlier response with the same id was found. An item that
   * repeats the id of an earlier item of the same batch finds that earlier item. Whether an
   * existing response counts as a duplicate or a conflict is decided by the caller (see ingest).
   */
  storeBatch(responses: readonly NewResponse[]): Promise<StoreOutcome[]>;
  /** With a version: that version, active or not. Without: the newest active version. */
  getSurvey(id: string, version?: number): Promise<StoredSurvey | undefined>;
  /** Whether any version of the survey is known, active or not. */
  hasSurvey(id: string): Promise<boolean>;
  /**
   * Adds a survey version after validating it with `surveyDefinitionSchema`. Versions are
   * immutable, since stored responses refer to them: putting the same definition again is a
   * no-op, putting a different one under an existing version throws `SurveyConflictError`.
   */
  putSurvey(definition: unknown, options?: { active?: boolean }): Promise<PutSurveyResult>;
  countResponses(): Promise<number>;
  /** Every stored response in the order received; for tests and small exports. */
  listResponses(): Promise<StoredResponse[]>;
  close(): Promise<void>;
}

/** A validated response, ready to store. */
export interface NewResponse {
  readonly id: string;
  readonly survey: string;
  readonly surveyVersion: number;
  readonly kind: ResponseKind;
  readonly subject: string;
  readonly group: string | undefined;
  readonly createdAt: string;
  /** The response as submitted, key order included. */
  readonly json: string;
  /** Fingerprint of the canonical form, to tell a retry from a different response. */
  readonly contentHash: string;
}

export type StoreOutcome =
  | { readonly stored: 'inserted'; readonly receipt: string }
  | { readonly stored: 'existing'; readonly receipt: string; readonly contentHash: string };

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

export interface StoredSurvey {
  readonly definition: SurveyDefinition;
  /** The definition serialised once, so that every GET sends the same bytes as the ETag. */
  readonly json: string;
  /** A strong entity tag, quotes included. */
  readonly etag: string;
  readonly active: boolean;
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
    etag: `"${contentHash(definition).slice(0, 32)}"`,
    active,
  };
}

export type PutSurveyResult =
  | { readonly status: 'created'; readonly survey: StoredSurvey }
  | { readonly status: 'unchanged'; readonly survey: StoredSurvey };

export class SurveyValidationError extends Error {
  constructor(readonly issues: readonly { path: string; message: string }[]) {
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
