import type { Queryable } from '../platform/db/database.ts';
import { notFound } from '../platform/errors.ts';
import { deploymentProfileSchema } from '../redlines/domain/profile.ts';
import { reassessmentOf } from '../assessments/view-assessment.ts';
import { findAssessment } from '../assessments/store.ts';
import { factsOf, type GatheredFacts, type SystemRecord } from './domain/facts.ts';

// Gathers what Safeguard holds about a deployment into the facts a brief starts from. Only public
// data: the register's record, its screening, the organisations related to it, its published
// impact assessment (or, when none is published, whether one is under way) and its published audits.

type Row = { id: string; slug: string; title: string; status: string; decision_role: string; profile: unknown; red_line_verdict: NonNullable<SystemRecord['screening']>['verdict']; facet_red_lines: string[]; deployer_kind: string | null; deployer_slug: string | null; technology_id: string };

export async function gatherFacts(db: Queryable, slug: string, now: Date): Promise<GatheredFacts & { record: SystemRecord }> {
  const [d] = await db.query<Row>(
    `SELECT d.id, d.slug, d.title, d.status, d.decision_role, d.profile, d.red_line_verdict, d.facet_red_lines, o.kind AS deployer_kind, o.slug AS deployer_slug, d.technology_id
     FROM register.deployments d LEFT JOIN register.organisations o ON o.id = d.deployer_id WHERE d.slug = $1`, [slug],
  );
  if (!d) throw notFound('deployment');
  const related = await db.query<{ kind: string; org_kind: string }>(
    `SELECT r.kind, o.kind AS org_kind FROM register.relations r JOIN register.organisations o ON o.id = r.organisation_id
     WHERE (r.technology_id = $1 OR r.deployment_id = $2) AND r.kind IN ('develops', 'sells', 'funds')`, [d.technology_id, d.id],
  );
  // The latest published assessment; else whether one is under way (its state only, nothing of its content).
  const [latest] = await db.query<{ id: string }>(
    `SELECT id FROM assessments.assessments WHERE deployment_id = $1 AND status <> 'superseded' ORDER BY (published_at IS NOT NULL) DESC, published_at DESC NULLS LAST, created_at DESC LIMIT 1`, [d.id],
  );
  const a = latest ? await findAssessment(db, latest.id) : undefined;
  const [audit] = await db.query<{ id: string; flagged: number }>(
    `SELECT id, jsonb_array_length(report->'findings') AS flagged FROM audits.jobs WHERE deployment_id = $1 AND published_at IS NOT NULL ORDER BY published_at DESC LIMIT 1`, [d.id],
  );
  const profile = deploymentProfileSchema.safeParse(d.profile ?? {});
  const record: SystemRecord = {
    deployment: { slug: d.slug, title: d.title, status: d.status, decisionRole: d.decision_role, deployerKind: d.deployer_kind, deployerSlug: d.deployer_slug },
    profile: profile.success ? profile.data : { context: 'unknown', subjects: 'unknown', capabilities: 'unknown', dataSharing: 'unknown' },
    screening: { verdict: d.red_line_verdict, redLines: d.facet_red_lines },
    vendorKinds: related.filter((r) => r.kind !== 'funds').map((r) => r.org_kind),
    funderKinds: related.filter((r) => r.kind === 'funds').map((r) => r.org_kind),
    assessment: a ? {
      id: a.id, status: a.status, published: a.published_at !== null, overdue: reassessmentOf(a, now)?.overdue ?? false,
      decision: a.published ? a.decision : null,
      haltGrounds: a.published ? a.published.score.haltGrounds : [],
      reassessBy: a.published ? a.reassess_by : null,
      // A withheld consultation log is not known, not "none".
      consultations: !a.published || a.published.redactions.some((r) => r.question === 'consultation.log') ? null
        : Array.isArray(a.published.answers['consultation.log']) ? (a.published.answers['consultation.log'] as unknown[]).length : 0,
    } : null,
    audit: audit ? { id: audit.id, flagged: Number(audit.flagged) } : null,
  };
  return { ...factsOf(record), record };
}
