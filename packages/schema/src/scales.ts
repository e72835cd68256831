import type { LocalizedText } from './ids.js';

/**
 * One level of an ordinal scale: a stable id that is stored, and labels that are shown. Built-in
 * scales label every locale; a survey's own may label only some, and readers fall back.
 */
export interface ScaleLevel {
  readonly id: string;
  readonly label: LocalizedText;
}

export interface OrdinalScale {
  readonly type: 'ordinal';
  /** Worst to best, as the scoring specification orders them. */
  readonly levels: readonly ScaleLevel[];
}

export interface NumericScale {
  readonly type: 'numeric';
  readonly min: number;
  readonly max: number;
}

export type Scale = OrdinalScale | NumericScale;

/**
 * The five levels of the national government-service review (政务服务"好差评"). Their ids are
 * what a response carries; the simplified and traditional labels differ in 满/滿.
 */
export const HCP5: OrdinalScale = {
  type: 'ordinal',
  levels: [
    {
      id: 'very-dissatisfied',
      label: { 'zh-Hans': '非常不满意', 'zh-Hant': '非常不滿意', en: 'Very dissatisfied' },
    },
    {
      id: 'dissatisfied',
      label: { 'zh-Hans': '不满意', 'zh-Hant': '不滿意', en: 'Dissatisfied' },
    },
    {
      id: 'basically-satisfied',
      label: { 'zh-Hans': '基本满意', 'zh-Hant': '基本滿意', en: 'Basically satisfied' },
    },
    {
      id: 'satisfied',
      label: { 'zh-Hans': '满意', 'zh-Hant': '滿意', en: 'Satisfied' },
    },
    {
      id: 'very-satisfied',
      label: { 'zh-Hans': '非常满意', 'zh-Hant': '非常滿意', en: 'Very satisfied' },
    },
  ],
};

export const YESNO: OrdinalScale = {
  type: 'ordinal',
  levels: [
    { id: 'no', label: { 'zh-Hans': '否', 'zh-Hant': '否', en: 'No' } },
    { id: 'yes', label: { 'zh-Hans': '是', 'zh-Hant': '是', en: 'Yes' } },
  ],
};

export const BUILT_IN_SCALES = {
  hcp5: HCP5,
  stars5: { type: 'numeric', min: 1, max: 5 },
  csat5: { type: 'numeric', min: 1, max: 5 },
  nps11: { type: 'numeric', min: 0, max: 10 },
  yesno: YESNO,
} as const satisfies Record<string, Scale>;

export type BuiltInScaleId = keyof typeof BUILT_IN_SCALES;

/** The answer that says "this does not apply to me", distinct from a skipped (null) answer. */
export const NOT_APPLICABLE = 'N/A';
