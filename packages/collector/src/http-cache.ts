/**
 * Whether an `If-None-Match` header matches an entity tag. Comparison is weak (RFC 9110 §13.1.2):
 * proxies that compress may have turned our strong tag into a weak one.
 */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  const opaque = stripWeak(etag);
  return ifNoneMatch
    .split(',')
    .map((candidate) => candidate.trim())
    .some((candidate) => candidate === '*' || stripWeak(candidate) === opaque);
}

function stripWeak(tag: string): string {
  return tag.startsWith('W/') ? tag.slice(2) : tag;
}
