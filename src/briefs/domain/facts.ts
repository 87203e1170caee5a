import type { HaltGround } from '../../assessments/domain/scoring.ts';
import { UNKNOWN, type SystemProfile } from '../../redlines/domain/profile.ts';
import { KNOWN_DEPLOYMENT_STATUSES, type SystemFacts } from './catalogue.ts';

// A system's facts for a brief, from what Safeguard holds about a deployment: the register's record
// and profile, the red-line screening's verdict, the organisations around it, its impact
// assessment and its discrimination audits. Every fact says where it comes from, so the brief can
// point each statement at its source or at the finding that produced it; what is not known is null,
// and never read as "no".

export type Provenance = { label: string; href: string };

/** What the register and the other capabilities hold about one deployment (plain data, gathered by gather-facts.ts). */
export type SystemRecord = {
  deployment: { slug: string; title: string; status: string; decisionRole: string; deployerKind: string | null; deployerSlug: string | null };
  profile: Pick<SystemProfile, 'context' | 'subjects' | 'capabilities' | 'dataSharing'>;
  screening: { verdict: 'red_line' | 'no_red_line_found' | 'insufficient_information'; redLines: string[] } | null;
  vendorKinds: string[];
  funderKinds: string[];
  /** The latest assessment of the deployment (published ones first), if any. */
  assessment: {
    id: string; status: string; published: boolean; overdue: boolean;
    decision: 'halt' | 'proceed_with_conditions' | 'proceed' | null; haltGrounds: HaltGround[];
    /** When it must be repeated (ISO day), once decided. */
    reassessBy: string | null;
    /** Rows of its consultation log, when its answers are known to the reader (published, or the reader's own). */
    consultations: number | null;
  } | null;
  /** The latest published audit, if any. */
  audit: { id: string; flagged: number } | null;
};

export type GatheredFacts = { facts: SystemFacts; provenance: Partial<Record<keyof SystemFacts, Provenance>> };

const known = <T>(v: T | typeof UNKNOWN): T | null => (v === UNKNOWN ? null : v);

/** The assessment's state as the catalogue's conditions read it. */
function assessmentState(a: NonNullable<SystemRecord['assessment']> | null): SystemFacts['assessment'] {
  if (!a) return 'none';
  if (a.published) return a.overdue ? 'overdue' : 'published';
  if (a.status === 'draft' || a.status === 'changes_requested') return 'draft';
  return 'in_review';
}

export function factsOf(r: SystemRecord): GatheredFacts {
  const d = r.deployment;
  const record: Provenance = { label: d.title, href: `/deployments/${d.slug}` };
  const assessmentLink = r.assessment ? { label: r.assessment.published ? 'published impact assessment' : 'impact assessment', href: `/assessments/${r.assessment.id}${r.assessment.published ? '/findings' : ''}` } : record;
  const sharing = known(r.profile.dataSharing);
  const status = (KNOWN_DEPLOYMENT_STATUSES as readonly string[]).includes(d.status) ? (d.status as SystemFacts['deploymentStatus']) : null;
  const facts: SystemFacts = {
    redLineVerdict: r.screening?.verdict ?? null,
    redLines: r.screening ? (r.screening.redLines.filter((l) => /^[A-F]$/.test(l)) as NonNullable<SystemFacts['redLines']>) : null,
    capabilities: known(r.profile.capabilities) as SystemFacts['capabilities'],
    contexts: known(r.profile.context) as SystemFacts['contexts'],
    subjects: known(r.profile.subjects) as SystemFacts['subjects'],
    decisionRole: d.decisionRole === 'unknown' ? null : (d.decisionRole as SystemFacts['decisionRole']),
    deploymentStatus: status,
    deployerKind: (d.deployerKind as SystemFacts['deployerKind']) ?? null,
    // The register lists the organisations it knows of: none listed is not known to be none.
    vendorKinds: r.vendorKinds.length ? ([...new Set(r.vendorKinds)] as SystemFacts['vendorKinds']) : null,
    funderKinds: r.funderKinds.length ? ([...new Set(r.funderKinds)] as SystemFacts['funderKinds']) : null,
    assessment: assessmentState(r.assessment),
    assessmentDecision: r.assessment?.decision ?? null,
    haltGrounds: r.assessment?.decision ? ([...new Set(r.assessment.haltGrounds.map((g) => g.kind))] as SystemFacts['haltGrounds']) : null,
    auditFlagged: r.audit ? r.audit.flagged > 0 : null,
    dataSharing: sharing === null ? null : ([...new Set(sharing.map((s) => s.with))] as SystemFacts['dataSharing']),
    consulted: r.assessment?.consultations === null || r.assessment?.consultations === undefined ? null : r.assessment.consultations > 0,
    // Safeguard holds no fact on notices yet (the rights portal will): not known.
    noticeToAffected: null,
  };
  const provenance: GatheredFacts['provenance'] = {};
  const screening = { label: 'red-line screening', href: `/deployments/${d.slug}#screening-h` };
  for (const f of ['redLineVerdict', 'redLines'] as const) if (facts[f] !== null) provenance[f] = screening;
  for (const f of ['capabilities', 'contexts', 'subjects', 'dataSharing', 'decisionRole', 'deploymentStatus'] as const) if (facts[f] !== null) provenance[f] = record;
  if (facts.deployerKind && d.deployerSlug) provenance.deployerKind = { label: 'deployer', href: `/organisations/${d.deployerSlug}` };
  if (facts.vendorKinds) provenance.vendorKinds = record;
  if (facts.funderKinds) provenance.funderKinds = record;
  provenance.assessment = assessmentLink;
  for (const f of ['assessmentDecision', 'haltGrounds', 'consulted'] as const) if (facts[f] !== null) provenance[f] = assessmentLink;
  if (r.audit) provenance.auditFlagged = { label: 'published discrimination audit', href: `/audits/${r.audit.id}` };
  return { facts, provenance };
}
