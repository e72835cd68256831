import * as z from 'zod/mini';
import { consultationTopicSchema } from './consultation.js';
import { idSchema, localizedTextSchema, oneOf, scalar } from './ids.js';
import { CASE_STATUSES, RESPONSE_KINDS } from './kinds.js';

const dateTime = scalar<string>(
  (value) => typeof value === 'string' && !Number.isNaN(Date.parse(value)),
  'expected an ISO 8601 date-time',
);
const text = scalar<string>((value) => typeof value === 'string', 'expected a string');

/**
 * What a receipt code shows its holder (`GET /v1/receipts/{code}`): when the answer was received,
 * what became of it, and nothing about anyone else's answers.
 */
export const receiptViewSchema = z.object({
  code: text,
  receivedAt: dateTime,
  kind: oneOf(RESPONSE_KINDS),
  survey: z.object({ id: idSchema, title: z.optional(localizedTextSchema) }),
  /** The follow-up case a low rating or a flagged comment opened (差评整改). */
  followUp: z.optional(
    z.object({
      id: idSchema,
      status: oneOf(CASE_STATUSES),
      reply: z.optional(z.object({ text, repliedAt: dateTime })),
      /** The resident may rate the reply once, as a response to this survey about this case. */
      rating: z.optional(z.object({ survey: idSchema, subject: text })),
    }),
  ),
  /** The consultation the answer belongs to, with its outcome once published (公示). */
  consultation: z.optional(consultationTopicSchema),
});

export type ReceiptView = z.infer<typeof receiptViewSchema>;
