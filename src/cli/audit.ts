import fs from 'node:fs';
import path from 'node:path';
import type { Command } from 'commander';
import { DataFileError } from '../platform/analytics/data-file.ts';
import { DomainError } from '../platform/errors.ts';
import { DEFAULT_AUDIT_OPTIONS, type AuditOptions, type ReferenceChoice } from '../audits/domain/options.ts';
import { summaryText, type AuditReport } from '../audits/domain/report.ts';

/** Exit codes: 0 the audit ran (whatever it found), 2 bad input. */
export const AUDIT_EXIT = { done: 0, invalid_input: 2 } as const;

type RawOptions = {
  protected?: string; outcome?: string; threshold?: string; label?: string; reference: string; maxOrder?: string; alpha: string;
  correction: string; ratioBounds: string; minN: string; minSupport: string; positive: string; json?: string;
  html?: string; md?: string; csv?: string; publish?: boolean; minCell?: string; round?: string;
};

class OptionError extends Error {}

function number(name: string, raw: string, check: (n: number) => boolean, expected: string): number {
  const n = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(n) || !check(n)) throw new OptionError(`--${name} must be ${expected} (got ${JSON.stringify(raw)})`);
  return n;
}

function reference(raw: string): ReferenceChoice {
  if (raw === 'majority') return { kind: 'majority' };
  if (raw === 'favourable') return { kind: 'favourable' };
  const values: Record<string, string> = {};
  for (const part of raw.split(',')) {
    const [name, ...value] = part.split('=');
    if (!name?.trim() || !value.length) throw new OptionError(`--reference must be majority, favourable, or attribute=value pairs separated by commas (got ${JSON.stringify(raw)})`);
    values[name.trim()] = value.join('=').trim();
  }
  return { kind: 'given', values };
}

