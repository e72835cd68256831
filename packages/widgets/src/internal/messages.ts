import type { Locale } from '@minyi/schema';

/** Every string a resident can see, in each supported locale. */
export interface Messages {
  submit: string;
  sending: string;
  received: string;
  receiptLabel: string;
  keptOffline: string;
  notKeptOffline: string;
  refused: string;
  couldNotSave: string;
  notConfigured: string;
  badDefinition: string;
  loading: string;
  unavailable: string;
  defaultQuestion: string;
  chooseLevel: string;
  chooseOption: string;
  chooseGroup: string;
  writeComment: string;
  commentTooLong: (max: number) => string;
  optional: string;
  notApplicable: string;
  group: string;
  chooseGroupPlaceholder: string;
  comment: string;
  opinion: string;
  commentHint: string;
  scrubbed: string;
  /** What replaces personal data removed from free text. */
  placeholder: string;
  alreadyAnswered: (period: string) => string;
  periods: Record<'day' | 'week' | 'month' | 'quarter' | 'year', string>;
  subject: string;
  position: string;
  topicOpen: string;
  topicClosed: string;
  topicNotOpen: string;
  outcome: string;
  publishedOn: string;
  tally: string;
  responses: string;
  lookUp: string;
  notFound: string;
  receivedAt: string;
  followUp: string;
  caseStatus: Record<'open' | 'assigned' | 'replied' | 'closed', string>;
  reply: string;
  recent: string;
  forget: string;
}

