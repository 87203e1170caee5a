import { createHash } from 'node:crypto';
import type { Queryable } from '../db/database.ts';
import { chainEntry, type AuditActor, type AuditEntry, type AuditEvent, type JsonValue } from './domain/chain.ts';

export const sha256Hex = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

type LogRow = {
  seq: number; occurred_at: Date; action: string; actor: AuditActor; subject_type: string; subject_id: string | null;
  details: Record<string, JsonValue>; prev_hash: string; hash: string;
};

const toEntry = (r: LogRow): AuditEntry => ({
  seq: Number(r.seq), occurredAt: r.occurred_at.toISOString(), action: r.action, actor: r.actor, subjectType: r.subject_type,
  subjectId: r.subject_id, details: r.details, prevHash: r.prev_hash, hash: r.hash,
});

/**
 * Appends an entry to the audit log. Call it inside the transaction of the change it records, so
 * both commit or neither does: a transaction-scoped lock makes concurrent writers take turns, so
 * the chain never forks.
 */
export async function recordAudit(tx: Queryable, event: AuditEvent, at: Date): Promise<AuditEntry> {
  await tx.query(`SELECT pg_advisory_xact_lock(hashtext('audit.log'))`);
  const [last] = await tx.query<{ seq: number; hash: string }>('SELECT seq, hash FROM audit.log ORDER BY seq DESC LIMIT 1');
  const entry = chainEntry(last ? { seq: Number(last.seq), hash: last.hash } : null, event, at.toISOString(), sha256Hex);
  await tx.query(
    `INSERT INTO audit.log (seq, occurred_at, action, actor, subject_type, subject_id, details, prev_hash, hash)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [entry.seq, entry.occurredAt, entry.action, JSON.stringify(entry.actor), entry.subjectType, entry.subjectId,
      JSON.stringify(entry.details), entry.prevHash, entry.hash],
  );
  return entry;
}

/** Up to `limit` entries after `afterSeq`, in order. */
export async function readAuditEntries(db: Queryable, afterSeq: number, limit: number): Promise<AuditEntry[]> {
  const rows = await db.query<LogRow>(
    `SELECT seq, occurred_at, action, actor, subject_type, subject_id, details, prev_hash, hash
     FROM audit.log WHERE seq > $1 ORDER BY seq LIMIT $2`,
    [afterSeq, limit],
  );
  return rows.map(toEntry);
}