/** The command's options as the use case's request, or the first problem in words. */
export function parseAuditOptions(file: string, o: RawOptions) {
  const protectedColumns = (o.protected ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (!protectedColumns.length) throw new OptionError('name the protected attributes: --protected a,b,c');
  if (!o.outcome?.trim()) throw new OptionError('name the outcome column: --outcome col');
  const bounds = o.ratioBounds.split(',').map((s) => s.trim());
  if (bounds.length !== 2) throw new OptionError(`--ratio-bounds must be two numbers such as 0.8,1.25 (got ${JSON.stringify(o.ratioBounds)})`);
  const options: AuditOptions = {
    ...DEFAULT_AUDIT_OPTIONS,
    reference: reference(o.reference.trim()),
    ...(o.maxOrder !== undefined ? { maxOrder: number('max-order', o.maxOrder, (n) => Number.isInteger(n) && n >= 1, 'a whole number, 1 or more') } : {}),
    alpha: number('alpha', o.alpha, (n) => n > 0 && n < 1, 'a number between 0 and 1'),
    correction: o.correction === 'bh' || o.correction === 'holm' ? o.correction : (() => { throw new OptionError(`--correction must be bh or holm (got ${JSON.stringify(o.correction)})`); })(),
    ratioBounds: [number('ratio-bounds', bounds[0]!, (n) => n > 0 && n <= 1, 'a low bound in (0, 1]'), number('ratio-bounds', bounds[1]!, (n) => n >= 1, 'a high bound of 1 or more')],
    minN: number('min-n', o.minN, (n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more'),
    minSupport: number('min-support', o.minSupport, (n) => Number.isInteger(n) && n >= 0, 'a whole number, 0 or more'),
    positiveOutcome: o.positive === 'favourable' || o.positive === 'unfavourable' ? o.positive : (() => { throw new OptionError(`--positive must be favourable or unfavourable (got ${JSON.stringify(o.positive)})`); })(),
  };
  if (!o.publish && (o.minCell !== undefined || o.round !== undefined)) {
    throw new OptionError(`${o.minCell !== undefined ? '--min-cell' : '--round'} applies to the published report: add --publish`);
  }
  const publish = o.publish
    ? {
        minCell: number('min-cell', o.minCell ?? '10', (n) => Number.isInteger(n) && n >= 1, 'a whole number, 1 or more'),
        round: o.round === undefined ? null : number('round', o.round, (n) => Number.isInteger(n) && n >= 2, 'a whole number, 2 or more (5 is the Eurostat convention)'),
      }
    : undefined;
  return {
    file,
    ...(publish ? { publish } : {}),
    columns: {
      protected: protectedColumns, outcome: o.outcome.trim(), label: o.label?.trim() || undefined,
      threshold: o.threshold === undefined ? undefined : number('threshold', o.threshold, () => true, 'a number'),
    },
    options,
  };
}

/** Writes the report's human-readable forms the options ask for; returns what was written. */
const loadWriters = () => Promise.all([
  import('../audits/views/report-page.tsx'), import('../audits/domain/report-markdown.ts'), import('../audits/domain/report-csv.ts'),
]);

/**
 * Renders the human-readable forms the options ask for and starts writing them; returns the files
 * with the writes in flight (the disk works while the next form renders).
 */
function writeReports(
  report: AuditReport,
  opts: RawOptions,
  [{ reportHtml }, { reportMarkdown }, { reportCsvTables }]: Awaited<ReturnType<typeof loadWriters>>,
  onError: (file: string) => (error: NodeJS.ErrnoException) => never,
): { files: string[]; done: Promise<unknown> } {
  const files: string[] = [];
  const writes: Promise<void>[] = [];
  const write = (file: string, content: string) => {
    files.push(file);
    writes.push(fs.promises.writeFile(file, content).catch(onError(file)));
  };
  if (opts.html) write(opts.html, reportHtml(report));
  if (opts.md) write(opts.md, reportMarkdown(report));
  if (opts.csv) {
    try {
      fs.mkdirSync(opts.csv, { recursive: true });
    } catch (error) {
      onError(opts.csv)(error as NodeJS.ErrnoException);
    }
    for (const [name, content] of Object.entries(reportCsvTables(report))) write(path.join(opts.csv, name), content);
  }
  return { files, done: Promise.all(writes) };
}

export function auditCommand(program: Command) {
  program
    .command('audit [file]')
    .description('Audit a decision log (CSV, Parquet or JSON lines; one row per decision) for disparities between groups and their intersections. Exit 0: done; 2: bad input.')
    .option('--protected <columns>', 'the protected attributes, separated by commas (e.g. nationality,gender,age_band)')
    .option('--outcome <column>', 'the decision: 0/1, true/false, yes/no, or a score with --threshold')
    .option('--threshold <t>', 'make a score outcome binary: positive when score >= t')
    .option('--label <column>', 'the ground truth (0/1, true/false, yes/no), for error rates')
    .option('--reference <choice>', 'reference group per attribute: majority (the largest), favourable (the best treated), or a=value,b=value', 'majority')
    .option('--max-order <k>', 'largest intersection: groups of at most k attributes at once (default: all)')
    .option('--alpha <a>', 'significance level of the adjusted q-values', '0.05')
    .option('--correction <method>', 'multiple-comparison control across the whole report: bh (Benjamini–Hochberg) or holm', 'bh')
    .option('--ratio-bounds <low,high>', 'a ratio inside these bounds is never flagged', '0.8,1.25')
    .option('--min-n <n>', 'groups smaller than this are listed as too small to judge, not tested', String(DEFAULT_AUDIT_OPTIONS.minN))
    .option('--min-support <n>', 'intersections smaller than this are not ranked among the worst off', String(DEFAULT_AUDIT_OPTIONS.minSupport))
    .option('--positive <meaning>', 'what a positive outcome means for the person: unfavourable (flagged, refused) or favourable (granted)', 'unfavourable')
    .option('--publish', 'write the published version: counts below --min-cell withheld, with every count from which they could be worked out, and the rates and tests that rest on them')
    .option('--min-cell <n>', 'with --publish: the smallest count that is published (default 10)')
    .option('--round <base>', 'with --publish: round published counts to this base (5, the Eurostat convention for asylum statistics)')
    .option('--json <file>', 'write the full report as JSON (schema safeguard.audit/1; see --json-schema)')
    .option('--json-schema', 'print the JSON Schema of the report, and exit')
    .option('--html <file>', 'write the report as a self-contained HTML page (charts included, no external assets)')
    .option('--md <file>', 'write the report as Markdown')
    .option('--csv <dir>', 'write the report\'s tables as CSV files into this directory (created if needed)')
    .action(async (file: string | undefined, opts: RawOptions & { jsonSchema?: boolean }) => {
      if (opts.jsonSchema) {
        const [{ z }, { auditReportSchema }] = await Promise.all([import('zod'), import('../audits/domain/report-schema.ts')]);
        console.log(JSON.stringify(z.toJSONSchema(auditReportSchema), null, 2));
        return;
      }
      if (!file) {
        console.error('safeguard audit: name the decision log, for example: safeguard audit decisions.csv --protected nationality,gender --outcome flagged');
        process.exitCode = AUDIT_EXIT.invalid_input;
        return;
      }
      let request: ReturnType<typeof parseAuditOptions>;
      try {
        request = parseAuditOptions(file, opts);
      } catch (error) {
        if (!(error instanceof OptionError)) throw error;
        console.error(`safeguard audit: ${error.message}`);
        process.exitCode = AUDIT_EXIT.invalid_input;
        return;
      }
      // Progress on a terminal only; scripts and pipes get quiet output.
      const tty = process.stderr.isTTY;
      const onProgress = tty ? (p: number) => process.stderr.write(`\rReading ${file}: ${Math.floor(p)}%  `) : undefined;
      try {
        const { runAudit } = await import('../audits/run-audit.ts');
        // The report writers load while DuckDB scans the file.
        let writers: Promise<Awaited<ReturnType<typeof loadWriters>>> | undefined;
        const onScanStart = () => {
          if (opts.html || opts.md || opts.csv) writers = loadWriters();
        };
        const report = await runAudit(request, { ...(onProgress ? { onProgress } : {}), onScanStart });
        const reportWriters = await writers;
        if (tty) process.stderr.write('\r\x1b[K');
        // Compact JSON: a large report is tens of megabytes indented, and tools read it either way.
        // Files are written while the next one renders; a file that cannot be written is named, not thrown.
        const cannotWrite = (file: string) => (error: NodeJS.ErrnoException) => {
          throw new OptionError(`cannot write ${file} (${error.code ?? error.message})`);
        };
        const json = opts.json ? fs.promises.writeFile(opts.json, `${JSON.stringify(report)}\n`).catch(cannotWrite(opts.json)) : undefined;
        const reports = reportWriters ? writeReports(report, opts, reportWriters, cannotWrite) : undefined;
        await Promise.all([json, reports?.done]);
        console.log(summaryText(report));
        if (opts.json) console.log(`\nFull report: ${opts.json}`);
        for (const written of reports?.files ?? []) console.log(`Report written: ${written}`);
        process.exitCode = AUDIT_EXIT.done;
      } catch (error) {
        if (tty) process.stderr.write('\r\x1b[K');
        if (error instanceof DataFileError || error instanceof OptionError || (error instanceof DomainError && error.code === 'invalid_input')) {
          console.error(error instanceof DataFileError ? error.message : `safeguard audit: ${error.message}`);
          process.exitCode = AUDIT_EXIT.invalid_input;
          return;
        }
        throw error;
      }
    });
}
