import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { columnsOf, DataFileError, duckdbProblem, readerSql, withDuckDb } from '../platform/analytics/data-file.ts';
import { recordAudit } from '../platform/audit-log/store.ts';
import { can } from '../platform/auth/domain/policy.ts';
import { auditActorOf, type Actor } from '../platform/auth/domain/roles.ts';
import type { Database } from '../platform/db/database.ts';
import { forbidden, notFound } from '../platform/errors.ts';
import { insertJob } from './store.ts';

// A contributor's decision log for a deployment, streamed to disk (never held in memory), checked
// for size and readability, its columns read for the mapping form. The file is kept only until its
// audit job ends (see audit-jobs.ts).

const STORED: [RegExp, string, 'csv' | 'parquet' | 'jsonl'][] = [
  [/\.csv\.gz$/i, '.csv.gz', 'csv'], [/\.csv$/i, '.csv', 'csv'], [/\.parquet$/i, '.parquet', 'parquet'],
  [/\.(jsonl|ndjson)\.gz$/i, '.jsonl.gz', 'jsonl'], [/\.(jsonl|ndjson)$/i, '.jsonl', 'jsonl'],
];

/** The extension an upload is stored under and its format, from the name it was sent with (undefined: not a decision log). */
export function uploadKind(fileName: string): { extension: string; format: 'csv' | 'parquet' | 'jsonl' } | undefined {
  const hit = STORED.find(([re]) => re.test(fileName));
  return hit ? { extension: hit[1], format: hit[2] } : undefined;
}

/** Where a job's raw file is while the job lasts. */
export const uploadPath = (dir: string, jobId: string, fileName: string): string => path.join(dir, `${jobId}${uploadKind(fileName)?.extension ?? ''}`);

/** An upload as it arrives: the name it was sent with and its bytes. `truncated` is set by the multipart reader when the limit was hit. */
export type IncomingFile = { filename: string; file: Readable & { truncated?: boolean } };

export type UploadResult =
  | { ok: true; jobId: string }
  | { ok: false; error: 'audit_file_required' | 'audit_file_type' | 'audit_file_empty' | 'audit_file_too_large' | 'audit_file_unreadable'; detail?: string };

class TooLarge extends Error {}

export async function uploadDecisionLog(
  db: Database,
  actor: Actor,
  request: { deploymentSlug: string; incoming: IncomingFile | undefined; dir: string; limitBytes: number },
  now: Date,
): Promise<UploadResult> {
  if (!can(actor, 'audit.upload') || actor.kind !== 'member') throw forbidden('Only contributors and editors upload decision logs.');
  const membership = actor.memberships.find((m) => m.role === 'contributor' || m.role === 'editor')!;
  const [deployment] = await db.query<{ id: string }>('SELECT id FROM register.deployments WHERE slug = $1', [request.deploymentSlug]);
  const { incoming } = request;
  const drain = async () => {
    if (incoming) await pipeline(incoming.file, new Transform({ transform: (_c, _e, done) => done() })).catch(() => undefined);
  };
  if (!deployment) {
    await drain();
    throw notFound('deployment');
  }
  if (!incoming || !incoming.filename) {
    await drain();
    return { ok: false, error: 'audit_file_required' };
  }
  const kind = uploadKind(incoming.filename);
  if (!kind) {
    await drain();
    return { ok: false, error: 'audit_file_type' };
  }
  fs.mkdirSync(request.dir, { recursive: true, mode: 0o700 });
  const id = randomUUID();
  const fileName = path.basename(incoming.filename.replace(/\\/g, '/')).slice(0, 200);
  const file = uploadPath(request.dir, id, fileName);
  const partial = `${file}.part`;
  let bytes = 0;
  try {
    await pipeline(
      incoming.file,
      new Transform({
        transform(chunk: Buffer, _encoding, done) {
          bytes += chunk.length;
          if (bytes > request.limitBytes) done(new TooLarge());
          else done(null, chunk);
        },
      }),
      fs.createWriteStream(partial, { mode: 0o600 }),
    );
    if (incoming.file.truncated) throw new TooLarge();
  } catch (error) {
    fs.rmSync(partial, { force: true });
    if (error instanceof TooLarge || (error as { code?: string }).code === 'FST_REQ_FILE_TOO_LARGE') return { ok: false, error: 'audit_file_too_large' };
    throw error;
  }
  if (bytes === 0) {
    fs.rmSync(partial, { force: true });
    return { ok: false, error: 'audit_file_empty' };
  }
  fs.renameSync(partial, file);
  let columns: string[];
  try {
    columns = await withDuckDb(async (duck) => (await columnsOf(duck, readerSql(file, kind.format))).map((c) => c.name), { threads: 1 });
  } catch (error) {
    fs.rmSync(file, { force: true });
    const detail = error instanceof DataFileError ? error.message : duckdbProblem(error);
    return { ok: false, error: 'audit_file_unreadable', detail: detail.replaceAll(path.basename(file), fileName).replaceAll(file, fileName) };
  }
  try {
    await db.transaction(async (tx) => {
      await insertJob(tx, { id, deployment_id: deployment.id, organisation_id: membership.organisationId, created_by: actor.userId, created_at: now, file_name: fileName, file_format: kind.format, file_bytes: bytes, columns });
      await recordAudit(tx, { action: 'audit.uploaded', actor: auditActorOf(actor), subjectType: 'audit', subjectId: id, details: { deployment: request.deploymentSlug, bytes, format: kind.format } }, now);
    });
  } catch (error) {
    fs.rmSync(file, { force: true });
    throw error;
  }
  return { ok: true, jobId: id };
}
