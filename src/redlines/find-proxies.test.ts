import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { DuckDBInstance } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { correlationRatio, cramersV, type GroupMoments } from './domain/association.ts';
import { findProxies, ProxyInputError, type ProxyReport } from './find-proxies.ts';

// Small files with known structure: a postcode that almost determines nationality (a planted proxy),
// an income whose mean differs strongly by nationality, independent columns that must not be flagged,
// identifiers, a many-valued column to lump, and gaps. Every figure is checked against the same
// statistics computed here straight from the rows, without DuckDB.

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'safeguard-find-proxies-'));
const at = (name: string) => path.join(dir, name);

/** A small deterministic generator (mulberry32), so the fixtures are the same on every run. */
function random(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Row = Record<string, string | number | null>;
const N = 3000;
const NATIONALITIES = ['AF', 'ER', 'SY', 'UA'];
const rnd = random(42);
const pick = <T>(xs: readonly T[]) => xs[Math.floor(rnd() * xs.length)]!;
const normal = () => Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd());

const people: Row[] = Array.from({ length: N }, (_, i) => {
  const nationality = pick(NATIONALITIES);
  const n = NATIONALITIES.indexOf(nationality);
  // 90% live in one of ten postcodes of their community, 10% anywhere among the forty.
  const postcode = rnd() < 0.9 ? `PC${n * 10 + Math.floor(rnd() * 10)}` : `PC${Math.floor(rnd() * 40)}`;
  return {
    id: i + 1,
    case_ref: `C-${(i * 7919) % 100_003}`,
    nationality,
    sex: pick(['F', 'M']),
    postcode,
    favourite_colour: i % 37 === 0 ? '' : pick(['red', 'green', 'blue', 'yellow', 'black', 'white']),
    language: `L${Math.floor(rnd() * 80)}`,
    religion: pick(['a', 'b', 'c']),
    income: i % 50 === 0 ? null : Math.round(1000 * (n + 1) + 300 * normal()),
    height: Math.round(10 * (170 + 10 * normal())) / 10,
    household_size: 1 + Math.floor(rnd() * 6),
    arrived: new Date(Date.UTC(2022, 0, 1) + Math.floor(rnd() * 730) * 86_400_000).toISOString().slice(0, 10),
  };
});

function toCsv(rows: readonly Row[], delimiter = ','): string {
  const names = Object.keys(rows[0]!);
  return [names.join(delimiter), ...rows.map((r) => names.map((n) => r[n] ?? '').join(delimiter))].join('\n') + '\n';
}

/** The contingency table of two columns, straight from the rows (an empty value is its own category). */
function tableOf(rows: readonly Row[], a: (r: Row) => unknown, b: (r: Row) => unknown): number[][] {
  const counts = new Map<string, Map<string, number>>();
  for (const r of rows) {
    const [x, y] = [String(a(r) ?? ''), String(b(r) ?? '')];
    const line = counts.get(x) ?? new Map<string, number>();
    counts.set(x, line);
    line.set(y, (line.get(y) ?? 0) + 1);
  }
  const keys = [...new Set(rows.map((r) => String(b(r) ?? '')))];
  return [...counts.values()].map((line) => keys.map((k) => line.get(k) ?? 0));
}

function momentsOf(rows: readonly Row[], group: (r: Row) => unknown, value: (r: Row) => number | null): GroupMoments[] {
  const groups = new Map<string, GroupMoments>();
  for (const r of rows) {
    const v = value(r);
    if (v === null) continue;
    const g = groups.get(String(group(r))) ?? { count: 0, sum: 0, sumOfSquares: 0 };
    groups.set(String(group(r)), { count: g.count + 1, sum: g.sum + v, sumOfSquares: g.sumOfSquares + v * v });
  }
  return [...groups.values()];
}

const pair = (r: ProxyReport, p: string, c: string) => {
  const found = r.pairs.find((x) => x.protected === p && x.column === c);
  if (!found) throw new Error(`no pair ${p} × ${c}`);
  return found;
};

