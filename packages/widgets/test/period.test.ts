import { describe, expect, test } from 'vitest';
import { periodKey } from '../src/internal/period.js';

describe('periodKey', () => {
  // 2026-12-31T17:30Z is already 2027-01-01 01:30 in Shanghai.
  const newYearInShanghai = new Date('2026-12-31T17:30:00Z');

  test('counts periods in the survey time zone, Asia/Shanghai by default', () => {
    expect(periodKey('year', newYearInShanghai)).toBe('2027');
    expect(periodKey('quarter', newYearInShanghai)).toBe('2027-Q1');
    expect(periodKey('month', newYearInShanghai)).toBe('2027-01');
    expect(periodKey('day', newYearInShanghai)).toBe('2027-01-01');
    expect(periodKey('month', newYearInShanghai, 'UTC')).toBe('2026-12');
  });

  test('numbers weeks as ISO 8601 does', () => {
    expect(periodKey('week', new Date('2026-11-27T04:00:00Z'))).toBe('2026-W48');
    // 2027-01-01 is a Friday: it belongs to the last week of 2026.
    expect(periodKey('week', newYearInShanghai)).toBe('2026-W53');
    expect(periodKey('week', new Date('2024-12-30T04:00:00Z'))).toBe('2025-W01');
  });

  test('quarters', () => {
    expect(periodKey('quarter', new Date('2026-03-31T12:00:00Z'))).toBe('2026-Q1');
    expect(periodKey('quarter', new Date('2026-04-01T12:00:00Z'))).toBe('2026-Q2');
    expect(periodKey('quarter', new Date('2026-11-27T12:00:00Z'))).toBe('2026-Q4');
  });
});
