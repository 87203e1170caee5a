import type { RedLineFacetValue, Verdict } from '../../redlines/domain/screen-profile.ts';
import { FACETS, PAGE_SIZE, type FacetName, type SearchQuery } from './search-query.ts';

// The register's search, answered in memory: every published deployment with the values of each
// facet, dictionary-encoded, and the words of its text as PostgreSQL's full-text parser found them
// (the lexemes of register.deployment_search, with the deployments holding each). The database
// tokenises (the documents when they are written, the search text when it is searched); the text
// match, the filters, the disjunctive facet counts, the total, the sort and the page are computed
// here. Pure: built from rows, queried with values.

export type SearchHit = {
  id: string; slug: string; title: string; status: string; decision_role: string; countries: string[]; unverified_claims: string[];
  red_line_verdict: Verdict; facet_red_lines: RedLineFacetValue[];
  technology_slug: string; technology_name: string; deployer_slug: string; deployer_name: string;
};
export type FacetValue = { value: string; label: string; count: number };
export type SearchResult = { total: number; hits: SearchHit[]; ids: string[]; facets: Record<FacetName, FacetValue[]> };
/** A window of results by offset (the API) rather than by page number (the pages). */
export type ResultWindow = { limit: number; offset: number };

/**
 * One deployment as the index reads it. `title_rank` and `updated_rank` are its positions in the
 * database's own orders (title, id) and (updated_at DESC, id), so sorting agrees with the SQL lists.
 */
export type IndexedDeployment = SearchHit & {
  title_rank: number; updated_rank: number;
  deployer_id: string; facet_vendors: string[]; facet_techniques: string[]; facet_data_categories: string[];
};
export type IndexedOrganisation = { id: string; slug: string; name: string };

/** The deployments whose text holds a lexeme, by their position in the rows the index was built from. */
export type IndexedLexeme = { lexeme: string; rows: ArrayLike<number> };

/**
 * Search text as PostgreSQL's to_tsquery('simple', …) normalised it: lexemes that must all be
 * present, each exactly or as a prefix (the last word as the visitor types). No items: nothing matches.
 */
export type TextQuery = { items: { lexeme: string; prefix: boolean }[] };

/**
 * Reads the text form of a tsquery made of quoted search words: lexemes joined by &, or by the
 * phrase operators <-> or <N>, which PostgreSQL writes when its parser splits one word into several
 * tokens. The register's vectors keep no positions, so a phrase is read as & (on such vectors
 * PostgreSQL itself would match nothing, which helps no one). Anything else (| or !) cannot come
 * from search words, and is refused.
 */
export function parseTsQuery(text: string): TextQuery {
  const items: TextQuery['items'] = [];
  const re = /\s*(?:'((?:[^']|'')*)'(:\*)?|&|<(?:-|\d+)>|\(|\))/y;
  let at = 0;
  while (at < text.length) {
    re.lastIndex = at;
    const m = re.exec(text);
    if (!m) {
      if (!text.slice(at).trim()) break;
      throw new Error(`unexpected search query from the database at ${at}: ${text}`);
    }
    if (m[1] !== undefined) items.push({ lexeme: m[1].replace(/''/g, "'").replace(/\\(.)/g, '$1'), prefix: m[2] !== undefined });
    at = re.lastIndex;
  }
  return { items };
}

/** How many values each facet shows (plus the selected ones). */
export const FACET_LIMIT = 25;

/** One facet's values per deployment: a dictionary of distinct values and, per row, its codes (CSR layout). */
type FacetColumn = {
  /** What a value is called in the URL (a slug for organisations) and on the page. */
  values: string[]; labels: string[];
  /** Code of a URL value. */
  codeOf: Map<string, number>;
  /** Row r's codes are codes[offsets[r] .. offsets[r + 1]). */
  offsets: Int32Array; codes: Int32Array;
};