beforeAll(async () => {
  fs.writeFileSync(at('people.csv'), toCsv(people));
  // The same rows with a byte-order mark and semicolons, and gzipped.
  fs.writeFileSync(at('people-bom.csv'), `\uFEFF${toCsv(people, ';')}`);
  fs.writeFileSync(at('people.csv.gz'), zlib.gzipSync(toCsv(people)));
  const instance = await DuckDBInstance.create(':memory:');
  const db = await instance.connect();
  await db.run(`COPY (SELECT * FROM read_csv('${at('people.csv')}')) TO '${at('people.parquet')}' (FORMAT parquet)`);
  db.closeSync();
  instance.closeSync();
});

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('findProxies', () => {
  let csv: ProxyReport;
  beforeAll(async () => {
    csv = await findProxies({ file: at('people.csv'), protected: ['nationality', 'sex'] });
  });

  it('flags the planted proxy, with the figures of the rows', () => {
    const postcode = pair(csv, 'nationality', 'postcode');
    const expected = cramersV(tableOf(people, (r) => r.nationality, (r) => r.postcode));
    expect(postcode.measure).toBe('cramers_v');
    expect(postcode.value).toBeCloseTo(expected.value, 12);
    expect(postcode.value).toBeGreaterThan(0.8);
    expect(postcode.test.statistic).toBeCloseTo(expected.test.statistic, 8);
    expect(postcode.test.df).toEqual([3 * 39]);
    expect(postcode.n).toBe(N);
    expect(postcode.flagged).toBe(true);
    // Postcode says nothing about sex.
    const bySex = pair(csv, 'sex', 'postcode');
    expect(bySex.value).toBeCloseTo(cramersV(tableOf(people, (r) => r.sex, (r) => r.postcode)).value, 12);
    expect(bySex.flagged).toBe(false);
  });

  it('flags a number whose mean differs by group (η), leaving out rows without a number', () => {
    const income = pair(csv, 'nationality', 'income');
    const expected = correlationRatio(momentsOf(people, (r) => r.nationality, (r) => r.income as number | null));
    expect(income.measure).toBe('eta');
    expect(income.value).toBeCloseTo(expected.value, 9);
    expect(income.value).toBeGreaterThan(0.9);
    expect(income.test.df).toEqual([3, N - N / 50 - 4]);
    expect(income.n).toBe(N - N / 50);
    expect(income.flagged).toBe(true);
    expect(csv.columns.find((c) => c.name === 'income')).toMatchObject({ kind: 'numeric', missing: N / 50 });
    expect(csv.notes).toContainEqual({ column: 'income', kind: 'missing', text: '60 rows (2.0%) without a number: left out of its measures' });
  });

  it('does not flag independent columns', () => {
    for (const column of ['favourite_colour', 'language', 'religion', 'height', 'household_size', 'arrived']) {
      for (const p of ['nationality', 'sex']) {
        const x = pair(csv, p, column);
        expect(x.value, `${p} × ${column}`).toBeLessThan(0.1);
        expect(x.flagged, `${p} × ${column}`).toBe(false);
      }
    }
    const height = pair(csv, 'nationality', 'height');
    expect(height.value).toBeCloseTo(correlationRatio(momentsOf(people, (r) => r.nationality, (r) => r.height as number)).value, 9);
    // An empty colour is a category of its own.
    const colour = pair(csv, 'nationality', 'favourite_colour');
    expect(colour.value).toBeCloseTo(cramersV(tableOf(people, (r) => r.nationality, (r) => r.favourite_colour)).value, 12);
    expect(colour.test.df).toEqual([3 * 6]);
    expect(csv.columns.find((c) => c.name === 'favourite_colour')).toMatchObject({ kind: 'categorical', missing: Math.ceil(N / 37) });
  });

  it('takes a number with at most 20 values as categories, and a date as a number', () => {
    const household = pair(csv, 'nationality', 'household_size');
    expect(csv.columns.find((c) => c.name === 'household_size')).toMatchObject({ type: 'BIGINT', kind: 'categorical', distinct: 6 });
    expect(household.measure).toBe('cramers_v');
    expect(household.test.df).toEqual([3 * 5]);
    expect(household.value).toBeCloseTo(cramersV(tableOf(people, (r) => r.nationality, (r) => r.household_size)).value, 12);
    const arrived = pair(csv, 'nationality', 'arrived');
    expect(csv.columns.find((c) => c.name === 'arrived')).toMatchObject({ type: 'DATE', kind: 'numeric', missing: 0 });
    expect(arrived.measure).toBe('eta');
    expect(arrived.value).toBeCloseTo(correlationRatio(momentsOf(people, (r) => r.nationality, (r) => Date.parse(String(r.arrived)) / 1000)).value, 9);
  });

  it('measures a protected number with few values as categories: η against numbers, no bins', async () => {
    const r = await findProxies({ file: at('people.csv'), protected: ['household_size'] });
    expect(r.columns.find((c) => c.name === 'household_size')?.kind).toBe('categorical');
    const income = pair(r, 'household_size', 'income');
    expect(income.measure).toBe('eta');
    expect(income.value).toBeCloseTo(correlationRatio(momentsOf(people, (x) => x.household_size, (x) => x.income as number | null)).value, 9);
    expect(r.columns.some((c) => c.binEdges)).toBe(false);
  });

  it('adjusts p-values over all the pairs of the run (Holm)', () => {
    expect(csv.rule).toMatchObject({ threshold: 0.3, alpha: 0.05, correction: 'holm' });
    const ps = csv.pairs.map((x) => x.p).sort((a, b) => a - b);
    const smallest = csv.pairs.find((x) => x.p === ps[0])!;
    expect(smallest.adjustedP).toBeCloseTo(Math.min(1, ps[0]! * csv.pairs.length), 12);
    for (const x of csv.pairs) expect(x.adjustedP).toBeGreaterThanOrEqual(x.p);
    expect(csv.flagged).toBe(csv.pairs.filter((x) => x.flagged).length);
    expect(csv.flagged).toBe(2);
  });

  it('reports identifiers as not measured, and lumps rare categories into "other"', () => {
    expect(csv.columns.find((c) => c.name === 'id')).toMatchObject({ kind: 'identifier_like' });
    expect(csv.columns.find((c) => c.name === 'case_ref')).toMatchObject({ kind: 'identifier_like' });
    expect(csv.pairs.some((x) => x.column === 'id' || x.column === 'case_ref')).toBe(false);
    expect(csv.notes.filter((n) => n.kind === 'identifier_like').map((n) => n.column)).toEqual(['id', 'case_ref']);
    const language = csv.columns.find((c) => c.name === 'language')!;
    const counts = new Map<string, number>();
    for (const r of people) counts.set(String(r.language), (counts.get(String(r.language)) ?? 0) + 1);
    const top = [...counts.values()].sort((a, b) => b - a).slice(0, 50).reduce((a, b) => a + b, 0);
    expect(language.categories).toEqual({ kept: 50, total: counts.size, rowsInOther: N - top });
    expect(csv.notes.find((n) => n.column === 'language' && n.kind === 'lumped')?.text).toContain(`${counts.size} categories: the 50 most frequent kept`);
  });

  it('names what the taxonomy knows by name, whatever the statistics say', () => {
    const byName = csv.notes.filter((n) => n.kind === 'by_name');
    expect(byName.find((n) => n.column === 'postcode')?.text).toMatch(/^known proxy by name of race or ethnic origin and national origin/);
    expect(byName.find((n) => n.column === 'language')?.text).toBe('known proxy by name of race or ethnic origin and national origin (language or dialect: the language or dialect spoken points to national or ethnic origin)');
    expect(byName.find((n) => n.column === 'religion')?.text).toBe('sensitive characteristic by name: religion or belief');
    expect(byName.some((n) => n.column === 'height' || n.column === 'nationality')).toBe(false);
  });

  it('gives the same figures from Parquet, gzipped CSV and a CSV with a byte-order mark and semicolons', async () => {
    for (const file of ['people.parquet', 'people.csv.gz', 'people-bom.csv']) {
      const other = await findProxies({ file: at(file), protected: ['nationality', 'sex'] });
      expect(other.format).toBe(file.endsWith('.parquet') ? 'parquet' : 'csv');
      expect(other.rows).toBe(N);
      expect(other.pairs.map((x) => [x.protected, x.column, x.flagged])).toEqual(csv.pairs.map((x) => [x.protected, x.column, x.flagged]));
      other.pairs.forEach((x, i) => expect(x.value, `${file}: ${x.protected} × ${x.column}`).toBeCloseTo(csv.pairs[i]!.value, 9));
    }
  });

  it('keeps fewer categories with maxCategories, and uses the threshold it is given', async () => {
    const strict = await findProxies({ file: at('people.csv'), protected: ['nationality'], maxCategories: 5, rule: { threshold: 0.99, alpha: 0.05 } });
    expect(strict.columns.find((c) => c.name === 'postcode')?.categories?.kept).toBe(5);
    expect(strict.pairs.every((x) => !x.flagged)).toBe(true);
    expect(strict.rule.text).toContain('≥ 0.99');
    // Lumped into the five most frequent postcodes and "other", the table has 6 columns.
    expect(pair(strict, 'nationality', 'postcode').test.df).toEqual([3 * 5]);
  });
});

