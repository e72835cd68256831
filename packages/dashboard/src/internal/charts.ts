import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  type ChartConfiguration,
  type ChartType,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  type Plugin,
  PointElement,
  Tooltip,
} from 'chart.js';
import type { ReactiveController, ReactiveControllerHost } from 'lit';

let registered = false;

/**
 * Only the chart.js parts the dashboard draws with, registered on first use rather than at import,
 * so that importing the package has no side effect.
 */
export function registerChartParts(): void {
  if (registered) return;
  Chart.register(
    BarController,
    BarElement,
    LineController,
    LineElement,
    PointElement,
    CategoryScale,
    LinearScale,
    Tooltip,
    Legend,
  );
  registered = true;
}

/** Colours and font read from the element's CSS, so that a page's theme reaches the canvases. */
export interface Theme {
  readonly text: string;
  readonly muted: string;
  readonly grid: string;
  readonly surface: string;
  readonly bar: string;
  readonly barMuted: string;
  readonly compare: string;
  readonly font: string;
}

export function themeOf(host: Element): Theme {
  const style = getComputedStyle(host);
  const value = (name: string, fallback: string) => style.getPropertyValue(name).trim() || fallback;
  return {
    text: value('--_text', '#1f2328'),
    muted: value('--_muted', '#57606a'),
    grid: value('--_grid', '#d0d7de'),
    surface: value('--_surface', '#ffffff'),
    bar: value('--_bar', '#4393c3'),
    barMuted: value('--_bar-muted', '#8c959f'),
    compare: value('--_compare', '#b2182b'),
    font: style.fontFamily || 'sans-serif',
  };
}

/**
 * The levels' colours, worst to best: ColorBrewer's RdBu, a diverging scheme its authors mark
 * safe for colour-blind readers (red and blue stay apart under deuteranopia and protanopia), with
 * a neutral grey in the middle instead of near-white so that the middle level shows on a white
 * page. Each side also darkens outwards, so the order reads in greyscale. Segments carry dark
 * borders and direct percentage labels: colour never carries the meaning alone.
 */
const LEVEL_ANCHORS = ['#b2182b', '#ef8a62', '#d9d9d9', '#67a9cf', '#2166ac'];

/** Text on each anchor with at least 4.5:1 contrast. */
const LEVEL_TEXT = ['#ffffff', '#1f2328', '#1f2328', '#1f2328', '#ffffff'];

function mix(a: string, b: string, t: number): string {
  const channel = (hex: string, i: number) => Number.parseInt(hex.slice(1 + i * 2, 3 + i * 2), 16);
  const out = [0, 1, 2].map((i) =>
    Math.round(channel(a, i) + (channel(b, i) - channel(a, i)) * t)
      .toString(16)
      .padStart(2, '0'),
  );
  return `#${out.join('')}`;
}

/** `count` colours along the same scheme, worst to best, with a legible text colour for each. */
export function levelColours(count: number): Array<{ fill: string; text: string }> {
  if (count === LEVEL_ANCHORS.length) {
    return LEVEL_ANCHORS.map((fill, i) => ({ fill, text: LEVEL_TEXT[i]! }));
  }
  return Array.from({ length: count }, (_, i) => {
    const at = count === 1 ? 2 : (i / (count - 1)) * (LEVEL_ANCHORS.length - 1);
    const lower = Math.min(Math.floor(at), LEVEL_ANCHORS.length - 2);
    const fill = mix(LEVEL_ANCHORS[lower]!, LEVEL_ANCHORS[lower + 1]!, at - lower);
    const nearest = Math.round(at);
    return { fill, text: LEVEL_TEXT[nearest]! };
  });
}

const patterns = new Map<string, CanvasPattern>();

/**
 * Diagonal hatching for values that must not be read like the others (too few responses): the
 * difference shows without colour, and survives printing in black and white.
 */