export const MESSAGES: Record<Locale, Messages> = {
  'zh-Hans': {
    submit: '提交',
    sending: '正在提交…',
    received: '感谢您的评价，已收到。',
    receiptLabel: '回执码',
    keptOffline: '网络暂不可用。您的评价已保存在本设备，联网后将自动提交，届时显示回执码。',
    notKeptOffline: '此浏览器无法在本设备保存评价，请保持本页打开，直到显示回执码。',
    refused: '很抱歉，您的评价未被受理。',
    couldNotSave: '您的评价未能保存在本设备，请稍后重试。',
    notConfigured: '评价组件未配置收集地址（data-collector）。',
    badDefinition: '问卷定义有误',
    loading: '正在加载…',
    unavailable: '暂时无法加载本问卷，请稍后再试。',
    defaultQuestion: '您对本页面的内容和服务满意吗？',
    chooseLevel: '请选择一个等级。',
    chooseOption: '请选择您的意见。',
    chooseGroup: '请选择您的身份。',
    writeComment: '请填写您的意见或建议。',
    commentTooLong: (max) => `请将内容控制在 ${max} 字以内。`,
    optional: '（选填）',
    notApplicable: '不适用',
    group: '您的身份',
    chooseGroupPlaceholder: '请选择',
    comment: '意见或建议',
    opinion: '您的意见',
    commentHint: '身份证号、手机号和电子邮箱会在提交前自动隐去。',
    scrubbed: '为保护您的隐私，内容中的身份证号、手机号或电子邮箱已隐去。',
    placeholder: '[已隐去]',
    alreadyAnswered: (period) => `您已在${period}评价过，感谢参与。`,
    periods: { day: '今天', week: '本周', month: '本月', quarter: '本季度', year: '今年' },
    subject: '评价对象',
    position: '您的态度',
    topicOpen: '正在征求意见',
    topicClosed: '本议题已截止征求意见，感谢关注。',
    topicNotOpen: '本议题尚未开始征求意见。',
    outcome: '协商结果公示',
    publishedOn: '公示日期',
    tally: '意见统计',
    responses: '份',
    lookUp: '查询',
    notFound: '未找到这个回执码，请核对后重试。',
    receivedAt: '提交时间',
    followUp: '办理状态',
    caseStatus: { open: '待处理', assigned: '办理中', replied: '已答复', closed: '已办结' },
    reply: '答复',
    recent: '本设备上的回执',
    forget: '清除本设备上的回执',
  },
  'zh-Hant': {
    submit: '提交',
    sending: '正在提交…',
    received: '感謝您的評價，已收到。',
    receiptLabel: '回執碼',
    keptOffline: '網絡暫不可用。您的評價已保存在本裝置，連網後將自動提交，屆時顯示回執碼。',
    notKeptOffline: '此瀏覽器無法在本裝置保存評價，請保持本頁開啟，直到顯示回執碼。',
    refused: '很抱歉，您的評價未被受理。',
    couldNotSave: '您的評價未能保存在本裝置，請稍後重試。',
    notConfigured: '評價組件未設定收集地址（data-collector）。',
    badDefinition: '問卷定義有誤',
    loading: '正在載入…',
    unavailable: '暫時無法載入本問卷，請稍後再試。',
    defaultQuestion: '您對本頁面的內容和服務滿意嗎？',
    chooseLevel: '請選擇一個等級。',
    chooseOption: '請選擇您的意見。',
    chooseGroup: '請選擇您的身份。',
    writeComment: '請填寫您的意見或建議。',
    commentTooLong: (max) => `請將內容控制在 ${max} 字以內。`,
    optional: '（選填）',
    notApplicable: '不適用',
    group: '您的身份',
    chooseGroupPlaceholder: '請選擇',
    comment: '意見或建議',
    opinion: '您的意見',
    commentHint: '身份證號、手機號碼和電子郵箱會在提交前自動隱去。',
    scrubbed: '為保護您的私隱，內容中的身份證號、手機號碼或電子郵箱已隱去。',
    placeholder: '[已隱去]',
    alreadyAnswered: (period) => `您已在${period}評價過，感謝參與。`,
    periods: { day: '今天', week: '本週', month: '本月', quarter: '本季度', year: '今年' },
    subject: '評價對象',
    position: '您的態度',
    topicOpen: '正在徵求意見',
    topicClosed: '本議題已截止徵求意見，感謝關注。',
    topicNotOpen: '本議題尚未開始徵求意見。',
    outcome: '協商結果公示',
    publishedOn: '公示日期',
    tally: '意見統計',
    responses: '份',
    lookUp: '查詢',
    notFound: '未找到這個回執碼，請核對後重試。',
    receivedAt: '提交時間',
    followUp: '辦理狀態',
    caseStatus: { open: '待處理', assigned: '辦理中', replied: '已答覆', closed: '已辦結' },
    reply: '答覆',
    recent: '本裝置上的回執',
    forget: '清除本裝置上的回執',
  },
  en: {
    submit: 'Submit',
    sending: 'Sending…',
    received: 'Thank you, your answer was received.',
    receiptLabel: 'Receipt code',
    keptOffline:
      'Offline: your answer is kept on this device and sent, with a receipt code, once online.',
    notKeptOffline:
      'This browser cannot keep answers: keep this page open until a receipt code appears.',
    refused: 'Sorry, your answer was not accepted.',
    couldNotSave: 'Your answer could not be saved on this device. Please try later.',
    notConfigured: 'The feedback widget has no collector address (data-collector).',
    badDefinition: 'The survey definition is invalid',
    loading: 'Loading…',
    unavailable: 'This survey cannot be loaded now. Please try later.',
    defaultQuestion: 'Are you satisfied with this page and its service?',
    chooseLevel: 'Please choose a level.',
    chooseOption: 'Please choose your position.',
    chooseGroup: 'Please choose who you are answering as.',
    writeComment: 'Please write your comment or suggestion.',
    commentTooLong: (max) => `Please keep it within ${max} characters.`,
    optional: ' (optional)',
    notApplicable: 'Not applicable',
    group: 'You are answering as',
    chooseGroupPlaceholder: 'Choose…',
    comment: 'Comments or suggestions',
    opinion: 'Your opinion',
    commentHint: 'ID numbers, phone numbers and e-mail addresses are removed before sending.',
    scrubbed: 'For your privacy, ID numbers, phone numbers and e-mail addresses were removed.',
    placeholder: '[removed]',
    alreadyAnswered: (period) => `Thank you: you have already evaluated this ${period}.`,
    periods: { day: 'day', week: 'week', month: 'month', quarter: 'quarter', year: 'year' },
    subject: 'Being evaluated',
    position: 'Your position',
    topicOpen: 'Open for comments',
    topicClosed: 'Comments on this topic are closed.',
    topicNotOpen: 'This topic is not yet open for comments.',
    outcome: 'Published outcome',
    publishedOn: 'Published on',
    tally: 'Opinions received',
    responses: '',
    lookUp: 'Look up',
    notFound: 'No answer has this receipt code. Please check it.',
    receivedAt: 'Received',
    followUp: 'Follow-up',
    caseStatus: { open: 'Open', assigned: 'In progress', replied: 'Replied', closed: 'Closed' },
    reply: 'Reply',
    recent: 'Receipts on this device',
    forget: 'Forget these receipts',
  },
};
