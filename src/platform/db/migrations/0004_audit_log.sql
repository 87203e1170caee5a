-- The append-only, hash-chained audit log of every state change (see src/platform/audit-log).
-- seq is assigned by the writer under a lock, so it has no gaps: a missing number means a
-- removed entry. The triggers refuse UPDATE, DELETE and TRUNCATE for everyone, owner included;
-- `safeguard verify-log` catches changes made by someone able to switch them off.
CREATE SCHEMA audit;

CREATE TABLE audit.log (
  seq bigint PRIMARY KEY CHECK (seq > 0),
  occurred_at timestamptz NOT NULL,
  action text NOT NULL,
  actor jsonb NOT NULL,
  subject_type text NOT NULL,
  subject_id text,
  details jsonb NOT NULL,
  prev_hash char(64) NOT NULL,
  hash char(64) NOT NULL UNIQUE
);
CREATE INDEX log_subject_idx ON audit.log (subject_type, subject_id);

CREATE FUNCTION audit.refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'audit.log is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END
$$;

CREATE TRIGGER log_append_only BEFORE UPDATE OR DELETE ON audit.log
  FOR EACH ROW EXECUTE FUNCTION audit.refuse_change();
CREATE TRIGGER log_no_truncate BEFORE TRUNCATE ON audit.log
  FOR EACH STATEMENT EXECUTE FUNCTION audit.refuse_change();
