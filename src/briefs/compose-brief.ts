import type { Queryable } from '../platform/db/database.ts';
import type { Translator } from '../platform/i18n/i18n.ts';
import { viewDeployment } from '../register/view-records.ts';
import { citedSources } from '../register/store/records.ts';
import { isoDay } from '../assessments/domain/workflow.ts';
import { CATALOGUE } from './catalogue.ts';
import type { Stakeholder } from './domain/catalogue.ts';
import { gatherFacts } from './gather-facts.ts';
import type { Analysis } from './save-analysis.ts';
import { composeBrief, type BriefAnalysis, type BriefDocument, type BriefSubject } from './views/brief-document.ts';

// The one function behind a brief's page, its files and `safeguard brief`: what the register holds
// about a deployment, composed for a stakeholder in a language.

/** Everything a brief of this deployment is written from (public data only). */
export async function loadBriefSubject(db: Queryable, slug: string, now: Date): Promise<BriefSubject> {
  const page = await viewDeployment(db, slug);
  const [gathered, techSources] = await Promise.all([gatherFacts(db, slug, now), citedSources(db, [page.technology.id])]);
  const d = page.deployment;
  const seen = new Set<string>();
  const sources = [...page.sources, ...techSources].filter((s) => !seen.has(s.url) && seen.add(s.url));
  const period = d.period_text ?? (d.period_start ? `${d.period_start}–${d.period_end ?? ''}` : null);
  return {
    deployment: {
      slug: d.slug, title: d.title, purpose: d.purpose, legalBasis: d.legal_basis, countries: d.countries, sites: d.sites, status: d.status,
      statusNote: d.status_note, decisionRole: d.decision_role, affectedGroups: d.affected_groups, period, unverified: d.unverified_claims,
    },
    technology: {
      slug: page.technology.slug, name: page.technology.name, summary: page.technology.summary, techniques: page.technology.techniques,
      dataCategories: page.technology.data_categories, unverified: page.technology.unverified_claims,
    },
    deployer: { slug: page.deployer.slug, name: page.deployer.name, kind: page.deployer.kind },
    organisations: page.relations.map((r) => ({ slug: r.organisation_slug, name: r.organisation_name, kind: r.organisation_kind, relation: r.kind })),
    sources: sources.map((s) => ({ url: s.url, title: s.title, publisher: s.publisher, publishedOn: s.published_on, archivedUrl: s.archived_url })),
    screening: page.screening,
    gathered,
  };
}

/** An organisation's saved analysis as a brief reads it (null when it has none). */
export function briefAnalysisOf(analysis: Analysis | null, href: string | null): BriefAnalysis | null {
  if (!analysis?.row) return null;
  return { organisation: analysis.row.organisation_name, updatedOn: isoDay(analysis.row.updated_at), answers: analysis.answers, href };
}

export type BriefRequest = { stakeholder: Stakeholder; i18n: Translator; addressee?: string | undefined; analysis?: BriefAnalysis | null; baseUrl: string };

/** The brief of a loaded deployment for a stakeholder, in the translator's language, with the current catalogue. */
export function briefFromSubject(subject: BriefSubject, request: BriefRequest, now: Date): BriefDocument {
  return composeBrief(subject, { ...request, catalogue: CATALOGUE, today: isoDay(now) });
}

/** The brief of a deployment for a stakeholder, in the translator's language. */
export async function briefOf(db: Queryable, slug: string, request: BriefRequest, now: Date): Promise<BriefDocument> {
  return briefFromSubject(await loadBriefSubject(db, slug, now), request, now);
}
