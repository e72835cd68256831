import fc from 'fast-check';
import { describe, expect, test } from 'vitest';
import { CSV_BOM, csvCell, toCsv } from '../src/internal/csv.js';

/** A minimal RFC 4180 reader, to check that what is written reads back. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i]!;
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (char === '"') quoted = false;
      else field += char;
    } else if (char === '"') quoted = true;
    else if (char === ',') {
      row.push(field);
      field = '';
    } else if (char === '\r' && text[i + 1] === '\n') {
      row.push(field);
      rows.push(row);
      row = [];
      field = '';
      i++;
    } else field += char;
  }
  return rows;
}

describe('CSV for spreadsheets', () => {
  test('starts with a byte order mark and ends every record with CRLF', () => {
    const csv = toCsv([
      ['名次', '评价对象'],
      ['1', '区民政局'],
    ]);
    expect(csv.startsWith(CSV_BOM)).toBe(true);
    expect(csv.slice(1)).toBe('名次,评价对象\r\n1,区民政局\r\n');
  });

  test.each([
    ['=3', "'=3"],
    ['+86 10 1234', "'+86 10 1234"],
    ['-5', "'-5"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tx', "'\tx"],
    ['\rx', `"'\rx"`],
    ['=HYPERLINK("http://x","y")', `"'=HYPERLINK(""http://x"",""y"")"`],
  ])('neutralises the text %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  test('writes numbers as numbers (a negative NPS stays a value) and nothing for null', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell(78.4)).toBe('78.4');
    expect(csvCell(null)).toBe('');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });

  test('quotes commas, quotes and line breaks', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
  });

  test('every text reads back as written, with an apostrophe only where a formula could start', () => {
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1 }),
        (rows) => {
          const back = parse(toCsv(rows).slice(1));
          expect(back).toHaveLength(rows.length);
          back.forEach((row, r) => {
            row.forEach((field, c) => {
              const original = rows[r]![c]!;
              expect(/^[=+\-@\t\r]/.test(field)).toBe(false);
              expect(field).toBe(/^[=+\-@\t\r]/.test(original) ? `'${original}` : original);
            });
          });
        },
      ),
    );
  });
});
