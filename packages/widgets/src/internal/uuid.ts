/**
 * A version 4 UUID. `crypto.randomUUID` exists only in secure contexts, and many government pages
 * are still served over plain http; a blob URL, by the File API specification, ends in a random
 * UUID in any context.
 */
export function uuid(): string {
  const url = URL.createObjectURL(new Blob());
  URL.revokeObjectURL(url);
  return url.slice(-36);
}
