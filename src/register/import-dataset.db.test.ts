import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../platform/db/database.ts';
import { openTestDatabase, testEngine } from '../platform/db/test-database.ts';
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
