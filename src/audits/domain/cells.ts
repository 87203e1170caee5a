import { invalidInput } from '../../platform/errors.ts';

// The audit's input is a decision log aggregated ONCE to its finest cells (one per combination of
// every protected attribute); every coarser group and every intersection is summed from those cells
// here, so the log is scanned only once however many groups the report holds.

/** Counts of one group. pp = predicted positives. tp/fp/fn/tn exist only when the log has a ground-truth label. */
export type Counts = { n: number; pp: number; tp?: number; fp?: number; fn?: number; tn?: number };
/** One finest cell: a value for every protected attribute (null = the value was missing in the log: a "missing" group, never dropped). */
export type FinestCell = { values: (string | null)[]; counts: Counts };
/** A decision log's finest cells, with the protected attributes in the order of every cell's values. */
export type AuditInput = { attributes: string[]; labelled: boolean; cells: FinestCell[] };

/** A group's attribute values, keyed by attribute name in the input's attribute order ({} for everyone). */
export type GroupAttributes = Record<string, string | null>;

/** One derived group: a subset of the attributes (its order is their number) with one value each. */
export type DerivedGroup = {
  order: number;
  /** Indexes of the group's attributes in `AuditInput.attributes`, ascending. */
  attributeIndexes: number[];
  /** The group's value of each of those attributes, in the same order. */
  values: (string | null)[];
  attributes: GroupAttributes;
  counts: Counts;
};

const CONFUSION = ['tp', 'fp', 'fn', 'tn'] as const;

const isCount = (x: unknown): x is number => typeof x === 'number' && Number.isSafeInteger(x) && x >= 0;

/** Checks the input's shape and the consistency of every cell's counts (throws invalid_input). */
export function validateAuditInput(input: AuditInput): void {
  const k = input.attributes.length;
  if (k === 0) throw invalidInput('attributes', 'An audit needs at least one protected attribute.');
  if (new Set(input.attributes).size !== k) throw invalidInput('attributes', 'The protected attributes must have distinct names.');
  input.cells.forEach((cell, i) => {
    const where = `cell ${i + 1}`;
    if (cell.values.length !== k) throw invalidInput('cells', `${where} has ${cell.values.length} values for ${k} protected attributes.`);
    const c = cell.counts;
    if (!isCount(c.n) || !isCount(c.pp) || c.pp > c.n) throw invalidInput('cells', `${where}: n and pp must be whole numbers with 0 ≤ pp ≤ n.`);
    if (input.labelled) {
      if (!CONFUSION.every((key) => isCount(c[key]))) throw invalidInput('cells', `${where}: a labelled audit needs tp, fp, fn and tn.`);
      if (c.tp! + c.fp! !== c.pp || c.tp! + c.fp! + c.fn! + c.tn! !== c.n) {
        throw invalidInput('cells', `${where}: tp + fp must equal pp and tp + fp + fn + tn must equal n.`);
      }
    }
  });
}

/** Sums counts (the confusion counts only when labelled). */
export function addCounts(into: Counts, from: Counts, labelled: boolean): void {
  into.n += from.n;
  into.pp += from.pp;
  if (labelled) for (const key of CONFUSION) into[key] = (into[key] ?? 0) + (from[key] ?? 0);
}

/** Empty counts of the right shape. */
export function zeroCounts(labelled: boolean): Counts {
  return labelled ? { n: 0, pp: 0, tp: 0, fp: 0, fn: 0, tn: 0 } : { n: 0, pp: 0 };
}

/** Orders attribute values: by UTF-16 code units (locale-independent, so every machine agrees), null last. */
export function compareValues(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

/** Every subset of {0..k-1} of the given size, in lexicographic order of indexes. */
function subsetsOfSize(k: number, size: number): number[][] {
  const out: number[][] = [];
  const pick = (start: number, chosen: number[]): void => {
    if (chosen.length === size) {
      out.push([...chosen]);
      return;
    }
    for (let i = start; i <= k - (size - chosen.length); i++) pick(i + 1, [...chosen, i]);
  };
  pick(0, []);
  return out;
}

/** The attributes record of a group, keyed in the input's attribute order. */
export function attributesOf(names: readonly string[], indexes: readonly number[], values: readonly (string | null)[]): GroupAttributes {
  const out: GroupAttributes = {};
  indexes.forEach((index, j) => {
    out[names[index]!] = values[j]!;
  });
  return out;
}

/**
 * Every group of order 0..maxOrder (default: all attributes) with its counts summed from the finest
 * cells: first everyone (order 0, attributes {}), then by order, then by attribute subset (in the
 * input's attribute order), then by values (code-unit order, missing last). Groups with no rows do
 * not appear; a missing value (null) is a group of its own.
 */
export function deriveGroups(input: AuditInput, maxOrder: number = input.attributes.length): DerivedGroup[] {
  validateAuditInput(input);
  const k = input.attributes.length;
  const top = Math.max(0, Math.min(k, Math.floor(maxOrder)));
  const total = zeroCounts(input.labelled);
  for (const cell of input.cells) addCounts(total, cell.counts, input.labelled);
  const groups: DerivedGroup[] = [{ order: 0, attributeIndexes: [], values: [], attributes: {}, counts: total }];
  for (let order = 1; order <= top; order++) {
    for (const indexes of subsetsOfSize(k, order)) {
      const byKey = new Map<string, { values: (string | null)[]; counts: Counts }>();
      for (const cell of input.cells) {
        const values = indexes.map((i) => cell.values[i]!);
        const key = JSON.stringify(values);
        let group = byKey.get(key);
        if (!group) {
          group = { values, counts: zeroCounts(input.labelled) };
          byKey.set(key, group);
        }
        addCounts(group.counts, cell.counts, input.labelled);
      }
      const sorted = [...byKey.values()]
        .filter((g) => g.counts.n > 0)
        .sort((a, b) => {
          for (let j = 0; j < order; j++) {
            const c = compareValues(a.values[j]!, b.values[j]!);
            if (c !== 0) return c;
          }
          return 0;
        });
      for (const g of sorted) {
        groups.push({ order, attributeIndexes: indexes, values: g.values, attributes: attributesOf(input.attributes, indexes, g.values), counts: g.counts });
      }
    }
  }
  return groups;
}
