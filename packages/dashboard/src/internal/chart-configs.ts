import type { ChartConfiguration, ChartDataset, ChartOptions, Scale, TooltipItem } from 'chart.js';
import {
  backgroundPlugin,
  type DatasetExtras,
  hatch,
  type Interval,
  levelColours,
  segmentLabelPlugin,
  type Theme,
  whiskerPlugin,
} from './charts.js';
import type { Format } from './format.js';
import type { Labeller } from './labels.js';
import type { Messages } from './messages.js';
import type { DistributionRow, RankingRow } from './shape.js';
import { rankText } from './shape.js';
import type { TrendSeries } from './tables.js';

/**
 * chart.js configurations for each chart. Animation is off: evaluators compare numbers, motion
 * adds nothing to that, and a chart that is drawn at once can be exported at once.
 */
export interface ChartContext {
  readonly theme: Theme;
  readonly format: Format;
  readonly messages: Messages;
  readonly labels: Labeller;
}

/** Axis, title and padding around the rows. */
const FRAME_HEIGHT = 72;
/** Below this width, category labels wrap onto two lines and rows grow to hold them. */
export const NARROW = 560;

/** The height of a horizontal bar chart of `rows` bars in a container `width` pixels wide. */
export function barsHeight(rows: number, width: number): number {
  return FRAME_HEIGHT + Math.max(rows, 1) * (width < NARROW ? 44 : 30);
}

/**
 * Splits a label into lines no wider than `max` pixels: Chinese between any two characters,
 * other scripts at spaces. Without it, chart.js cuts long names (区住房和城乡建设局, "District
 * Human Resources Bureau") at the canvas edge on a phone.
 */
export function wrapLabel(text: string, max: number, measure: (text: string) => number): string[] {
  if (measure(text) <= max) return [text];
  const tokens = text.match(
    /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]|[^\s\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]+|\s+/g,
  ) ?? [text];
  const lines: string[] = [];
  let line = '';
  for (const token of tokens) {
    const next = line + token;
    if (line.trim() !== '' && measure(next.trim()) > max) {
      lines.push(line.trim());
      line = token.trim() === '' ? '' : token;
    } else line = next;
  }
  if (line.trim() !== '') lines.push(line.trim());
  return lines;
}

const interval = (low: number | null, high: number | null): Interval =>
  low === null || high === null ? null : [low, high];

function font(theme: Theme, size = 12) {
  return { family: theme.font, size };
}

function baseOptions(context: ChartContext, horizontal: boolean): ChartOptions<'bar' | 'line'> {
  const { theme, format } = context;
  return {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    locale: format.intlLocale,
    indexAxis: horizontal ? 'y' : 'x',
    color: theme.text,
    plugins: {
      legend: { display: false, labels: { color: theme.text, font: font(theme) } },
      tooltip: { titleFont: font(theme), bodyFont: font(theme) },
    },
  };
}

function valueAxis(context: ChartContext, title: string, percent: boolean, stacked = false) {
  const { theme, format } = context;
  return {
    min: 0,
    max: 100,
    stacked,
    ticks: {
      color: theme.text,
      font: font(theme),
      callback: (value: number | string) =>
        percent ? format.wholePercentOf100(Number(value)) : format.count(Number(value)),
    },
    grid: { color: theme.grid },
    border: { color: theme.muted },
    title: { display: true, text: title, color: theme.text, font: font(theme) },
  };
}

function categoryAxis(context: ChartContext, stacked = false) {
  const { theme } = context;
  return {
    stacked,
    ticks: {
      color: theme.text,
      font: font(theme),
      autoSkip: false,
      callback(this: Scale, value: number | string) {
        const label = this.getLabelForValue(Number(value));
        if (this.isHorizontal()) return label;
        const { ctx, width } = this.chart;
        ctx.save();
        ctx.font = `12px ${theme.font}`;
        const lines = wrapLabel(
          label,
          Math.max(90, width * (width < NARROW ? 0.42 : 0.32)),
          (text) => ctx.measureText(text).width,
        );
        ctx.restore();
        return lines;
      },
    },
    grid: { display: false },
    border: { color: theme.muted },
  };
}

