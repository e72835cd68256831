import type { AddressInfo } from 'node:net';
import { buildServer, type CollectorOptions } from './server.js';
import type { Store } from './storage.js';

export { canonicalJson, contentHash } from './canonical.js';
export {
  DEMO_EVALUATION,
  DEMO_SURVEY,
  DEMO_TOPIC,
  seedDemo,
  seedDemoResponses,
} from './demo.js';
export { checkEnvelope, ingestBatch, parseEnvelope, structureIssues } from './ingest.js';
export { type OpenStoreOptions, openStore } from './open-store.js';
export { OPENAPI } from './openapi.js';
export { DEFAULT_TIME_ZONE, periodKey } from './periods.js';
export { isPostgresUrl, openPostgresStore, type PostgresStoreOptions } from './pg-store.js';
export {
  generateReceipt,
  normaliseReceipt,
  RECEIPT_ALPHABET,
  RECEIPT_BITS,
  RECEIPT_PATTERN,
} from './receipt.js';
export {
  answerIssues,
  commentIssues,
  groupIssues,
  positionIssues,
  subjectIssues,
  surveyRuleIssues,
  topicRuleIssues,
} from './rules.js';
export {
  ACCEPTED_CONTENT_TYPES,
  BODY_LIMIT,
  buildServer,
  type Collector,
  type CollectorOptions,
  DEFAULT_RATE_LIMITS,
  type LogLevel,
} from './server.js';
export { type Durability, openSqliteStore, type SqliteStoreOptions } from './sqlite-store.js';
export {
  type NewResponse,
  type PutSurveyResult,
  type ResponseFilter,
  type ResponseStore,
  StorageOpenError,
  type Store,
  type StoredResponse,
  type StoredSurvey,
  type StoreOutcome,
  SurveyConflictError,
  SurveyValidationError,
  type TokenRecord,
  type TokenRole,
} from './storage.js';
export { type IssuedToken, issueToken } from './tokens.js';
export type { TopicContent, TopicState } from './topics.js';
export {
  isWorkingDay,
  parseWorkCalendar,
  readWorkCalendar,
  WEEKDAYS_ONLY,
  type WorkCalendar,
} from './work-calendar.js';

export const DEFAULT_HOST = '127.0.0.1';
export const DEFAULT_PORT = 8787;

export interface StartOptions extends CollectorOptions {
  /** Defaults to 127.0.0.1: exposing the collector is a decision to make explicitly. */
  readonly host?: string;
  /** 0 picks a free port; `url` tells which. Defaults to 8787. */
  readonly port?: number;
}

export interface RunningCollector {
  /** Base URL with the real port, e.g. `http://127.0.0.1:39121`; no trailing slash. */
  readonly url: string;
  readonly host: string;
  readonly port: number;
  readonly storage: Store;
  close(): Promise<void>;
}

/** Builds a collector and listens: for the command line and for end-to-end tests in-process. */
export async function startCollector(options: StartOptions): Promise<RunningCollector> {
  const host = options.host ?? DEFAULT_HOST;
  const collector = await buildServer(options);
  try {
    await collector.app.listen({ host, port: options.port ?? DEFAULT_PORT });
  } catch (error) {
    await collector.close();
    throw error;
  }
  const { port } = collector.app.server.address() as AddressInfo;
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    host,
    port,
    storage: collector.storage,
    close: collector.close,
  };
}
