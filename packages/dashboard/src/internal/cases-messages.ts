import type { CaseAction, CaseStatus, Locale } from '@minyi/schema';

/** Every string an evaluator can see in `<minyi-cases>`, in each supported locale. */
export interface CasesMessages {
  title: string;
  tokenHint: string;
  showCases: string;
  notConfigured: string;
  forbidden: string;
  listNotFound: (filter: string) => string;
  filterSurvey: (survey: string) => string;
  filterSubject: (subject: string) => string;
  caseNotFound: string;
  listBadRequest: (detail: string) => string;
  moveBadRequest: (detail: string) => string;
  conflict: (detail: string) => string;
  network: string;
  server: (status: number) => string;
  invalid: (detail: string) => string;
  loading: string;
  loadingMore: string;
  loaded: (shown: number, more: boolean) => string;
  empty: string;
  emptyFiltered: string;
  counts: string;
  statuses: Record<CaseStatus, string>;
  overdue: string;
  overdueFlag: string;
  filters: string;
  statusFilter: string;
  allStatuses: string;
  overdueOnly: string;
  cases: string;
  opened: string;
  subject: string;
  reasons: string;
  status: string;
  deadline: string;
  reasonComment: string;
  openCase: (subject: string, opened: string) => string;
  more: string;
  caseLoading: string;
  caseId: (id: string) => string;
  survey: string;
  assignee: string;
  notAssigned: string;
  closedAt: string;
  answer: string;
  answeredAt: string;
  comment: string;
  notApplicable: string;
  skipped: string;
  reply: string;
  repliedAt: string;
  noReply: string;
  rating: string;
  ratedAt: string;
  notRated: string;
  log: string;
  when: string;
  action: string;
  by: string;
  detail: string;
  actions: Record<CaseAction, string>;
  byToken: (note: string | undefined, id: string | undefined) => string;
  byResident: string;
  byCollector: string;
  work: string;
  assignLabel: string;
  assign: string;
  reassign: string;
  assigneeRequired: string;
  replyLabel: string;
  replyHint: string;
  sendReply: string;
  replyRequired: string;
  closeLabel: string;
  closeHint: string;
  close: string;
  closedNote: string;
  tooLong: (max: number) => string;
  sending: string;
  moved: Record<'assign' | 'reply' | 'close', (assignee: string) => string>;
  back: string;
  retry: string;
}

