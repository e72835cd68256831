import { randomInt } from 'node:crypto';

/**
 * Receipt codes are read out over the phone and typed on phones by residents, so the alphabet
 * leaves out the symbols that are confused when heard or seen: 0/O, 1/I/L.
 */
export const RECEIPT_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const RECEIPT_SYMBOLS = 12;
const GROUP_SIZE = 4;

/** 12 symbols of a 31-letter alphabet: log2(31^12) ≈ 59.4 bits, far above guessing range. */
export const RECEIPT_BITS = RECEIPT_SYMBOLS * Math.log2(RECEIPT_ALPHABET.length);

export const RECEIPT_PATTERN = new RegExp(
  `^[${RECEIPT_ALPHABET}]{${GROUP_SIZE}}(-[${RECEIPT_ALPHABET}]{${GROUP_SIZE}}){${RECEIPT_SYMBOLS / GROUP_SIZE - 1}}$`,
);

/**
 * A fresh code from the CSPRNG. It is never derived from the response id: ids are chosen by the
 * browser, so a derived code could be computed by anyone who saw or chose the id.
 */
export function generateReceipt(): string {
  let symbols = '';
  for (let i = 0; i < RECEIPT_SYMBOLS; i++) {
    symbols += RECEIPT_ALPHABET[randomInt(RECEIPT_ALPHABET.length)];
  }
  return groupSymbols(symbols);
}

function groupSymbols(symbols: string): string {
  const groups: string[] = [];
  for (let i = 0; i < symbols.length; i += GROUP_SIZE) {
    groups.push(symbols.slice(i, i + GROUP_SIZE));
  }
  return groups.join('-');
}

/**
 * The stored form of a code as a person might type it, or `undefined` if it cannot be one.
 * NFKC first, because Chinese input methods often produce full-width letters, digits and dashes
 * (`Ｋ７ＱＭ－…`); then case, white space and any kind of dash stop mattering.
 */
export function normaliseReceipt(input: string): string | undefined {
  const symbols = input
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\p{Pd}]/gu, '');
  if (symbols.length !== RECEIPT_SYMBOLS) return undefined;
  for (const symbol of symbols) {
    if (!RECEIPT_ALPHABET.includes(symbol)) return undefined;
  }
  return groupSymbols(symbols);
}
