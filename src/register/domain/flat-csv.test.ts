import { describe, expect, it } from 'vitest';
import { validateDataset, type Dataset } from './dataset.ts';
import { FLAT_CSV_COLUMNS, flatCsvToDataset, type CsvProblem, type CsvRow } from './flat-csv.ts';

const HEADER = ['technology', 'deployer', 'status', 'countries', 'vendors', 'funders', 'techniques', 'sources', 'unverified', 'decision_role', 'period'];

/** Rows as the CSV reader gives them: the header line is line 1, data starts at line 2. */
const rows = (...values: Record<string, string>[]): CsvRow[] => values.map((v, i) => ({ line: i + 2, values: v }));

const row = (over: Record<string, string> = {}): Record<string, string> => ({
  technology: 'Eurodac',
  deployer: 'eu-LISA',
  status: 'active',
  countries: 'eu; de',
  vendors: 'Idemia; Sopra Steria',
  funders: '',
  techniques: 'fingerprint identification',
  sources: 'https://www.example.org/eurodac; https://example.net/report',
  unverified: '',
  decision_role: '',
  period: '2003-present',
  ...over,
});

function converted(header: string[], input: CsvRow[]): Dataset {
  const result = flatCsvToDataset(header, input);
  if (!result.ok) throw new Error(`expected conversion, got ${JSON.stringify(result.problems)}`);
  return result.dataset;
}

function problems(header: string[], input: CsvRow[]): CsvProblem[] {
  const result = flatCsvToDataset(header, input);
  if (result.ok) throw new Error('expected problems');
  return result.problems;
}

const column = (name: string) => HEADER.indexOf(name) + 1;

