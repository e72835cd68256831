import type { Locale } from '@minyi/schema';

/** Every string a resident can see, in each supported locale. */
export interface Messages {
  submit: string;
  sending: string;
  received: string;
  receiptLabel: string;
  keptOffline: string;
  notKeptOffline: string;
  chooseLevel: string;
  refused: string;
  couldNotSave: string;
  notConfigured: string;
  badDefinition: string;
  defaultQuestion: string;
}

export const MESSAGES: Record<Locale, Messages> = {
  'zh-Hans': {
    submit: '提交',
    sending: '正在提交…',
    received: '感谢您的评价，已收到。',
    receiptLabel: '回执码',
    keptOffline: '网络暂不可用。您的评价已保存在本设备，联网后将自动提交，届时显示回执码。',
    notKeptOffline: '此浏览器无法在本设备保存评价，请保持本页打开，直到显示回执码。',
    chooseLevel: '请先选择一个满意度等级。',
    refused: '很抱歉，您的评价未被受理。',
    couldNotSave: '您的评价未能保存在本设备，请稍后重试。',
    notConfigured: '评价组件未配置收集地址（data-collector）。',
    badDefinition: '问卷定义有误',
    defaultQuestion: '您对本页面的内容和服务满意吗？',
  },
  'zh-Hant': {
    submit: '提交',
    sending: '正在提交…',
    received: '感謝您的評價，已收到。',
    receiptLabel: '回執碼',
    keptOffline: '網絡暫不可用。您的評價已保存在本裝置，連網後將自動提交，屆時顯示回執碼。',
    notKeptOffline: '此瀏覽器無法在本裝置保存評價，請保持本頁開啟，直到顯示回執碼。',
    chooseLevel: '請先選擇一個滿意度等級。',
    refused: '很抱歉，您的評價未被受理。',
    couldNotSave: '您的評價未能保存在本裝置，請稍後重試。',
    notConfigured: '評價組件未設定收集地址（data-collector）。',
    badDefinition: '問卷定義有誤',
    defaultQuestion: '您對本頁面的內容和服務滿意嗎？',
  },
  en: {
    submit: 'Submit',
    sending: 'Sending…',
    received: 'Thank you, your answer was received.',
    receiptLabel: 'Receipt code',
    keptOffline:
      'You are offline. Your answer is kept on this device and will be sent when you are back online; the receipt code appears then.',
    notKeptOffline:
      'This browser cannot keep answers on this device. Please keep this page open until the receipt code appears.',
    chooseLevel: 'Please choose a level first.',
    refused: 'Sorry, your answer was not accepted.',
    couldNotSave: 'Your answer could not be saved on this device. Please try again later.',
    notConfigured: 'The feedback widget has no collector address (data-collector).',
    badDefinition: 'The survey definition is invalid',
    defaultQuestion: 'Are you satisfied with this page and its service?',
  },
};
