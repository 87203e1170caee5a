// The audit log's hash chain, as pure functions. Each entry holds the SHA-256 of the entry
// before it (`prevHash`) and the SHA-256 of its own canonical JSON (every field but `hash`),
// so changing, inserting or removing an entry anywhere but the end breaks every later link.
// The hash function comes in as an argument: the domain imports no crypto.

/** Who did something: a signed-in member, an anonymous visitor, or the system (CLI, jobs). */
export type AuditActor =
  | { kind: 'user'; userId: string; organisationId: string | null; role: string | null }
  | { kind: 'anonymous' }
  | { kind: 'system'; name: string };

/** What the log records about one state change; never an IP address or a user agent. */
export type AuditEvent = {
  action: string;
  actor: AuditActor;
  subjectType: string;
  subjectId: string | null;
  details: Record<string, JsonValue>;
};

export type AuditEntry = AuditEvent & { seq: number; occurredAt: string; prevHash: string; hash: string };

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** The previous hash of the very first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * Canonical JSON (the RFC 8785 shape for the values we log): object keys sorted by UTF-16 code
 * units, no whitespace, strings and finite numbers as JSON.stringify writes them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value === 'boolean' || typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`canonical JSON has no representation for ${value}`);
    return JSON.stringify(value);
  }
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    entries.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  throw new TypeError(`canonical JSON has no representation for a ${typeof value}`);
}

/** The text an entry's hash is computed over: every field but the hash itself. */
export function hashedContent(entry: Omit<AuditEntry, 'hash'>): string {
  const { seq, occurredAt, prevHash, action, actor, subjectType, subjectId, details } = entry;
  return canonicalJson({ seq, occurredAt, prevHash, action, actor, subjectType, subjectId, details });
}

/** The entry that follows `previous` (or starts the log). */
export function chainEntry(
  previous: Pick<AuditEntry, 'seq' | 'hash'> | null,
  event: AuditEvent,
  occurredAt: string,
  sha256: (text: string) => string,
): AuditEntry {
  const partial = { ...event, seq: (previous?.seq ?? 0) + 1, occurredAt, prevHash: previous?.hash ?? GENESIS_HASH };
  return { ...partial, hash: sha256(hashedContent(partial)) };
}

export type ChainBreak = { seq: number; problem: 'hash' | 'link' | 'sequence'; message: string };

/**
 * Checks entries in order, continuing from `previous` (the last entry already checked, or null
 * at the start of the log). Returns the first break, or the last entry checked.
 */
export function verifyEntries(
  previous: Pick<AuditEntry, 'seq' | 'hash'> | null,
  entries: readonly AuditEntry[],
  sha256: (text: string) => string,
): { ok: true; last: Pick<AuditEntry, 'seq' | 'hash'> | null } | { ok: false; broken: ChainBreak } {
  let last = previous;
  for (const entry of entries) {
    const expectedSeq = (last?.seq ?? 0) + 1;
    if (entry.seq !== expectedSeq) {
      return { ok: false, broken: { seq: entry.seq, problem: 'sequence', message: `entry ${entry.seq} follows entry ${last?.seq ?? 0}: entry ${expectedSeq} is missing` } };
    }
    const expectedPrev = last?.hash ?? GENESIS_HASH;
    if (entry.prevHash !== expectedPrev) {
      return { ok: false, broken: { seq: entry.seq, problem: 'link', message: `entry ${entry.seq} does not point at the hash of entry ${expectedSeq - 1}` } };
    }
    const { hash, ...rest } = entry;
    if (sha256(hashedContent(rest)) !== hash) {
      return { ok: false, broken: { seq: entry.seq, problem: 'hash', message: `entry ${entry.seq} (${entry.action}, ${entry.occurredAt}) does not match its hash: its content was changed` } };
    }
    last = { seq: entry.seq, hash };
  }
  return { ok: true, last };
}
