import path from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import {
  checkCsvColumns, checkDataFile, columnsOf, DataFileError, dataFormatOf, duckdbProblem, isDataProblem, readerSql, rowsOf, sqlName as quote,
  sqlText as literal, toNumber as num, withDuckDb,
} from '../platform/analytics/data-file.ts';
import { correlationRatio, cramersV, DEFAULT_RULE, describeRule, flagAssociations, type FlagRule, type GroupMoments, type Measured } from './domain/association.ts';
import { classifyInputs } from './domain/sensitive-data.ts';

// `safeguard proxies`: how strongly each column of a data file is associated with each protected
// column. DuckDB does the counting in four scans of the data — the profile (one aggregate row), the
// categories, the contingency tables and the per-group moments, the last three each a single GROUP BY
// GROUPING SETS — plus, when an integer column may be an id, an exact distinct count of it. The
// statistics are computed here from the counts (domain/association.ts). A CSV file is parsed once into
// a temporary table; a Parquet file is scanned in place.

/** A file or a column that cannot be measured; the message names the file (and the column). */
export const ProxyInputError = DataFileError;
export type ProxyInputError = DataFileError;

export type FindProxiesOptions = {
  file: string;
  protected: readonly string[];
  rule?: FlagRule;
  /** Categories kept per categorical column, the most frequent; the rest are lumped into "other". Default: defaultMaxCategories(rows). */
  maxCategories?: number;
};

export type ColumnKind = 'categorical' | 'numeric' | 'identifier_like' | 'unsupported';

export type NameMatch =
  | { kind: 'characteristic'; characteristic: string }
  | { kind: 'proxy'; proxy: string; of: string[]; why: string };

export type ColumnReport = {
  name: string;
  /** The DuckDB type read from the file. */
  type: string;
  kind: ColumnKind;
  protected: boolean;
  /** Distinct values (not counting missing ones): exact for a categorical column, approximate (HyperLogLog) otherwise. */
  distinct: number;
  /** Rows with no value (NULL, empty or blank text; for numbers also NaN and ±∞): a category of their own for a categorical column, left out of a numeric column's measures. */
  missing: number;
  /** Categorical columns: categories kept, categories seen, and rows lumped into "other". */
  categories?: { kept: number; total: number; rowsInOther: number };
  /** Numeric columns cut into quantile bins for a numeric × numeric pair: the bin edges. */
  binEdges?: number[];
  /** What the column's name says in the shipped taxonomy, whatever the statistics say. */
  byName?: NameMatch;
  /** Why a column is not measured. */
  reason?: string;
};

export type PairReport = Measured & {
  protected: string;
  column: string;
  adjustedP: number;
  flagged: boolean;
};

export type Note = { column: string; kind: 'identifier_like' | 'unsupported' | 'lumped' | 'missing' | 'by_name'; text: string };

export type ProxyReport = {
  file: string;
  format: 'csv' | 'parquet';
  rows: number;
  rule: FlagRule & { correction: 'holm'; text: string };
  protected: string[];
  columns: ColumnReport[];
  /** Every measured (protected, column) pair, per protected column sorted by strength. */
  pairs: PairReport[];
  flagged: number;
  notes: Note[];
};

/** More distinct values than this make a number numeric rather than a category. */
const NUMERIC_MIN_DISTINCT = 20;
/** DuckDB's approximate distinct count is off by up to a quarter at these sizes: below twice the limit, the exact count decides. */
const APPROX_DISTINCT_MARGIN = 2;
/** Identifier-like: more distinct values than this share of the rows, and than this many. */
const IDENTIFIER_SHARE = 0.5;
const IDENTIFIER_MIN_DISTINCT = 1000;
/** An integer column is identifier-like only when every value is distinct (checked exactly past this approximate share). */
const INTEGER_IDENTIFIER_SHARE = 0.9;
/** Numeric × numeric pairs: both columns cut at these approximate quantiles (quintiles). */
const BIN_QUANTILES = [0.2, 0.4, 0.6, 0.8];
/**
 * Categories kept per categorical column unless told: 50, or in larger files one per 250 rows (4,000 at
 * a million rows), so that a kept category averages 250 rows — about 20 expected per cell against a
 * protected column of a dozen categories. A fixed 50 would hide the proxy that matters most: in the
 * benchmark's million rows, the 50 most frequent of 2,000 postcodes hold 6.6% of the rows, and the
 * planted postcode proxy of nationality measures V = 0.14 (not flagged) instead of 0.85.
 */
