import type { Locale } from '@minyi/schema';
import type { Granularity } from './scores.js';

/**
 * The scoreboard's strings, in each supported locale. The token prompt's, which `<minyi-cases>`
 * shows too, are in `token-messages.ts`.
 */
export interface Messages {
  defaultTitle: string;
  tokenHint: string;
  showScores: string;
  notConfigured: string;
  forbidden: string;
  notFound: (survey: string) => string;
  badRequest: (detail: string) => string;
  network: string;
  server: (status: number) => string;
  invalid: (detail: string) => string;
  retry: string;
  loading: string;
  empty: string;
  emptyPeriod: string;
  loaded: (subjects: number, periods: number) => string;
  view: string;
  granularity: string;
  granularities: Record<Granularity | 'custom', string>;
  from: string;
  to: string;
  groupBy: string;
  apply: string;
  rangeInvalid: string;
  dateInvalid: string;
  poststratify: string;
  poststratifyHint: string;
  shownPeriod: string;
  tableView: string;
  quarter: (year: string, quarter: string) => string;
  year: (year: string) => string;
  range: (from: string | undefined, to: string | undefined) => string;
  poststratified: string;
  ranking: string;
  rankingNote: (level: number, threshold: number) => string;
  intervalNote: (level: number) => string;
  rankingSummary: (period: string, ranked: number, top: string | undefined, lowN: number) => string;
  rank: string;
  subject: string;
  score: string;
  interval: (level: number) => string;
  lower: string;
  upper: string;
  nEff: string;
  responses: string;
  note: string;
  lowN: string;
  unranked: string;
  noData: string;
  tied: string;
  detail: string;
  chooseSubject: string;
  choose: string;
  detailTitle: (subject: string, period: string) => string;
  rankIs: (rank: string) => string;
  dimensions: string;
  dimension: string;
  dimensionsSummary: (
    subject: string,
    best: string | undefined,
    worst: string | undefined,
  ) => string;
  rates: string;
  rate: (topK: number) => string;
  ratesNote: (level: number) => string;
  ratesSummary: (subject: string) => string;
  groups: string;
  group: string;
  groupsNote: (threshold: number) => string;
  groupsSummary: (subject: string, count: number) => string;
  nps: string;
  counts: string;
  answered: string;
  notApplicable: string;
  missing: string;
  excluded: string;
  excludedNote: string;
  trend: string;
  trendSummary: (subject: string, first: string | undefined, last: string | undefined) => string;
  compareWith: string;
  compareNone: string;
  period: string;
  distribution: string;
  distributionNote: string;
  distributionSummary: (subject: string) => string;
  level: string;
  share: string;
  total: string;
  downloadCsv: string;
  downloadPng: string;
  scoreAxis: string;
  rateAxis: string;
  shareAxis: string;
}

