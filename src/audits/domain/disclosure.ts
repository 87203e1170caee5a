import { invalidInput } from '../../platform/errors.ts';
import { type AuditInput, compareValues } from './cells.ts';
import type { CellName } from './metrics.ts';

// Statistical disclosure control for a published audit (AUD-3): which counts must be withheld so
// that nobody in a small group can be singled out, even by subtracting published counts from one
// another.
//
// The published tables. A published report holds, for every group of up to maxOrder attributes
// (and for everyone), its cells: n, predicted positives and negatives, and with a label actual
// positives and negatives and the four confusion counts. Seen together these are the margins of
// one cube whose dimensions are the protected attributes, the prediction and the label; its atoms
// are the finest cells crossed with prediction and label. Every cell of the cube is addressed by a
// dense key (one code per dimension, the last code of each meaning "total").
//
// Primary suppression withholds every published cell with 0 < count < minCell. Zeros are published:
// a group nobody is in tells nothing about a person.
//
// Complementary suppression protects each primary cell s with a hypercube of atoms: pick dimensions
// D among those s fixes, another value b_j for each, and one value w for every other dimension;
// the 2^|D| atoms at the corners (each dimension of D at s's value or at b_j, the rest at w) get
// +1 and −1 alternately. Every cell of a table that does not hold all of D sums two corners of
// opposite sign (or none), so it does not change; each cell of a table that holds D (and agrees
// with w elsewhere) holds exactly one corner and changes by ±1. When all of those are withheld and
// the corners that lose 1 are positive, the log with the corners moved is another log of whole,
// non-negative counts that publishes exactly the same numbers, with s — and every cell withheld for
// this cube — different: none of them can be worked out, by subtraction or by any linear or integer
// reasoning. Suppressing more never undoes a cube, so the cubes are chosen greedily, each the
// cheapest (fewest and smallest counts not yet withheld) among a bounded set of candidates; a cube
// with |D| = 1 always exists, so every primary cell is protected.
//
// Rounding (base 5, the Eurostat convention for asylum statistics) applies to the published counts
// after suppression; it only adds uncertainty.

/** What a published report says about the suppression (`suppression` in safeguard.audit/1). */
export type SuppressionSummary = {
  method: 'cell suppression';
  /** Published counts below this (and above 0) are withheld. */
  min_cell: number;
  /** Published counts are rounded to the nearest multiple of this base (5, the Eurostat convention); null: not rounded. */
  rounding_base: number | null;
  /** The cells of the published tables (every group's n, predicted positives and negatives, and with a label, actual positives and negatives and the confusion counts). */
  cells: number;
  /** Cells withheld because they are small. */
  primary: number;
  /** Cells withheld so that no small cell can be worked out from the others. */
  complementary: number;
  /** Groups nobody is in whose zero counts had to be withheld too (they appear with null counts). */
  withheld_groups: number;
};

export type DisclosureOptions = {
  /** Counts from 1 to minCell − 1 are withheld (10 by default). */
  minCell: number;
  /** Round published counts to this base (5), or null. */
  round: number | null;
  /** The largest published intersection (the audit's maxOrder). */
  maxOrder: number;
};

export type ProtectedCells = {
  /** Whether a group's cell is withheld. The group is given as in DerivedGroup: attribute indexes (ascending) and values. */
  isWithheld(attributeIndexes: readonly number[], values: readonly (string | null)[], cell: CellName): boolean;
  /** A group's cell as published: null when withheld, else the count (rounded when asked). */
  published(attributeIndexes: readonly number[], values: readonly (string | null)[], cell: CellName): number | null;
  /** Groups with no rows (so absent from the report) some of whose zero cells are withheld. */
  withheldEmptyGroups: { attributeIndexes: number[]; values: (string | null)[] }[];
  summary: SuppressionSummary;
};

/** Code of the prediction and label dimensions: 0 = positive (1), 1 = negative (0), 2 = total. */
const CELL_CODES: Record<CellName, [prediction: number, label: number]> = {
  n: [2, 2], pp: [0, 2], npp: [1, 2], pos: [2, 0], neg: [2, 1], tp: [0, 0], fp: [0, 1], fn: [1, 0], tn: [1, 1],
};
const LABEL_CELLS: ReadonlySet<CellName> = new Set(['pos', 'neg', 'tp', 'fp', 'fn', 'tn']);

/** The largest cube (cells of every table) the suppression works on: 2^23 keys, 64 MB of counts. */
export const MAX_CUBE_CELLS = 2 ** 23;

