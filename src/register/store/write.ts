import type { Queryable } from '../../platform/db/database.ts';
import type { Dataset } from '../domain/dataset.ts';
import { relationKey } from '../domain/dataset.ts';
import { profileOfDeployment, UNKNOWN_DEPLOYMENT_PROFILE, type DeploymentProfile } from '../../redlines/domain/profile.ts';
import { redLineFacet, screenProfile, SCREENING_RULES_VERSION } from '../../redlines/domain/screen-profile.ts';
import { canonicalJson } from '../../platform/audit-log/domain/chain.ts';
import { contentHash, stableId } from '../ids.ts';

export type ImportCounts = { created: number; updated: number; unchanged: number };

/**
 * What a write changed that calls for re-assessing deployments: those whose profile or red-line
 * verdict changed, and the technologies with a new developer or vendor (a relation "develops" or
 * "sells" added).
 */
export type RegisterChanges = { profileChanged: string[]; vendorsChanged: string[] };

type Change = { type: string; id: string; slug: string; title: string; action: 'created' | 'updated' };

/**
 * Upserts one record by its stable id. The row is rewritten only when its content hash changed,
 * so a re-import of the same data changes nothing and logs no change.
 */
async function upsert(
  tx: Queryable,
  table: string,
  columns: Record<string, unknown>,
  change: Omit<Change, 'action'> | null,
  counts: ImportCounts,
  changes: Change[],
  /** Columns computed from the others (the red-line verdict): written, but not part of the content hash. */
  derived: Record<string, unknown> = {},
): Promise<boolean> {
  const hash = contentHash(Object.values(columns));
  const names = [...Object.keys(columns), ...Object.keys(derived)];
  const values = [...Object.values(columns), ...Object.values(derived)];
  const placeholders = names.map((_, i) => `$${i + 1}`).join(', ');
  const updates = names.filter((n) => n !== 'id').map((n) => `${n} = EXCLUDED.${n}`);
  const rows = await tx.query<{ inserted: boolean }>(
    `INSERT INTO register.${table} (${names.join(', ')}, content_hash) VALUES (${placeholders}, $${names.length + 1})
     ON CONFLICT (id) DO UPDATE SET ${updates.join(', ')}, content_hash = EXCLUDED.content_hash, updated_at = now()
     WHERE register.${table}.content_hash IS DISTINCT FROM EXCLUDED.content_hash
     RETURNING (xmax = 0) AS inserted`,
    [...values, hash],
  );
  const row = rows[0];
  if (!row) {
    counts.unchanged++;
    return false;
  }
  if (row.inserted) counts.created++;
  else counts.updated++;
  if (change) changes.push({ ...change, action: row.inserted ? 'created' : 'updated' });
  return true;
}

async function cite(tx: Queryable, type: string, recordId: string, sources: { source: string; claims: string[] }[]) {
  await tx.query('DELETE FROM register.citations WHERE record_type = $1 AND record_id = $2', [type, recordId]);
  for (const c of sources) {
    const sourceId = stableId('source', c.source);
    for (const claim of c.claims.length ? c.claims : ['']) {
      await tx.query(
        'INSERT INTO register.citations (source_id, record_type, record_id, claim) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING',
        [sourceId, type, recordId, claim],
      );
    }
  }
}

/**
 * Writes a validated dataset into the register (idempotent), records public changes, refreshes the
 * search index. Returns the counts and what changed that calls for re-assessment.
 */
