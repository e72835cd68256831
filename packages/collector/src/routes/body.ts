/** 64 KiB holds a full batch of typical responses; beyond it something is wrong or hostile. */
export const BODY_LIMIT = 64 * 1024;
/** Survey definitions with many subjects and three languages run larger than a batch. */
export const ADMIN_BODY_LIMIT = 1024 * 1024;
export const ACCEPTED_CONTENT_TYPES = ['application/json', 'text/plain'] as const;

export function unsupportedMediaType(contentType: string | undefined) {
  const given = contentType ? `"${contentType}"` : 'no content type';
  return {
    error: `unsupported content type: ${given}; send the batch as application/json or text/plain`,
    accepted: [...ACCEPTED_CONTENT_TYPES],
  };
}

/** Admin requests carry JSON only: text/plain is for beacons, which never carry tokens. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return /^application\/json\s*(;|$)/i.test(contentType ?? '');
}
