-- Advocates' analyses (issue 7): an organisation's answers to the briefing's guiding principles about
-- one deployment on the register, kept as that organisation's draft (one per organisation and
-- deployment), from which its briefs are written. Private to the organisation.
CREATE SCHEMA IF NOT EXISTS briefs;

CREATE TABLE briefs.analyses (
  id uuid PRIMARY KEY,
  deployment_id uuid NOT NULL REFERENCES register.deployments(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES accounts.organisations(id),
  -- The answers by principle (see src/briefs/domain/analysis.ts).
  answers jsonb NOT NULL,
  created_by uuid NOT NULL REFERENCES accounts.users(id),
  created_at timestamptz NOT NULL,
  updated_by uuid NOT NULL REFERENCES accounts.users(id),
  updated_at timestamptz NOT NULL,
  UNIQUE (deployment_id, organisation_id)
);
CREATE INDEX analyses_organisation_idx ON briefs.analyses (organisation_id, updated_at DESC);