/** The ranking: one bar per subject, best first, ranked ones solid, the others hatched or pale. */
export function rankingChart(
  rows: readonly RankingRow[],
  context: ChartContext,
  onPick: (subject: string) => void,
): ChartConfiguration<'bar'> {
  const { theme, format, messages: m, labels } = context;
  const status = { 'low-n': m.lowN, unranked: m.unranked, 'no-data': m.noData } as const;
  const names = rows.map((row) => {
    const rank = rankText(row);
    const name = labels.subject(row.subject);
    return row.status === 'ranked' ? `${rank} ${name}` : `${name} (${status[row.status]})`;
  });
  const dataset: ChartDataset<'bar'> & DatasetExtras = {
    label: m.score,
    data: rows.map((row) => row.mean),
    backgroundColor: rows.map((row) =>
      row.status === 'ranked' ? theme.bar : hatch(theme.barMuted, theme.surface),
    ),
    borderColor: rows.map((row) => (row.status === 'ranked' ? theme.bar : theme.muted)),
    borderWidth: 1,
    barPercentage: 0.7,
    intervals: rows.map((row) => interval(row.low, row.high)),
  };
  const options = baseOptions(context, true) as ChartOptions<'bar'>;
  return {
    type: 'bar',
    data: { labels: names, datasets: [dataset] },
    options: {
      ...options,
      scales: { x: valueAxis(context, m.scoreAxis, false), y: categoryAxis(context) },
      plugins: {
        ...options.plugins,
        tooltip: {
          ...options.plugins?.tooltip,
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const row = rows[item.dataIndex]!;
              return `${format.interval(row.mean, row.low, row.high)} · ${m.responses} ${format.count(row.cell?.n ?? 0)}`;
            },
          },
        },
      },
      onClick: (_event, elements) => {
        const index = elements[0]?.index;
        if (index !== undefined && rows[index]) onPick(rows[index].subject);
      },
      onHover: (event, elements) => {
        const canvas = event.native?.target;
        // CSSOM, not a style attribute: allowed under a strict style-src.
        if (canvas instanceof HTMLCanvasElement)
          canvas.style.cursor = elements.length > 0 ? 'pointer' : 'default';
      },
    },
    plugins: [backgroundPlugin(theme), whiskerPlugin(theme)],
  };
}

export interface IntervalBar {
  readonly label: string;
  readonly value: number | null;
  readonly low: number | null;
  readonly high: number | null;
  /** Drawn hatched: an estimate from too few responses. */
  readonly muted: boolean;
}

/** Horizontal bars with intervals: dimension means, satisfaction rates, group scores. */
export function intervalBarChart(
  bars: readonly IntervalBar[],
  axisTitle: string,
  percent: boolean,
  context: ChartContext,
): ChartConfiguration<'bar'> {
  const { theme, format } = context;
  const shown = (value: number | null) => (value === null ? null : percent ? value * 100 : value);
  const dataset: ChartDataset<'bar'> & DatasetExtras = {
    label: axisTitle,
    data: bars.map((bar) => shown(bar.value)),
    backgroundColor: bars.map((bar) =>
      bar.muted ? hatch(theme.barMuted, theme.surface) : theme.bar,
    ),
    borderColor: bars.map((bar) => (bar.muted ? theme.muted : theme.bar)),
    borderWidth: 1,
    barPercentage: 0.7,
    intervals: bars.map((bar) => interval(shown(bar.low), shown(bar.high))),
  };
  const options = baseOptions(context, true) as ChartOptions<'bar'>;
  return {
    type: 'bar',
    data: { labels: bars.map((bar) => bar.label), datasets: [dataset] },
    options: {
      ...options,
      scales: { x: valueAxis(context, axisTitle, percent), y: categoryAxis(context) },
      plugins: {
        ...options.plugins,
        tooltip: {
          ...options.plugins?.tooltip,
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const bar = bars[item.dataIndex]!;
              return format.interval(bar.value, bar.low, bar.high, percent ? 'percent' : 'score');
            },
          },
        },
      },
    },
    plugins: [backgroundPlugin(theme), whiskerPlugin(theme)],
  };
}

