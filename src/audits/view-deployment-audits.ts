import { can } from '../platform/auth/domain/policy.ts';
import type { Actor } from '../platform/auth/domain/roles.ts';
import type { Queryable } from '../platform/db/database.ts';
import { jobsOfDeployment, type AuditJob } from './store.ts';

/** What a deployment's page shows of its audits: the published ones, and for a member their organisation's unpublished uploads and whether they may upload. */
export async function viewDeploymentAudits(db: Queryable, deploymentId: string, actor: Actor): Promise<{ published: AuditJob[]; mine: AuditJob[]; canUpload: boolean }> {
  const published = await jobsOfDeployment(db, deploymentId, null);
  const organisations = actor.kind === 'member' ? actor.memberships.filter((m) => m.role === 'contributor' || m.role === 'editor').map((m) => m.organisationId) : [];
  const mine = organisations.length ? (await jobsOfDeployment(db, deploymentId, organisations)).filter((j) => !j.published_at) : [];
  return { published, mine, canUpload: can(actor, 'audit.upload') };
}
