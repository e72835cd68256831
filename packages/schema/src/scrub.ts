/**
 * Removes personal data a resident may type into free text, in the browser before it leaves the
 * device and again on the collector before it is stored: mainland
 * resident ID numbers, mobile phone numbers and e-mail addresses. False positives cost a
 * resident's words, so each pattern is checked beyond its shape: an ID number must carry a valid
 * ISO 7064 MOD 11-2 check character and a plausible birth date.
 */

export const DEFAULT_PLACEHOLDER = '[已隐去]';

const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** Whether an 18-character string is a mainland resident ID number with a valid check and date. */
export function isResidentId(value: string, today = new Date()): boolean {
  if (!/^[1-9]\d{16}[\dXx]$/.test(value)) return false;
  let sum = 0;
  for (let index = 0; index < 17; index++) sum += Number(value[index]) * ID_WEIGHTS[index]!;
  if (ID_CHECK[sum % 11] !== value[17]!.toUpperCase()) return false;
  const year = Number(value.slice(6, 10));
  const month = Number(value.slice(10, 12));
  const day = Number(value.slice(12, 14));
  const birth = new Date(Date.UTC(year, month - 1, day));
  return (
    year >= 1900 &&
    birth.getTime() <= today.getTime() &&
    birth.getUTCFullYear() === year &&
    birth.getUTCMonth() === month - 1 &&
    birth.getUTCDate() === day
  );
}

// Numbers standing alone, so that digits inside a longer run (an order number) are left alone. The
// leading boundary is captured rather than looked behind: older phones' browsers reject lookbehind,
// and a syntax error would stop the whole script.
const ID_CANDIDATE = /(^|[^\dA-Za-z])([1-9]\d{16}[\dXx])(?![\dA-Za-z])/g;
// Mainland mobile numbers: 1[3-9] and nine digits, optionally +86/0086 and spaces or dashes in
// the 3-4-4 grouping residents write.
const PHONE = /(^|\D)((?:(?:\+|00)86[\s-]?)?1[3-9]\d[\s-]?\d{4}[\s-]?\d{4})(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;

export interface ScrubResult {
  readonly text: string;
  /** How many pieces of personal data were replaced. */
  readonly removed: number;
}

export function scrub(
  text: string,
  placeholder = DEFAULT_PLACEHOLDER,
  today = new Date(),
): ScrubResult {
  let removed = 0;
  const out = text
    .replace(ID_CANDIDATE, (match, before: string, id: string) => {
      if (!isResidentId(id, today)) return match;
      removed += 1;
      return before + placeholder;
    })
    .replace(EMAIL, () => {
      removed += 1;
      return placeholder;
    })
    .replace(PHONE, (_match, before: string) => {
      removed += 1;
      return before + placeholder;
    });
  return { text: out, removed };
}