describe('findProxies with a numeric protected column', () => {
  const rows: Row[] = Array.from({ length: 2000 }, () => {
    const age = 18 + Math.floor(rnd() * 60);
    return { age, retired: age >= 65 ? 'yes' : 'no', seniority: Math.round(age * 0.5 + 2 * normal()), shoe_size: 36 + Math.floor(rnd() * 12) + 0.5 * Math.floor(rnd() * 2) };
  });

  it('uses η against categories and binned Cramér\'s V against numbers', async () => {
    fs.writeFileSync(at('ages.csv'), toCsv(rows));
    const r = await findProxies({ file: at('ages.csv'), protected: ['age'] });
    const retired = pair(r, 'age', 'retired');
    expect(retired.measure).toBe('eta');
    expect(retired.value).toBeCloseTo(correlationRatio(momentsOf(rows, (x) => x.retired, (x) => x.age as number)).value, 9);
    expect(retired.flagged).toBe(true);
    // Binned: each column cut at the edges the report gives, then the same V from the rows.
    const edges = (name: string) => r.columns.find((c) => c.name === name)!.binEdges!;
    const bin = (name: string) => (x: Row) => edges(name).filter((e) => (x[name] as number) >= e).length;
    for (const [column, flagged] of [['seniority', true], ['shoe_size', false]] as const) {
      const x = pair(r, 'age', column);
      expect(x.measure).toBe('cramers_v');
      expect(edges(column).length).toBeGreaterThanOrEqual(3);
      expect(x.value).toBeCloseTo(cramersV(tableOf(rows, bin('age'), bin(column))).value, 12);
      expect(x.flagged, column).toBe(flagged);
    }
  });
});

