-- Drafts, reviews and the public revision history of register records (see src/register/edit-*.ts).
CREATE SCHEMA editorial;

CREATE TABLE editorial.drafts (
  id uuid PRIMARY KEY,
  record_type text NOT NULL CHECK (record_type IN ('deployment', 'organisation', 'technology', 'source')),
  -- The slug of the record the draft creates or changes.
  target_slug text NOT NULL,
  is_new boolean NOT NULL,
  -- The record in the register's dataset format (what the form typed, converted and validated).
  payload jsonb NOT NULL,
  status text NOT NULL CHECK (status IN ('draft', 'in_review', 'changes_requested', 'published', 'discarded')),
  organisation_id uuid NOT NULL REFERENCES accounts.organisations(id),
  author_id uuid NOT NULL REFERENCES accounts.users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  published_at timestamptz
);
CREATE INDEX drafts_status_idx ON editorial.drafts (status, updated_at DESC);
CREATE INDEX drafts_organisation_idx ON editorial.drafts (organisation_id, updated_at DESC);

CREATE TABLE editorial.reviews (
  id uuid PRIMARY KEY,
  draft_id uuid NOT NULL REFERENCES editorial.drafts(id),
  reviewer_id uuid NOT NULL REFERENCES accounts.users(id),
  decision text NOT NULL CHECK (decision IN ('approved', 'changes_requested')),
  comment text NOT NULL,
  reviewed_at timestamptz NOT NULL
);
CREATE INDEX reviews_draft_idx ON editorial.reviews (draft_id, reviewed_at);

-- Every published version of a record: public, with who published it (organisation and role; a
-- person's name only if they chose to be credited).
CREATE TABLE editorial.revisions (
  record_type text NOT NULL,
  slug text NOT NULL,
  number integer NOT NULL CHECK (number > 0),
  payload jsonb NOT NULL,
  published_at timestamptz NOT NULL,
  credit jsonb NOT NULL,
  draft_id uuid REFERENCES editorial.drafts(id),
  PRIMARY KEY (record_type, slug, number)
);
