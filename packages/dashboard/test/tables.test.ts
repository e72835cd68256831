import { describe, expect, test } from 'vitest';
import { formatFor } from '../src/internal/format.js';
import { labeller } from '../src/internal/labels.js';
import { MESSAGES } from '../src/internal/messages.js';
import {
  byScale,
  dimensionRows,
  dimensionsOf,
  distributionRows,
  rankingRows,
  subjectsOf,
} from '../src/internal/shape.js';
import {
  dimensionTable,
  distributionTable,
  rankingTable,
  type TableContext,
  tableCsv,
} from '../src/internal/tables.js';
import { scores } from './helpers.js';

const data = scores({
  subjects: 8,
  lowN: ['education'],
  ties: [['civil-affairs', 'health']],
  nps: true,
});

function context(locale: 'zh-Hans' | 'zh-Hant' | 'en'): TableContext {
  const format = formatFor(locale);
  const messages = MESSAGES[locale];
  return { format, messages, labels: labeller(data, locale, format, messages), level: 95 };
}

const csvRows = (csv: string) =>
  csv
    .slice(1)
    .split('\r\n')
    .filter(Boolean)
    .map((line) => line.split(','));

describe('tables and their CSV say the same', () => {
  test('the ranking: one column per number, ranks "=" neutralised, values rounded as shown', () => {
    const rows = rankingRows(data.cells, '2026-11', subjectsOf(data));
    const table = rankingTable(rows, context('zh-Hans'));
    const [header, ...body] = csvRows(tableCsv(table));
    expect(header).toEqual([
      '名次',
      '评价对象',
      '得分',
      '得分: 95% 置信区间 下限',
      '得分: 95% 置信区间 上限',
      '有效样本量',
      '回答数',
      '说明',
    ]);
    expect(body).toHaveLength(rows.length);
    const format = formatFor('zh-Hans');
    body.forEach((line, index) => {
      const shown = table.rows[index]!;
      // The table's text is built from the numbers the CSV carries, rounded as shown.
      const [mean, low, high] = line.slice(2, 5).map((value) => (value ? Number(value) : null));
      expect(shown[2]!.text).toBe(format.interval(mean, low, high));
    });
    const tied = body.filter((line) => line[1] === '区民政局' || line[1] === '区卫生健康委员会');
    expect(tied.map((line) => line[0])).toEqual([tied[0]![0], tied[0]![0]]);
    expect(tied[0]![0]).toMatch(/^'=\d+$/);
    expect(tied.map((line) => line[7])).toEqual(['并列', '并列']);
    const small = body.find((line) => line[1] === '区教育局')!;
    expect(small[0]).toBe('—');
    expect(small[7]).toBe('样本不足');
  });

  test('dimensions carry NPS where the survey asks for it, signed, with its interval', () => {
    const cell = data.cells.find((c) => c.department === 'housing' && c.period === '2026-11');
    const table = dimensionTable(dimensionRows(cell, dimensionsOf(data)), context('en'));
    expect(table.columns.map((column) => column.header)).toEqual([
      'Dimension',
      'Score (95% confidence interval)',
      'Net Promoter Score (95% confidence interval)',
      'Effective sample size',
      'Note',
    ]);
    const recommend = table.rows.find((row) => row[0]!.text === 'Would recommend')!;
    // A signed bound sets the dash apart: "-12.0 (-20.1 – -3.9)".
    expect(recommend[2]!.text).toMatch(/^[+-]?\d+\.\d \([+-]?\d+\.\d(–| – )[+-]?\d+\.\d\)$/);
    expect(table.rows.find((row) => row[0]!.text === 'Efficiency')![2]!.text).toBe('');
  });

  test('the distribution names each level in the locale and gives counts with shares', () => {
    const rows = distributionRows(data, '2026-11', 'housing', dimensionsOf(data)).filter(
      (row) => row.dimension !== 'recommend',
    );
    const table = distributionTable(rows, context('zh-Hant'));
    expect(table.columns.map((column) => column.header)).toEqual([
      '指標',
      '非常不滿意',
      '不滿意',
      '基本滿意',
      '滿意',
      '非常滿意',
      '合計',
    ]);
    const first = table.rows[0]!;
    expect(first[1]!.text).toMatch(/^\d+ \(\d+\.\d%\)$/);
    const [header] = csvRows(tableCsv(table));
    expect(header!.slice(1, 3)).toEqual(['非常不滿意', '非常不滿意: 佔比 %']);
  });

  test('dimensions on different scales get a chart and a table each', () => {
    const rows = distributionRows(data, '2026-11', 'housing', dimensionsOf(data));
    const labels = context('en').labels;
    const groups = byScale(rows, (row) => labels.levels(row.dimension, row.counts.length));
    expect(groups.map((group) => group.map((row) => row.dimension))).toEqual([
      ['attitude', 'efficiency', 'openness', 'outcome'],
      ['recommend'],
    ]);
    const nps = distributionTable(groups[1]!, context('en'));
    expect(nps.columns.map((column) => column.header)).toEqual([
      'Dimension',
      ...Array.from({ length: 11 }, (_, i) => String(i)),
      'Total',
    ]);
  });
});
