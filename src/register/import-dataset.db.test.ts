import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../platform/db/test-database.ts';
import { signedInMember } from '../platform/http/test-client.ts';
import { ImportError, importDataset, readDatasetFile, seedFirstContent, FIRST_CONTENT } from './import-dataset.ts';
import { loadDataset } from './store/open-data.ts';
import { registerCounts } from './store/records.ts';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-import-'));
const write = (name: string, text: string) => {
  const file = path.join(tmp, name);
  fs.writeFileSync(file, text);
  return file;
};

describe(`importing datasets (${testEngine})`, () => {
  let db: Database;
  beforeAll(async () => {
    db = await openTestDatabase();
  });
  afterAll(async () => {
    await db.close();
  });

  it('loads the first content into an empty register, and only then', async () => {
    const first = await seedFirstContent(db);
    const shipped = readDatasetFile(FIRST_CONTENT);
    expect(first?.created).toBeGreaterThan(0);
    const counts = await registerCounts(db);
    expect(counts.technologies).toBe(33);
    expect(counts.deployments).toBe(shipped.deployments.length);
    expect(counts.organisations).toBe(shipped.organisations.length);
    expect(counts.sources).toBe(shipped.sources.length);
    expect(await seedFirstContent(db)).toBeNull();
  });

  it('is idempotent: re-importing the same data changes nothing and logs no change', async () => {
    const before = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM register.changes');
    const again = await importDataset(db, readDatasetFile(FIRST_CONTENT));
    expect(again.created).toBe(0);
    expect(again.updated).toBe(0);
    expect(again.unchanged).toBeGreaterThan(300);
    const after = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM register.changes');
    expect(after[0]!.n).toBe(before[0]!.n);
  });

  it('exports a dataset that re-imports without change (round trip)', async () => {
    const exported = await loadDataset(db);
    const file = write('export.json', JSON.stringify(exported));
    const counts = await importDataset(db, readDatasetFile(file));
    expect(counts).toMatchObject({ created: 0, updated: 0 });
    expect(exported.technologies.find((t) => t.slug === 'iborderctrl')?.documentedRedLines).toEqual(['A', 'D']);
  });

  it('records an update, with a change entry, when a record changes', async () => {
    const d = await loadDataset(db);
    d.technologies[0]!.summary = `${d.technologies[0]!.summary} (corrected)`;
    const counts = await importDataset(db, readDatasetFile(write('changed.json', JSON.stringify(d))));
    expect(counts.updated).toBe(1);
    const [change] = await db.query<{ action: string; slug: string }>('SELECT action, slug FROM register.changes ORDER BY id DESC LIMIT 1');
    expect(change).toEqual({ action: 'updated', slug: d.technologies[0]!.slug });
    const found = await db.query<{ slug: string }>(
      `SELECT t.slug FROM register.deployment_search s JOIN register.deployments d ON d.id = s.deployment_id
       JOIN register.technologies t ON t.id = d.technology_id WHERE s.search_vector @@ to_tsquery('simple', 'corrected')`);
    expect(new Set(found.map((r) => r.slug))).toEqual(new Set([d.technologies[0]!.slug]));
  });

  it('makes the assessments in force due when an import changes a profile or a vendor, and only those', async () => {
    await signedInMember(db, 'assessor', 'Assessing Office', 'contributor');
    const [who] = await db.query<{ user_id: string; organisation_id: string }>(
      `SELECT m.user_id, m.organisation_id FROM accounts.memberships m JOIN accounts.organisations o ON o.id = m.organisation_id WHERE o.name = 'Assessing Office'`);
    const d = await loadDataset(db);
    const [profiled, vendored, untouched] = [d.deployments[0]!, d.deployments.find((x) => x.technology !== d.deployments[0]!.technology)!, d.deployments.at(-1)!];
    const assessments = new Map<string, string>();
    for (const [i, dep] of [profiled, vendored, untouched].entries()) {
      const id = `00000000-0000-4000-8000-00000000000${i + 1}`;
      assessments.set(dep.slug, id);
      await db.query(
        `INSERT INTO assessments.assessments (id, deployment_id, organisation_id, created_by, created_at, updated_at, title, definition_id, definition_version, status, version, decision, decided_at, reassess_by)
         SELECT $1, d.id, $2, $3, now(), now(), 'An assessment', 'safeguard-hria', '1.0.0', 'published', 1, 'proceed', now(), current_date + 365 FROM register.deployments d WHERE d.slug = $4`,
        [id, who!.organisation_id, who!.user_id, dep.slug]);
    }
    profiled.profile = { ...profiled.profile!, subjects: 'groups' };
    const vendor = d.organisations.find((o) => o.kind === 'company')!;
    d.relations.push({ organisation: vendor.slug, kind: 'sells', technology: vendored.technology, unverified: [], sources: [] });
    await importDataset(db, readDatasetFile(write('triggers.json', JSON.stringify(d))), new Date('2026-12-08T10:00:00Z'));
    const triggers = async (slug: string) => (await db.query<{ triggers: { kind: string; on: string }[] }>('SELECT triggers FROM assessments.assessments WHERE id = $1', [assessments.get(slug)]))[0]!.triggers;
    expect((await triggers(profiled.slug)).map((t) => [t.kind, t.on])).toContainEqual(['profile_changed', '2026-12-08']);
    expect((await triggers(vendored.slug)).map((t) => t.kind)).toContain('vendor_changed');
    expect(await triggers(untouched.slug)).toEqual(untouched.technology === vendored.technology ? [expect.objectContaining({ kind: 'vendor_changed' })] : []);
    const logged = await db.query<{ subject_id: string }>(`SELECT subject_id FROM audit.log WHERE action = 'assessment.triggered'`);
    expect(logged.length).toBeGreaterThanOrEqual(2);
    // The same import again changes nothing, so it triggers nothing more.
    const before = (await triggers(profiled.slug)).length;
    await importDataset(db, readDatasetFile(write('triggers.json', JSON.stringify(d))));
    expect((await triggers(profiled.slug)).length).toBe(before);
    // Editing the new vendor's note is not a new vendor.
    const vendorTriggers = (await triggers(vendored.slug)).length;
    d.relations.at(-1)!.note = 'Reseller for the region';
    await importDataset(db, readDatasetFile(write('note.json', JSON.stringify(d))));
    expect((await triggers(vendored.slug)).length).toBe(vendorTriggers);
    await db.query('DELETE FROM assessments.assessments');
  });

  it('imports a flat CSV, idempotently', async () => {
    const file = write('flat.csv', [
      'technology,deployer,countries,status,vendors,sources,techniques',
      'Test Iris Gate,Test Border Agency,FR;BE,pilot,Acme Biometrics,https://example.org/report,iris recognition',
      'Test Iris Gate,Test Port Authority,FR,active,Acme Biometrics,https://example.org/report,iris recognition',
    ].join('\n'));
    const first = await importDataset(db, readDatasetFile(file));
    expect(first.created).toBeGreaterThanOrEqual(6);
    const second = await importDataset(db, readDatasetFile(file));
    expect(second).toMatchObject({ created: 0, updated: 0 });
    const rows = await db.query<{ slug: string; facet_vendors: string[] }>(
      "SELECT d.slug, d.facet_vendors FROM register.deployments d JOIN register.technologies t ON t.id = d.technology_id WHERE t.slug = 'test-iris-gate' ORDER BY d.slug");
    expect(rows.map((r) => r.slug)).toEqual(['test-iris-gate-test-border-agency', 'test-iris-gate-test-port-authority']);
    expect(rows[0]!.facet_vendors).toHaveLength(1);
  });

  it('names the file, line and column of a bad value, and imports nothing', async () => {
    const before = await registerCounts(db);
    const json = write('bad.json', '{\n  "format": "safeguard-register",\n  "version": 1,\n  "technologies": [\n    { "slug": "Not A Slug", "name": "x", "summary": "y" }\n  ]\n}\n');
    expect(() => readDatasetFile(json)).toThrowError(ImportError);
    try {
      readDatasetFile(json);
    } catch (error) {
      const p = (error as ImportError).problems[0]!;
      expect(p).toMatchObject({ file: 'bad.json', line: 5 });
      expect(p.column).toBeGreaterThan(1);
      expect(p.message).toContain('technologies[0].slug');
    }
    const broken = write('broken.json', '{\n  "format": "safeguard-register",\n  "version": 1,,\n}');
    expect(() => readDatasetFile(broken)).toThrowError(/broken\.json:3:\d+: this is not valid JSON/);
    const csv = write('bad.csv', 'technology,deployer,status,sources\nX,Y,sometimes,https://example.org\n');
    expect(() => readDatasetFile(csv)).toThrowError(/bad\.csv:2:3: status must be one of/);
    expect(await registerCounts(db)).toEqual(before);
  });
});