export function hatch(line: string, background: string): CanvasPattern | string {
  const key = `${line}|${background}`;
  const cached = patterns.get(key);
  if (cached) return cached;
  const tile = document.createElement('canvas');
  tile.width = 8;
  tile.height = 8;
  const context = tile.getContext('2d');
  if (!context) return line;
  context.fillStyle = background;
  context.fillRect(0, 0, 8, 8);
  context.strokeStyle = line;
  context.lineWidth = 2;
  context.beginPath();
  context.moveTo(-2, 10);
  context.lineTo(10, -2);
  context.moveTo(-2, 2);
  context.lineTo(2, -2);
  context.moveTo(6, 10);
  context.lineTo(10, 6);
  context.stroke();
  const pattern = context.createPattern(tile, 'repeat');
  if (!pattern) return line;
  patterns.set(key, pattern);
  return pattern;
}

/** An interval per data point, `null` where it cannot be computed. */
export type Interval = readonly [number, number] | null;

/** Extra dataset members read by the plugins below; chart.js keeps unknown members as they are. */
export interface DatasetExtras {
  intervals?: readonly Interval[];
  /** Text drawn inside each bar segment, when it fits. */
  segmentLabels?: readonly string[];
  segmentLabelColour?: string;
}

/**
 * Interval whiskers, drawn over the bars or points: a line from the lower to the upper bound with
 * end caps, in the text colour. The default bar colour sits between the page and the whisker in
 * lightness, at least 3:1 from each, so the whisker shows over the bar and the bar on the page. An interval running past the axis (SPEC intervals are not clipped, and may pass 0 or
 * 100 with few answers) is cut at the chart's edge without a cap there, so that it reads as
 * "continues".
 */
export function whiskerPlugin(theme: Theme): Plugin {
  return {
    id: 'minyiWhiskers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea } = chart;
      const horizontal = chart.options.indexAxis === 'y';
      chart.data.datasets.forEach((dataset, index) => {
        const intervals = (dataset as DatasetExtras).intervals;
        const meta = chart.getDatasetMeta(index);
        if (!intervals || meta.hidden) return;
        const scale = horizontal ? meta.xScale : meta.yScale;
        if (!scale) return;
        const [start, end] = horizontal
          ? [chartArea.left, chartArea.right]
          : [chartArea.bottom, chartArea.top];
        const inside = (pixel: number) =>
          Math.min(Math.max(pixel, Math.min(start, end)), Math.max(start, end));
        meta.data.forEach((element, i) => {
          const interval = intervals[i];
          if (!interval) return;
          const { x, y } = element.getProps(['x', 'y'], true) as { x: number; y: number };
          const across = horizontal ? y : x;
          const a = scale.getPixelForValue(interval[0]);
          const b = scale.getPixelForValue(interval[1]);
          const [lo, hi] = [inside(a), inside(b)];
          const cap = 5;
          ctx.save();
          ctx.lineCap = 'butt';
          ctx.strokeStyle = theme.text;
          ctx.lineWidth = 2;
          ctx.beginPath();
          if (horizontal) {
            ctx.moveTo(lo, across);
            ctx.lineTo(hi, across);
          } else {
            ctx.moveTo(across, lo);
            ctx.lineTo(across, hi);
          }
          for (const [end, bound] of [
            [lo, a],
            [hi, b],
          ] as const) {
            if (end !== bound) continue;
            if (horizontal) {
              ctx.moveTo(end, across - cap);
              ctx.lineTo(end, across + cap);
            } else {
              ctx.moveTo(across - cap, end);
              ctx.lineTo(across + cap, end);
            }
          }
          ctx.stroke();
          ctx.restore();
        });
      });
    },
  };
}