export const CASES_MESSAGES: Record<Locale, CasesMessages> = {
  'zh-Hans': {
    title: '差评整改',
    tokenHint:
      '令牌由管理员发放。它只保存在本页面的内存中，仅随整改案件的请求发送，不会出现在网址里。',
    showCases: '查看整改案件',
    notConfigured: '未设置收集服务地址：请在 <minyi-cases> 上设置 collector 属性。',
    forbidden: '此令牌无权查看或办理整改案件。请向管理员申请评估令牌。',
    listNotFound: (filter) =>
      `找不到${filter}的整改案件，或此令牌无权查看。请核对页面上的 survey 和 subject 属性，或联系管理员。`,
    filterSurvey: (survey) => `问卷“${survey}”`,
    filterSubject: (subject) => `评价对象“${subject}”`,
    caseNotFound: '找不到这件案件，或此令牌无权查看。请刷新案件列表后再选择。',
    listBadRequest: (detail) => `服务器拒绝了此次查询（${detail}）。请检查筛选条件。`,
    moveBadRequest: (detail) => `服务器拒绝了此次办理（${detail}）。请检查填写的内容后重试。`,
    conflict: (detail) =>
      `案件状态已经变化，此次办理没有生效（${detail}）。已重新载入案件，请查看最新状态后再办理。`,
    network: '无法连接服务器。请检查网络连接（内网系统请确认已接入内网），然后重试。',
    server: (status) => `服务器出错（HTTP ${status}）。请稍后重试；如果一直出现，请联系管理员。`,
    invalid: (detail) =>
      `服务器返回的案件数据无法识别（${detail}）。请联系管理员确认收集服务的版本。`,
    loading: '正在加载整改案件…',
    loadingMore: '正在加载更多案件…',
    loaded: (shown, more) =>
      `已显示 ${shown} 件案件${more ? '，还有更多，可选择“加载更多案件”' : ''}。`,
    empty: '还没有整改案件。居民给出差评后，案件会出现在这里。',
    emptyFiltered: '没有符合筛选条件的案件。',
    counts: '案件统计',
    statuses: { open: '待处理', assigned: '已交办', replied: '已答复', closed: '已办结' },
    overdue: '逾期',
    overdueFlag: '已逾期',
    filters: '筛选',
    statusFilter: '状态',
    allStatuses: '全部状态',
    overdueOnly: '只看逾期案件',
    cases: '整改案件',
    opened: '受理日期',
    subject: '评价对象',
    reasons: '差评原因',
    status: '状态',
    deadline: '办理期限',
    reasonComment: '留言',
    openCase: (subject, opened) => `${subject}（${opened}受理）`,
    more: '加载更多案件',
    caseLoading: '正在载入案件…',
    caseId: (id) => `案件编号 ${id}`,
    survey: '问卷',
    assignee: '承办单位',
    notAssigned: '未交办',
    closedAt: '办结时间',
    answer: '居民的评价',
    answeredAt: '评价时间',
    comment: '留言',
    notApplicable: '不适用',
    skipped: '未作答',
    reply: '答复',
    repliedAt: '答复时间',
    noReply: '尚未答复。',
    rating: '居民对答复的评价',
    ratedAt: '评价时间',
    notRated: '居民尚未评价答复。',
    log: '办理记录',
    when: '时间',
    action: '操作',
    by: '操作人',
    detail: '内容',
    actions: {
      opened: '受理',
      assigned: '交办',
      replied: '答复',
      closed: '办结',
      rated: '居民评价答复',
    },
    byToken: (note, id) => [note, id ? `令牌 ${id}` : ''].filter(Boolean).join('，') || '评估人员',
    byResident: '居民',
    byCollector: '系统（差评自动受理）',
    work: '办理',
    assignLabel: '承办单位或承办人',
    assign: '交办',
    reassign: '重新交办',
    assigneeRequired: '请填写承办单位或承办人。',
    replyLabel: '答复内容',
    replyHint: '答复会通过回执原样展示给居民。',
    sendReply: '提交答复',
    replyRequired: '请填写答复内容。',
    closeLabel: '办结说明（可不填）',
    closeHint: '办结后不能再更改；居民对答复的评价仍会记录。',
    close: '办结案件',
    closedNote: '本案件已办结，无需再办理。',
    tooLong: (max) => `不能超过 ${max} 个字。`,
    sending: '正在提交…',
    moved: {
      assign: (assignee) => `已交办给“${assignee}”。`,
      reply: () => '答复已提交，居民可以通过回执查看。',
      close: () => '案件已办结。',
    },
    back: '返回案件列表',
    retry: '重试',
  },
  'zh-Hant': {
    title: '差評整改',
    tokenHint:
      '令牌由管理員發放。它只保存在本頁面的記憶體中，僅隨整改案件的請求傳送，不會出現在網址裡。',
    showCases: '查看整改案件',
    notConfigured: '未設定收集服務位址：請在 <minyi-cases> 上設定 collector 屬性。',
    forbidden: '此令牌無權查看或辦理整改案件。請向管理員申請評估令牌。',
    listNotFound: (filter) =>
      `找不到${filter}的整改案件，或此令牌無權查看。請核對頁面上的 survey 和 subject 屬性，或聯絡管理員。`,
    filterSurvey: (survey) => `問卷「${survey}」`,
    filterSubject: (subject) => `評價對象「${subject}」`,
    caseNotFound: '找不到這件案件，或此令牌無權查看。請重新整理案件列表後再選擇。',
    listBadRequest: (detail) => `伺服器拒絕了此次查詢（${detail}）。請檢查篩選條件。`,
    moveBadRequest: (detail) => `伺服器拒絕了此次辦理（${detail}）。請檢查填寫的內容後重試。`,
    conflict: (detail) =>
      `案件狀態已經變化，此次辦理沒有生效（${detail}）。已重新載入案件，請查看最新狀態後再辦理。`,
    network: '無法連線伺服器。請檢查網路連線（內網系統請確認已接入內網），然後重試。',
    server: (status) => `伺服器出錯（HTTP ${status}）。請稍後重試；如果一直出現，請聯絡管理員。`,
    invalid: (detail) =>
      `伺服器傳回的案件資料無法識別（${detail}）。請聯絡管理員確認收集服務的版本。`,
    loading: '正在載入整改案件…',
    loadingMore: '正在載入更多案件…',
    loaded: (shown, more) =>
      `已顯示 ${shown} 件案件${more ? '，還有更多，可選擇「載入更多案件」' : ''}。`,
    empty: '還沒有整改案件。居民給出差評後，案件會出現在這裡。',
    emptyFiltered: '沒有符合篩選條件的案件。',
    counts: '案件統計',
    statuses: { open: '待處理', assigned: '已交辦', replied: '已答覆', closed: '已辦結' },
    overdue: '逾期',
    overdueFlag: '已逾期',
    filters: '篩選',
    statusFilter: '狀態',
    allStatuses: '全部狀態',
    overdueOnly: '只看逾期案件',
    cases: '整改案件',
    opened: '受理日期',
    subject: '評價對象',
    reasons: '差評原因',
    status: '狀態',
    deadline: '辦理期限',
    reasonComment: '留言',
    openCase: (subject, opened) => `${subject}（${opened}受理）`,
    more: '載入更多案件',
    caseLoading: '正在載入案件…',
    caseId: (id) => `案件編號 ${id}`,
    survey: '問卷',
    assignee: '承辦單位',
    notAssigned: '未交辦',
    closedAt: '辦結時間',
    answer: '居民的評價',
    answeredAt: '評價時間',
    comment: '留言',
    notApplicable: '不適用',
    skipped: '未作答',
    reply: '答覆',
    repliedAt: '答覆時間',
    noReply: '尚未答覆。',
    rating: '居民對答覆的評價',
    ratedAt: '評價時間',
    notRated: '居民尚未評價答覆。',
    log: '辦理紀錄',
    when: '時間',
    action: '操作',
    by: '操作人',
    detail: '內容',
    actions: {
      opened: '受理',
      assigned: '交辦',
      replied: '答覆',
      closed: '辦結',
      rated: '居民評價答覆',
    },
    byToken: (note, id) => [note, id ? `令牌 ${id}` : ''].filter(Boolean).join('，') || '評估人員',
    byResident: '居民',
    byCollector: '系統（差評自動受理）',
    work: '辦理',
    assignLabel: '承辦單位或承辦人',
    assign: '交辦',
    reassign: '重新交辦',
    assigneeRequired: '請填寫承辦單位或承辦人。',
    replyLabel: '答覆內容',
    replyHint: '答覆會透過回執原樣展示給居民。',
    sendReply: '提交答覆',
    replyRequired: '請填寫答覆內容。',
    closeLabel: '辦結說明（可不填）',
    closeHint: '辦結後不能再更改；居民對答覆的評價仍會記錄。',
    close: '辦結案件',
    closedNote: '本案件已辦結，無需再辦理。',
    tooLong: (max) => `不能超過 ${max} 個字。`,
    sending: '正在提交…',
    moved: {
      assign: (assignee) => `已交辦給「${assignee}」。`,
      reply: () => '答覆已提交，居民可以透過回執查看。',
      close: () => '案件已辦結。',
    },
    back: '返回案件列表',
    retry: '重試',
  },
  en: {
    title: 'Follow-up of bad ratings',
    tokenHint:
      'Your administrator issues tokens. It is kept in this page’s memory, sent only with requests about cases, and never put in a URL.',
    showCases: 'Show cases',
    notConfigured: 'The collector’s address is not set: give <minyi-cases> a collector attribute.',
    forbidden:
      'This token may not see or work cases. Ask your administrator for an evaluator token.',
    listNotFound: (filter) =>
      `There are no cases for ${filter}, or this token may not see them. Check the page’s survey and subject attributes, or ask your administrator.`,
    filterSurvey: (survey) => `survey “${survey}”`,
    filterSubject: (subject) => `subject “${subject}”`,
    caseNotFound:
      'This case was not found, or this token may not see it. Reload the list of cases and choose again.',
    listBadRequest: (detail) =>
      `The collector refused the query (${detail}). Check the filters chosen.`,
    moveBadRequest: (detail) =>
      `The collector refused the change (${detail}). Check what you entered and try again.`,
    conflict: (detail) =>
      `The case has changed, so this change was not made (${detail}). The case was reloaded: check where it stands now, then act again.`,
    network:
      'The collector could not be reached. Check your network connection (for an intranet, that you are on it), then try again.',
    server: (status) =>
      `The collector failed (HTTP ${status}). Try again later; if it keeps happening, tell your administrator.`,
    invalid: (detail) =>
      `The collector sent case data this page does not understand (${detail}). Ask your administrator to check the collector’s version.`,
    loading: 'Loading cases…',
    loadingMore: 'Loading more cases…',
    loaded: (shown, more) =>
      `${shown} ${shown === 1 ? 'case' : 'cases'} shown${more ? '; there are more: choose “Load more cases”' : ''}.`,
    empty: 'There are no cases yet. A case opens here when a resident gives a bad rating.',
    emptyFiltered: 'No case matches the filters.',
    counts: 'Cases by status',
    statuses: { open: 'Open', assigned: 'Assigned', replied: 'Replied', closed: 'Closed' },
    overdue: 'Overdue',
    overdueFlag: 'Overdue',
    filters: 'Filters',
    statusFilter: 'Status',
    allStatuses: 'All statuses',
    overdueOnly: 'Overdue cases only',
    cases: 'Cases',
    opened: 'Opened',
    subject: 'Subject',
    reasons: 'Why',
    status: 'Status',
    deadline: 'Reply by',
    reasonComment: 'Comment',
    openCase: (subject, opened) => `${subject} (opened ${opened})`,
    more: 'Load more cases',
    caseLoading: 'Loading the case…',
    caseId: (id) => `Case ${id}`,
    survey: 'Survey',
    assignee: 'Assigned to',
    notAssigned: 'Not assigned',
    closedAt: 'Closed',
    answer: 'The resident’s answer',
    answeredAt: 'Answered',
    comment: 'Comment',
    notApplicable: 'Not applicable',
    skipped: 'Skipped',
    reply: 'Reply',
    repliedAt: 'Replied',
    noReply: 'No reply yet.',
    rating: 'The resident’s rating of the reply',
    ratedAt: 'Rated',
    notRated: 'The resident has not rated the reply yet.',
    log: 'Case history',
    when: 'When',
    action: 'What',
    by: 'By',
    detail: 'Detail',
    actions: {
      opened: 'Opened',
      assigned: 'Assigned',
      replied: 'Replied',
      closed: 'Closed',
      rated: 'Reply rated by the resident',
    },
    byToken: (note, id) =>
      [note, id ? `token ${id}` : ''].filter(Boolean).join(', ') || 'An evaluator',
    byResident: 'The resident',
    byCollector: 'The collector (a bad rating)',
    work: 'Work the case',
    assignLabel: 'Office or person responsible',
    assign: 'Assign',
    reassign: 'Reassign',
    assigneeRequired: 'Enter the office or person responsible.',
    replyLabel: 'Reply',
    replyHint: 'The resident sees the reply, exactly as written, through their receipt.',
    sendReply: 'Send reply',
    replyRequired: 'Enter the reply.',
    closeLabel: 'Closing note (optional)',
    closeHint: 'A closed case cannot be changed; the resident’s rating of the reply is still kept.',
    close: 'Close case',
    closedNote: 'This case is closed; there is nothing more to do.',
    tooLong: (max) => `At most ${max} characters.`,
    sending: 'Sending…',
    moved: {
      assign: (assignee) => `Assigned to “${assignee}”.`,
      reply: () => 'Reply sent; the resident can read it through their receipt.',
      close: () => 'Case closed.',
    },
    back: 'Back to the list of cases',
    retry: 'Try again',
  },
};