export const MESSAGES: Record<Locale, Messages> = {
  'zh-Hans': {
    defaultTitle: '满意度评分',
    tokenHint: '令牌由管理员发放。它只保存在本页面的内存中，仅随评分请求发送，不会出现在网址里。',
    showScores: '查看评分',
    notConfigured: '未设置评分服务地址：请在 <minyi-scoreboard> 上设置 collector 属性。',
    forbidden: '此令牌无权查看本问卷的评分。请向管理员申请有相应权限的令牌。',
    notFound: (survey) =>
      `找不到问卷“${survey}”，或此令牌无权查看。请核对页面上的 survey 属性，或联系管理员。`,
    badRequest: (detail) => `评分服务拒绝了此次查询（${detail}）。请检查所选的时段和日期。`,
    network: '无法连接评分服务。请检查网络连接（内网系统请确认已接入内网），然后重试。',
    server: (status) => `评分服务出错（HTTP ${status}）。请稍后重试；如果一直出现，请联系管理员。`,
    invalid: (detail) =>
      `评分服务返回的数据无法识别（${detail}）。请联系管理员确认评分服务的版本。`,
    retry: '重试',
    loading: '正在加载评分…',
    empty: '所选时段还没有回答。居民提交评价后，评分会显示在这里；也可以换一个统计周期或时间范围。',
    emptyPeriod: '这个期间没有回答，请选择其他期间。',
    loaded: (subjects, periods) => `已加载 ${subjects} 个评价对象、${periods} 个期间的评分。`,
    view: '查看方式',
    granularity: '统计周期',
    granularities: { month: '按月', quarter: '按季度', year: '按年', custom: '自定义时段' },
    from: '起始日期',
    to: '截止日期',
    groupBy: '汇总方式',
    apply: '应用',
    rangeInvalid: '截止日期不能早于起始日期。',
    dateInvalid: '请按“年-月-日”填写日期，例如 2026-01-31。',
    poststratify: '事后分层加权',
    poststratifyHint: '按各群体在服务对象中的占比重新加权（方法见评分说明）。',
    shownPeriod: '显示期间',
    tableView: '以表格显示',
    quarter: (year, quarter) => `${year}年第${quarter}季度`,
    year: (year) => `${year}年`,
    range: (from, to) =>
      from && to ? `${from}至${to}` : from ? `${from}起` : to ? `截至${to}` : '全部时间',
    poststratified: '已事后分层加权',
    ranking: '得分排名',
    rankingNote: (level, threshold) =>
      `横线为 ${level}% 置信区间；区间重叠时，名次差异并不可靠。斜纹条表示样本不足（有效样本量少于 ${threshold}），不参与排名。并列的名次以“=”标出。`,
    intervalNote: (level) => `横线为 ${level}% 置信区间；斜纹条表示样本不足，仅供参考。`,
    rankingSummary: (period, ranked, top, lowN) =>
      `${period}得分排名条形图：${ranked} 个对象参与排名${top ? `，第一名为${top}` : ''}${lowN > 0 ? `；${lowN} 个对象样本不足，未排名` : ''}。详见下表。`,
    rank: '名次',
    subject: '评价对象',
    score: '得分',
    interval: (level) => `${level}% 置信区间`,
    lower: '下限',
    upper: '上限',
    nEff: '有效样本量',
    responses: '回答数',
    note: '说明',
    lowN: '样本不足',
    unranked: '未排名',
    noData: '暂无回答',
    tied: '并列',
    detail: '对象详情',
    chooseSubject: '查看对象',
    choose: '请选择',
    detailTitle: (subject, period) => `${subject}（${period}）`,
    rankIs: (rank) => `名次 ${rank}`,
    dimensions: '各项指标得分',
    dimension: '指标',
    dimensionsSummary: (subject, best, worst) =>
      `${subject}各项指标得分条形图${best ? `：最高为${best}` : ''}${worst ? `，最低为${worst}` : ''}。详见下表。`,
    rates: '满意率',
    rate: (topK) => `满意率（最好 ${topK} 级）`,
    ratesNote: (level) =>
      `横线为 ${level}% Wilson 区间，适合样本较少或比例接近 0% 或 100% 的情况。`,
    ratesSummary: (subject) => `${subject}各项指标满意率条形图。详见下表。`,
    groups: '各群体得分',
    group: '群体',
    groupsNote: (threshold) => `斜纹条表示该群体的有效样本量少于 ${threshold}，结果仅供参考。`,
    groupsSummary: (subject, count) => `${subject}各群体得分条形图，共 ${count} 个群体。详见下表。`,
    nps: '净推荐值',
    counts: '回答数量',
    answered: '已作答',
    notApplicable: '不适用',
    missing: '未作答',
    excluded: '排除',
    excludedNote: '排除：一项指标也未作答（只选了“不适用”或全部跳过）的回答，不计入任何结果。',
    trend: '得分趋势',
    trendSummary: (subject, first, last) =>
      `${subject}各期得分折线图${first && last ? `：从${first}到${last}` : ''}。详见下表。`,
    compareWith: '对比对象',
    compareNone: '不对比',
    period: '期间',
    distribution: '各等级回答分布',
    distributionNote:
      '按回答人数（未加权）计算，从左到右为最差到最好等级；“不适用”和未作答不计入。',
    distributionSummary: (subject) => `${subject}各项指标的等级分布堆积条形图。详见下表。`,
    level: '等级',
    share: '占比',
    total: '合计',
    downloadCsv: '下载 CSV',
    downloadPng: '下载图片（PNG）',
    scoreAxis: '得分（0–100）',
    rateAxis: '满意率（%）',
    shareAxis: '占比（%）',
  },
  'zh-Hant': {
    defaultTitle: '滿意度評分',
    tokenHint: '令牌由管理員發放。它只保存在本頁面的記憶體中，僅隨評分請求傳送，不會出現在網址裡。',
    showScores: '查看評分',
    notConfigured: '未設定評分服務位址：請在 <minyi-scoreboard> 上設定 collector 屬性。',
    forbidden: '此令牌無權查看本問卷的評分。請向管理員申請有相應權限的令牌。',
    notFound: (survey) =>
      `找不到問卷「${survey}」，或此令牌無權查看。請核對頁面上的 survey 屬性，或聯絡管理員。`,
    badRequest: (detail) => `評分服務拒絕了此次查詢（${detail}）。請檢查所選的時段和日期。`,
    network: '無法連線評分服務。請檢查網路連線（內網系統請確認已接入內網），然後重試。',
    server: (status) => `評分服務出錯（HTTP ${status}）。請稍後重試；如果一直出現，請聯絡管理員。`,
    invalid: (detail) =>
      `評分服務傳回的資料無法識別（${detail}）。請聯絡管理員確認評分服務的版本。`,
    retry: '重試',
    loading: '正在載入評分…',
    empty: '所選時段還沒有回答。居民提交評價後，評分會顯示在這裡；也可以換一個統計週期或時間範圍。',
    emptyPeriod: '這個期間沒有回答，請選擇其他期間。',
    loaded: (subjects, periods) => `已載入 ${subjects} 個評價對象、${periods} 個期間的評分。`,
    view: '檢視方式',
    granularity: '統計週期',
    granularities: { month: '按月', quarter: '按季度', year: '按年', custom: '自訂時段' },
    from: '起始日期',
    to: '截止日期',
    groupBy: '彙總方式',
    apply: '套用',
    rangeInvalid: '截止日期不能早於起始日期。',
    dateInvalid: '請按「年-月-日」填寫日期，例如 2026-01-31。',
    poststratify: '事後分層加權',
    poststratifyHint: '按各群體在服務對象中的佔比重新加權（方法見評分說明）。',
    shownPeriod: '顯示期間',
    tableView: '以表格顯示',
    quarter: (year, quarter) => `${year}年第${quarter}季`,
    year: (year) => `${year}年`,
    range: (from, to) =>
      from && to ? `${from}至${to}` : from ? `${from}起` : to ? `截至${to}` : '全部時間',
    poststratified: '已事後分層加權',
    ranking: '得分排名',
    rankingNote: (level, threshold) =>
      `橫線為 ${level}% 信賴區間；區間重疊時，名次差異並不可靠。斜紋條表示樣本不足（有效樣本量少於 ${threshold}），不參與排名。並列的名次以「=」標出。`,
    intervalNote: (level) => `橫線為 ${level}% 信賴區間；斜紋條表示樣本不足，僅供參考。`,
    rankingSummary: (period, ranked, top, lowN) =>
      `${period}得分排名條形圖：${ranked} 個對象參與排名${top ? `，第一名為${top}` : ''}${lowN > 0 ? `；${lowN} 個對象樣本不足，未排名` : ''}。詳見下表。`,
    rank: '名次',
    subject: '評價對象',
    score: '得分',
    interval: (level) => `${level}% 信賴區間`,
    lower: '下限',
    upper: '上限',
    nEff: '有效樣本量',
    responses: '回答數',
    note: '說明',
    lowN: '樣本不足',
    unranked: '未排名',
    noData: '暫無回答',
    tied: '並列',
    detail: '對象詳情',
    chooseSubject: '查看對象',
    choose: '請選擇',
    detailTitle: (subject, period) => `${subject}（${period}）`,
    rankIs: (rank) => `名次 ${rank}`,
    dimensions: '各項指標得分',
    dimension: '指標',
    dimensionsSummary: (subject, best, worst) =>
      `${subject}各項指標得分條形圖${best ? `：最高為${best}` : ''}${worst ? `，最低為${worst}` : ''}。詳見下表。`,
    rates: '滿意率',
    rate: (topK) => `滿意率（最好 ${topK} 級）`,
    ratesNote: (level) =>
      `橫線為 ${level}% Wilson 區間，適合樣本較少或比例接近 0% 或 100% 的情況。`,
    ratesSummary: (subject) => `${subject}各項指標滿意率條形圖。詳見下表。`,
    groups: '各群體得分',
    group: '群體',
    groupsNote: (threshold) => `斜紋條表示該群體的有效樣本量少於 ${threshold}，結果僅供參考。`,
    groupsSummary: (subject, count) => `${subject}各群體得分條形圖，共 ${count} 個群體。詳見下表。`,
    nps: '淨推薦值',
    counts: '回答數量',
    answered: '已作答',
    notApplicable: '不適用',
    missing: '未作答',
    excluded: '排除',
    excludedNote: '排除：一項指標也未作答（只選了「不適用」或全部跳過）的回答，不計入任何結果。',
    trend: '得分趨勢',
    trendSummary: (subject, first, last) =>
      `${subject}各期得分折線圖${first && last ? `：從${first}到${last}` : ''}。詳見下表。`,
    compareWith: '對比對象',
    compareNone: '不對比',
    period: '期間',
    distribution: '各等級回答分佈',
    distributionNote:
      '按回答人數（未加權）計算，從左到右為最差到最好等級；「不適用」和未作答不計入。',
    distributionSummary: (subject) => `${subject}各項指標的等級分佈堆疊條形圖。詳見下表。`,
    level: '等級',
    share: '佔比',
    total: '合計',
    downloadCsv: '下載 CSV',
    downloadPng: '下載圖片（PNG）',
    scoreAxis: '得分（0–100）',
    rateAxis: '滿意率（%）',
    shareAxis: '佔比（%）',
  },
  en: {
    defaultTitle: 'Satisfaction scores',
    tokenHint:
      'Your administrator issues tokens. It is kept in this page’s memory, sent only with score requests, and never put in a URL.',
    showScores: 'Show scores',
    notConfigured:
      'The collector’s address is not set: give <minyi-scoreboard> a collector attribute.',
    forbidden: 'This token may not see this survey. Ask your administrator for a token that may.',
    notFound: (survey) =>
      `There is no survey “${survey}”, or this token may not see it. Check the page’s survey attribute, or ask your administrator.`,
    badRequest: (detail) =>
      `The collector refused the query (${detail}). Check the period and dates chosen.`,
    network:
      'The collector could not be reached. Check your network connection (for an intranet, that you are on it), then try again.',
    server: (status) =>
      `The collector failed (HTTP ${status}). Try again later; if it keeps happening, tell your administrator.`,
    invalid: (detail) =>
      `The collector sent data this page does not understand (${detail}). Ask your administrator to check the collector’s version.`,
    retry: 'Try again',
    loading: 'Loading scores…',
    empty:
      'No responses yet for the period chosen. Scores appear here once residents answer; or choose another period or range.',
    emptyPeriod: 'There are no responses in this period; choose another.',
    loaded: (subjects, periods) =>
      `Scores loaded for ${subjects} ${subjects === 1 ? 'subject' : 'subjects'} in ${periods} ${periods === 1 ? 'period' : 'periods'}.`,
    view: 'View',
    granularity: 'Period',
    granularities: { month: 'Month', quarter: 'Quarter', year: 'Year', custom: 'Custom range' },
    from: 'From',
    to: 'To',
    groupBy: 'Group by',
    apply: 'Apply',
    rangeInvalid: 'The end date is before the start date.',
    dateInvalid: 'Enter dates as year-month-day, for example 2026-01-31.',
    poststratify: 'Post-stratify',
    poststratifyHint:
      'Reweights each group to its share of the people served (see the scoring method).',
    shownPeriod: 'Period shown',
    tableView: 'Show as tables',
    quarter: (year, quarter) => `Q${quarter} ${year}`,
    year: (year) => year,
    range: (from, to) =>
      from && to ? `${from} to ${to}` : from ? `from ${from}` : to ? `until ${to}` : 'all time',
    poststratified: 'post-stratified',
    ranking: 'Ranking by score',
    rankingNote: (level, threshold) =>
      `Lines show ${level}% confidence intervals; where intervals overlap, the order is not reliable. Hatched bars have too few responses (effective sample size under ${threshold}) and are not ranked. Tied ranks are marked “=”.`,
    intervalNote: (level) =>
      `Lines show ${level}% confidence intervals; hatched bars have too few responses and are to be read with care.`,
    rankingSummary: (period, ranked, top, lowN) =>
      `Bar chart of scores for ${period}: ${ranked} ranked${top ? `, first ${top}` : ''}${lowN > 0 ? `; ${lowN} with too few responses, not ranked` : ''}. See the table that follows.`,
    rank: 'Rank',
    subject: 'Subject',
    score: 'Score',
    interval: (level) => `${level}% confidence interval`,
    lower: 'lower',
    upper: 'upper',
    nEff: 'Effective sample size',
    responses: 'Responses',
    note: 'Note',
    lowN: 'Too few responses',
    unranked: 'Not ranked',
    noData: 'No responses',
    tied: 'tied',
    detail: 'Subject detail',
    chooseSubject: 'Subject',
    choose: 'Choose',
    detailTitle: (subject, period) => `${subject} (${period})`,
    rankIs: (rank) => `Rank ${rank}`,
    dimensions: 'Score by dimension',
    dimension: 'Dimension',
    dimensionsSummary: (subject, best, worst) =>
      `Bar chart of ${subject}’s score by dimension${best ? `: highest ${best}` : ''}${worst ? `, lowest ${worst}` : ''}. See the table that follows.`,
    rates: 'Satisfaction rate',
    rate: (topK) => `Satisfaction rate (best ${topK} levels)`,
    ratesNote: (level) =>
      `Lines show ${level}% Wilson intervals, which hold for small samples and rates near 0% or 100%.`,
    ratesSummary: (subject) =>
      `Bar chart of ${subject}’s satisfaction rate by dimension. See the table that follows.`,
    groups: 'Score by respondent group',
    group: 'Group',
    groupsNote: (threshold) =>
      `Hatched bars: the group’s effective sample size is under ${threshold}; read with care.`,
    groupsSummary: (subject, count) =>
      `Bar chart of ${subject}’s score for ${count} respondent ${count === 1 ? 'group' : 'groups'}. See the table that follows.`,
    nps: 'Net Promoter Score',
    counts: 'Counts',
    answered: 'Answered',
    notApplicable: 'Not applicable',
    missing: 'Skipped',
    excluded: 'Excluded',
    excludedNote:
      'Excluded: responses that answered no item at all (only “not applicable”, or nothing); they count in no result.',
    trend: 'Trend',
    trendSummary: (subject, first, last) =>
      `Line chart of ${subject}’s score by period${first && last ? `: from ${first} to ${last}` : ''}. See the table that follows.`,
    compareWith: 'Compare with',
    compareNone: 'None',
    period: 'Period',
    distribution: 'Answers by level',
    distributionNote:
      'Counts of responses (unweighted), worst level on the left to best on the right; “not applicable” and skipped answers are left out.',
    distributionSummary: (subject) =>
      `Stacked bar chart of ${subject}’s answers by level for each dimension. See the table that follows.`,
    level: 'Level',
    share: 'Share',
    total: 'Total',
    downloadCsv: 'Download CSV',
    downloadPng: 'Download image (PNG)',
    scoreAxis: 'Score (0–100)',
    rateAxis: 'Satisfaction rate (%)',
    shareAxis: 'Share (%)',
  },
};
