import { createHash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so that two submissions of the same response that
 * differ only in key order (different browsers, a re-serialising proxy, an outbox that rebuilt
 * the object) compare equal. Arrays keep their order: it is meaningful.
 */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    const members = Object.keys(record)
      .sort()
      .filter((key) => record[key] !== undefined)
      .map((key) => `${JSON.stringify(key)}:${canonicalJson(record[key])}`);
    return `{${members.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** A fixed-size fingerprint of the canonical form, cheap to store and compare. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(canonicalJson(value)).digest('hex');
}