describe('findProxies refuses bad input, naming the file and the column', () => {
  const refusal = async (file: string, protectedColumns: string[], pattern: RegExp) => {
    const error = await findProxies({ file, protected: protectedColumns }).then(() => undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ProxyInputError);
    expect((error as Error).message).toMatch(pattern);
  };

  it('a protected column that does not exist', async () => {
    await refusal(at('people.csv'), ['nationalty'], /^people\.csv: no column "nationalty" \(columns: id, case_ref, nationality, sex, postcode,/);
  });

  it('a protected column that is an identifier', async () => {
    await refusal(at('people.csv'), ['case_ref'], /^people\.csv: protected column "case_ref" looks like an identifier/);
  });

  it('files that cannot be read', async () => {
    await refusal(at('missing.csv'), ['a'], /^missing\.csv: cannot read the file \(ENOENT\)/);
    fs.writeFileSync(at('people.xlsx'), 'x');
    await refusal(at('people.xlsx'), ['a'], /^people\.xlsx: unsupported file type: give a \.csv, \.csv\.gz or \.parquet file/);
    fs.writeFileSync(at('fake.parquet'), 'nationality,postcode\nA,1\n');
    await refusal(at('fake.parquet'), ['nationality'], /^fake\.parquet: cannot read the Parquet file: /);
    fs.writeFileSync(at('header-only.csv'), 'nationality,postcode\n');
    await refusal(at('header-only.csv'), ['nationality'], /^header-only\.csv: the file has no rows/);
    fs.writeFileSync(at('empty.csv'), '');
    await refusal(at('empty.csv'), ['nationality'], /^empty\.csv: the file is empty/);
    fs.writeFileSync(at('ragged.csv'), `nationality,postcode\n${'A,1\n'.repeat(50)}A,1,2\n${'B,2\n'.repeat(50)}`);
    await refusal(at('ragged.csv'), ['nationality'], /^ragged\.csv: cannot read the CSV file: CSV Error on Line: 52; Expected Number of Columns: 2 Found: 3$/);
    fs.writeFileSync(at('latin1.csv'), Buffer.from('nationality,name\nA,Jos\xe9\nB,Mar\xeda\n', 'latin1'));
    await refusal(at('latin1.csv'), ['nationality'], /^latin1\.csv: cannot read the CSV file: CSV Error on Line: \d+; Invalid unicode .* not utf-8 encoded/);
    await refusal(at('people.csv'), [' ', ''], /^people\.csv: name at least one protected column/);
  });

  it('a CSV value that does not fit its column is read as text rather than refused', async () => {
    // 30,000 integers then a word: the type guessed from the first rows fails, and the file is read again.
    fs.writeFileSync(at('late-text.csv'), `nationality,n\n${Array.from({ length: 30_000 }, (_, i) => `${i % 3},${i}`).join('\n')}\nA,oops\n`);
    const r = await findProxies({ file: at('late-text.csv'), protected: ['nationality'] });
    expect(r.rows).toBe(30_001);
    expect(r.columns.find((c) => c.name === 'n')?.type).toBe('VARCHAR');
  });
});
