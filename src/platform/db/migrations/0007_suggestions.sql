-- Suggestions from the public (no account): corrections to a record, or a technology to add.
-- Nothing identifies the sender unless they leave a contact, which editors alone see and which is
-- erased when the suggestion is closed. No IP address or user agent is stored.
CREATE TABLE editorial.suggestions (
  id uuid PRIMARY KEY,
  kind text NOT NULL CHECK (kind IN ('correction', 'technology')),
  record_type text CHECK (record_type IN ('deployment', 'organisation', 'technology')),
  record_slug text,
  body text NOT NULL,
  sources text[] NOT NULL DEFAULT '{}',
  contact text,
  status text NOT NULL CHECK (status IN ('new', 'accepted', 'dismissed')),
  created_at timestamptz NOT NULL,
  closed_at timestamptz,
  closed_by uuid REFERENCES accounts.users(id),
  note text,
  CHECK ((kind = 'correction') = (record_slug IS NOT NULL))
);
CREATE INDEX suggestions_status_idx ON editorial.suggestions (status, created_at);
