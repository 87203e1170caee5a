import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { relationKey, validateDataset, type Dataset, type DatasetProblem } from './dataset.ts';

/** A small dataset in which every reference resolves. */
function minimal() {
  return {
    format: 'safeguard-register',
    version: 1,
    sources: [{ slug: 'src-a', url: 'https://example.org/a' }],
    organisations: [{ slug: 'frontex', name: 'Frontex', kind: 'public_body', country: 'EU' }],
    technologies: [{ slug: 'eurodac', name: 'Eurodac', summary: 'Fingerprint database.', sources: [{ source: 'src-a' }] }],
    deployments: [{ slug: 'eurodac-frontex', technology: 'eurodac', deployer: 'frontex', status: 'active', periodStart: '2003-01-15', periodEnd: '2024-05-01' }],
    relations: [{ organisation: 'frontex', kind: 'operates', deployment: 'eurodac-frontex' }],
    contracts: [{ slug: 'grant', title: 'Grant', payer: 'frontex', technology: 'eurodac', amount: '4500000', currency: 'EUR' }],
  };
}

/** Validates and expects failure, returning the problems. */
function problems(input: unknown): DatasetProblem[] {
  const result = validateDataset(input);
  if (result.ok) throw new Error('expected the dataset to be rejected');
  return result.problems;
}

describe('validateDataset', () => {
  it('accepts the smallest possible dataset, filling in empty lists', () => {
    const result = validateDataset({ format: 'safeguard-register', version: 1 });
    expect(result).toEqual({
      ok: true,
      dataset: { format: 'safeguard-register', version: 1, sources: [], organisations: [], technologies: [], deployments: [], relations: [], contracts: [] },
    });
  });

  it('accepts a small dataset whose references all resolve, applying defaults', () => {
    const result = validateDataset(minimal());
    expect(result.ok).toBe(true);
    const dataset = (result as { dataset: Dataset }).dataset;
    expect(dataset.deployments[0]).toMatchObject({ decisionRole: 'unknown', countries: [], sites: [], sources: [], unverified: [] });
    expect(dataset.technologies[0]!.sources).toEqual([{ source: 'src-a', claims: [] }]);
  });

  it('rejects a wrong format or version', () => {
    expect(problems({ ...minimal(), format: 'other' })[0]!.path).toBe('format');
    expect(problems({ ...minimal(), version: 2 })[0]!.path).toBe('version');
  });

  it('reports an unknown technology in a deployment by its path', () => {
    const d = minimal();
    d.deployments[0]!.technology = 'no-such-tech';
    expect(problems(d)).toEqual([{ path: 'deployments[0].technology', message: 'unknown technology "no-such-tech"' }]);
  });

  it('reports unknown organisations, deployments and technologies in relations and contracts', () => {
    const d = minimal();
    d.deployments[0]!.deployer = 'nobody';
    d.relations.push({ organisation: 'ghost', kind: 'funds', deployment: 'missing-dep' } as (typeof d.relations)[number]);
    d.contracts[0]!.payer = 'ghost-payer';
    d.contracts[0]!.technology = 'ghost-tech';
    expect(problems(d).map((p) => p.path)).toEqual([
      'deployments[0].deployer',
      'relations[1].organisation',
      'relations[1].deployment',
      'contracts[0].payer',
      'contracts[0].technology',
    ]);
  });

  it('reports duplicate slugs at the second occurrence', () => {
    const d = minimal();
    d.technologies.push({ ...d.technologies[0]!, name: 'Eurodac again' });
    expect(problems(d)).toEqual([{ path: 'technologies[1].slug', message: 'duplicate slug "eurodac"' }]);
  });

  it('reports a duplicate source URL', () => {
    const d = minimal();
    d.sources.push({ slug: 'src-b', url: 'https://example.org/a' });
    expect(problems(d)).toEqual([{ path: 'sources[1].url', message: 'duplicate source URL https://example.org/a' }]);
  });

  it('reports a citation of an unknown source', () => {
    const d = minimal();
    d.technologies[0]!.sources = [{ source: 'src-a' }, { source: 'src-missing' }];
    expect(problems(d)).toEqual([{ path: 'technologies[0].sources[1].source', message: 'unknown source "src-missing"' }]);
  });

  it('rejects an amount without a currency', () => {
    const d = minimal();
    delete (d.contracts[0] as { currency?: string }).currency;
    expect(problems(d)).toEqual([{ path: 'contracts[0].currency', message: 'an amount needs a currency' }]);
  });

  it('rejects a badly written amount', () => {
    const d = minimal();
    d.contracts[0]!.amount = '4,500,000';
    expect(problems(d)[0]!.path).toBe('contracts[0].amount');
  });

  it('rejects a period that ends before it starts', () => {
    const d = minimal();
    d.deployments[0]!.periodEnd = '2002-12-31';
    expect(problems(d)).toEqual([{ path: 'deployments[0].periodEnd', message: 'ends before it starts' }]);
  });

  it('rejects a relation that points at nothing', () => {
    const d = minimal();
    d.relations[0] = { organisation: 'frontex', kind: 'funds' } as (typeof d.relations)[number];
    expect(problems(d)).toEqual([{ path: 'relations[0]', message: 'needs a technology, a deployment or a counterpart' }]);
  });

  it('rejects unknown properties anywhere (strict)', () => {
    expect(problems({ ...minimal(), extra: true })).toEqual([{ path: '', message: expect.stringContaining('"extra"') }]);
    const d = minimal();
    (d.technologies[0] as Record<string, unknown>).vendor = 'Idemia';
    expect(problems(d)).toEqual([{ path: 'technologies[0]', message: expect.stringContaining('"vendor"') }]);
  });

  it('rejects slugs, codes, dates and URLs that are not well formed', () => {
    const paths = (patch: (d: ReturnType<typeof minimal>) => void) => {
      const d = minimal();
      patch(d);
      return problems(d).map((p) => p.path);
    };
    expect(paths((d) => (d.technologies[0]!.slug = 'Euro Dac'))).toContain('technologies[0].slug');
    expect(paths((d) => (d.organisations[0]!.country = 'eu'))).toEqual(['organisations[0].country']);
    expect(paths((d) => (d.deployments[0]!.periodStart = '2003'))).toEqual(['deployments[0].periodStart']);
    // Well-formed but not a day of the calendar: refused here rather than by the database.
    expect(paths((d) => (d.deployments[0]!.periodStart = '2024-13-45'))).toEqual(['deployments[0].periodStart']);
    expect(paths((d) => (d.deployments[0]!.periodEnd = '2023-02-29'))).toEqual(['deployments[0].periodEnd']);
    const leapDay = minimal();
    leapDay.deployments[0]!.periodEnd = '2024-02-29';
    expect(validateDataset(leapDay).ok).toBe(true);
    expect(paths((d) => (d.sources[0]!.url = 'ftp://example.org/a'))).toEqual(['sources[0].url']);
  });
});