export const defaultMaxCategories = (rows: number) => Math.max(50, Math.floor(rows / 250));
/** When "other" holds more than this share of a column's rows, its measures may understate the association: said in the notes. */
const OTHER_WARNING_SHARE = 0.5;

const NUMERIC_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|FLOAT|DOUBLE|DECIMAL(\(.*\))?)$/;
const INTEGER_TYPE = /^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|UHUGEINT|DECIMAL\(\d+,\s*0\))$/;
const TEMPORAL_TYPE = /^(DATE|TIMESTAMP(_S|_MS|_NS)?|TIMESTAMP WITH TIME ZONE)$/;
const TEXT_TYPE = /^(VARCHAR|BOOLEAN|UUID|TIME|ENUM\(.*\))$/;

const int = (n: number) => n.toLocaleString('en-GB');

type Column = ColumnReport & {
  /** SQL giving the value as a category (VARCHAR, NULL when missing). */
  categoryExpr?: string;
  /** SQL giving the value as a finite DOUBLE (NULL when missing). */
  numberExpr?: string;
  integer: boolean;
  mean: number;
  /** The kept categories of a categorical column (all of them unless lumped). */
  kept: string[];
  lumped: boolean;
};

/** Measures every (protected, other column) pair of a CSV or Parquet file and flags strong proxies. */
export async function findProxies(options: FindProxiesOptions): Promise<ProxyReport> {
  const { file } = options;
  const rule = options.rule ?? DEFAULT_RULE;
  const format = dataFormatOf(file, ['csv', 'parquet']) as 'csv' | 'parquet';
  checkDataFile(file);
  const wanted = [...new Set(options.protected.map((p) => p.trim()).filter(Boolean))];
  if (!wanted.length) throw new ProxyInputError(file, 'name at least one protected column');
  return withDuckDb(async (db) => {
    try {
      await load(db, file, format);
      return await measure(db, file, format, wanted, rule, options.maxCategories);
    } catch (error) {
      // A Parquet file is read lazily: a damaged part shows in whichever scan reaches it first.
      if (isDataProblem(error)) throw new ProxyInputError(file, `cannot read the ${format === 'csv' ? 'CSV' : 'Parquet'} file: ${duckdbProblem(error)}`);
      throw error;
    }
  });
}


async function load(db: DuckDBConnection, file: string, format: 'csv' | 'parquet') {
  if (format === 'parquet') {
    try {
      await db.run(`CREATE TEMP VIEW data AS SELECT * FROM ${readerSql(file, format)}`);
      await db.run('SELECT count(*) FROM data');
    } catch (error) {
      throw new ProxyInputError(file, `cannot read the Parquet file: ${duckdbProblem(error)}`);
    }
    return;
  }
  // The CSV is parsed once into a table, which every scan below reads. A column whose type was guessed
  // from the first rows and fails later is read again with every row sampled.
  const read = (extra: string) => db.run(`CREATE OR REPLACE TEMP TABLE data AS SELECT * FROM ${readerSql(file, format, extra)}`);
  try {
    await read('');
  } catch (first) {
    if (!/Conversion Error/.test(String(first))) throw new ProxyInputError(file, `cannot read the CSV file: ${duckdbProblem(first)}`);
    try {
      await read(', sample_size = -1');
    } catch (error) {
      throw new ProxyInputError(file, `cannot read the CSV file: ${duckdbProblem(error)}`);
    }
  }
  await checkCsvColumns(db, file, await columnsOf(db, 'data'));
}

function nameMatch(name: string): NameMatch | undefined {
  const match = classifyInputs([name]).matches[0];
  if (!match) return undefined;
  return match.kind === 'characteristic'
    ? { kind: 'characteristic', characteristic: match.characteristic.label }
    : { kind: 'proxy', proxy: match.proxy.label, of: match.characteristics.map((c) => c.label), why: match.proxy.why };
}

