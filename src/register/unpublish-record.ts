import type { Database, Queryable } from '../platform/db/database.ts';
import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import { can } from '../platform/auth/domain/policy.ts';
import type { Actor } from '../platform/auth/domain/roles.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { recordTitle } from './domain/record-forms.ts';
import { stableId } from './ids.ts';
import { currentRecord, insertRevision, latestRevisionNumber } from './store/editorial.ts';

type Member = Extract<Actor, { kind: 'member' }>;
export type WithdrawableType = 'deployment' | 'organisation' | 'technology';

/** What still refers to a record, by kind: it must be changed or withdrawn first. */
async function dependants(q: Queryable, type: WithdrawableType, id: string): Promise<Record<string, number>> {
  const count = async (sql: string) => (await q.query<{ n: number }>(sql, [id]))[0]!.n;
  if (type === 'technology') {
    return {
      deployments: await count('SELECT count(*)::int AS n FROM register.deployments WHERE technology_id = $1'),
      relations: await count('SELECT count(*)::int AS n FROM register.relations WHERE technology_id = $1'),
      contracts: await count('SELECT count(*)::int AS n FROM register.contracts WHERE technology_id = $1'),
    };
  }
  if (type === 'organisation') {
    return {
      deployments: await count('SELECT count(*)::int AS n FROM register.deployments WHERE deployer_id = $1'),
      relations: await count('SELECT count(*)::int AS n FROM register.relations WHERE organisation_id = $1 OR counterpart_id = $1'),
      contracts: await count('SELECT count(*)::int AS n FROM register.contracts WHERE payer_id = $1 OR recipient_id = $1'),
    };
  }
  return {
    relations: await count('SELECT count(*)::int AS n FROM register.relations WHERE deployment_id = $1'),
    contracts: await count('SELECT count(*)::int AS n FROM register.contracts WHERE deployment_id = $1'),
  };
}

export type UnpublishResult = { ok: true } | { ok: false; errors: Record<string, string>; dependants?: Record<string, number> };

/**
 * Withdraws a record from the public register, with a reason that stays visible at its address.
 * Its last version is kept as a revision first. Refused while other records still refer to it.
 */
export async function unpublishRecord(db: Database, actor: Member, type: WithdrawableType, slug: string, reason: string, now: Date): Promise<UnpublishResult> {
  if (!can(actor, 'record.unpublish')) throw forbidden();
  const why = reason.trim();
  if (!why) return { ok: false, errors: { reason: 'required' } };
  if (why.length > 2000) return { ok: false, errors: { reason: 'too_long' } };
  const editor = actor.memberships.find((m) => m.role === 'editor')!;
  return db.transaction(async (tx) => {
    const record = await currentRecord(tx, type, slug);
    if (!record) throw notFound(type);
    const id = stableId(type, slug);
    const blocking = Object.fromEntries(Object.entries(await dependants(tx, type, id)).filter(([, n]) => n > 0));
    if (Object.keys(blocking).length) return { ok: false, errors: { reason: 'has_dependants' }, dependants: blocking };
    const title = recordTitle(type, record);
    const credit = { kind: 'member', organisation: editor.organisationName, role: editor.role };
    const number = await latestRevisionNumber(tx, type, slug);
    if (number === 0) await insertRevision(tx, { type, slug, number: 1, payload: record, credit: { kind: 'import' }, draftId: null }, now);
    await tx.query('DELETE FROM register.citations WHERE record_type = $1 AND record_id = $2', [type, id]);
    await tx.query(`DELETE FROM register.${type === 'technology' ? 'technologies' : `${type}s`} WHERE id = $1`, [id]);
    await tx.query(
      `INSERT INTO register.withdrawals (record_type, slug, title, reason, withdrawn_at, credit) VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (record_type, slug) DO UPDATE SET title = $3, reason = $4, withdrawn_at = $5, credit = $6`,
      [type, slug, title, why, now, JSON.stringify(credit)],
    );
    await tx.query('INSERT INTO register.changes (occurred_at, record_type, record_id, slug, title, action) VALUES ($1, $2, $3, $4, $5, $6)', [now, type, id, slug, title, 'withdrawn']);
    await recordAudit(tx, { action: 'record.unpublished', actor: auditActorOf(actor), subjectType: type, subjectId: slug, details: { reason: why } }, now);
    return { ok: true };
  });
}

export type Withdrawal = { title: string; reason: string; withdrawn_at: Date; credit: { organisation: string; role: string } };
export const findWithdrawal = async (q: Queryable, type: string, slug: string) =>
  (await q.query<Withdrawal>('SELECT title, reason, withdrawn_at, credit FROM register.withdrawals WHERE record_type = $1 AND slug = $2', [type, slug]))[0];

/** Publishing a record again lifts its withdrawal notice. */
export const clearWithdrawal = (q: Queryable, type: string, slug: string) => q.query('DELETE FROM register.withdrawals WHERE record_type = $1 AND slug = $2', [type, slug]);

