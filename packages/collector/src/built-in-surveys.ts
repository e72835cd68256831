import { REPLY_RATING_SURVEY } from '@minyi/schema';
import type { CollectorSurvey } from './follow-up.js';
import { type Store, SurveyConflictError } from './storage.js';

const REPLY_QUESTION = {
  'zh-Hans': '您对这次答复满意吗？',
  'zh-Hant': '您對這次答覆滿意嗎？',
  en: 'Are you satisfied with this reply?',
};

/**
 * The survey a resident rates an official reply with, once per case (`case:{id}` as subject). It
 * opens no case of its own: the rating is recorded on the case it rates.
 */
export const REPLY_RATING_DEFINITION: CollectorSurvey = {
  id: REPLY_RATING_SURVEY,
  version: 1,
  kind: 'satisfaction',
  title: REPLY_QUESTION,
  dimensions: [{ id: 'reply', label: REPLY_QUESTION, scale: 'hcp5', required: true }],
  comment: { enabled: true, maxLength: 500 },
  followUp: { enabled: false },
};

/**
 * Puts the surveys every collector needs, at every start: an unchanged definition is left as it
 * is. A different version 1 put by an administrator is kept; the collector then rates replies with
 * that one.
 */
export async function ensureBuiltInSurveys(store: Store): Promise<void> {
  try {
    await store.putSurvey(REPLY_RATING_DEFINITION);
  } catch (error) {
    if (!(error instanceof SurveyConflictError)) throw error;
  }
}