export type DeploymentIndex = {
  readonly size: number;
  readonly rows: readonly SearchHit[];
  readonly rowOf: ReadonlyMap<string, number>;
  /** Row numbers in title order and in most-recently-updated order. */
  readonly byTitle: Int32Array; readonly byUpdated: Int32Array;
  /** Each row's position in those orders. */
  readonly titleRank: Int32Array; readonly updatedRank: Int32Array;
  readonly columns: Readonly<Record<FacetName, FacetColumn>>;
  /** Distinct lexemes in code-unit order (a prefix's extensions are contiguous) and, per lexeme, its rows (CSR). */
  readonly lexemes: readonly string[]; readonly lexemeOffsets: Int32Array; readonly lexemeRows: Int32Array;
  /** The unfiltered register's facets and total, counted once per index. */
  unfiltered?: { total: number; facets: Record<FacetName, FacetValue[]> };
  /** Per-row working arrays reused by every search (searches run synchronously, one at a time). */
  scratch?: Scratch;
};

/**
 * Working arrays of one row each, allocated once per index so that a search costs what it
 * touches, not the register's size. A row's `state` and `score` hold for the current search only
 * when its `stamp` equals the current epoch; `mark` is cleared by whoever sets it.
 */
type Scratch = { epoch: number; stamp: Int32Array; state: Int32Array; score: Int32Array; mark: Uint8Array; hits: Int32Array };

function scratchOf(index: DeploymentIndex): Scratch {
  const n = index.size;
  index.scratch ??= { epoch: 0, stamp: new Int32Array(n), state: new Int32Array(n), score: new Int32Array(n), mark: new Uint8Array(n), hits: new Int32Array(n) };
  return index.scratch;
}

function nextEpoch(scratch: Scratch): number {
  if (scratch.epoch >= 0x7fff_ffff) {
    scratch.stamp.fill(0);
    scratch.epoch = 0;
  }
  return ++scratch.epoch;
}

const facetValuesOf: Record<FacetName, (d: IndexedDeployment) => readonly string[]> = {
  redline: (d) => d.facet_red_lines,
  country: (d) => d.countries,
  status: (d) => [d.status],
  role: (d) => [d.decision_role],
  deployer: (d) => [d.deployer_id],
  vendor: (d) => d.facet_vendors,
  technique: (d) => d.facet_techniques,
  data: (d) => d.facet_data_categories,
};
/** Facets whose stored values are organisation ids, shown by slug and name. */
const ORGANISATION_FACETS = new Set<FacetName>(['deployer', 'vendor']);

function buildColumn(facet: FacetName, deployments: readonly IndexedDeployment[], organisations: ReadonlyMap<string, IndexedOrganisation>): FacetColumn {
  const codeOfStored = new Map<string, number>();
  const values: string[] = [];
  const labels: string[] = [];
  const codeOf = new Map<string, number>();
  const offsets = new Int32Array(deployments.length + 1);
  const list: number[] = [];
  const organisationFacet = ORGANISATION_FACETS.has(facet);
  deployments.forEach((d, r) => {
    offsets[r] = list.length;
    const seen = new Set<string>();
    for (const stored of facetValuesOf[facet](d)) {
      if (seen.has(stored)) continue;
      seen.add(stored);
      let code = codeOfStored.get(stored);
      if (code === undefined) {
        const organisation = organisationFacet ? organisations.get(stored) : undefined;
        // An organisation the register does not hold cannot be shown or chosen; SQL's join left it out too.
        if (organisationFacet && !organisation) continue;
        code = values.length;
        codeOfStored.set(stored, code);
        values.push(organisation ? organisation.slug : stored);
        labels.push(organisation ? organisation.name : stored);
        codeOf.set(values[code]!, code);
      }
      list.push(code);
    }
  });
  offsets[deployments.length] = list.length;
  return { values, labels, codeOf, offsets, codes: Int32Array.from(list) };
}

