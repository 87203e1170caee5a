import { randomUUID } from 'node:crypto';
import { recordAudit } from '../platform/audit-log/store.ts';
import { auditActorOf } from '../platform/auth/domain/roles.ts';
import { can } from '../platform/auth/domain/policy.ts';
import type { Database } from '../platform/db/database.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import type { Member } from './access.ts';
import { findDefinition } from './definitions.ts';
import { answersFromFile } from './domain/answers.ts';
import type { AssessmentFile } from './domain/assessment-file.ts';
import { insertAssessment } from './store.ts';
import { assessingOrganisation } from './start-assessment.ts';

/**
 * Imports an exported assessment (already checked against the definition it names) as a new draft of
 * the deployment, on that definition's version. Reviews and acceptances are not imported: the
 * oversight body reviews the draft afresh once it is submitted.
 */
export async function importAssessment(db: Database, actor: Member, input: { deploymentSlug: string; file: AssessmentFile; organisationId?: string }, now: Date): Promise<string> {
  const membership = assessingOrganisation(actor, input.organisationId);
  if (!can(actor, 'assessment.write', { organisationId: membership.organisationId })) throw forbidden('Contributors and editors import assessments for their organisation.');
  const definition = findDefinition(input.file.definition.id, input.file.definition.version);
  if (!definition) throw notFound('questionnaire definition');
  const [d] = await db.query<{ id: string; slug: string }>('SELECT id, slug FROM register.deployments WHERE slug = $1', [input.deploymentSlug]);
  if (!d) throw notFound('deployment');
  // Acceptances are the reviewer's: an imported file's are cleared.
  const file = { ...input.file, mitigations: input.file.mitigations.map((m) => ({ ...m, review: 'pending' as const })) };
  const answers = answersFromFile(definition, file);
  const id = randomUUID();
  await db.transaction(async (tx) => {
    await insertAssessment(tx, {
      id, deploymentId: d.id, organisationId: membership.organisationId, createdBy: actor.userId, title: file.assessment.title,
      definitionId: definition.id, definitionVersion: definition.version, previousId: null, edition: 1, answers,
    }, now);
    await recordAudit(tx, { action: 'assessment.imported', actor: auditActorOf(actor), subjectType: 'assessment', subjectId: id, details: { deployment: d.slug, definition: `${definition.id} ${definition.version}` } }, now);
  });
  return id;
}