/**
 * Each subject's score by period. A second subject is dashed with square points, so the two
 * lines differ without colour; periods with too few responses have hollow points.
 */
export function trendChart(
  series: readonly TrendSeries[],
  context: ChartContext,
): ChartConfiguration<'line'> {
  const { theme, format, messages: m, labels } = context;
  const periods = series[0]?.points.map((point) => labels.period(point.period)) ?? [];
  const datasets = series.map((line, index): ChartDataset<'line'> & DatasetExtras => {
    const colour = index === 0 ? theme.bar : theme.compare;
    return {
      label: labels.subject(line.subject),
      data: line.points.map((point) => point.mean),
      borderColor: colour,
      backgroundColor: colour,
      borderWidth: 2,
      borderDash: index === 0 ? [] : [6, 4],
      pointStyle: index === 0 ? 'circle' : 'rect',
      pointRadius: 5,
      pointBorderWidth: 2,
      pointBorderColor: colour,
      pointBackgroundColor: line.points.map((point) => (point.lowN ? theme.surface : colour)),
      spanGaps: false,
      intervals: line.points.map((point) => interval(point.low, point.high)),
    };
  });
  const options = baseOptions(context, false) as ChartOptions<'line'>;
  return {
    type: 'line',
    data: { labels: periods, datasets },
    options: {
      ...options,
      scales: {
        x: { ...categoryAxis(context), grid: { color: theme.grid } },
        y: valueAxis(context, m.scoreAxis, false),
      },
      plugins: {
        ...options.plugins,
        legend: {
          display: series.length > 1,
          labels: { color: theme.text, font: font(theme), usePointStyle: true },
        },
        tooltip: {
          ...options.plugins?.tooltip,
          callbacks: {
            label: (item: TooltipItem<'line'>) => {
              const point = series[item.datasetIndex]?.points[item.dataIndex];
              if (!point) return '';
              const low = point.lowN ? ` · ${m.lowN}` : '';
              return `${item.dataset.label}: ${format.interval(point.mean, point.low, point.high)}${low}`;
            },
          },
        },
      },
    },
    plugins: [backgroundPlugin(theme), whiskerPlugin(theme)],
  };
}

/** Each dimension's answers by level, worst to best from left to right, as shares of 100%. */
export function distributionChart(
  rows: readonly DistributionRow[],
  context: ChartContext,
): ChartConfiguration<'bar'> {
  const { theme, format, messages: m, labels } = context;
  const width = Math.max(0, ...rows.map((row) => row.counts.length));
  const names = labels.levels(rows[0]?.dimension ?? '', width);
  const colours = levelColours(width);
  const datasets = names.map((name, level): ChartDataset<'bar'> & DatasetExtras => ({
    label: name,
    data: rows.map((row) => (row.shares[level] ?? 0) * 100),
    backgroundColor: colours[level]!.fill,
    borderColor: theme.text,
    borderWidth: 1,
    barPercentage: 0.7,
    segmentLabels: rows.map((row) => {
      const share = row.shares[level] ?? 0;
      return share > 0 ? format.wholePercentOf100(share * 100) : '';
    }),
    segmentLabelColour: colours[level]!.text,
  }));
  const options = baseOptions(context, true) as ChartOptions<'bar'>;
  return {
    type: 'bar',
    data: { labels: rows.map((row) => labels.dimension(row.dimension)), datasets },
    options: {
      ...options,
      scales: {
        x: valueAxis(context, m.shareAxis, true, true),
        y: categoryAxis(context, true),
      },
      plugins: {
        ...options.plugins,
        legend: {
          display: true,
          position: 'top',
          labels: { color: theme.text, font: font(theme) },
        },
        tooltip: {
          ...options.plugins?.tooltip,
          callbacks: {
            label: (item: TooltipItem<'bar'>) => {
              const row = rows[item.dataIndex]!;
              const count = row.counts[item.datasetIndex] ?? 0;
              const share = row.shares[item.datasetIndex] ?? 0;
              return `${item.dataset.label}: ${format.count(count)} (${format.percent(share)})`;
            },
          },
        },
      },
    },
    plugins: [backgroundPlugin(theme), segmentLabelPlugin(theme)],
  };
}
