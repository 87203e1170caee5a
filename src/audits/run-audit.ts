import path from 'node:path';
import type { AuditOptions } from './domain/audit.ts';
import type { AuditReport } from './domain/report.ts';
import { scanDecisionLog, type DecisionLogColumns } from './scan-decision-log.ts';

// Runs an audit of a decision log: one scan to the finest cells (DuckDB), then the pure engine.
// The same use case serves the CLI and, later, the platform's background jobs.

/** With `publish`, the report is the published version: small counts suppressed (and rounded when asked), see domain/disclosure.ts. */
export type AuditRequest = {
  file: string;
  /** The file's name in the report (default: the file's own name; the platform gives the uploaded name). */
  fileName?: string;
  columns: DecisionLogColumns;
  options: AuditOptions;
  publish?: { minCell: number; round: number | null };
};

export async function runAudit(request: AuditRequest, hooks: { onProgress?: (percentage: number) => void; onScanStart?: () => void } = {}): Promise<AuditReport> {
  // The engine's modules load while DuckDB scans on its own threads; not before, or they would delay the scan.
  let started!: () => void;
  const scanning = new Promise<void>((resolve) => {
    started = resolve;
  });
  const engine = scanning.then(() => Promise.all([import('./domain/audit.ts'), import('./domain/report.ts')]));
  const scan = await scanDecisionLog(request.file, request.columns, {
    ...(hooks.onProgress ? { onProgress: hooks.onProgress } : {}),
    onScanStart: () => {
      started();
      hooks.onScanStart?.();
    },
  });
  const [{ auditCounts, publishAudit }, { buildReport }] = await engine;
  const { result, suppression } = request.publish
    ? publishAudit(scan.input, request.options, request.publish)
    : { result: auditCounts(scan.input, request.options), suppression: undefined };
  return buildReport(
    {
      file: request.fileName ?? path.basename(request.file), format: scan.format, protected: scan.input.attributes, outcome: request.columns.outcome,
      threshold: request.columns.threshold ?? null, label: request.columns.label ?? null, outcome_rule: scan.outcomeRule,
    },
    { read: scan.rowsRead, rejected: scan.rowsRejected },
    request.options,
    result,
    suppression,
  );
}
