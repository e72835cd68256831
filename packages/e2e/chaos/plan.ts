/**
 * The chaos scenario as data, drawn from the seed before the browser starts: which tab answers,
 * which level, where the network goes away, which answers are followed by a reload. Keeping it
 * pure makes a seed's scenario reproducible and checkable without a browser.
 */
import { integer, pick, type Random, shuffle } from './random.js';

/** The five 好差评 levels by accessible name in 简体 (the chaos page is zh-CN), with their ids. */
export const LEVELS = [
  { label: '非常满意', id: 'very-satisfied' },
  { label: '满意', id: 'satisfied' },
  { label: '基本满意', id: 'basically-satisfied' },
  { label: '不满意', id: 'dissatisfied' },
  { label: '非常不满意', id: 'very-dissatisfied' },
] as const;

export type Level = (typeof LEVELS)[number];
export type Tab = 0 | 1;
export const TAB_NAMES = ['a', 'b'] as const;

/**
 * What follows an answer: nothing, a reload once the answer is queued, or a reload while a
 * delivery request from that tab is open (the request reached the collector, its answer did not
 * reach the page).
 */
export type After = 'none' | 'reload' | 'reload-mid-request';

export type Step =
  | {
      readonly kind: 'answer';
      readonly index: number;
      readonly tab: Tab;
      readonly level: Level;
      readonly after: After;
    }
  | { readonly kind: 'offline' }
  | { readonly kind: 'online' }
  /** Time for retry timers to fire while nothing is being submitted. */
  | { readonly kind: 'pause'; readonly ms: number };

export interface Plan {
  readonly steps: readonly Step[];
  readonly answers: number;
  readonly offlineSpells: number;
  readonly reloads: number;
  readonly midRequestReloads: number;
}

const PAUSE_CHANCE = 0.03;
const PAUSE_MS = [100, 900] as const;

export function planScenario(random: Random, answers: number): Plan {
  if (!Number.isInteger(answers) || answers < 1) {
    throw new RangeError(`answers must be a positive integer, not ${answers}`);
  }
  // Several spells at any size that can hold them, more as the run grows.
  const spells = Math.max(Math.min(3, Math.floor(answers / 10)), Math.round(answers / 75));
  const offline = new Array<boolean>(answers).fill(false);
  for (let k = 0; k < spells; k++) {
    const from = Math.floor((k * answers) / spells);
    const to = Math.floor(((k + 1) * answers) / spells);
    const start = from + integer(random, 0, Math.floor((to - from) / 2));
    const length = integer(random, 2, Math.max(2, Math.floor((to - from) / 3)));
    // Each spell ends before its segment does, so that answers go out online between spells.
    for (let i = start; i < Math.min(start + length, to - 1); i++) offline[i] = true;
  }

  // Reloads need the page to load again, which an offline browser cannot do.
  const online = offline.flatMap((isOffline, i) => (isOffline ? [] : [i]));
  const reloadCount = Math.min(online.length, Math.max(4, Math.round(answers / 20)));
  const after = new Map<number, After>();
  shuffle(random, online)
    .slice(0, reloadCount)
    .forEach((index, k) => {
      after.set(index, k % 2 === 0 ? 'reload-mid-request' : 'reload');
    });

  const steps: Step[] = [];
  let spellsStarted = 0;
  for (let index = 0; index < answers; index++) {
    const wasOffline = index > 0 && offline[index - 1];
    if (offline[index] && !wasOffline) {
      steps.push({ kind: 'offline' });
      spellsStarted += 1;
    }
    if (!offline[index] && wasOffline) steps.push({ kind: 'online' });
    steps.push({
      kind: 'answer',
      index,
      tab: random() < 0.5 ? 0 : 1,
      level: pick(random, LEVELS),
      after: after.get(index) ?? 'none',
    });
    if (random() < PAUSE_CHANCE) steps.push({ kind: 'pause', ms: integer(random, ...PAUSE_MS) });
  }
  if (offline[answers - 1]) steps.push({ kind: 'online' });

  const values = [...after.values()];
  return {
    steps,
    answers,
    offlineSpells: spellsStarted,
    reloads: values.length,
    midRequestReloads: values.filter((value) => value === 'reload-mid-request').length,
  };
}