/** Builds the index from every published deployment, the organisations they name and the lexemes of their text. */
export function buildDeploymentIndex(
  deployments: readonly IndexedDeployment[], organisations: readonly IndexedOrganisation[], lexemes: readonly IndexedLexeme[] = [],
): DeploymentIndex {
  const orgs = new Map(organisations.map((o) => [o.id, o]));
  const n = deployments.length;
  const sortedLexemes = [...lexemes].sort((a, b) => byCodePoint(a.lexeme, b.lexeme));
  const lexemeOffsets = new Int32Array(sortedLexemes.length + 1);
  let postings = 0;
  sortedLexemes.forEach((l, i) => {
    lexemeOffsets[i] = postings;
    postings += l.rows.length;
  });
  lexemeOffsets[sortedLexemes.length] = postings;
  const lexemeRows = new Int32Array(postings);
  sortedLexemes.forEach((l, i) => {
    for (let k = 0; k < l.rows.length; k++) {
      const row = l.rows[k]!;
      if (!(row >= 0 && row < n)) throw new Error(`lexeme ${JSON.stringify(l.lexeme)} names row ${row} of ${n}`);
      lexemeRows[lexemeOffsets[i]! + k] = row;
    }
  });
  const order = (rank: (d: IndexedDeployment) => number) =>
    Int32Array.from(deployments.keys()).sort((a, b) => rank(deployments[a]!) - rank(deployments[b]!) || a - b);
  const rankIn = (rows: Int32Array) => {
    const rank = new Int32Array(n);
    rows.forEach((row, i) => (rank[row] = i));
    return rank;
  };
  const byTitle = order((d) => d.title_rank);
  const byUpdated = order((d) => d.updated_rank);
  return {
    size: n,
    rows: deployments.map((d) => ({
      id: d.id, slug: d.slug, title: d.title, status: d.status, decision_role: d.decision_role, countries: d.countries,
      unverified_claims: d.unverified_claims, red_line_verdict: d.red_line_verdict, facet_red_lines: d.facet_red_lines,
      technology_slug: d.technology_slug, technology_name: d.technology_name, deployer_slug: d.deployer_slug, deployer_name: d.deployer_name,
    })),
    rowOf: new Map(deployments.map((d, r) => [d.id, r])),
    byTitle,
    byUpdated,
    titleRank: rankIn(byTitle),
    updatedRank: rankIn(byUpdated),
    columns: Object.fromEntries(FACETS.map((f) => [f, buildColumn(f, deployments, orgs)])) as Record<FacetName, FacetColumn>,
    lexemes: sortedLexemes.map((l) => l.lexeme), lexemeOffsets, lexemeRows,
  };
}

/**
 * The rows matching every item of the text query, with their relevance: how many of the
 * deployment's lexemes the items matched (a prefix can match several forms of a word), which is
 * what PostgreSQL's ts_rank measures on vectors stripped of positions.
 */
function matchText(index: DeploymentIndex, text: TextQuery): { rows: Int32Array; score: Int32Array } {
  const scratch = scratchOf(index);
  const { stamp, state, score } = scratch;
  const items = text.items;
  if (!items.length) return { rows: new Int32Array(0), score };
  // Only rows in the first item's postings can match. For them, state = how many items they
  // matched so far (a row that missed an item stays behind for good), score = forms matched.
  const epoch = nextEpoch(scratch);
  const candidates: number[] = [];
  const { lexemes, lexemeOffsets, lexemeRows } = index;
  for (let item = 0; item < items.length; item++) {
    const { lexeme, prefix } = items[item]!;
    // First lexeme >= the item's, by binary search; then every lexeme it names.
    let lo = 0;
    let hi = lexemes.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lexemes[mid]! < lexeme) lo = mid + 1;
      else hi = mid;
    }
    for (let l = lo; l < lexemes.length && (prefix ? lexemes[l]!.startsWith(lexeme) : lexemes[l] === lexeme); l++) {
      for (let k = lexemeOffsets[l]!, end = lexemeOffsets[l + 1]!; k < end; k++) {
        const row = lexemeRows[k]!;
        if (item === 0) {
          if (stamp[row] !== epoch) {
            stamp[row] = epoch;
            state[row] = 1;
            score[row] = 1;
            candidates.push(row);
          } else score[row]!++;
        } else if (stamp[row] === epoch) { // other rows are not candidates: skip them
          const matched = state[row]!;
          if (matched === item) {
            state[row] = item + 1;
            score[row]!++;
          } else if (matched === item + 1) score[row]!++;
        }
      }
    }
  }
  // Matches in row order, which the facet counting reads far faster than scattered rows: many are
  // picked out by a scan of the rows, a few are sorted.
  const all = items.length;
  if (candidates.length * 16 > index.size) {
    const rows: number[] = [];
    for (let row = 0; row < index.size; row++) if (stamp[row] === epoch && state[row] === all) rows.push(row);
    return { rows: Int32Array.from(rows), score };
  }
  const rows = Int32Array.from(candidates.filter((row) => state[row] === all)).sort();
  return { rows, score };
}

