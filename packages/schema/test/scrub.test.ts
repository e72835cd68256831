import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { isResidentId, scrub } from '../src/scrub.js';

/** Appends the ISO 7064 MOD 11-2 check character to 17 digits. */
function withCheck(first17: string): string {
  const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
  const sum = [...first17].reduce(
    (total, digit, index) => total + Number(digit) * weights[index]!,
    0,
  );
  return first17 + '10X98765432'[sum % 11];
}

const today = new Date('2026-11-27T00:00:00Z');

describe('isResidentId', () => {
  test('accepts a number with a valid check character and birth date', () => {
    expect(isResidentId(withCheck('11010519491231002'), today)).toBe(true);
    const x = withCheck('44030419900307001'); // whichever check character it gets, X included
    expect(isResidentId(x, today)).toBe(true);
    expect(isResidentId(x.toLowerCase(), today)).toBe(true);
  });

  test('refuses a wrong check character, an impossible or future date, and other shapes', () => {
    const valid = withCheck('11010519491231002');
    const wrong = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    expect(isResidentId(wrong, today)).toBe(false);
    expect(isResidentId(withCheck('11010519490230002'), today)).toBe(false); // 30 February
    expect(isResidentId(withCheck('11010520300101002'), today)).toBe(false); // not born yet
    expect(isResidentId(withCheck('11010518000101002'), today)).toBe(false); // before 1900
    expect(isResidentId('1101051949123100', today)).toBe(false);
    expect(isResidentId(withCheck('01010519491231002'), today)).toBe(false);
  });

  test('property: exactly one check character in eleven makes a valid number', () => {
    fc.assert(
      fc.property(
        fc.date({ min: new Date('1950-01-01'), max: new Date('2020-12-31'), noInvalidDate: true }),
        fc.stringMatching(/^\d{3}$/),
        (birth, serial) => {
          const body = `110105${birth.toISOString().slice(0, 10).replaceAll('-', '')}${serial}`;
          const valid = [...'0123456789X'].filter((check) => isResidentId(body + check, today));
          return valid.length === 1 && valid[0] === withCheck(body)[17];
        },
      ),
    );
  });
});

describe('scrub', () => {
  const id = withCheck('11010519491231002');

  test('replaces an ID number, mobile numbers and e-mail addresses, and counts them', () => {
    const result = scrub(
      `我的身份证${id}，电话 138 0013 8000 或 +86-139-0013-9000，邮箱 zhang.san@example.com.cn，谢谢`,
    );
    expect(result).toEqual({
      text: '我的身份证[已隐去]，电话 [已隐去] 或 [已隐去]，邮箱 [已隐去]，谢谢',
      removed: 4,
    });
  });

  test('uses the placeholder it is given', () => {
    expect(scrub(`ID ${id}`, '[removed]').text).toBe('ID [removed]');
  });

  test('keeps numbers that only look alike: a bad check digit, part of a longer number, landlines', () => {
    const badCheck = id.slice(0, 17) + (id[17] === '0' ? '1' : '0');
    const text = `工单号 ${badCheck}，订单 9${id}1，座机 010-12345678，金额 13800138000元？不，是12800138000`;
    const result = scrub(text);
    expect(result.text).toBe(text.replace('13800138000', '[已隐去]'));
    expect(result.removed).toBe(1);
  });

  test('leaves text without personal data exactly as it was', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...'窗口服务态度很好，办事效率高 abc.!?') }),
        (text) => {
          return scrub(text).text === text;
        },
      ),
    );
  });
});
