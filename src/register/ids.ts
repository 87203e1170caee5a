import { createHash } from 'node:crypto';

// Stable ids: a name-based UUID (RFC 9562 version 5 layout) from the record type and its natural
// key, so re-importing the same dataset, on any installation, gives every record the same id.
const NAMESPACE = 'safeguard-register';

/** The stable uuid of a record of this type with this natural key (its slug, or a relation's key). */
export function stableId(type: string, key: string): string {
  const h = createHash('sha1').update(`${NAMESPACE}\u0000${type}\u0000${key}`).digest();
  h[6] = (h[6]! & 0x0f) | 0x50;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const x = h.subarray(0, 16).toString('hex');
  return `${x.slice(0, 8)}-${x.slice(8, 12)}-${x.slice(12, 16)}-${x.slice(16, 20)}-${x.slice(20)}`;
}

/** A short digest of a record's content, to tell an update from an unchanged re-import. */
export function contentHash(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('base64url').slice(0, 22);
}
