export const RESPONSE_KINDS = ['satisfaction', 'evaluation', 'consultation'] as const;
export type ResponseKind = (typeof RESPONSE_KINDS)[number];
