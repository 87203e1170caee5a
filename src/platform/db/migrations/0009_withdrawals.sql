-- Unpublishing: an editor withdraws a record from the public register with a reason. The record
-- leaves the register's tables (so no listing, search, export or API shows it), its content stays
-- in its revision history, and this row keeps the reason visible at its address.
CREATE TABLE register.withdrawals (
  record_type text NOT NULL CHECK (record_type IN ('deployment', 'organisation', 'technology')),
  slug text NOT NULL,
  title text NOT NULL,
  reason text NOT NULL CHECK (length(reason) > 0),
  withdrawn_at timestamptz NOT NULL,
  credit jsonb NOT NULL,
  PRIMARY KEY (record_type, slug)
);

ALTER TABLE register.changes DROP CONSTRAINT changes_action_check;
ALTER TABLE register.changes ADD CONSTRAINT changes_action_check CHECK (action IN ('created', 'updated', 'withdrawn'));
