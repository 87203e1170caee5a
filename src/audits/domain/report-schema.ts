import { z } from 'zod';

// The documented schema of the audit report document, version safeguard.audit/1: what `safeguard
// audit --json` writes (its JSON Schema is `safeguard audit --json-schema`). A test checks real
// reports against it, so the documentation cannot drift from the code. In a published report,
// suppressed counts and the rates, intervals and tests that rest on them are null.

const interval = z.tuple([z.number(), z.number()]).nullable();
const rate = z.object({ value: z.number().nullable(), ci: interval }).describe('a rate with its 95% Wilson interval (null when the denominator is 0)');
const attributes = z.record(z.string(), z.string().nullable()).describe('the group: attribute → value; null is the "missing" group; {} is everyone');
const count = z.number().int().nonnegative().nullable();
const counts = z.object({ pp: count, tp: count.optional(), fp: count.optional(), fn: count.optional(), tn: count.optional() })
  .describe('predicted positives and, with a label, the confusion counts');
const METRICS = ['selection_rate', 'ppr', 'prevalence', 'tpr', 'tnr', 'fpr', 'fnr', 'precision', 'npv', 'fdr', 'for'] as const;
const metric = z.enum(METRICS);
const metrics = z.object(Object.fromEntries(METRICS.map((m) => [m, rate.optional()]))).describe('selection_rate and ppr always; the others when the log has a label');
const disparity = z.object({
  reference: attributes,
  ratio: z.number().nullable().describe('group rate ÷ reference rate; null when the reference rate is 0'),
  ratio_ci: interval.describe('Katz log 95% interval'),
  difference: z.number().nullable(),
  p: z.number().nullable().describe('two-sided p-value (Fisher when an expected count is below 5, otherwise chi-square); null when not tested'),
  q: z.number().nullable().describe('p adjusted across the whole report (Benjamini–Hochberg or Holm)'),
  test: z.enum(['fisher', 'chi_square']).nullable(),
  flagged: z.boolean(),
});

export const auditReportSchema = z.object({
  schema: z.literal('safeguard.audit/1'),
  input: z.object({
    file: z.string(), format: z.enum(['csv', 'parquet', 'jsonl']), protected: z.array(z.string()), outcome: z.string(),
    threshold: z.number().nullable(), label: z.string().nullable(), outcome_rule: z.string(),
  }),
  parameters: z.object({
    reference: z.union([z.object({ kind: z.literal('majority') }), z.object({ kind: z.literal('favourable') }), z.object({ kind: z.literal('given'), values: z.record(z.string(), z.string()) })]),
    max_order: z.number().int(), alpha: z.number(), correction: z.enum(['bh', 'holm']), ratio_bounds: z.tuple([z.number(), z.number()]),
    min_n: z.number().int(), min_support: z.number().int(), positive_outcome: z.enum(['favourable', 'unfavourable']),
  }).passthrough(),
  rows: z.object({ read: count, counted: count, rejected: z.array(z.object({ reason: z.string(), count })) })
    .describe('rows read, counted and left out (with why); in a published report a small count of left-out rows is null, and then so is read'),
  published: z.boolean(),
  overall: z.object({ n: count, counts, metrics }),
  groups: z.array(z.object({ attributes, n: count, counts, metrics, disparity: z.object(Object.fromEntries(METRICS.map((m) => [m, disparity.optional()]))) })),
  findings: z.array(z.object({
    attributes, metric, reference: attributes, n: z.number().int(), reference_n: z.number().int(), rate: z.number(), reference_rate: z.number(),
    ratio: z.number().nullable(), ratio_ci: interval, difference: z.number(), p: z.number(), q: z.number(), sentence: z.string().describe('the finding as one plain sentence'),
  })),
  tooSmall: z.array(z.object({ attributes, n: count })).describe('groups below the minimum n: listed, not tested'),
  worstOff: z.array(z.object({
    attributes, n: z.number().int(), selection_rate: z.number(), reference: attributes, reference_selection_rate: z.number(),
    ratio: z.number().nullable(), ratio_ci: interval, difference: z.number(), p: z.number().nullable(), q: z.number().nullable(), flagged: z.boolean(),
    drivers: z.array(z.object({
      attribute: z.string(), value: z.string().nullable(), n: count, selection_rate: z.number().nullable(), is_reference: z.boolean(),
      ratio: z.number().nullable(), ratio_ci: interval, q: z.number().nullable(), flagged: z.boolean(),
    })),
    worse_than_parts: z.boolean(),
  })).describe('intersections ranked by disparity in selection rate, with the attributes that drive them'),
  reference: attributes.describe('the reference value of each attribute'),
  family: z.object({ correction: z.enum(['bh', 'holm']), tests: z.number().int() }),
  suppression: z.object({
    method: z.literal('cell suppression'),
    min_cell: z.number().int().positive().describe('published counts from 1 to min_cell − 1 are withheld'),
    rounding_base: z.number().int().nullable().describe('published counts are rounded to the nearest multiple of this base (5: the Eurostat convention); null: not rounded'),
    cells: z.number().int().describe("the cells of the published tables: every group's n, predicted positives and negatives, and with a label actual positives and negatives and the four confusion counts"),
    primary: z.number().int().describe('cells withheld because they are small'),
    complementary: z.number().int().describe('cells withheld so that no small cell can be worked out from the published ones'),
    withheld_groups: z.number().int().describe('groups nobody is in whose zero counts are withheld too; they appear with null counts'),
  }).optional().describe('present when published is true: how the counts were protected'),
}).passthrough();
