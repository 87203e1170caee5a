import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit-log/store.ts';
import { can } from '../platform/auth/domain/policy.ts';
import { auditActorOf, type Actor } from '../platform/auth/domain/roles.ts';
import type { Database, Queryable } from '../platform/db/database.ts';
import { DomainError, forbidden, notFound } from '../platform/errors.ts';
import { analysisAnswersSchema, EMPTY_ANSWERS, type AnalysisAnswers } from './domain/analysis.ts';
import { findAnalysis, insertAnalysis, updateAnalysis, type AnalysisRow } from './store.ts';

// An advocate's analysis of a deployment: read and saved as a draft of the advocate's organisation,
// one per organisation and deployment, private to its writers.

type Member = Extract<Actor, { kind: 'member' }>;

/** The organisations whose analyses the actor writes (contributor or editor there). */
export function analysingOrganisations(actor: Actor) {
  return actor.kind === 'member' ? actor.memberships.filter((m) => can(actor, 'analysis.write', { organisationId: m.organisationId })) : [];
}

/** The organisation an analysis is written for: the one named (by slug), else the actor's first. */
export function analysingOrganisation(actor: Actor, slug?: string) {
  if (actor.kind === 'anonymous') throw new DomainError('unauthenticated', 'Sign in to analyse a deployment for your organisation.');
  const orgs = analysingOrganisations(actor);
  const m = slug ? orgs.find((o) => o.organisationSlug === slug) : orgs[0];
  if (!m) throw forbidden(slug ? 'You do not write analyses for that organisation.' : 'Analyses are written by contributors and editors of an organisation.');
  return m;
}

async function deploymentId(q: Queryable, slug: string): Promise<{ id: string }> {
  const [d] = await q.query<{ id: string }>('SELECT id FROM register.deployments WHERE slug = $1', [slug]);
  if (!d) throw notFound('deployment');
  return d;
}

export type Analysis = { row: AnalysisRow | null; answers: AnalysisAnswers };

/** The organisation's analysis of the deployment (empty answers when it has none yet). */
export async function viewAnalysis(q: Queryable, actor: Actor, slug: string, organisationId: string): Promise<Analysis> {
  if (!can(actor, 'analysis.view', { organisationId })) throw forbidden();
  const d = await deploymentId(q, slug);
  const row = (await findAnalysis(q, d.id, organisationId)) ?? null;
  // Answers are checked when saved; a row that no longer reads (an older shape) starts again rather than failing.
  const parsed = row ? analysisAnswersSchema.safeParse(row.answers) : null;
  return { row, answers: parsed?.success ? parsed.data : EMPTY_ANSWERS };
}

/** Saves the answers as the organisation's draft analysis of the deployment. */
export async function saveAnalysis(db: Database, actor: Member, slug: string, organisationId: string, answers: AnalysisAnswers, now: Date): Promise<{ id: string }> {
  if (!can(actor, 'analysis.write', { organisationId })) throw forbidden();
  const checked = analysisAnswersSchema.parse(answers);
  return db.transaction(async (tx) => {
    const d = await deploymentId(tx, slug);
    const existing = await findAnalysis(tx, d.id, organisationId, { forUpdate: true });
    let id: string;
    if (existing) await updateAnalysis(tx, (id = existing.id), checked, actor.userId, now);
    else id = await insertAnalysis(tx, { id: randomUUID(), deploymentId: d.id, organisationId, answers: checked, userId: actor.userId }, now);
    // The log records that it was saved, not what it says (the answers stay the organisation's).
    await recordAudit(tx, { action: existing ? 'analysis.saved' : 'analysis.started', actor: auditActorOf(actor), subjectType: 'analysis', subjectId: id, details: { deployment: slug } }, now);
    return { id };
  });
}
