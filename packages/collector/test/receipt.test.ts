import { describe, expect, it } from 'vitest';
import {
  generateReceipt,
  normaliseReceipt,
  RECEIPT_ALPHABET,
  RECEIPT_BITS,
  RECEIPT_PATTERN,
} from '../src/receipt.js';

describe('receipt codes', () => {
  it('look like K7QM-4XPT-9RWA', () => {
    expect(RECEIPT_PATTERN.test('K7QM-4XPT-9RWA')).toBe(true);
    for (let i = 0; i < 100; i++)
      expect(generateReceipt()).toMatch(/^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
  });

  it('leave out the symbols confused when read aloud or typed', () => {
    for (const confusable of ['0', 'O', '1', 'I', 'L']) {
      expect(RECEIPT_ALPHABET).not.toContain(confusable);
    }
    expect(new Set(RECEIPT_ALPHABET).size).toBe(RECEIPT_ALPHABET.length);
  });

  it('carry at least 50 bits', () => {
    expect(RECEIPT_BITS).toBeGreaterThanOrEqual(50);
  });

  it('are unique over 10,000 and use the whole alphabet', () => {
    const codes = Array.from({ length: 10_000 }, generateReceipt);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(RECEIPT_PATTERN);
    const seen = new Set(codes.join('').replaceAll('-', ''));
    expect([...seen].sort().join('')).toBe([...RECEIPT_ALPHABET].sort().join(''));
  });
});

describe('normaliseReceipt', () => {
  it.each([
    ['K7QM-4XPT-9RWA', 'K7QM-4XPT-9RWA'],
    ['k7qm4xpt9rwa', 'K7QM-4XPT-9RWA'],
    [' k7qm 4xpt 9rwa ', 'K7QM-4XPT-9RWA'],
    ['K7QM–4XPT—9RWA', 'K7QM-4XPT-9RWA'],
    ['Ｋ７ＱＭ－４ＸＰＴ－９ＲＷＡ', 'K7QM-4XPT-9RWA'],
    ['K7Q-M4XP-T9RWA', 'K7QM-4XPT-9RWA'],
  ])('reads %j as %j', (input, expected) => {
    expect(normaliseReceipt(input)).toBe(expected);
  });

  it.each([
    '',
    'K7QM-4XPT-9RW',
    'K7QM-4XPT-9RWAX',
    'K7QM-4XPT-9RW0',
    'K7QM-4XPT-9RWO',
    'K7QM-4XPT-9RW1',
    'K7QM-4XPT-9RWI',
    'K7QM-4XPT-9RWL',
    'K7QM_4XPT_9RWA',
  ])('refuses %j', (input) => {
    expect(normaliseReceipt(input)).toBeUndefined();
  });

  it('keeps generated codes as they are', () => {
    const code = generateReceipt();
    expect(normaliseReceipt(code.toLowerCase())).toBe(code);
  });
});
