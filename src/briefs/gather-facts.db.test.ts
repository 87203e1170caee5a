import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../platform/db/test-database.ts';
import { seedFirstContent } from '../register/import-dataset.ts';
import { gatherFacts } from './gather-facts.ts';

// The facts a brief starts from, as the register and the other capabilities hold them.
describe(`gathering a deployment's facts (${testEngine})`, () => {
  let db: Database;
  const SLUG = 'iborderctrl-hungarian-national-police';
  beforeAll(async () => {
    db = await openTestDatabase();
    await seedFirstContent(db);
  });
  afterAll(() => db.close());

  it('reads the record, the screening and the organisations around it', async () => {
    const [row] = await db.query<{ red_line_verdict: string; facet_red_lines: string[]; status: string }>('SELECT red_line_verdict, facet_red_lines, status FROM register.deployments WHERE slug = $1', [SLUG]);
    const { facts, provenance } = await gatherFacts(db, SLUG, new Date());
    expect(facts.redLineVerdict).toBe(row!.red_line_verdict);
    expect(facts.redLines).toEqual(row!.facet_red_lines.filter((l) => /^[A-F]$/.test(l)));
    expect(facts.deploymentStatus === null ? 'unknown' : facts.deploymentStatus).toBe(row!.status);
    const vendors = await db.query<{ kind: string }>(
      `SELECT DISTINCT o.kind FROM register.relations r JOIN register.organisations o ON o.id = r.organisation_id JOIN register.deployments d ON d.technology_id = r.technology_id
       WHERE d.slug = $1 AND r.kind IN ('develops', 'sells')`, [SLUG],
    );
    expect([...(facts.vendorKinds ?? [])].sort()).toEqual(vendors.map((v) => v.kind).sort());
    expect(facts.assessment).toBe('none');
    // No assessment: the finding points at the deployment's own page.
    expect(provenance.assessment!.href).toBe(`/deployments/${SLUG}`);
  });

  it('tells an assessment under way from none, without reading its content', async () => {
    const userId = '00000000-0000-4000-8000-0000000000b0';
    await db.query(`INSERT INTO accounts.users (id, email, display_name, password_hash, created_at) VALUES ($1, 'officer@example.org', 'Officer', 'not a hash', now())`, [userId]);
    await db.query(`INSERT INTO accounts.organisations (id, slug, name, created_at) VALUES ('00000000-0000-4000-8000-0000000000b1', 'ministry', 'Ministry', now())`);
    await db.query(
      `INSERT INTO assessments.assessments (id, deployment_id, organisation_id, created_by, created_at, updated_at, title, definition_id, definition_version, status, answers)
       SELECT '00000000-0000-4000-8000-0000000000b2', id, '00000000-0000-4000-8000-0000000000b1', $2, now(), now(), 'Draft', 'safeguard-hria', '1.0.0', 'under_review', '{"consultation.log": [{"who": "x"}]}' FROM register.deployments WHERE slug = $1`,
      [SLUG, userId],
    );
    const { facts } = await gatherFacts(db, SLUG, new Date());
    expect(facts).toMatchObject({ assessment: 'in_review', assessmentDecision: null, consulted: null });
  });

  it('answers "not found" for a deployment that is not on the register', async () => {
    await expect(gatherFacts(db, 'no-such-deployment', new Date())).rejects.toThrow(/not found/);
  });
});
