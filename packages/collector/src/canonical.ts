import { hash } from 'node:crypto';

/**
 * JSON with object keys sorted at every depth, so that two submissions of the same response that
 * differ only in key order (different browsers, a re-serialising proxy, an outbox that rebuilt
 * the object) compare equal. Arrays keep their order: it is meaningful. Written as plain loops:
 * it runs for every response received.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += canonicalJson(value[i]);
    }
    return `${out}]`;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  let out = '{';
  for (const key of keys) {
    const member = record[key];
    if (member === undefined) continue;
    if (out.length > 1) out += ',';
    // Most keys need no escaping; quoting them directly saves a call per key.
    out += PLAIN_KEY.test(key) ? `"${key}":` : `${JSON.stringify(key)}:`;
    out += canonicalJson(member);
  }
  return `${out}}`;
}

const PLAIN_KEY = /^[A-Za-z0-9_.:-]*$/;

/** A fixed-size fingerprint of the canonical form, cheap to store and compare. */
export function contentHash(value: unknown): string {
  return hash('sha256', canonicalJson(value), 'hex');
}
