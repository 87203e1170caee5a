import type { Database } from '../platform/db/database.ts';
import { buildDeploymentIndex, parseTsQuery, searchIndex, type DeploymentIndex, type ResultWindow, type SearchResult, type TextQuery } from './domain/deployment-index.ts';
import type { SearchQuery } from './domain/search-query.ts';
import { loadIndexSource, normaliseSearchText, readDataVersion } from './store/search.ts';

/** How many normalised search texts are remembered (they depend on the words only, never on the data). */
const TEXT_QUERIES_KEPT = 1000;

/**
 * The register's search for one database, answered by an in-memory index of every published
 * deployment (see domain/deployment-index.ts). Each search reads the data version first (one row
 * by primary key); when it moved on, the index is rebuilt from one snapshot before answering, once
 * for all concurrent searches. So a search sees every change committed before it began, from this
 * process or any other. Search words are normalised by PostgreSQL's parser, the one that built the
 * vectors, and the result is remembered per text.
 */
export class DeploymentSearch {
  private built: { version: number; index: DeploymentIndex; build: number } | null = null;
  private builds = 0;
  private building: { version: number; index: Promise<DeploymentIndex> } | null = null;
  private readonly textQueries = new Map<string, TextQuery>();

  constructor(private readonly db: Database) {}

  async search(query: SearchQuery, window?: ResultWindow): Promise<SearchResult> {
    const [index, text] = await Promise.all([this.current(), this.textQuery(query)]);
    return searchIndex(index, query, text, window);
  }

  private async textQuery(query: SearchQuery): Promise<TextQuery | null> {
    if (!query.terms.length) return null;
    const key = query.terms.join(' ');
    const kept = this.textQueries.get(key);
    if (kept) return kept;
    const text = parseTsQuery((await normaliseSearchText(this.db, query)) ?? '');
    if (this.textQueries.size >= TEXT_QUERIES_KEPT) this.textQueries.delete(this.textQueries.keys().next().value!);
    this.textQueries.set(key, text);
    return text;
  }

  /** The index at the current data version. */
  private async current(): Promise<DeploymentIndex> {
    const version = await readDataVersion(this.db);
    if (this.built?.version === version) return this.built.index;
    if (this.building?.version === version) return this.building.index;
    const build = ++this.builds;
    const building = {
      version,
      index: loadIndexSource(this.db).then((source) => {
        const index = buildDeploymentIndex(source.deployments, source.organisations, source.lexemes);
        // Labelled with its snapshot's own version (it may be newer than the one read above); an
        // older build finishing late does not replace a newer one.
        if (!this.built || build > this.built.build) this.built = { version: source.version, index, build };
        return index;
      }),
    };
    this.building = building;
    try {
      return await building.index;
    } finally {
      if (this.building === building) this.building = null;
    }
  }
}