describe('relationKey', () => {
  it('joins the natural key fields, leaving absent ones empty', () => {
    expect(relationKey({ organisation: 'idemia', kind: 'develops', technology: 'eurodac' })).toBe('idemia|develops|eurodac||');
    expect(relationKey({ organisation: 'frontex', kind: 'operates', deployment: 'eurodac-frontex' })).toBe('frontex|operates||eurodac-frontex|');
  });

  it('is stable: the same relation always gives the same key, whatever the property order or extra fields', () => {
    const a = relationKey({ organisation: 'eu', kind: 'funds', technology: 'x', counterpart: 'y' });
    const b = relationKey({ counterpart: 'y', technology: 'x', kind: 'funds', organisation: 'eu', note: 'ignored' } as Parameters<typeof relationKey>[0]);
    expect(b).toBe(a);
  });

  it('tells apart relations that differ in any key field', () => {
    const base = { organisation: 'eu', kind: 'funds', technology: 'x' } as const;
    const keys = new Set([
      relationKey(base),
      relationKey({ ...base, kind: 'develops' }),
      relationKey({ ...base, organisation: 'un' }),
      relationKey({ ...base, technology: 'z' }),
      relationKey({ organisation: 'eu', kind: 'funds', deployment: 'x' }),
      relationKey({ organisation: 'eu', kind: 'funds', counterpart: 'x' }),
    ]);
    expect(keys.size).toBe(6);
  });
});

describe('the shipped dataset', () => {
  const raw: unknown = JSON.parse(fs.readFileSync(new URL('../data/register-dataset.json', import.meta.url), 'utf8'));
  const result = validateDataset(raw);
  const dataset = result.ok ? result.dataset : undefined;
  // The conversion script marks a claim unverified when its source text says so.
  const UNVERIFIED = /unverified|not re-verified/i;

  it('validates', () => {
    expect(result.ok ? [] : result.problems).toEqual([]);
  });

  it('has 33 technologies', () => {
    expect(dataset?.technologies).toHaveLength(33);
  });

  it('cites at least one source for every technology and deployment', () => {
    const uncited = [...dataset!.technologies, ...dataset!.deployments].filter((r) => r.sources.length === 0).map((r) => r.slug);
    expect(uncited).toEqual([]);
  });

  it('marks the status of the ETIAS deployments unverified, as their source says "launch date unverified"', () => {
    const etias = dataset!.deployments.filter((d) => d.technology === 'etias-screening-rules');
    expect(etias.length).toBeGreaterThan(0);
    for (const d of etias) {
      expect(d.statusNote).toMatch(/launch date unverified/);
      expect(d.unverified).toContain('status');
      expect(d.unverified).toContain('period');
    }
  });

  it('marks every deployment claim that its original text called unverified', () => {
    const missing = dataset!.deployments.flatMap((d) => [
      ...(UNVERIFIED.test(d.statusNote ?? '') && !d.unverified.includes('status') ? [`${d.slug}: status`] : []),
      ...(UNVERIFIED.test(d.periodText ?? '') && !d.unverified.includes('period') ? [`${d.slug}: period`] : []),
      ...(UNVERIFIED.test(d.deployerRole ?? '') && !d.unverified.includes('deployer') ? [`${d.slug}: deployer`] : []),
    ]);
    expect(missing).toEqual([]);
    // And the rule does find such deployments: it is not vacuously true.
    expect(dataset!.deployments.filter((d) => d.unverified.length > 0).length).toBeGreaterThan(10);
  });

  it('marks vendors unverified where the vendor note says so', () => {
    const missing = dataset!.technologies.filter((t) => UNVERIFIED.test(t.vendorNote ?? '') && !t.unverified.includes('vendors')).map((t) => t.slug);
    expect(missing).toEqual([]);
  });
});