/** The active filters: per facet, which codes it accepts (a facet given only unknown values accepts none). */
type ActiveFilter = { facet: FacetName; column: FacetColumn; accepts: Uint8Array };

function activeFilters(index: DeploymentIndex, query: SearchQuery): ActiveFilter[] {
  const filters: ActiveFilter[] = [];
  for (const facet of FACETS) {
    const chosen = query[facet] as string[];
    if (!chosen.length) continue;
    const column = index.columns[facet];
    const accepts = new Uint8Array(column.values.length);
    for (const v of chosen) {
      const code = column.codeOf.get(v);
      if (code !== undefined) accepts[code] = 1;
    }
    filters.push({ facet, column, accepts });
  }
  return filters;
}

/**
 * Answers a search: the total, one page of hits and every facet's counts, each facet counted under
 * all other filters (values within a facet combine with OR, facets with AND). Without search text
 * every deployment is a candidate; with it (normalised by the database), only the matching ones.
 */
export function searchIndex(index: DeploymentIndex, query: SearchQuery, text: TextQuery | null, window?: ResultWindow): SearchResult {
  const limit = window?.limit ?? PAGE_SIZE;
  const offset = window?.offset ?? (query.page - 1) * PAGE_SIZE;
  const filters = activeFilters(index, query);
  if (!text && !filters.length) {
    if (!index.unfiltered) {
      const { total, facets } = countFacets(index, null, []);
      index.unfiltered = { total, facets };
    }
    const order = query.sort === 'updated' ? index.byUpdated : index.byTitle;
    return result(index, index.unfiltered.total, Array.from(order.subarray(offset, offset + limit)), index.unfiltered.facets);
  }

  // Candidates: the rows matching the text (with their relevance), or every row.
  const match = text ? matchText(index, text) : null;
  const candidates = match ? match.rows : null;
  const { total, facets, hits } = countFacets(index, candidates, filters, query);
  let page: number[];
  if (query.sort === 'relevance' && match) {
    const { score } = match;
    page = topRows(hits, offset + limit, (a, b) => score[b]! - score[a]! || index.titleRank[a]! - index.titleRank[b]!).slice(offset);
  } else if (query.sort === 'updated') {
    page = inOrder(index, index.byUpdated, index.updatedRank, hits, offset, limit);
  } else {
    // Relevance without text means title order.
    page = inOrder(index, index.byTitle, index.titleRank, hits, offset, limit);
  }
  return result(index, total, page, facets);
}

function result(index: DeploymentIndex, total: number, rows: number[], facets: Record<FacetName, FacetValue[]>): SearchResult {
  const hits = rows.map((r) => index.rows[r]!);
  return { total, hits, ids: hits.map((h) => h.id), facets };
}

/**
 * Counts the total and every facet in one pass over the candidates, and lists the hits. A row
 * failing no filter is a hit and counts in every facet; a row failing exactly one filter counts
 * only in that filter's own facet (which leaves its own filter out); rows failing two or more
 * count nowhere.
 */