describe('flatCsvToDataset', () => {
  describe('a good two-row input', () => {
    const dataset = converted(
      HEADER,
      rows(
        row(),
        row({ deployer: 'Europol', countries: 'EU', vendors: 'Idemia', funders: 'European Commission', sources: 'https://www.example.org/eurodac', unverified: 'status', decision_role: 'decision_support' }),
      ),
    );

    it('gives one technology and one deployment per row', () => {
      expect(dataset.technologies.map((t) => t.slug)).toEqual(['eurodac']);
      expect(dataset.technologies[0]).toMatchObject({ name: 'Eurodac', summary: 'Eurodac', techniques: ['fingerprint identification'] });
      expect(dataset.deployments.map((d) => d.slug)).toEqual(['eurodac-eu-lisa', 'eurodac-europol']);
    });

    it('fills the deployments from the row values', () => {
      expect(dataset.deployments[0]).toMatchObject({
        technology: 'eurodac', deployer: 'eu-lisa', title: 'Eurodac — eu-LISA', countries: ['EU', 'DE'],
        status: 'active', decisionRole: 'unknown', periodText: '2003-present', unverified: [],
      });
      expect(dataset.deployments[1]).toMatchObject({ deployer: 'europol', countries: ['EU'], decisionRole: 'decision_support', unverified: ['status'] });
    });

    it('keeps each organisation once, with the kind of its first role', () => {
      expect(dataset.organisations.map((o) => [o.slug, o.kind])).toEqual([
        ['eu-lisa', 'public_body'],
        ['idemia', 'company'],
        ['sopra-steria', 'company'],
        ['europol', 'public_body'],
        ['european-commission', 'funder'],
      ]);
    });

    it('keeps a vendor relation repeated on several rows once', () => {
      const vendorRelations = dataset.relations.filter((r) => r.kind === 'develops').map((r) => `${r.organisation}>${r.technology}`);
      expect(vendorRelations).toEqual(['idemia>eurodac', 'sopra-steria>eurodac']);
      expect(dataset.relations.filter((r) => r.kind === 'operates').map((r) => r.deployment)).toEqual(['eurodac-eu-lisa', 'eurodac-europol']);
      expect(dataset.relations.filter((r) => r.kind === 'funds').map((r) => r.organisation)).toEqual(['european-commission']);
    });

    it('keeps each source URL once and cites it by slug', () => {
      expect(dataset.sources).toEqual([
        { slug: 'example-org-eurodac', url: 'https://www.example.org/eurodac' },
        { slug: 'example-net-report', url: 'https://example.net/report' },
      ]);
      expect(dataset.deployments[1]!.sources).toEqual([{ source: 'example-org-eurodac', claims: [] }]);
    });

    it('produces a dataset that passes validation', () => {
      expect(validateDataset(dataset).ok).toBe(true);
    });
  });

  it('gives distinct slugs to different URLs that would slug alike', () => {
    const dataset = converted(HEADER, rows(row({ sources: 'https://example.org/a; http://example.org/a; https://www.example.org/a' })));
    expect(dataset.sources.map((s) => s.slug)).toEqual(['example-org-a', 'example-org-a-2', 'example-org-a-2-2']);
  });

  it('accepts the columns in any order and only the required ones', () => {
    const dataset = converted(['sources', 'status', 'deployer', 'technology'], rows({ sources: 'https://x.org', status: 'pilot', deployer: 'Frontex', technology: 'iBorderCtrl' }));
    expect(dataset.deployments).toHaveLength(1);
    expect(dataset.deployments[0]).toMatchObject({ slug: 'iborderctrl-frontex', status: 'pilot', countries: [] });
  });

  it('reports an unknown column at line 1 with its column number', () => {
    const result = problems([...HEADER, 'vendor_url'], rows(row()));
    expect(result).toEqual([{ line: 1, column: HEADER.length + 1, message: expect.stringContaining('unknown column "vendor_url"') }]);
  });

  it('reports a missing required column', () => {
    const result = problems(HEADER.filter((h) => h !== 'sources'), rows(row()));
    expect(result).toEqual([{ line: 1, column: 1, message: 'missing required column "sources"' }]);
  });

  it('reports a missing required value with its line and the column of that header', () => {
    const result = problems(HEADER, rows(row(), row({ deployer: 'Europol', status: '' })));
    expect(result).toEqual([{ line: 3, column: column('status'), message: '"status" is required' }]);
    expect(problems(HEADER, rows(row({ sources: '   ' })))).toEqual([{ line: 2, column: column('sources'), message: '"sources" is required' }]);
    const withoutTechnology = rows(row());
    delete withoutTechnology[0]!.values.technology;
    expect(problems(HEADER, withoutTechnology)).toEqual([{ line: 2, column: column('technology'), message: '"technology" is required' }]);
  });

  it.each([
    ['status', 'rumoured'],
    ['countries', 'DE; Germany'],
    ['sources', 'https://ok.org; ftp://files.example.org/x'],
    ['sources', 'not a url'],
    ['decision_role', 'robot'],
  ])('reports a bad %s value (%j) with its line and column', (name, value) => {
    const result = problems(HEADER, rows(row(), row({ deployer: 'Europol', [name]: value })));
    expect(result).toHaveLength(1);
    expect(result[0]).toMatchObject({ line: 3, column: column(name) });
  });

  it('names the bad URL', () => {
    expect(problems(HEADER, rows(row({ sources: 'ftp://files.example.org/x' })))[0]!.message).toBe('"ftp://files.example.org/x" is not an http(s) URL');
  });

  it('reports a bad deployer_kind at its column', () => {
    const header = [...HEADER, 'deployer_kind'];
    expect(problems(header, rows(row({ deployer_kind: 'government' })))).toEqual([
      { line: 2, column: header.length, message: expect.stringContaining('deployer_kind must be one of') },
    ]);
  });

  it('reports a row repeating the same technology and deployer', () => {
    const result = problems(HEADER, rows(row(), row({ deployer: 'Europol' }), row({ deployer: 'EU-Lisa ' })));
    expect(result).toEqual([{ line: 4, column: column('deployer'), message: 'a row for Eurodac by EU-Lisa already appears above' }]);
  });

  it('knows its columns', () => {
    for (const h of HEADER) expect(FLAT_CSV_COLUMNS).toContain(h);
  });
});
