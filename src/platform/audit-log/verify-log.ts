import type { Queryable } from '../db/database.ts';
import { verifyEntries, type ChainBreak } from './domain/chain.ts';
import { readAuditEntries, sha256Hex } from './store.ts';

export type LogVerification =
  | { ok: true; entries: number; head: { seq: number; hash: string } | null }
  | { ok: false; entries: number; broken: ChainBreak };

/** Walks the whole audit log in order, in batches, and reports the first broken entry. */
export async function verifyLog(db: Queryable, batchSize = 1000): Promise<LogVerification> {
  let last: { seq: number; hash: string } | null = null;
  let count = 0;
  for (;;) {
    const batch = await readAuditEntries(db, last?.seq ?? 0, batchSize);
    if (!batch.length) return { ok: true, entries: count, head: last };
    const result = verifyEntries(last, batch, sha256Hex);
    if (!result.ok) return { ok: false, entries: count + batch.findIndex((e) => e.seq === result.broken.seq), broken: result.broken };
    count += batch.length;
    last = result.last;
  }
}
