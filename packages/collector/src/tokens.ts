import { createHash, randomBytes } from 'node:crypto';
import type { ResponseFilter, TokenRecord, TokenRole } from './storage.js';

/**
 * Bearer tokens for evaluators and administrators: 256 random bits, shown once, stored only as a
 * SHA-256. A plain hash (no salt, no slow KDF) is enough for secrets this long: nobody can guess
 * one, so there is nothing to slow down; it also lets a lookup find the row by its hash.
 */
export const TOKEN_ROLES: readonly TokenRole[] = ['evaluator', 'admin'];

/** The prefix tells people (and secret scanners) what a leaked string is. */
export const TOKEN_PREFIXES: Readonly<Record<TokenRole, string>> = {
  evaluator: 'minyi_ev_',
  admin: 'minyi_ad_',
};

const TOKEN_PATTERN = /^minyi_(ev|ad)_[A-Za-z0-9_-]{43}$/;

export interface IssuedToken {
  /** The secret, to be shown once. */
  readonly token: string;
  readonly hash: string;
  /** A public handle for listing and revoking. */
  readonly id: string;
}

export function issueToken(role: TokenRole): IssuedToken {
  const token = `${TOKEN_PREFIXES[role]}${randomBytes(32).toString('base64url')}`;
  return { token, hash: hashToken(token), id: randomBytes(6).toString('hex') };
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a string can be a token at all; anything else is refused without a lookup. */
export function looksLikeToken(value: string): boolean {
  return TOKEN_PATTERN.test(value);
}

/** The token of an `Authorization: Bearer …` header, or `undefined`. */
export function bearerToken(header: string | undefined): string | undefined {
  const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header ?? '');
  return match?.[1];
}

const UNITS: Readonly<Record<string, number>> = {
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
};

/** `30d`, `12h` or `90m` in milliseconds; `undefined` for anything else. */
export function parseDuration(text: string): number | undefined {
  const match = /^(\d{1,6})([mhd])$/.exec(text);
  if (!match) return undefined;
  const ms = Number(match[1]) * UNITS[match[2]!]!;
  return ms > 0 ? ms : undefined;
}

export type TokenStatus = 'active' | 'expired' | 'revoked';

export function tokenStatus(
  token: Pick<TokenRecord, 'expiresAt' | 'revokedAt'>,
  nowMs: number,
): TokenStatus {
  if (token.revokedAt !== undefined) return 'revoked';
  if (token.expiresAt !== undefined && nowMs >= Date.parse(token.expiresAt)) return 'expired';
  return 'active';
}

export interface Scope {
  readonly surveys: readonly string[];
  readonly subjects: readonly string[];
}

/** Empty lists mean everything: admin tokens and unscoped evaluator tokens. */
export function inScope(scope: Scope, survey: string, subject?: string): boolean {
  if (scope.surveys.length > 0 && !scope.surveys.includes(survey)) return false;
  if (subject !== undefined && scope.subjects.length > 0 && !scope.subjects.includes(subject)) {
    return false;
  }
  return true;
}

export interface ReadQuery {
  readonly survey?: string;
  readonly subject?: string;
  readonly from?: number;
  readonly to?: number;
}

/**
 * The filter a read runs with: the query narrowed to the token's scope. A survey or subject the
 * token may not see is reported as such, so that the route answers as if it did not exist.
 */
export function scopedFilter(
  scope: Scope,
  query: ReadQuery,
): ResponseFilter | { readonly outOfScope: 'survey' | 'subject' } {
  if (query.survey !== undefined && scope.surveys.length > 0) {
    if (!scope.surveys.includes(query.survey)) return { outOfScope: 'survey' };
  }
  if (query.subject !== undefined && scope.subjects.length > 0) {
    if (!scope.subjects.includes(query.subject)) return { outOfScope: 'subject' };
  }
  const surveys =
    query.survey !== undefined
      ? [query.survey]
      : scope.surveys.length > 0
        ? scope.surveys
        : undefined;
  const subjects =
    query.subject !== undefined
      ? [query.subject]
      : scope.subjects.length > 0
        ? scope.subjects
        : undefined;
  return {
    ...(surveys ? { surveys } : {}),
    ...(subjects ? { subjects } : {}),
    ...(query.from !== undefined ? { from: query.from } : {}),
    ...(query.to !== undefined ? { to: query.to } : {}),
  };
}

export function describeScope(scope: Scope): string {
  const parts = [
    scope.surveys.length > 0 ? `surveys ${scope.surveys.join(',')}` : '',
    scope.subjects.length > 0 ? `subjects ${scope.subjects.join(',')}` : '',
  ].filter(Boolean);
  return parts.length > 0 ? parts.join('; ') : 'all';
}
