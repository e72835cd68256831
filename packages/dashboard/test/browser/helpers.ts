import { Chart } from 'chart.js';
import { nextEvent } from '../../../../test-support/browser.js';
import { score } from '../../../scoring/src/index.js';
import type { MinyiCases, MinyiScoreboard } from '../../src/index.js';
import { type MakeScoresOptions, makeScores } from '../fixtures/scores-data.mjs';

export {
  type AxNode,
  expectAccessible,
  faultWorker,
  nextEvent,
  nodesWithRole,
  waitFor,
} from '../../../../test-support/browser.js';

/** A `GET /v1/scores` answer computed now by the scoring package from seeded responses. */
export function scores(options: Omit<MakeScoresOptions, 'score'> = {}) {
  return makeScores({ score: score as MakeScoresOptions['score'], ...options });
}

/** A fictitious evaluator token, shaped like the collector's. */
export const TOKEN = 'minyi_ev_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG';

/** Adds the element to the page with the attributes, as a page's markup would, once rendered. */
export async function mountElement<Tag extends 'minyi-scoreboard' | 'minyi-cases'>(
  tag: Tag,
  attributes: Record<string, string>,
): Promise<HTMLElementTagNameMap[Tag]> {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) element.setAttribute(name, value);
  document.body.append(element);
  await element.updateComplete;
  return element;
}

export function mount(attributes: Record<string, string> = {}): Promise<MinyiScoreboard> {
  return mountElement('minyi-scoreboard', {
    collector: '/scores-api/',
    lang: 'zh-CN',
    ...attributes,
  });
}

export const shadow = (element: Element) => element.shadowRoot!;

export function $<T extends Element = HTMLElement>(element: Element, selector: string): T {
  const found = shadow(element).querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in <${element.localName}>`);
  return found;
}

/** The text a person reads in the element's shadow root, whitespace collapsed. */
export function textOf(element: Element, selector: string): string {
  return (shadow(element).querySelector(selector)?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Types the token and sends the form, as an evaluator would. */
export async function enterToken(
  element: MinyiScoreboard | MinyiCases,
  token = TOKEN,
  remember = false,
): Promise<void> {
  $<HTMLInputElement>(element, '#token').value = token;
  if (remember) $<HTMLInputElement>(element, 'input[name=remember]').checked = true;
  $<HTMLButtonElement>(element, 'form.token button[type=submit]').click();
  await element.updateComplete;
}

/** Enters the token and waits until the charts of the answer are drawn. */
export async function loaded(element: MinyiScoreboard): Promise<void> {
  const rendered = nextEvent(element, 'minyi-rendered');
  await enterToken(element);
  await rendered;
}

/** The rows of a shadow-root table as text, header row first. */
export function tableText(element: Element, selector: string): string[][] {
  const table = $(element, selector);
  return [...table.querySelectorAll('tr')].map((row) =>
    [...row.querySelectorAll('th, td')].map((cell) =>
      (cell.textContent ?? '').replace(/\s+/g, ' ').trim(),
    ),
  );
}

export function chartOf(element: Element, key: string): Chart {
  const chart = Chart.getChart($<HTMLCanvasElement>(element, `canvas[data-chart="${key}"]`));
  if (!chart) throw new Error(`no chart for ${key}`);
  return chart;
}

/** Whether anything but the background was painted on the canvas. */
export function painted(canvas: HTMLCanvasElement): boolean {
  const context = canvas.getContext('2d')!;
  const { data } = context.getImageData(0, 0, canvas.width, canvas.height);
  const [r, g, b] = [data[0], data[1], data[2]];
  for (let i = 0; i < data.length; i += 4) {
    if (data[i] !== r || data[i + 1] !== g || data[i + 2] !== b) return true;
  }
  return false;
}

/** Captures the files the element offers for download, instead of downloading them. */
export function captureDownloads(): {
  files: Array<{ blob: Blob; name: string }>;
  restore: () => void;
} {
  const files: Array<{ blob: Blob; name: string }> = [];
  const blobs = new Map<string, Blob>();
  const create = URL.createObjectURL;
  const click = HTMLAnchorElement.prototype.click;
  URL.createObjectURL = (object: Blob | MediaSource) => {
    const url = create.call(URL, object);
    if (object instanceof Blob) blobs.set(url, object);
    return url;
  };
  HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
    const blob = blobs.get(this.href);
    if (blob && this.download) files.push({ blob, name: this.download });
    else click.call(this);
  };
  return {
    files,
    restore() {
      URL.createObjectURL = create;
      HTMLAnchorElement.prototype.click = click;
    },
  };
}