async function measure(db: DuckDBConnection, file: string, format: 'csv' | 'parquet', wanted: string[], rule: FlagRule, maxCategoriesOption: number | undefined): Promise<ProxyReport> {
  const described = await rowsOf(db, 'DESCRIBE data');
  const columns: Column[] = described.map(([name, type]) => {
    const t = String(type);
    const q = quote(String(name));
    const numeric = NUMERIC_TYPE.test(t);
    const temporal = TEMPORAL_TYPE.test(t);
    return {
      name: String(name), type: t, kind: numeric || temporal || TEXT_TYPE.test(t) ? 'categorical' : 'unsupported', protected: false,
      distinct: 0, missing: 0, byName: nameMatch(String(name)), integer: INTEGER_TYPE.test(t), mean: 0, kept: [], lumped: false,
      numberExpr: numeric ? `CASE WHEN isfinite(CAST(${q} AS DOUBLE)) THEN CAST(${q} AS DOUBLE) END` : temporal ? `CASE WHEN isfinite(${q}) THEN epoch(${q}) END` : undefined,
      // Only text can be blank; a number, a date or a boolean is missing when NULL.
      categoryExpr: t === 'VARCHAR' ? `NULLIF(trim(${q}), '')` : `CAST(${q} AS VARCHAR)`,
    };
  });
  const byName = new Map(columns.map((c) => [c.name, c]));
  const names = columns.map((c) => c.name);
  const listed = names.length > 30 ? `${names.slice(0, 30).join(', ')}, … (${names.length} in all)` : names.join(', ');
  const protectedColumns = wanted.map((w) => {
    const column = byName.get(w) ?? (() => {
      const folded = columns.filter((c) => c.name.toLowerCase() === w.toLowerCase());
      return folded.length === 1 ? folded[0] : undefined;
    })();
    if (!column) throw new ProxyInputError(file, `no column "${w}" (columns: ${listed})`, w);
    column.protected = true;
    return column;
  });
  for (const c of protectedColumns) {
    if (c.kind === 'unsupported') throw new ProxyInputError(file, `protected column "${c.name}" has type ${c.type}, which cannot be measured`, c.name);
  }

  // Scan 1: the profile — rows, distinct values, missing values, means (and bin edges when a protected column may be numeric).
  const wantEdges = protectedColumns.some((c) => c.numberExpr);
  const measurable = columns.filter((c) => c.kind !== 'unsupported');
  const profileSql = ['count(*)', ...measurable.flatMap((c) => [
    `approx_count_distinct(${quote(c.name)})`,
    `count(*) FILTER (WHERE ${c.type === 'VARCHAR' ? c.categoryExpr : quote(c.name)} IS NULL)`,
    ...(c.numberExpr ? [`count(${c.numberExpr})`, `avg(${c.numberExpr})`, ...(wantEdges ? [`approx_quantile(${c.numberExpr}, [${BIN_QUANTILES.join(', ')}])`] : [])] : []),
  ])];
  let profile: unknown[];
  try {
    profile = (await rowsOf(db, `SELECT ${profileSql.join(', ')} FROM data`))[0]!;
  } catch (error) {
    throw new ProxyInputError(file, `cannot read the ${format === 'csv' ? 'CSV' : 'Parquet'} file: ${duckdbProblem(error)}`);
  }
  const rows = num(profile[0]);
  if (rows === 0) throw new ProxyInputError(file, 'the file has no rows');
  const maxCategories = maxCategoriesOption ?? defaultMaxCategories(rows);
  let at = 1;
  const uniqueCandidates: Column[] = [];
  const finite = new Map<Column, number>();
  /** Numbers with few distinct values: the exact count of the category scan decides whether they are categories. */
  const undecided = new Set<Column>();
  const toNumeric = (c: Column) => {
    c.kind = 'numeric';
    c.missing = rows - finite.get(c)!;
  };
  for (const c of measurable) {
    c.distinct = num(profile[at++]);
    c.missing = num(profile[at++]);
    if (c.numberExpr) {
      finite.set(c, num(profile[at++]));
      c.mean = num(profile[at++]);
      const edges = wantEdges ? (profile[at++] as (number | bigint | null)[] | null) : null;
      if (edges) c.binEdges = [...new Set(edges.filter((e) => e !== null).map(num))].sort((a, b) => a - b);
      // Integer codes whose name says they are a known proxy (a postcode, a country code) are categories, not quantities.
      if (!(c.integer && c.byName?.kind === 'proxy')) {
        if (c.distinct <= APPROX_DISTINCT_MARGIN * NUMERIC_MIN_DISTINCT) {
          undecided.add(c);
          continue;
        }
        toNumeric(c);
        const present = rows - c.missing;
        if (c.integer && c.distinct >= INTEGER_IDENTIFIER_SHARE * present && c.distinct > IDENTIFIER_MIN_DISTINCT) uniqueCandidates.push(c);
        continue;
      }
    }
    const present = rows - c.missing;
    if (c.distinct > IDENTIFIER_SHARE * present && c.distinct > IDENTIFIER_MIN_DISTINCT) {
      c.kind = 'identifier_like';
      c.reason = `identifier-like: about ${int(c.distinct)} distinct values in ${int(present)} rows`;
    }
  }
  // Integers: a row number or an id has every value distinct; a measurement (an income in euros) repeats some.
  if (uniqueCandidates.length) {
    const exact = (await rowsOf(db, `SELECT ${uniqueCandidates.map((c) => `count(DISTINCT ${c.numberExpr}) = count(${c.numberExpr})`).join(', ')} FROM data`))[0]!;
    uniqueCandidates.forEach((c, i) => {
      if (exact[i] !== true) return;
      c.kind = 'identifier_like';
      c.reason = `identifier-like: every one of its ${int(rows - c.missing)} integers is distinct`;
    });
  }
  for (const c of columns) if (c.kind === 'unsupported') c.reason = `type ${c.type} is not measured`;
  for (const c of protectedColumns) {
    if (c.kind === 'identifier_like') throw new ProxyInputError(file, `protected column "${c.name}" looks like an identifier (about ${int(c.distinct)} distinct values in ${int(rows)} rows): it cannot be measured`, c.name);
  }

  // Scan 2: the categories of every categorical column, exactly counted, the most frequent kept.
  const categorical = columns.filter((c) => c.kind === 'categorical');
  if (categorical.length) {
    const slots = categorical.map((c, i) => `${c.categoryExpr} AS k${i}`).join(', ');
    const setId = `CASE ${categorical.map((_, i) => `WHEN grouping(k${i}) = 0 THEN ${i}`).join(' ')} END`;
    const value = `CASE ${categorical.map((_, i) => `WHEN grouping(k${i}) = 0 THEN k${i}`).join(' ')} END`;
    const sql = `SELECT col, v, n, count(v) OVER (PARTITION BY col) AS categories FROM (
        SELECT ${setId} AS col, ${value} AS v, count(*) AS n FROM (SELECT ${slots} FROM data) GROUP BY GROUPING SETS (${categorical.map((_, i) => `(k${i})`).join(', ')})
      ) QUALIFY v IS NULL OR row_number() OVER (PARTITION BY col, v IS NULL ORDER BY n DESC, v) <= ${maxCategories}`;
    const keptRows = new Map<Column, number>();
    const total = new Map<Column, number>();
    for (const [col, v, n, categories] of await rowsOf(db, sql)) {
      const c = categorical[num(col)]!;
      total.set(c, num(categories));
      if (v === null) continue;
      c.kept.push(String(v));
      keptRows.set(c, (keptRows.get(c) ?? 0) + num(n));
    }
    for (const c of categorical) {
      c.distinct = total.get(c) ?? 0;
      if (undecided.has(c) && c.distinct > NUMERIC_MIN_DISTINCT) {
        toNumeric(c);
        c.kept = [];
        continue;
      }
      c.categories = { kept: c.kept.length, total: c.distinct, rowsInOther: rows - c.missing - (keptRows.get(c) ?? 0) };
      c.lumped = c.categories.kept < c.categories.total;
    }
  }
  // Bins only serve numeric × numeric pairs, which need a numeric protected column.
  const binning = protectedColumns.some((c) => c.kind === 'numeric');
  for (const c of columns) if (c.kind !== 'numeric' || !binning) delete c.binEdges;

  const others = columns.filter((c) => !c.protected && (c.kind === 'categorical' || c.kind === 'numeric'));
  type Pair = { p: Column; c: Column; how: 'table' | 'eta' };
  const pairs: Pair[] = protectedColumns.flatMap((p) => others.map((c): Pair => ({ p, c, how: (p.kind === 'numeric') === (c.kind === 'numeric') ? 'table' : 'eta' })));

  // Slots: each column as it enters the counts — its category (NULL when missing; '' for "other", never a
  // category since blanks are missing), or its quantile bin (NULL when missing).
  const slotOf = new Map<Column, string>();
  const slotSql = new Map<string, string>();
  const slot = (c: Column) => {
    if (slotOf.has(c)) return;
    const name = `s${slotSql.size}`;
    const x = c.numberExpr!;
    const edges = c.binEdges ?? [];
    slotSql.set(name, c.kind === 'numeric'
      ? `CASE WHEN ${x} IS NULL THEN NULL ELSE ${edges.length ? edges.map((e) => `CAST(${x} >= ${e} AS INTEGER)`).join(' + ') : '0'} END AS ${name}`
      : c.lumped
        ? `CASE WHEN ${c.categoryExpr} IS NULL THEN NULL WHEN ${c.categoryExpr} IN (${c.kept.map(literal).join(', ')}) THEN ${c.categoryExpr} ELSE '' END AS ${name}`
        : `${c.categoryExpr} AS ${name}`);
    slotOf.set(c, name);
  };
  const select = (names: Iterable<string>) => [...names].map((n) => slotSql.get(n)!).join(', ');
  const key = (v: unknown) => (v === null ? null : String(v));

  // Scan 3: one contingency table per categorical or binned pair.
  const tablePairs = pairs.filter((x) => x.how === 'table');
  const tables = new Map<Pair, Map<string | null, Map<string | null, number>>>();
  const etaPairs = pairs.filter((x) => x.how === 'eta');
  for (const x of tablePairs) {
    slot(x.p);
    slot(x.c);
  }
  const groupingColumns = [...new Set(etaPairs.map((x) => (x.p.kind === 'categorical' ? x.p : x.c)))];
  const numericColumns = [...new Set(etaPairs.map((x) => (x.p.kind === 'numeric' ? x.p : x.c)))];
  for (const g of groupingColumns) slot(g);

  if (tablePairs.length) {
    const sets = tablePairs.map((x) => [slotOf.get(x.p)!, slotOf.get(x.c)!] as const);
    const setId = `CASE ${sets.map(([a, b], i) => `WHEN grouping(${a}) = 0 AND grouping(${b}) = 0 THEN ${i}`).join(' ')} END`;
    const used = [...new Set(sets.flat())];
    const sql = `SELECT ${setId} AS pair, ${used.join(', ')}, count(*) AS n FROM (SELECT ${select(used)} FROM data)
      GROUP BY GROUPING SETS (${sets.map(([a, b]) => `(${a}, ${b})`).join(', ')})`;
    const result = await db.runAndReadAll(sql);
    const indexOf = new Map(result.columnNames().map((n, i) => [n, i]));
    for (const row of result.getRowsJS()) {
      const x = tablePairs[num(row[0])]!;
      const [a, b] = sets[num(row[0])]!;
      const pv = key(row[indexOf.get(a)!]);
      const cv = key(row[indexOf.get(b)!]);
      // A missing category counts; a missing number (a binned column) is left out.
      if ((pv === null && x.p.kind === 'numeric') || (cv === null && x.c.kind === 'numeric')) continue;
      const table = tables.get(x) ?? new Map<string | null, Map<string | null, number>>();
      tables.set(x, table);
      const line = table.get(pv) ?? new Map<string | null, number>();
      table.set(pv, line);
      line.set(cv, (line.get(cv) ?? 0) + num(row.at(-1)));
    }
  }

  // Scan 4: count, sum and sum of squares of each numeric column per group of each categorical one (centred on its mean).
  const moments = new Map<Pair, GroupMoments[]>();
  if (etaPairs.length) {
    const groupSlots = groupingColumns.map((g) => slotOf.get(g)!);
    const setId = `CASE ${groupSlots.map((s, i) => `WHEN grouping(${s}) = 0 THEN ${i}`).join(' ')} END`;
    const numbers = numericColumns.map((c, i) => `${c.numberExpr} - ${c.mean} AS x${i}`);
    const aggregates = numericColumns.flatMap((_, i) => [`count(x${i})`, `sum(x${i})`, `sum(x${i} * x${i})`]);
    const sql = `SELECT ${setId} AS g, ${aggregates.join(', ')} FROM (SELECT ${select(groupSlots)}, ${numbers.join(', ')} FROM data)
      GROUP BY GROUPING SETS (${groupSlots.map((s) => `(${s})`).join(', ')}) ORDER BY ALL`; // a fixed order, so the sums below are the same every run
    // One row per group (a missing category and "other" are groups too) of each grouping column.
    const perGroup = new Map<number, unknown[][]>();
    for (const row of await rowsOf(db, sql)) {
      const g = num(row[0]);
      perGroup.set(g, perGroup.get(g) ?? []);
      perGroup.get(g)!.push(row);
    }
    for (const x of etaPairs) {
      const g = groupingColumns.indexOf(x.p.kind === 'categorical' ? x.p : x.c);
      const i = numericColumns.indexOf(x.p.kind === 'numeric' ? x.p : x.c);
      moments.set(x, (perGroup.get(g) ?? []).map((row) => ({ count: num(row[1 + 3 * i]), sum: num(row[2 + 3 * i]), sumOfSquares: num(row[3 + 3 * i]) })));
    }
  }

  const measured = pairs.map((x) => {
    const m: Measured = x.how === 'eta'
      ? correlationRatio(moments.get(x) ?? [])
      : cramersV(matrix(tables.get(x)));
    const { measure, value, n, test, p } = m;
    return { protected: x.p.name, column: x.c.name, measure, value, n, test, p };
  });
  const flagged = flagAssociations(measured, rule);
  const order = new Map(protectedColumns.map((c, i) => [c.name, i]));
  flagged.sort((a, b) => order.get(a.protected)! - order.get(b.protected)! || b.value - a.value || a.column.localeCompare(b.column));

  const report: ColumnReport[] = columns.map(({ categoryExpr, numberExpr, integer, mean, kept, lumped, ...c }) => c);
  return {
    file: path.basename(file), format, rows, protected: protectedColumns.map((c) => c.name),
    rule: { ...rule, correction: 'holm', text: describeRule(rule) },
    columns: report, pairs: flagged, flagged: flagged.filter((f) => f.flagged).length, notes: notesOf(columns, rows),
  };
}

