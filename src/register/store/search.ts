import type { Database, Queryable } from '../../platform/db/database.ts';
import type { IndexedDeployment, IndexedLexeme, IndexedOrganisation } from '../domain/deployment-index.ts';
import { toTsQuery, type SearchQuery } from '../domain/search-query.ts';

// The SQL behind the register's search: the version of the data, everything the in-memory index
// is built from (in one snapshot), and the normalisation of search text by the full-text parser.

/** One statement; `prepare` when its text is fixed whatever the values. */
export type SqlStatement = { name: string; sql: string; params: unknown[]; prepare?: boolean };

/** The version of the register's public data: it moves on with every committed change (migration 0012). */
export const DATA_VERSION_SQL = 'SELECT version FROM register.data_version';

export async function readDataVersion(db: Queryable): Promise<number> {
  const [row] = await db.query<{ version: string | number }>(DATA_VERSION_SQL, [], { prepare: true });
  return Number(row?.version ?? 0);
}

export type IndexSource = { version: number; deployments: IndexedDeployment[]; organisations: IndexedOrganisation[]; lexemes: IndexedLexeme[] };

// Deployments are numbered in id order; the lexemes name them by that number, so both must come from one snapshot.
const NUMBERED = 'SELECT d.id, (row_number() OVER (ORDER BY d.id) - 1)::int AS n FROM register.deployments d';

/** Comma-separated whole numbers into an array, without a string per number (millions of them at scale). */
function parseNumbers(text: string): Int32Array {
  let count = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 44) count++;
  const out = new Int32Array(count);
  let k = 0;
  let v = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 44) {
      out[k++] = v;
      v = 0;
    } else v = v * 10 + (c - 48);
  }
  out[k] = v;
  return out;
}

/**
 * Everything the search index holds, read in one snapshot with the data version it belongs to.
 * Each deployment arrives as one JSON array (parsing one text value per row is several times
 * faster than the driver's parsing of five array columns).
 */
export async function loadIndexSource(db: Database): Promise<IndexSource> {
  const read = async (tx: Queryable): Promise<IndexSource> => {
    const version = await readDataVersion(tx);
    const rows = await tx.query<{ j: string }>(
      `SELECT json_build_array(d.id, d.slug, d.title, d.status, d.decision_role, d.countries, d.unverified_claims, d.red_line_verdict,
         d.facet_red_lines, t.slug, t.name, o.slug, o.name, d.deployer_id, d.facet_vendors, d.facet_techniques, d.facet_data_categories,
         row_number() OVER (ORDER BY d.title, d.id), row_number() OVER (ORDER BY d.updated_at DESC, d.id))::text AS j
       FROM (${NUMBERED}) n JOIN register.deployments d ON d.id = n.id
       JOIN register.technologies t ON t.id = d.technology_id JOIN register.organisations o ON o.id = d.deployer_id
       ORDER BY n.n`,
    );
    const deployments = rows.map(({ j }): IndexedDeployment => {
      const [id, slug, title, status, decision_role, countries, unverified_claims, red_line_verdict, facet_red_lines, technology_slug,
        technology_name, deployer_slug, deployer_name, deployer_id, facet_vendors, facet_techniques, facet_data_categories, title_rank, updated_rank] = JSON.parse(j);
      return {
        id, slug, title, status, decision_role, countries, unverified_claims, red_line_verdict, facet_red_lines, technology_slug, technology_name,
        deployer_slug, deployer_name, deployer_id, facet_vendors, facet_techniques, facet_data_categories, title_rank, updated_rank,
      };
    });
    // All of them (the facets name only those deployments refer to): cheaper than finding which.
    const organisations = await tx.query<IndexedOrganisation>('SELECT id, slug, name FROM register.organisations');
    const lexemes = (await tx.query<{ lexeme: string; rows: string }>(
      `SELECT l AS lexeme, string_agg(d.n::text, ',') AS rows
       FROM (${NUMBERED}) d JOIN register.deployment_search s ON s.deployment_id = d.id, unnest(tsvector_to_array(s.search_vector)) l
       GROUP BY l`,
    )).map((r) => ({ lexeme: r.lexeme, rows: parseNumbers(r.rows) }));
    return { version, deployments, organisations, lexemes };
  };
  return db.transaction(async (tx) => {
    await tx.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    return read(tx);
  });
}

/** The statement that normalises search words into a tsquery, as the parser that built the vectors reads them. */
export function textQueryStatement(query: SearchQuery): SqlStatement | null {
  const tsq = toTsQuery(query.terms);
  return tsq ? { name: 'normalise search text', sql: "SELECT to_tsquery('simple', $1)::text AS q", params: [tsq], prepare: true } : null;
}

/** The search words as a tsquery's text (see parseTsQuery), or null without search words. */
export async function normaliseSearchText(db: Queryable, query: SearchQuery): Promise<string | null> {
  const statement = textQueryStatement(query);
  if (!statement) return null;
  const [row] = await db.query<{ q: string }>(statement.sql, statement.params, { prepare: true });
  return row!.q;
}

/** Every statement a search issues (for the benchmark's bare-SQL baseline). */
export function searchStatements(query: SearchQuery): SqlStatement[] {
  const text = textQueryStatement(query);
  return [{ name: 'data version', sql: DATA_VERSION_SQL, params: [], prepare: true }, ...(text ? [text] : [])];
}