/** Withholds the small cells of every published table of an audit, and enough others that none can be worked out. */
export function protectCells(input: AuditInput, options: DisclosureOptions): ProtectedCells {
  const { minCell, round } = options;
  if (!Number.isInteger(minCell) || minCell < 1) throw invalidInput('minCell', 'The minimum cell must be a whole number, 1 or more.');
  if (round !== null && (!Number.isInteger(round) || round < 2)) throw invalidInput('round', 'The rounding base must be a whole number, 2 or more.');
  const k = input.attributes.length;
  const labelled = input.labelled;
  const maxOrder = Math.max(0, Math.min(k, Math.floor(options.maxOrder)));

  // Dimensions: the attributes, then the prediction, then (with a label) the label.
  const values: (string | null)[][] = input.attributes.map((_, j) => [...new Set(input.cells.map((c) => c.values[j]!))].sort(compareValues));
  const valueCode = values.map((vs) => new Map(vs.map((v, i) => [v, i])));
  const radix = [...values.map((vs) => vs.length + 1), 3, ...(labelled ? [3] : [])];
  const m = radix.length;
  const total = radix.map((r) => r - 1);
  const stride: number[] = [];
  let size = 1;
  for (const r of radix) {
    stride.push(size);
    size *= r;
  }
  if (size > MAX_CUBE_CELLS) {
    throw invalidInput('maxOrder', `The published tables would have ${size.toLocaleString('en-GB')} cells, more than the ${MAX_CUBE_CELLS.toLocaleString('en-GB')} the suppression can check: audit fewer attributes, or group their values.`);
  }
  const P = k; // index of the prediction dimension; the label's is k + 1
  const allTotal = total.reduce((key, t, j) => key + t * stride[j]!, 0);

  // The cube: atoms first, then every margin, one dimension at a time.
  const count = new Float64Array(size);
  const add = (key: number, x: number) => {
    count[key] = count[key]! + x;
  };
  for (const cell of input.cells) {
    let base = 0;
    for (let j = 0; j < k; j++) base += valueCode[j]!.get(cell.values[j]!)! * stride[j]!;
    const c = cell.counts;
    if (labelled) {
      const sp = stride[P]!;
      const sl = stride[P + 1]!;
      add(base, c.tp!);
      add(base + sl, c.fp!);
      add(base + sp, c.fn!);
      add(base + sp + sl, c.tn!);
    } else {
      add(base, c.pp);
      add(base + stride[P]!, c.n - c.pp);
    }
  }
  const codeOf = (key: number, j: number) => Math.floor(key / stride[j]!) % radix[j]!;
  for (let j = 0; j < m; j++) {
    const t = total[j]!;
    const s = stride[j]!;
    for (let key = 0; key < size; key++) {
      const code = codeOf(key, j);
      if (code !== t) add(key + (t - code) * s, count[key]!);
    }
  }
  if (count[allTotal]! < minCell) {
    throw invalidInput('minCell', `The log has ${count[allTotal]} counted decisions, fewer than the minimum cell of ${minCell}: nothing of it can be published.`);
  }

  // A table is published when it crosses at most maxOrder attributes (prediction and label are free).
  const isPublished = (key: number): boolean => {
    let order = 0;
    for (let j = 0; j < k; j++) if (codeOf(key, j) !== total[j]) order++;
    return order <= maxOrder;
  };
  /** The key of the same group's n (prediction and label at total). */
  const groupKeyOf = (key: number): number => {
    let g = key - codeOf(key, P) * stride[P]! + total[P]! * stride[P]!;
    if (labelled) g += (total[P + 1]! - codeOf(key, P + 1)) * stride[P + 1]!;
    return g;
  };

  const suppressed = new Uint8Array(size);
  const primaries: number[] = [];
  let cells = 0;
  for (let key = 0; key < size; key++) {
    if (!isPublished(key)) continue;
    const c = count[key]!;
    if (count[groupKeyOf(key)]! > 0) cells++;
    if (c > 0 && c < minCell) {
      primaries.push(key);
      suppressed[key] = 1;
    }
  }
  // Smallest first (the most at risk), then in key order: the same tables always give the same suppression.
  primaries.sort((a, b) => count[a]! - count[b]! || a - b);

  // What withholding a cell costs. Coarser tables are worth far more to readers (a nationality's
  // rate against an intersection's of four attributes), so each order coarser costs 64 times more
  // (a cube moves at most 2^m cells, 64 for four attributes and a label): a margin is withheld only
  // when no cube inside finer tables will do. Within a table, larger counts cost more (information
  // lost, on a log scale); a group nobody is in costs most, as it would have to appear, withheld.
  const weight = (key: number, order: number): number => {
    let w = 64 ** (maxOrder - order) * (1 + Math.log2(1 + count[key]!));
    if (count[groupKeyOf(key)] === 0) w += 64 ** (maxOrder + 1);
    return w;
  };

  // Scratch space of the cube walks, allocated once: a cube moves at most 2^m cells.
  const cornerKey = new Float64Array(1 << m);
  const restKey = new Float64Array(1 << m);
  const restOrder = new Int32Array(1 << m);
  const inCube = new Uint8Array(m);

  const codes = new Int32Array(m);
  for (const s of primaries) {
    for (let j = 0; j < m; j++) codes[j] = codeOf(s, j);
    const fixed = [...Array(m).keys()].filter((j) => codes[j] !== total[j]);
    const free = [...Array(m).keys()].filter((j) => codes[j] === total[j]);
    const ws = witnessAtoms(s, free);
    const choices = dimensionChoices(fixed);
    let best: { cost: number; d: number[]; b: number[]; w: Int32Array } | null = null;
    search: for (const w of ws) {
      for (const d of choices) {
        for (const b of alternativeCombos(s, d)) {
          const cost = cubeCost(d, b, w, best?.cost ?? Infinity);
          if (cost === null) continue;
          if (!best || cost < best.cost) best = { cost, d, b, w };
          if (cost === 0) break search;
        }
      }
    }
    // A one-dimension cube over a positive atom under s is always feasible, so best is set.
    if (!best) throw new Error('no protecting cube found');
    if (best.cost > 0) forEachCubeCell(best.d, best.b, best.w, (key) => {
      suppressed[key] = 1;
      return true;
    });
  }

  /** Up to three positive atoms under s (values for its free dimensions): the two smallest and the largest. */
  function witnessAtoms(s: number, free: number[]): Int32Array[] {
    const found: { key: number; c: number }[] = [];
    const walk = (i: number, key: number): void => {
      if (i === free.length) {
        const c = count[key]!;
        if (c > 0) found.push({ key, c });
        return;
      }
      const j = free[i]!;
      for (let v = 0; v < total[j]!; v++) walk(i + 1, key + (v - total[j]!) * stride[j]!);
    };
    walk(0, s);
    found.sort((a, b) => a.c - b.c || a.key - b.key);
    const picked = found.length <= 3 ? found : [found[0]!, found[1]!, found[found.length - 1]!];
    return picked.map(({ key }) => {
      const w = new Int32Array(m);
      for (let j = 0; j < m; j++) w[j] = codeOf(key, j);
      return w;
    });
  }

  /** The sets D tried: every fixed dimension, all but one of them, and each one alone. */
  function dimensionChoices(fixed: number[]): number[][] {
    const out: number[][] = [fixed];
    if (fixed.length > 1) {
      for (const drop of fixed) out.push(fixed.filter((j) => j !== drop));
      if (fixed.length > 2) for (const j of fixed) out.push([j]);
    }
    return out;
  }

  /**
   * For each dimension of D, the other values tried, combined: siblings of s already withheld
   * first (free to reuse), then the largest (whose atoms are most likely positive, so the cube is
   * feasible). Three per dimension for small cubes, two for larger ones.
   */
  function alternativeCombos(s: number, d: number[]): number[][] {
    const perDim = d.length <= 2 ? 3 : 2;
    const options = d.map((j) => {
      const own = codeOf(s, j);
      const others: { v: number; rank: number }[] = [];
      for (let v = 0; v < total[j]!; v++) {
        if (v === own) continue;
        const sibling = s + (v - own) * stride[j]!;
        const c = count[sibling]!;
        others.push({ v, rank: (suppressed[sibling] && c > 0 ? -1e15 : 0) - c });
      }
      others.sort((a, b) => a.rank - b.rank || a.v - b.v);
      return others.slice(0, perDim).map((o) => o.v);
    });
    const out: number[][] = [];
    const combine = (i: number, chosen: number[]): void => {
      if (i === d.length) {
        out.push([...chosen]);
        return;
      }
      for (const v of options[i]!) {
        chosen.push(v);
        combine(i + 1, chosen);
        chosen.pop();
      }
    };
    combine(0, []);
    return out;
  }

  /**
   * Calls back with each published cell a cube moves, once per cell, with the number of attributes
   * its table crosses: corner c of D (its key part over D) plus each subset e of the other
   * dimensions taken at w (the rest at total).
   */
  function forEachCubeCell(d: number[], b: number[], w: Int32Array, visit: (key: number, order: number) => boolean): boolean {
    inCube.fill(0);
    let orderD = 0;
    for (const j of d) {
      inCube[j] = 1;
      if (j < k) orderD++;
    }
    const corners = 1 << d.length;
    for (let c = 0; c < corners; c++) {
      let key = 0;
      for (let i = 0; i < d.length; i++) {
        const j = d[i]!;
        key += (c & (1 << i) ? b[i]! : w[j]!) * stride[j]!;
      }
      cornerKey[c] = key;
    }
    let subsets = 1;
    restKey[0] = 0;
    restOrder[0] = 0;
    for (let j = 0; j < m; j++) {
      if (inCube[j]) continue;
      // Each subset without j at total on j; with j at w.
      for (let e = 0; e < subsets; e++) {
        restKey[e + subsets] = restKey[e]! + w[j]! * stride[j]!;
        restOrder[e + subsets] = restOrder[e]! + (j < k ? 1 : 0);
        restKey[e] = restKey[e]! + total[j]! * stride[j]!;
      }
      subsets *= 2;
    }
    for (let c = 0; c < corners; c++) {
      for (let e = 0; e < subsets; e++) {
        const order = orderD + restOrder[e]!;
        if (order > maxOrder) continue;
        if (!visit(cornerKey[c]! + restKey[e]!, order)) return false;
      }
    }
    return true;
  }

  /** The cost of a cube (null when it is not feasible: the corners that lose 1 must be positive), stopping at `bound`. */
  function cubeCost(d: number[], b: number[], w: Int32Array, bound: number): number | null {
    // Corner atoms, by parity of the number of alternative values they take.
    let evenPositive = true;
    let oddPositive = true;
    let base = 0;
    for (let j = 0; j < m; j++) base += w[j]! * stride[j]!;
    for (let c = 0; c < 1 << d.length; c++) {
      let key = base;
      let parity = 0;
      for (let i = 0; i < d.length; i++) {
        if (!(c & (1 << i))) continue;
        key += (b[i]! - w[d[i]!]!) * stride[d[i]!]!;
        parity ^= 1;
      }
      if (!(count[key]! > 0)) {
        if (parity === 0) evenPositive = false;
        else oddPositive = false;
      }
    }
    if (!evenPositive && !oddPositive) return null;
    let cost = 0;
    const complete = forEachCubeCell(d, b, w, (key, order) => {
      if (!suppressed[key]) cost += weight(key, order);
      return cost < bound;
    });
    return complete || cost < bound ? cost : bound;
  }

  function keyOf(attributeIndexes: readonly number[], groupValues: readonly (string | null)[], cell: CellName): number {
    if (!labelled && LABEL_CELLS.has(cell)) throw new Error(`${cell} needs a label`);
    let key = allTotal;
    attributeIndexes.forEach((j, i) => {
      const code = valueCode[j]!.get(groupValues[i]!);
      if (code === undefined) throw new Error(`unknown value of attribute ${j}`);
      key += (code - total[j]!) * stride[j]!;
    });
    const [prediction, label] = CELL_CODES[cell];
    key += (prediction - total[P]!) * stride[P]!;
    if (labelled) key += (label - total[P + 1]!) * stride[P + 1]!;
    return key;
  }

  const withheldEmptyGroups: ProtectedCells['withheldEmptyGroups'] = [];
  const seenEmpty = new Set<number>();
  let suppressedCount = 0;
  for (let key = 0; key < size; key++) {
    if (!suppressed[key]) continue;
    suppressedCount++;
    const g = groupKeyOf(key);
    if (count[g] === 0 && !seenEmpty.has(g)) {
      seenEmpty.add(g);
      const attributeIndexes: number[] = [];
      const groupValues: (string | null)[] = [];
      for (let j = 0; j < k; j++) {
        const code = codeOf(g, j);
        if (code !== total[j]) {
          attributeIndexes.push(j);
          groupValues.push(values[j]![code]!);
        }
      }
      withheldEmptyGroups.push({ attributeIndexes, values: groupValues });
    }
  }

  return {
    isWithheld: (indexes, groupValues, cell) => suppressed[keyOf(indexes, groupValues, cell)] === 1,
    published: (indexes, groupValues, cell) => {
      const key = keyOf(indexes, groupValues, cell);
      if (suppressed[key]) return null;
      const c = count[key]!;
      return round === null ? c : Math.round(c / round) * round;
    },
    withheldEmptyGroups,
    summary: {
      method: 'cell suppression',
      min_cell: minCell,
      rounding_base: round,
      cells,
      primary: primaries.length,
      complementary: suppressedCount - primaries.length,
      withheld_groups: withheldEmptyGroups.length,
    },
  };
}
