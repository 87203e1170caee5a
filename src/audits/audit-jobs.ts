import fs from 'node:fs';
import path from 'node:path';
import { DataFileError } from '../platform/analytics/data-file.ts';
import type { Database } from '../platform/db/database.ts';
import { DomainError } from '../platform/errors.ts';
import { DEFAULT_AUDIT_OPTIONS } from './domain/options.ts';
import { runAudit } from './run-audit.ts';
import { claimNextJob, endAbandonedJobs, finishJob, setProgress, type AuditJob } from './store.ts';
import { uploadPath } from './upload-decision-log.ts';

// The platform's audits run in the background, one at a time, in the server's process (DuckDB
// scans on its own threads): a queued job is claimed, its file scanned once, the published report
// (small counts suppressed) stored, and the raw file deleted, whatever the outcome. Progress is
// written at most once a second. On start, jobs a stopped server left running are ended (their
// files deleted) and uploads never mapped within a day are discarded.

const ONE_DAY = 24 * 60 * 60 * 1000;

export type AuditJobsOptions = { db: Database; dir: string; now?: () => Date; onError?: (error: unknown, jobId: string) => void };

export class AuditJobs {
  private readonly db: Database;
  readonly dir: string;
  private readonly now: () => Date;
  private readonly onError: (error: unknown, jobId: string) => void;
  private loop: Promise<void> | null = null;
  private again = false;
  private closed = false;

  constructor(options: AuditJobsOptions) {
    this.db = options.db;
    this.dir = options.dir;
    this.now = options.now ?? (() => new Date());
    this.onError = options.onError ?? (() => undefined);
  }

  /** Ends what a previous process left behind, then runs any queued job. */
  async start(): Promise<void> {
    const now = this.now();
    for (const id of await endAbandonedJobs(this.db, now, new Date(now.getTime() - ONE_DAY))) this.deleteFiles(id);
    this.kick();
  }

  /** Runs queued jobs now (a no-op when they are running already: the loop takes the new one next). */
  kick(): void {
    if (this.closed) return;
    if (this.loop) {
      this.again = true;
      return;
    }
    this.loop = this.drain().finally(() => {
      this.loop = null;
      if (this.again) {
        this.again = false;
        this.kick();
      }
    });
  }

  /** Resolves when no job is running (tests wait on it). */
  async idle(): Promise<void> {
    while (this.loop) await this.loop;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.idle();
  }

  /** Deletes a job's raw file (and a partial upload). */
  deleteFiles(jobId: string): void {
    for (const name of fs.existsSync(this.dir) ? fs.readdirSync(this.dir) : []) {
      if (name.startsWith(jobId)) fs.rmSync(path.join(this.dir, name), { force: true });
    }
  }

  private async drain(): Promise<void> {
    for (;;) {
      if (this.closed) return;
      const job = await claimNextJob(this.db, this.now());
      if (!job) return;
      await this.run(job);
    }
  }

  private async run(job: AuditJob): Promise<void> {
    const file = uploadPath(this.dir, job.id, job.file_name);
    const mapping = job.mapping!;
    let lastWrite = 0;
    let writing: Promise<void> = Promise.resolve();
    const onProgress = (percentage: number) => {
      const t = Date.now();
      if (t - lastWrite < 1000) return;
      lastWrite = t;
      writing = writing.then(() => setProgress(this.db, job.id, Math.floor(percentage))).catch(() => undefined);
    };
    let outcome: Parameters<typeof finishJob>[2];
    try {
      const report = await runAudit(
        {
          file,
          fileName: job.file_name,
          columns: { protected: mapping.protected, outcome: mapping.outcome, threshold: mapping.threshold ?? undefined, label: mapping.label ?? undefined },
          options: { ...DEFAULT_AUDIT_OPTIONS, positiveOutcome: mapping.positive },
          publish: { minCell: mapping.minCell, round: mapping.round },
        },
        { onProgress },
      );
      outcome = { report };
    } catch (error) {
      // What is wrong with the data is said as the CLI says it, with the file's own name.
      if (error instanceof DataFileError || (error instanceof DomainError && error.code === 'invalid_input')) {
        outcome = { error: error.message.replaceAll(path.basename(file), job.file_name) };
      } else {
        this.onError(error, job.id);
        outcome = { error: 'internal' };
      }
    } finally {
      this.deleteFiles(job.id);
    }
    await writing;
    await finishJob(this.db, job.id, outcome, this.now());
  }
}
