import type { Command } from 'commander';
import { DEFAULT_RULE } from '../redlines/domain/flag-rule.ts';
import { DataFileError } from '../platform/analytics/data-file.ts';
import type { ProxyReport } from '../redlines/find-proxies.ts';

/** Exit codes: what a script calling `safeguard proxies` can branch on (as `screen`'s: 3 means "do not go ahead as is"). */
export const PROXIES_EXIT = { no_strong_proxy: 0, strong_proxy: 3, invalid_input: 2 } as const;

const count = (n: number) => n.toLocaleString('en-GB');
const figure = (v: number) => v.toFixed(3);
/** p-values: three decimals, or a power of ten when small; 0 means below what a double holds. */
const pValue = (p: number) => (p === 0 ? '< 1e-300' : p < 0.001 ? p.toExponential(1) : p.toFixed(3));

function table(headers: string[], rows: string[][], right: boolean[]): string[] {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (right[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)];
}

function asText(r: ProxyReport): string {
  const kindOf = new Map(r.columns.map((c) => [c.name, c]));
  const lines = [
    `Rule: ${r.rule.text}.`,
    `${r.file}: ${count(r.rows)} rows, ${r.columns.length} columns; protected: ${r.protected.join(', ')}`,
    r.flagged ? `Result: ${r.flagged} strong prox${r.flagged === 1 ? 'y' : 'ies'} flagged.` : 'Result: no strong proxy flagged.',
  ];
  for (const p of r.protected) {
    const column = kindOf.get(p)!;
    const pairs = r.pairs.filter((x) => x.protected === p);
    lines.push('', `${p} (${column.kind}${column.categories ? `, ${column.categories.total} categories` : ''})`);
    if (!pairs.length) {
      lines.push('  no other column to measure');
      continue;
    }
    lines.push(...table(['column', 'measure', 'value', 'p', 'adjusted p', 'n', 'flag'], pairs.map((x) => [
      x.column,
      x.measure === 'eta' ? 'η' : kindOf.get(x.column)?.kind === 'numeric' ? "Cramér's V (binned)" : "Cramér's V",
      figure(x.value), pValue(x.p), pValue(x.adjustedP), count(x.n), x.flagged ? 'STRONG PROXY' : '',
    ]), [false, false, true, true, true, true, false]).map((l) => `  ${l}`));
  }
  const binned = r.columns.filter((c) => c.binEdges);
  if (binned.length) lines.push('', `Numeric × numeric pairs: both columns cut into bins at their approximate quintiles (${binned.map((c) => `${c.name}: ${c.binEdges!.length + 1} bins`).join('; ')}).`);
  if (r.notes.length) lines.push('', 'Notes:', ...r.notes.map((n) => `  ${n.column}: ${n.text}`));
  return lines.join('\n');
}

function parseOptions(opts: { protected?: string; threshold: string; maxCategories?: string }) {
  const protectedColumns = (opts.protected ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!protectedColumns.length) return { error: 'name the protected columns: --protected a,b' } as const;
  const threshold = Number(opts.threshold);
  if (!(threshold > 0 && threshold <= 1)) return { error: `--threshold must be a number above 0 and at most 1 (got ${JSON.stringify(opts.threshold)})` } as const;
  const maxCategories = opts.maxCategories === undefined ? undefined : Number(opts.maxCategories);
  if (maxCategories !== undefined && (!Number.isInteger(maxCategories) || maxCategories < 1)) return { error: `--max-categories must be a whole number of at least 1 (got ${JSON.stringify(opts.maxCategories)})` } as const;
  return { protectedColumns, threshold, maxCategories } as const;
}

export function proxiesCommand(program: Command) {
  program
    .command('proxies <file>')
    .description(
      'Measure how strongly each column of a CSV or Parquet file is associated with each protected column, and flag strong proxies. ' +
        'Exit 0: none flagged; 3: at least one strong proxy; 2: invalid input.',
    )
    .option('--protected <columns>', 'the protected columns, separated by commas (e.g. nationality,sex)')
    .option('--threshold <value>', 'strength from which an association is flagged (with a Holm-adjusted p < 0.05)', String(DEFAULT_RULE.threshold))
    .option('--max-categories <n>', 'categories kept per categorical column, the most frequent; the rest are lumped into "other" (default: 50, or one per 250 rows in larger files)')
    .option('--json', 'print the report as JSON: { file, format, rows, rule, protected, columns, pairs, flagged, notes } (see README)')
    .action(async (file: string, opts: { protected?: string; threshold: string; maxCategories?: string; json?: boolean }) => {
      const parsed = parseOptions(opts);
      if ('error' in parsed) {
        console.error(`safeguard proxies: ${parsed.error}`);
        process.exitCode = PROXIES_EXIT.invalid_input;
        return;
      }
      try {
        const { findProxies } = await import('../redlines/find-proxies.ts');
        const report = await findProxies({ file, protected: parsed.protectedColumns, rule: { ...DEFAULT_RULE, threshold: parsed.threshold }, maxCategories: parsed.maxCategories });
        console.log(opts.json ? JSON.stringify(report, null, 2) : asText(report));
        process.exitCode = report.flagged ? PROXIES_EXIT.strong_proxy : PROXIES_EXIT.no_strong_proxy;
      } catch (error) {
        if (!(error instanceof DataFileError)) throw error;
        console.error(error.message);
        process.exitCode = PROXIES_EXIT.invalid_input;
      }
    });
}