export async function writeDataset(tx: Queryable, d: Dataset): Promise<{ counts: ImportCounts; changed: RegisterChanges }> {
  const counts: ImportCounts = { created: 0, updated: 0, unchanged: 0 };
  const changed: RegisterChanges = { profileChanged: [], vendorsChanged: [] };
  const changes: Change[] = [];
  // Records written (and, for relations, their parties): what the deployments' search index depends on.
  const touched = new Set<string>();
  const touch = (changed: boolean, ...ids: (string | null)[]) => {
    if (changed) for (const i of ids) if (i) touched.add(i);
  };
  const id = (type: string, slug: string | undefined) => (slug === undefined ? null : stableId(type, slug));

  for (const s of d.sources) {
    await upsert(tx, 'sources', {
      id: id('source', s.slug), slug: s.slug, url: s.url, title: s.title ?? null, publisher: s.publisher ?? null,
      published_on: s.publishedOn ?? null, archived_url: s.archivedUrl ?? null,
    }, null, counts, changes);
  }
  for (const o of d.organisations) {
    const oid = id('organisation', o.slug)!;
    touch(await upsert(tx, 'organisations', {
      id: oid, slug: o.slug, name: o.name, kind: o.kind, country: o.country ?? null, website: o.website ?? null,
      description: o.description ?? null, unverified_claims: o.unverified,
    }, { type: 'organisation', id: oid, slug: o.slug, title: o.name }, counts, changes), oid);
    await cite(tx, 'organisation', oid, o.sources);
  }
  for (const t of d.technologies) {
    const tid = id('technology', t.slug)!;
    touch(await upsert(tx, 'technologies', {
      id: tid, slug: t.slug, name: t.name, summary: t.summary, techniques: t.techniques, data_categories: t.dataCategories,
      vendor_note: t.vendorNote ?? null, documented_red_lines: t.documentedRedLines,
      documented_red_lines_rationale: t.documentedRedLinesRationale ?? null, unverified_claims: t.unverified,
    }, { type: 'technology', id: tid, slug: t.slug, title: t.name }, counts, changes), tid);
    await cite(tx, 'technology', tid, t.sources);
  }
  const techNames = new Map(d.technologies.map((t) => [t.slug, t.name]));
  const orgNames = new Map(d.organisations.map((o) => [o.slug, o.name]));
  // What the screening rests on before the write: the profile, and the verdict it reaches with the
  // role in decisions (a changed role can change the verdict, which binds the assessments).
  const screenedBefore = new Map(d.deployments.length ? (await tx.query<{ id: string; profile: unknown; red_line_verdict: string; facet_red_lines: string[] }>(
    'SELECT id, profile, red_line_verdict, facet_red_lines FROM register.deployments WHERE id = ANY($1::uuid[])', [d.deployments.map((dep) => id('deployment', dep.slug))],
  )).map((r) => [r.id, canonicalJson([r.profile, r.red_line_verdict, r.facet_red_lines])]) : []);
  for (const dep of d.deployments) {
    const did = id('deployment', dep.slug)!;
    const before = screenedBefore.get(did);
    const screened = screeningColumns(dep.profile ?? UNKNOWN_DEPLOYMENT_PROFILE, dep.decisionRole);
    if (before !== undefined && before !== canonicalJson([dep.profile ?? UNKNOWN_DEPLOYMENT_PROFILE, screened.red_line_verdict, screened.facet_red_lines])) changed.profileChanged.push(did);
    const title = dep.title ?? `${techNames.get(dep.technology)} — ${orgNames.get(dep.deployer)}`;
    touch(await upsert(tx, 'deployments', {
      id: did, slug: dep.slug, title, technology_id: id('technology', dep.technology), deployer_id: id('organisation', dep.deployer),
      deployer_role: dep.deployerRole ?? null, countries: dep.countries, sites: dep.sites, purpose: dep.purpose ?? null,
      legal_basis: dep.legalBasis ?? null, decision_role: dep.decisionRole, affected_groups: dep.affectedGroups,
      period_start: dep.periodStart ?? null, period_end: dep.periodEnd ?? null, period_text: dep.periodText ?? null,
      status: dep.status, status_note: dep.statusNote ?? null, unverified_claims: dep.unverified,
      profile: JSON.stringify(dep.profile ?? UNKNOWN_DEPLOYMENT_PROFILE),
    }, { type: 'deployment', id: did, slug: dep.slug, title }, counts, changes, screened), did);
    await cite(tx, 'deployment', did, dep.sources);
  }
  for (const r of d.relations) {
    const rid = stableId('relation', relationKey(r));
    const parties = [id('organisation', r.organisation), id('technology', r.technology), id('deployment', r.deployment), id('organisation', r.counterpart)];
    const created = counts.created;
    const written = await upsert(tx, 'relations', {
      id: rid, organisation_id: parties[0], kind: r.kind, technology_id: parties[1], deployment_id: parties[2], counterpart_id: parties[3],
      note: r.note ?? null, unverified_claims: r.unverified,
    }, null, counts, changes);
    touch(written, ...parties);
    // A relation's id is its parties and kind: only a new one is a new developer or vendor (an
    // edited one changed its note or unverified marks).
    if (written && counts.created > created && (r.kind === 'develops' || r.kind === 'sells') && parties[1]) changed.vendorsChanged.push(parties[1]);
    await cite(tx, 'relation', rid, r.sources);
  }
  for (const c of d.contracts) {
    const cid = id('contract', c.slug)!;
    await upsert(tx, 'contracts', {
      id: cid, slug: c.slug, title: c.title, payer_id: id('organisation', c.payer), recipient_id: id('organisation', c.recipient),
      technology_id: id('technology', c.technology), deployment_id: id('deployment', c.deployment), amount: c.amount ?? null,
      currency: c.currency ?? null, programme: c.programme ?? null, start_date: c.startDate ?? null, end_date: c.endDate ?? null,
      reference: c.reference ?? null, unverified_claims: c.unverified,
    }, null, counts, changes);
    await cite(tx, 'contract', cid, c.sources);
  }
  for (const ch of changes) {
    await tx.query('INSERT INTO register.changes (record_type, record_id, slug, title, action) VALUES ($1, $2, $3, $4, $5)', [
      ch.type, ch.id, ch.slug, ch.title, ch.action,
    ]);
  }
  if (touched.size) await refreshDeploymentIndex(tx, touched.size > REFRESH_ALL_ABOVE ? undefined : await deploymentsDependingOn(tx, [...touched]));
  return { counts, changed: { profileChanged: changed.profileChanged, vendorsChanged: [...new Set(changed.vendorsChanged)] } };
}

