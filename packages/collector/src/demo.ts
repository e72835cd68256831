import type { SurveyDefinition } from '@minyi/schema';
import type { PutSurveyResult, ResponseStore } from './storage.js';

/**
 * The survey the example portal embeds: one question on the national five-level scale. Stored
 * versions are immutable, so any change to it must come with a new `version`.
 */
export const DEMO_SURVEY: SurveyDefinition = {
  id: 'page-feedback',
  version: 1,
  kind: 'satisfaction',
  title: {
    'zh-Hans': '您对本页面的内容和服务满意吗？',
    'zh-Hant': '您對本頁面的內容和服務滿意嗎？',
    en: 'Are you satisfied with this page and its service?',
  },
  dimensions: [
    {
      id: 'overall',
      // The widget asks the first dimension's label, so it is the question itself.
      label: {
        'zh-Hans': '您对本页面的内容和服务满意吗？',
        'zh-Hant': '您對本頁面的內容和服務滿意嗎？',
        en: 'Are you satisfied with this page and its service?',
      },
      scale: 'hcp5',
      required: true,
    },
  ],
  comment: { enabled: true, maxLength: 500 },
};

/** Safe to run at every start: an unchanged definition is left as it is. */
export function seedDemo(store: ResponseStore): Promise<PutSurveyResult> {
  return store.putSurvey(DEMO_SURVEY);
}
