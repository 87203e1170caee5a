-- Discrimination audits run on the platform (issue 5). Not to be confused with audit.log, the
-- append-only record of state changes. A contributor uploads a decision log for a deployment; the
-- file lives on disk (its name is the job's id) only until the job ends, and only the published
-- version of the report (small counts suppressed, see src/audits/domain/disclosure.ts) is kept.
CREATE SCHEMA IF NOT EXISTS audits;

CREATE TABLE audits.jobs (
  id uuid PRIMARY KEY,
  deployment_id uuid NOT NULL REFERENCES register.deployments(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES accounts.organisations(id),
  created_by uuid NOT NULL REFERENCES accounts.users(id),
  created_at timestamptz NOT NULL,
  -- The uploaded file: its name as sent (for the report), format, size, and its columns (for the mapping form).
  file_name text NOT NULL,
  file_format text NOT NULL CHECK (file_format IN ('csv', 'parquet', 'jsonl')),
  file_bytes bigint NOT NULL,
  columns jsonb NOT NULL,
  -- What the contributor chose in the mapping form (protected, outcome, threshold, label, ...).
  mapping jsonb,
  status text NOT NULL CHECK (status IN ('uploaded', 'queued', 'running', 'done', 'failed', 'discarded')),
  progress real NOT NULL DEFAULT 0 CHECK (progress >= 0 AND progress <= 100),
  error text,
  started_at timestamptz,
  finished_at timestamptz,
  -- When the raw file was deleted (every job that ends deletes it).
  file_deleted_at timestamptz,
  -- The published version of the report (schema safeguard.audit/1, published: true).
  report jsonb,
  published_at timestamptz,
  published_by uuid REFERENCES accounts.users(id),
  CHECK (published_at IS NULL OR (status = 'done' AND report IS NOT NULL))
);
CREATE INDEX audit_jobs_deployment_idx ON audits.jobs (deployment_id, published_at DESC);
CREATE INDEX audit_jobs_queue_idx ON audits.jobs (status, created_at) WHERE status IN ('queued', 'running', 'uploaded');
