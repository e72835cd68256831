import * as z from 'zod/mini';

export const MAX_BATCH_RESPONSES = 100;

/**
 * The batch envelope. Each response is checked on its own (see `responseSchema`), so that one bad
 * response is rejected without refusing the others; the envelope only fixes the outer shape.
 */
export const envelopeSchema = z.object({
  responses: z.array(z.unknown(), { error: 'expected an array of responses' }).check(
    z.minLength(1, { error: 'expected at least 1 response' }),
    z.maxLength(MAX_BATCH_RESPONSES, {
      error: `expected at most ${MAX_BATCH_RESPONSES} responses`,
    }),
  ),
});
export type ResponseEnvelope = z.infer<typeof envelopeSchema>;

export const RESULT_STATUSES = ['accepted', 'duplicate', 'rejected'] as const;
export type ResultStatus = (typeof RESULT_STATUSES)[number];

export const resultSchema = z.object({
  id: z.string(),
  status: z.enum(RESULT_STATUSES),
  receipt: z.optional(z.string()),
  error: z.optional(z.string()),
});
export type ResponseResult = z.infer<typeof resultSchema>;

export const resultsSchema = z.object({ results: z.array(resultSchema) });
export type ResponseResults = z.infer<typeof resultsSchema>;
