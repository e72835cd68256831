export { LOCK_NAME, withFlushLock, withLease } from './lock.js';
export {
  type DeliveredDetail,
  type FailedDetail,
  type FailureCode,
  type FlushResult,
  Outbox,
  type OutboxEventMap,
  type OutboxOptions,
} from './outbox.js';
export {
  backoffDelay,
  classifyStatus,
  DEFAULT_MAX_AGE_MS,
  envelope,
  isExpired,
  MAX_BATCH_BYTES,
  MAX_BATCH_ITEMS,
  RETRY_BASE_MS,
  RETRY_CAP_MS,
  retryAfterMs,
  type StatusClass,
  takeBatch,
} from './policy.js';
export {
  DB_NAME,
  type DeadLetter,
  MemoryQueueStore,
  MIGRATIONS,
  OPEN_TIMEOUT_MS,
  type OpenOptions,
  openIdbStore,
  type QueuedItem,
  type QueueStore,
  uuid,
} from './store.js';
