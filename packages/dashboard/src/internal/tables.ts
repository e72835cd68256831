import { type CsvValue, toCsv } from './csv.js';
import type { Format } from './format.js';
import type { Labeller } from './labels.js';
import type { Messages } from './messages.js';
import {
  type DimensionRow,
  type DistributionRow,
  type GroupRow,
  type RankingRow,
  rankText,
  round1,
  type TrendPoint,
} from './shape.js';

/**
 * What each chart shows, as a table: the accessible twin of the chart and the source of its CSV
 * export, so that the file an evaluator downloads says exactly what the screen said. A cell reads
 * as formatted text ("78.4 (74.1–82.7)") and exports as separate numbers (78.4, 74.1, 82.7),
 * rounded as shown.
 */
export interface Column {
  readonly header: string;
  /** The CSV headers this column becomes; one per value of its cells' `csv`. */
  readonly csv?: readonly string[];
}

export interface TableCell {
  readonly text: string;
  readonly csv?: readonly CsvValue[];
}

export interface TableModel {
  readonly columns: readonly Column[];
  readonly rows: ReadonlyArray<ReadonlyArray<TableCell>>;
}

export interface TableContext {
  readonly format: Format;
  readonly messages: Messages;
  readonly labels: Labeller;
  /** The confidence level in percent, e.g. 95. */
  readonly level: number;
}

export function tableCsv(table: TableModel): string {
  const header = table.columns.flatMap((column) => column.csv ?? [column.header]);
  const rows = table.rows.map((row) =>
    row.flatMap((cell, index) => {
      const width = table.columns[index]?.csv?.length ?? 1;
      const values = cell.csv ?? [cell.text];
      return Array.from({ length: width }, (_, i) => values[i] ?? null);
    }),
  );
  return toCsv([header, ...rows]);
}

const text = (value: string): TableCell => ({ text: value });

function intervalColumn(header: string, context: TableContext, interval?: string): Column {
  const { messages: m } = context;
  const name = interval ?? m.interval(context.level);
  return {
    header: `${header} (${name})`,
    csv: [header, `${header}: ${name} ${m.lower}`, `${header}: ${name} ${m.upper}`],
  };
}

function scoreCell(
  context: TableContext,
  mean: number | null,
  low: number | null,
  high: number | null,
): TableCell {
  return {
    text: context.format.interval(mean, low, high),
    csv: [round1(mean), round1(low), round1(high)],
  };
}

function percentCell(
  context: TableContext,
  p: number | null,
  low: number | null,
  high: number | null,
): TableCell {
  const percent = (value: number | null) => (value === null ? null : round1(value * 100));
  return {
    text: context.format.interval(p, low, high, 'percent'),
    csv: [percent(p), percent(low), percent(high)],
  };
}

function countCell(context: TableContext, value: number | null): TableCell {
  return { text: context.format.count(value), csv: [value] };
}

function decimalCell(context: TableContext, value: number | null): TableCell {
  return { text: context.format.score(value), csv: [round1(value)] };
}

export function rankingTable(rows: readonly RankingRow[], context: TableContext): TableModel {
  const { messages: m } = context;
  return {
    columns: [
      { header: m.rank },
      { header: m.subject },
      intervalColumn(m.score, context),
      { header: m.nEff },
      { header: m.responses },
      { header: m.note },
    ],
    rows: rows.map((row) => {
      const note =
        row.status === 'low-n'
          ? m.lowN
          : row.status === 'unranked'
            ? m.unranked
            : row.status === 'no-data'
              ? m.noData
              : row.tied
                ? m.tied
                : '';
      return [
        text(rankText(row) ?? '—'),
        text(context.labels.subject(row.subject)),
        scoreCell(context, row.mean, row.low, row.high),
        decimalCell(context, row.cell?.score.n_eff ?? null),
        countCell(context, row.cell?.n ?? 0),
        text(note),
      ];
    }),
  };
}