/** Percentages written inside the stacked bar segments that are wide enough to hold them. */
export function segmentLabelPlugin(theme: Theme): Plugin {
  return {
    id: 'minyiSegmentLabels',
    afterDatasetsDraw(chart) {
      const { ctx } = chart;
      ctx.save();
      ctx.font = `12px ${theme.font}`;
      ctx.textAlign = 'center';
      ctx.textBaseline = 'middle';
      chart.data.datasets.forEach((dataset, index) => {
        const extras = dataset as DatasetExtras;
        const meta = chart.getDatasetMeta(index);
        if (!extras.segmentLabels || meta.hidden) return;
        ctx.fillStyle = extras.segmentLabelColour ?? theme.text;
        meta.data.forEach((element, i) => {
          const label = extras.segmentLabels?.[i];
          if (!label) return;
          const { x, y, base } = element.getProps(['x', 'y', 'base'], true) as {
            x: number;
            y: number;
            base: number;
          };
          const width = Math.abs(x - base);
          if (width < ctx.measureText(label).width + 6) return;
          ctx.fillText(label, (x + base) / 2, y);
        });
      });
      ctx.restore();
    },
  };
}

/** An opaque background, so that a downloaded PNG is legible on any viewer. */
export function backgroundPlugin(theme: Theme): Plugin {
  return {
    id: 'minyiBackground',
    beforeDraw(chart) {
      const { ctx, canvas } = chart;
      ctx.save();
      ctx.globalCompositeOperation = 'destination-over';
      ctx.fillStyle = theme.surface;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.restore();
    },
  };
}

export interface ChartSpec {
  readonly key: string;
  readonly canvas: HTMLCanvasElement;
  /**
   * CSS pixels, given the container's width; set on the container through the CSSOM, which a
   * strict style-src allows (a style attribute it would refuse).
   */
  readonly height: (width: number) => number;
  readonly config: () => ChartConfiguration<ChartType>;
}

interface Entry {
  chart: Chart;
  canvas: HTMLCanvasElement;
  version: number;
  look: string;
}

/**
 * Keeps one chart.js chart per canvas of the host's shadow root in step with what the host
 * renders: made when its canvas appears, updated in place when the data changes (cheaper than a
 * new chart, and the canvas keeps its size), destroyed with its canvas or the host.
 */
export class ChartsController implements ReactiveController {
  private readonly charts = new Map<string, Entry>();

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    for (const entry of this.charts.values()) entry.chart.destroy();
    this.charts.clear();
  }

  get(key: string): Chart | undefined {
    return this.charts.get(key)?.chart;
  }

  /**
   * Brings the charts in line with `specs`: `version` changes whenever their data does, `look`
   * whenever their theme does (plugins are fixed when a chart is made, so a new look needs a new
   * chart). Returns the keys of the charts drawn: chart.js draws at once when animation is off.
   */
  sync(specs: readonly ChartSpec[], version: number, look: string): string[] {
    registerChartParts();
    const drawn: string[] = [];
    const wanted = new Set(specs.map((spec) => spec.key));
    for (const [key, entry] of this.charts) {
      if (!wanted.has(key) || !entry.canvas.isConnected) {
        entry.chart.destroy();
        this.charts.delete(key);
      }
    }
    for (const spec of specs) {
      const entry = this.charts.get(spec.key);
      const same = entry && entry.canvas === spec.canvas && entry.look === look;
      if (same && entry.version === version) continue;
      const container = spec.canvas.parentElement;
      if (container) container.style.height = `${spec.height(container.clientWidth)}px`;
      const config = spec.config();
      if (same) {
        entry.chart.data = config.data;
        entry.chart.options = config.options ?? {};
        entry.chart.update();
        entry.version = version;
      } else {
        entry?.chart.destroy();
        // A canvas that held another chart (the view changed under it) is freed first.
        Chart.getChart(spec.canvas)?.destroy();
        this.charts.set(spec.key, {
          chart: new Chart(spec.canvas, config),
          canvas: spec.canvas,
          version,
          look,
        });
      }
      drawn.push(spec.key);
    }
    return drawn;
  }
}
