import type { Locale } from '@minyi/schema';

/**
 * The token prompt's strings, which both elements show: a table of their own, so that
 * `minyi-cases.js` carries them without the rest of the scoreboard's strings.
 */
export interface TokenMessages {
  tokenLabel: string;
  tokenRequired: string;
  remember: string;
  signOut: string;
  unauthorized: string;
}

export const TOKEN_MESSAGES: Record<Locale, TokenMessages> = {
  'zh-Hans': {
    tokenLabel: '评估令牌',
    tokenRequired: '请输入评估令牌。',
    remember: '在此标签页中记住令牌（关闭标签页即清除）',
    signOut: '退出并清除令牌',
    unauthorized: '令牌无效或已过期，请向管理员申请新的令牌。',
  },
  'zh-Hant': {
    tokenLabel: '評估令牌',
    tokenRequired: '請輸入評估令牌。',
    remember: '在此分頁中記住令牌（關閉分頁即清除）',
    signOut: '登出並清除令牌',
    unauthorized: '令牌無效或已過期，請向管理員申請新的令牌。',
  },
  en: {
    tokenLabel: 'Evaluator token',
    tokenRequired: 'Enter your evaluator token.',
    remember: 'Remember the token for this tab (forgotten when the tab closes)',
    signOut: 'Sign out and forget the token',
    unauthorized: 'The token is not valid or has expired; ask your administrator for a new one.',
  },
};