export function dimensionTable(rows: readonly DimensionRow[], context: TableContext): TableModel {
  const { messages: m } = context;
  const withNps = rows.some((row) => row.nps);
  return {
    columns: [
      { header: m.dimension },
      intervalColumn(m.score, context),
      ...(withNps ? [intervalColumn(m.nps, context)] : []),
      { header: m.nEff },
      { header: m.note },
    ],
    rows: rows.map((row) => [
      text(context.labels.dimension(row.dimension)),
      scoreCell(context, row.mean, row.low, row.high),
      ...(withNps
        ? [
            row.nps
              ? {
                  text: context.format.interval(row.nps.value, row.nps.low, row.nps.high, 'nps'),
                  csv: [round1(row.nps.value), round1(row.nps.low), round1(row.nps.high)],
                }
              : text(''),
          ]
        : []),
      decimalCell(context, row.nEff),
      text(row.lowN ? m.lowN : ''),
    ]),
  };
}

export function rateTable(rows: readonly DimensionRow[], context: TableContext): TableModel {
  const { messages: m } = context;
  const topK = rows[0]?.topK ?? 2;
  const header = rows.every((row) => row.topK === topK) ? m.rate(topK) : m.rates;
  return {
    columns: [
      { header: m.dimension },
      intervalColumn(`${header} %`, context, `Wilson ${context.level}%`),
      { header: m.nEff },
    ],
    rows: rows.map((row) => [
      text(context.labels.dimension(row.dimension)),
      percentCell(context, row.rate, row.rateLow, row.rateHigh),
      decimalCell(context, row.nEff),
    ]),
  };
}

export function countsTable(rows: readonly DimensionRow[], context: TableContext): TableModel {
  const { messages: m } = context;
  return {
    columns: [
      { header: m.dimension },
      { header: m.answered },
      { header: m.notApplicable },
      { header: m.missing },
    ],
    rows: rows.map((row) => [
      text(context.labels.dimension(row.dimension)),
      countCell(context, row.answered),
      countCell(context, row.notApplicable),
      countCell(context, row.missing),
    ]),
  };
}

export function groupTable(rows: readonly GroupRow[], context: TableContext): TableModel {
  const { messages: m } = context;
  return {
    columns: [
      { header: m.group },
      intervalColumn(m.score, context),
      { header: m.responses },
      { header: m.nEff },
      { header: m.note },
    ],
    rows: rows.map((row) => [
      text(context.labels.group(row.group)),
      scoreCell(context, row.mean, row.low, row.high),
      countCell(context, row.n),
      decimalCell(context, row.nEff),
      text(row.lowN ? m.lowN : ''),
    ]),
  };
}

export interface TrendSeries {
  readonly subject: string;
  readonly points: readonly TrendPoint[];
}

export function trendTable(series: readonly TrendSeries[], context: TableContext): TableModel {
  const { messages: m } = context;
  const periods = series[0]?.points.map((point) => point.period) ?? [];
  return {
    columns: [
      { header: m.period },
      ...series.flatMap(({ subject }) => {
        const name = context.labels.subject(subject);
        return [intervalColumn(name, context), { header: `${name}: ${m.note}` }];
      }),
    ],
    rows: periods.map((period, index) => [
      text(context.labels.period(period)),
      ...series.flatMap(({ points }) => {
        const point = points[index]!;
        return [
          scoreCell(context, point.mean, point.low, point.high),
          text(point.n === 0 ? m.noData : point.lowN ? m.lowN : ''),
        ];
      }),
    ]),
  };
}

/** Dimensions on one scale (see `byScale`): they share the level headers. */
export function distributionTable(
  rows: readonly DistributionRow[],
  context: TableContext,
): TableModel {
  const { messages: m } = context;
  const width = Math.max(0, ...rows.map((row) => row.counts.length));
  const names = context.labels.levels(rows[0]?.dimension ?? '', width);
  return {
    columns: [
      { header: m.dimension },
      ...names.map((name) => ({ header: name, csv: [name, `${name}: ${m.share} %`] })),
      { header: m.total },
    ],
    rows: rows.map((row) => [
      text(context.labels.dimension(row.dimension)),
      ...Array.from({ length: width }, (_, index) => {
        const count = row.counts[index] ?? 0;
        const share = row.shares[index] ?? 0;
        return {
          text: `${context.format.count(count)} (${context.format.percent(share)})`,
          csv: [count, round1(share * 100)],
        };
      }),
      countCell(context, row.total),
    ]),
  };
}