/** A contingency table as rows of counts (a missing category is the key null). */
/** The contingency table as a matrix, rows and columns in a fixed order (DuckDB returns groups in any order, and float sums depend on it). */
function matrix(table: Map<string | null, Map<string | null, number>> | undefined): number[][] {
  if (!table) return [];
  const byKey = (a: string | null, b: string | null) => (a === b ? 0 : a === null ? 1 : b === null ? -1 : a < b ? -1 : 1);
  const rowKeys = [...table.keys()].sort(byKey);
  const columnKeys = [...new Set([...table.values()].flatMap((line) => [...line.keys()]))].sort(byKey);
  return rowKeys.map((r) => columnKeys.map((k) => table.get(r)!.get(k) ?? 0));
}

function notesOf(columns: readonly Column[], rows: number): Note[] {
  const notes: Note[] = [];
  const share = (n: number) => `${((100 * n) / rows).toFixed(1)}%`;
  for (const c of columns) {
    if (c.kind === 'identifier_like' || c.kind === 'unsupported') notes.push({ column: c.name, kind: c.kind, text: `not measured: ${c.reason}` });
    if (c.lumped && c.categories) {
      const { total, kept, rowsInOther } = c.categories;
      const warning = rowsInOther > OTHER_WARNING_SHARE * rows ? ': most rows are in "other", so its measures may understate the association (raise --max-categories)' : '';
      notes.push({ column: c.name, kind: 'lumped', text: `${int(total)} categories: the ${int(kept)} most frequent kept, the other ${int(total - kept)} (${int(rowsInOther)} rows, ${share(rowsInOther)}) lumped into "other"${warning}` });
    }
    if (c.missing > 0 && (c.kind === 'categorical' || c.kind === 'numeric')) {
      notes.push({ column: c.name, kind: 'missing', text: c.kind === 'numeric' ? `${int(c.missing)} rows (${share(c.missing)}) without a number: left out of its measures` : `${int(c.missing)} rows (${share(c.missing)}) empty: counted as a category "missing"` });
    }
    if (c.byName && !c.protected) {
      notes.push({ column: c.name, kind: 'by_name', text: c.byName.kind === 'characteristic'
        ? `sensitive characteristic by name: ${c.byName.characteristic}`
        : `known proxy by name of ${c.byName.of.join(' and ')} (${c.byName.proxy}: ${c.byName.why})` });
    }
  }
  return notes;
}
