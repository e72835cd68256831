import type { SurveyDefinition } from '@minyi/schema';
import type { PutSurveyResult, Store } from './storage.js';
import type { TopicContent } from './topics.js';

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

/**
 * The department evaluation the demo portal embeds (部门测评): four weighted dimensions, the
 * respondent's group required, three departments, one evaluation per device and month. The
 * widgets' tests use the same definition (`packages/widgets/test/fixtures/department-evaluation.json`);
 * a collector test keeps the two identical.
 */
export const DEMO_EVALUATION: SurveyDefinition = {
  id: 'department-evaluation',
  version: 1,
  kind: 'evaluation',
  title: {
    'zh-Hans': '职能部门服务满意度测评',
    'zh-Hant': '職能部門服務滿意度測評',
    en: 'Satisfaction with a functional department',
  },
  description: {
    'zh-Hans': '请根据您近期办事的实际感受作答。',
    'zh-Hant': '請根據您近期辦事的實際感受作答。',
    en: 'Please answer from your recent experience.',
  },
  dimensions: [
    {
      id: 'attitude',
      label: {
        'zh-Hans': '服务态度',
        'zh-Hant': '服務態度',
        en: 'Service attitude',
      },
      scale: 'hcp5',
      weight: 0.3,
      notApplicable: true,
    },
    {
      id: 'efficiency',
      label: {
        'zh-Hans': '办事效率',
        'zh-Hant': '辦事效率',
        en: 'Efficiency',
      },
      scale: 'hcp5',
      weight: 0.3,
      notApplicable: true,
    },
    {
      id: 'openness',
      label: {
        'zh-Hans': '政务公开',
        'zh-Hant': '政務公開',
        en: 'Openness',
      },
      scale: 'hcp5',
      weight: 0.2,
      notApplicable: true,
    },
    {
      id: 'outcome',
      label: {
        'zh-Hans': '办理结果',
        'zh-Hant': '辦理結果',
        en: 'Outcome',
      },
      scale: 'hcp5',
      weight: 0.2,
      notApplicable: true,
    },
  ],
  askGroup: 'required',
  subjects: [
    {
      id: 'civil-affairs',
      type: 'department',
      label: {
        'zh-Hans': '区民政局',
        'zh-Hant': '區民政局',
        en: 'District Civil Affairs Bureau',
      },
    },
    {
      id: 'housing',
      type: 'department',
      label: {
        'zh-Hans': '区住房和城乡建设局',
        'zh-Hant': '區住房和城鄉建設局',
        en: 'District Housing Bureau',
      },
    },
    {
      id: 'service-hall',
      type: 'service-hall',
      label: {
        'zh-Hans': '区政务服务中心',
        'zh-Hant': '區政務服務中心',
        en: 'District Service Hall',
      },
    },
  ],
  comment: {
    enabled: true,
    maxLength: 500,
    requiredAtOrBelow: 1,
  },
  period: 'month',
};

/** The consultation topic the demo portal embeds, open for opinions. */
export const DEMO_TOPIC: TopicContent = {
  id: 'elevator-retrofit',
  version: 1,
  title: {
    'zh-Hans': '老旧小区加装电梯实施办法（征求意见稿）',
    'zh-Hant': '老舊小區加裝電梯實施辦法（徵求意見稿）',
    en: 'Adding lifts to older housing estates (draft for comment)',
  },
  description: {
    'zh-Hans': '拟对加装电梯给予每台不超过20万元的补助，费用由业主按楼层分摊。',
    'zh-Hant': '擬對加裝電梯給予每台不超過20萬元的補助，費用由業主按樓層分攤。',
    en: 'A subsidy of up to 200,000 yuan per lift is proposed; owners share the rest by floor.',
  },
  askGroup: 'optional',
};

export interface DemoSeedResult {
  readonly surveys: readonly PutSurveyResult[];
  readonly topicCreated: boolean;
}

/**
 * Safe to run at every start: unchanged definitions are left as they are, and a topic that exists
 * keeps whatever status it has reached.
 */
export async function seedDemo(store: Store, now = new Date()): Promise<DemoSeedResult> {
  const surveys = [await store.putSurvey(DEMO_SURVEY), await store.putSurvey(DEMO_EVALUATION)];
  const topicCreated = await store.createTopic(DEMO_TOPIC, 'open', now.toISOString());
  return { surveys, topicCreated };
}
