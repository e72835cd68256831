import type { SurveyDefinition, SurveyResponse } from '@minyi/schema';
import { caseOpenedBy, toNewResponse } from './ingest.js';
import type { NewResponse, PutSurveyResult, Store } from './storage.js';
import type { TopicContent } from './topics.js';
import type { WorkCalendar } from './work-calendar.js';

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

/** Departments differ, so that the demo's ranking and intervals show something. */
const DEMO_LEVEL_WEIGHTS: Record<string, readonly number[]> = {
  // very dissatisfied … very satisfied
  'civil-affairs': [0.03, 0.05, 0.17, 0.4, 0.35],
  housing: [0.12, 0.18, 0.3, 0.27, 0.13],
  'service-hall': [0.02, 0.04, 0.12, 0.37, 0.45],
};
const DEMO_GROUPS = [
  ['resident', 0.45],
  ['resident-representative', 0.15],
  ['residents-committee', 0.12],
  ['party-organisation', 0.1],
  ['respected-figure', 0.08],
  ['other-stakeholder', 0.1],
] as const;
const DEMO_COMMENTS = ['等候时间太长，希望增加窗口。', '材料要求说明不清楚，跑了两次。'];

/** mulberry32: a small seeded generator, so that every demo database holds the same answers. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function pick<T>(random: () => number, items: readonly (readonly [T, number])[]): T {
  let left = random();
  for (const [item, weight] of items) {
    left -= weight;
    if (left < 0) return item;
  }
  return items[items.length - 1]![0];
}

/**
 * Answers for the evaluation demo, so that the evaluator's dashboard has something to show: the
 * last four months (in China Standard Time, this month included, up to `now`), each department
 * 40 to 120 answers a month with its own distribution, from several respondent groups. Seeded,
 * so every run makes the same answers; stored only when the survey has none yet, so a restart
 * (or a database already in use) is left as it is. Answers that rate a dimension among the two
 * lowest levels carry a comment, as the survey requires, and open follow-up cases.
 */
export async function seedDemoResponses(
  store: Store,
  now = new Date(),
  calendar?: WorkCalendar,
): Promise<number> {
  if ((await store.countResponses({ surveys: [DEMO_EVALUATION.id] })) > 0) return 0;
  const random = seededRandom(0x6d696e79);
  const levels = [
    'very-dissatisfied',
    'dissatisfied',
    'basically-satisfied',
    'satisfied',
    'very-satisfied',
  ];
  const offsetMs = 8 * 3_600_000;
  const local = new Date(now.getTime() + offsetMs);
  const records: NewResponse[] = [];
  for (let back = 3; back >= 0; back--) {
    const monthStart = Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back, 1) - offsetMs;
    const monthEnd = Math.min(
      Date.UTC(local.getUTCFullYear(), local.getUTCMonth() - back + 1, 1) - offsetMs,
      now.getTime() - 60_000,
    );
    if (monthEnd <= monthStart) continue;
    for (const subject of DEMO_EVALUATION.subjects ?? []) {
      const weights = DEMO_LEVEL_WEIGHTS[subject.id] ?? [0.2, 0.2, 0.2, 0.2, 0.2];
      const choices = levels.map((level, index) => [level, weights[index]!] as const);
      const count = 40 + Math.floor(random() * 81);
      for (let i = 0; i < count; i++) {
        const createdMs = monthStart + Math.floor(random() * (monthEnd - monthStart));
        const answers: Record<string, string> = {};
        for (const dimension of DEMO_EVALUATION.dimensions) {
          answers[dimension.id] = random() < 0.06 ? 'N/A' : pick(random, choices);
        }
        const low = Object.values(answers).some(
          (answer) => answer === levels[0] || answer === levels[1],
        );
        const response: SurveyResponse = {
          id: uuidFrom(random),
          survey: DEMO_EVALUATION.id,
          surveyVersion: DEMO_EVALUATION.version,
          kind: 'evaluation',
          subject: subject.id,
          group: pick(random, DEMO_GROUPS),
          answers,
          ...(low ? { comment: DEMO_COMMENTS[Math.floor(random() * DEMO_COMMENTS.length)]! } : {}),
          locale: 'zh-Hans',
          page: 'https://www.example.gov.cn/evaluation.html',
          createdAt: shanghaiTime(createdMs),
          sdk: 'demo',
        };
        // Low ratings open follow-up cases, as they would have when these answers arrived.
        const opensCase = caseOpenedBy(DEMO_EVALUATION, response, now.getTime(), calendar);
        records.push({ ...toNewResponse(response, response), ...(opensCase ? { opensCase } : {}) });
      }
    }
  }
  for (let start = 0; start < records.length; start += 500) {
    await store.storeBatch(records.slice(start, start + 500));
  }
  return records.length;
}

function uuidFrom(random: () => number): string {
  const hex = Array.from({ length: 32 }, () => Math.floor(random() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((Number.parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  const text = hex.join('');
  return `${text.slice(0, 8)}-${text.slice(8, 12)}-${text.slice(12, 16)}-${text.slice(16, 20)}-${text.slice(20)}`;
}

/** An ISO time with the +08:00 offset, as a browser in China sends it. */
function shanghaiTime(ms: number): string {
  return `${new Date(ms + 8 * 3_600_000).toISOString().slice(0, 23)}+08:00`;
}
