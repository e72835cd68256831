export const RESPONSE_KINDS = ['satisfaction', 'evaluation', 'consultation'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];

/** A follow-up case's lifecycle (差评整改): open → assigned → replied → closed. */
export const CASE_STATUSES = ['open', 'assigned', 'replied', 'closed'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];
