export {
  type DeliveredDetail,
  type FailedDetail,
  type FlushResult,
  Outbox,
  type OutboxEventMap,
  type OutboxOptions,
} from './outbox.js';
export {
  backoffDelay,
  classifyStatus,
  envelope,
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
  DB_VERSION,
  type DeadLetter,
  MemoryQueueStore,
  openIdbStore,
  type QueuedItem,
  type QueueStore,
} from './store.js';