/** A deployment's profile and the verdict the red-line rules reach on it, as columns. */
function screeningColumns(profile: DeploymentProfile, decisionRole: string) {
  const screening = screenProfile(profileOfDeployment(profile, decisionRole));
  return { red_line_verdict: screening.verdict, facet_red_lines: redLineFacet(screening), screened_with: SCREENING_RULES_VERSION };
}

/**
 * Screens again the deployments last screened with other rules (after an upgrade changed them),
 * and moves the data version on when any changed. Returns how many were screened.
 */
export async function rescreenDeployments(q: Queryable): Promise<number> {
  const stale = await q.query<{ id: string; profile: DeploymentProfile; decision_role: string }>(
    'SELECT id, profile, decision_role FROM register.deployments WHERE screened_with IS DISTINCT FROM $1', [SCREENING_RULES_VERSION]);
  for (const row of stale) {
    const c = screeningColumns({ ...UNKNOWN_DEPLOYMENT_PROFILE, ...row.profile }, row.decision_role);
    await q.query('UPDATE register.deployments SET red_line_verdict = $2, facet_red_lines = $3, screened_with = $4 WHERE id = $1',
      [row.id, c.red_line_verdict, c.facet_red_lines, c.screened_with]);
  }
  // No change is logged (the records say the same), but what the search shows did change.
  if (stale.length) await q.query('UPDATE register.data_version SET version = version + 1');
  return stale.length;
}

/** Above this many written records, the whole index is rebuilt rather than the deployments they touch. */
const REFRESH_ALL_ABOVE = 1000;

/** Deployments whose index reads any of these records: themselves, their technology, deployer, or a vendor of their technology. */
async function deploymentsDependingOn(q: Queryable, ids: string[]): Promise<string[]> {
  const rows = await q.query<{ id: string }>(
    `SELECT d.id FROM register.deployments d
     WHERE d.id = ANY($1::uuid[]) OR d.technology_id = ANY($1::uuid[]) OR d.deployer_id = ANY($1::uuid[])
        OR d.technology_id IN (SELECT r.technology_id FROM register.relations r WHERE r.organisation_id = ANY($1::uuid[]) AND r.technology_id IS NOT NULL)`,
    [ids],
  );
  return rows.map((r) => r.id);
}

/** Rewrites the denormalised facet columns of deployments and their full-text vectors (all, or those given). */
export async function refreshDeploymentIndex(q: Queryable, deploymentIds?: string[]): Promise<void> {
  const ids = deploymentIds ?? null;
  await q.query(
    `UPDATE register.deployments d SET
       facet_vendors = coalesce((SELECT array_agg(DISTINCT r.organisation_id ORDER BY r.organisation_id) FROM register.relations r
           WHERE r.technology_id = t.id AND r.kind IN ('develops', 'sells')), '{}'),
       facet_techniques = t.techniques,
       facet_data_categories = t.data_categories
     FROM register.technologies t
     WHERE t.id = d.technology_id AND ($1::uuid[] IS NULL OR d.id = ANY($1::uuid[]))`,
    [ids],
  );
  await q.query(
    `INSERT INTO register.deployment_search (deployment_id, search_vector)
     SELECT d.id, strip(to_tsvector('simple', concat_ws(' ', d.title, t.name, t.summary, array_to_string(t.techniques, ' '),
         array_to_string(t.data_categories, ' '), o.name, d.deployer_role, array_to_string(d.countries, ' '), d.purpose, d.status_note,
         d.period_text, (SELECT string_agg(vo.name, ' ') FROM register.relations r JOIN register.organisations vo ON vo.id = r.organisation_id
           WHERE r.technology_id = t.id))))
     FROM register.deployments d JOIN register.technologies t ON t.id = d.technology_id JOIN register.organisations o ON o.id = d.deployer_id
     WHERE $1::uuid[] IS NULL OR d.id = ANY($1::uuid[])
     ON CONFLICT (deployment_id) DO UPDATE SET search_vector = EXCLUDED.search_vector`,
    [ids],
  );
}
