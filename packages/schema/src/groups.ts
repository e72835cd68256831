import type { Locale } from './ids.js';

export interface GroupPreset {
  readonly id: string;
  readonly label: Readonly<Record<Locale, string>>;
}

/**
 * The respondent groups a survey offers when it asks for one and names none: the seven standing
 * member kinds of a grassroots consultation committee ("7+X"), the X of other stakeholders, and
 * plain residents.
 */
export const DEFAULT_GROUPS: readonly GroupPreset[] = [
  {
    id: 'party-organisation',
    label: { 'zh-Hans': '党组织', 'zh-Hant': '黨組織', en: 'Party organisation' },
  },
  {
    id: 'residents-committee',
    label: {
      'zh-Hans': '居（村）民委员会',
      'zh-Hant': '居（村）民委員會',
      en: "Residents' or villagers' committee",
    },
  },
  {
    id: 'supervision-committee',
    label: { 'zh-Hans': '监督委员会', 'zh-Hant': '監督委員會', en: 'Supervision committee' },
  },
  {
    id: 'resident-representative',
    label: { 'zh-Hans': '居民代表', 'zh-Hant': '居民代表', en: 'Resident representative' },
  },
  {
    id: 'womens-representative',
    label: { 'zh-Hans': '妇女代表', 'zh-Hant': '婦女代表', en: "Women's representative" },
  },
  {
    id: 'social-organisation',
    label: { 'zh-Hans': '社会组织', 'zh-Hant': '社會組織', en: 'Social organisation' },
  },
  {
    id: 'respected-figure',
    label: { 'zh-Hans': '乡贤', 'zh-Hant': '鄉賢', en: 'Respected local figure' },
  },
  {
    id: 'other-stakeholder',
    label: { 'zh-Hans': '其他利益相关方', 'zh-Hant': '其他利益相關方', en: 'Other stakeholder' },
  },
  { id: 'resident', label: { 'zh-Hans': '居民', 'zh-Hant': '居民', en: 'Resident' } },
];