function countFacets(index: DeploymentIndex, candidates: Int32Array | null, filters: ActiveFilter[], query?: SearchQuery) {
  const counts = Object.fromEntries(FACETS.map((f) => [f, new Int32Array(index.columns[f].values.length)])) as Record<FacetName, Int32Array>;
  // Plain arrays indexed by number: this loop runs for every candidate, so no destructuring in it.
  const colOffsets = FACETS.map((f) => index.columns[f].offsets);
  const colCodes = FACETS.map((f) => index.columns[f].codes);
  const colCounts = FACETS.map((f) => counts[f]);
  const fOffsets = filters.map((f) => f.column.offsets);
  const fCodes = filters.map((f) => f.column.codes);
  const fAccepts = filters.map((f) => f.accepts);
  const fCounts = filters.map((f) => counts[f.facet]);
  const nFilters = filters.length;
  const nColumns = FACETS.length;
  // The hits go to the index's working array (read before the next search, never kept).
  const hits = scratchOf(index).hits;
  let total = 0;
  const n = candidates ? candidates.length : index.size;
  for (let i = 0; i < n; i++) {
    const row = candidates ? candidates[i]! : i;
    let failed = -1;
    let failures = 0;
    for (let f = 0; f < nFilters; f++) {
      const offsets = fOffsets[f]!;
      const codes = fCodes[f]!;
      const accepts = fAccepts[f]!;
      let pass = false;
      for (let k = offsets[row]!, end = offsets[row + 1]!; k < end; k++) if (accepts[codes[k]!]) { pass = true; break; }
      if (pass) continue;
      failed = f;
      if (++failures > 1) break;
    }
    if (failures === 0) {
      hits[total++] = row;
      for (let c = 0; c < nColumns; c++) {
        const offsets = colOffsets[c]!;
        const codes = colCodes[c]!;
        const into = colCounts[c]!;
        for (let k = offsets[row]!, end = offsets[row + 1]!; k < end; k++) into[codes[k]!]!++;
      }
    } else if (failures === 1) {
      const offsets = fOffsets[failed]!;
      const codes = fCodes[failed]!;
      const into = fCounts[failed]!;
      for (let k = offsets[row]!, end = offsets[row + 1]!; k < end; k++) into[codes[k]!]!++;
    }
  }
  const facets = Object.fromEntries(FACETS.map((f) => {
    const selected = query ? (query[f] as string[]).length : 0;
    return [f, topValues(index.columns[f], counts[f], FACET_LIMIT + selected, ORGANISATION_FACETS.has(f))];
  })) as Record<FacetName, FacetValue[]>;
  return { total, facets, hits: hits.subarray(0, total) };
}

const byCodePoint = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A facet's values with a count, most frequent first; ties by label (organisations) and value. */
function topValues(column: FacetColumn, counts: Int32Array, limit: number, byLabel: boolean): FacetValue[] {
  const codes: number[] = [];
  counts.forEach((c, code) => c > 0 && codes.push(code));
  codes.sort((a, b) => counts[b]! - counts[a]! || (byLabel ? byCodePoint(column.labels[a]!, column.labels[b]!) : 0) || byCodePoint(column.values[a]!, column.values[b]!));
  return codes.slice(0, limit).map((code) => ({ value: column.values[code]!, label: column.labels[code]!, count: counts[code]! }));
}

/**
 * One window of the hits in a precomputed order (`rank` is each row's position in `order`). A few
 * hits are sorted by rank; many are marked and picked out of the order, which stops at the window.
 */
function inOrder(index: DeploymentIndex, order: Int32Array, rank: Int32Array, hits: Int32Array, offset: number, limit: number): number[] {
  if (hits.length * 8 < index.size) return Array.from(hits).sort((a, b) => rank[a]! - rank[b]!).slice(offset, offset + limit);
  const { mark } = scratchOf(index);
  for (const row of hits) mark[row] = 1;
  const out: number[] = [];
  let seen = 0;
  for (let i = 0; i < index.size && out.length < limit; i++) {
    const row = order[i]!;
    if (!mark[row]) continue;
    if (seen++ >= offset) out.push(row);
  }
  for (const row of hits) mark[row] = 0;
  return out;
}

/** The first `k` hits among the candidates in the order `compare`, with a bounded heap (k is at most a page past the last). */
function topRows(candidates: Int32Array, k: number, compare: (a: number, b: number) => number): number[] {
  if (k <= 0) return [];
  // A max-heap on `compare`: its root is the worst of the best k so far.
  const heap: number[] = [];
  const worse = (i: number, j: number) => compare(heap[i]!, heap[j]!) > 0;
  const swap = (i: number, j: number) => ([heap[i], heap[j]] = [heap[j]!, heap[i]!]);
  for (const row of candidates) {
    if (heap.length < k) {
      heap.push(row);
      for (let i = heap.length - 1; i > 0;) {
        const parent = (i - 1) >> 1;
        if (!worse(i, parent)) break;
        swap(i, parent);
        i = parent;
      }
    } else if (compare(row, heap[0]!) < 0) {
      heap[0] = row;
      for (let i = 0; ;) {
        const l = 2 * i + 1;
        const r = l + 1;
        let m = i;
        if (l < heap.length && worse(l, m)) m = l;
        if (r < heap.length && worse(r, m)) m = r;
        if (m === i) break;
        swap(i, m);
        i = m;
      }
    }
  }
  return heap.sort(compare);
}
