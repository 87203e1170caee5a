import type { Queryable } from '../platform/db/database.ts';

// The SQL of the briefs capability: advocates' analyses (schema briefs, migration 0014).

export type AnalysisRow = {
  id: string; deployment_id: string; organisation_id: string; organisation_name: string; answers: unknown;
  created_at: Date; updated_at: Date; updated_by_name: string | null;
};

const SELECT = `SELECT a.id, a.deployment_id, a.organisation_id, o.name AS organisation_name, a.answers, a.created_at, a.updated_at, u.display_name AS updated_by_name
  FROM briefs.analyses a JOIN accounts.organisations o ON o.id = a.organisation_id LEFT JOIN accounts.users u ON u.id = a.updated_by`;

export async function findAnalysis(q: Queryable, deploymentId: string, organisationId: string, opts: { forUpdate?: boolean } = {}): Promise<AnalysisRow | undefined> {
  return (await q.query<AnalysisRow>(`${SELECT} WHERE a.deployment_id = $1 AND a.organisation_id = $2${opts.forUpdate ? ' FOR UPDATE OF a' : ''}`, [deploymentId, organisationId]))[0];
}

/** Inserts the analysis; when another request inserted it meanwhile, updates that one. Returns the row's id. */
export async function insertAnalysis(q: Queryable, row: { id: string; deploymentId: string; organisationId: string; answers: unknown; userId: string }, now: Date): Promise<string> {
  const [r] = await q.query<{ id: string }>(
    `INSERT INTO briefs.analyses (id, deployment_id, organisation_id, answers, created_by, created_at, updated_by, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $5, $6)
     ON CONFLICT (deployment_id, organisation_id) DO UPDATE SET answers = EXCLUDED.answers, updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at
     RETURNING id`,
    [row.id, row.deploymentId, row.organisationId, JSON.stringify(row.answers), row.userId, now],
  );
  return r!.id;
}

export async function updateAnalysis(q: Queryable, id: string, answers: unknown, userId: string, now: Date) {
  await q.query('UPDATE briefs.analyses SET answers = $2, updated_by = $3, updated_at = $4 WHERE id = $1', [id, JSON.stringify(answers), userId, now]);
}

/** An organisation's analyses, newest first, with the deployment each is about. */
export function analysesOfOrganisation(q: Queryable, organisationId: string) {
  return q.query<{ id: string; slug: string; title: string; updated_at: Date }>(
    `SELECT a.id, d.slug, d.title, a.updated_at FROM briefs.analyses a JOIN register.deployments d ON d.id = a.deployment_id
     WHERE a.organisation_id = $1 ORDER BY a.updated_at DESC LIMIT 500`, [organisationId],
  );
}
