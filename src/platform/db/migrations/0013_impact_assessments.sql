-- Human rights and data protection impact assessments (issue 6). An organisation's members write an
-- assessment of a deployment on the register against a versioned questionnaire; each submission is
-- kept as a numbered version; an oversight body's member (of another organisation) reviews each
-- version, requests changes or decides; the decision is published with a redaction log. A
-- re-assessment is a new assessment that follows the one it supersedes.
CREATE SCHEMA IF NOT EXISTS assessments;

CREATE TABLE assessments.assessments (
  id uuid PRIMARY KEY,
  deployment_id uuid NOT NULL REFERENCES register.deployments(id) ON DELETE CASCADE,
  organisation_id uuid NOT NULL REFERENCES accounts.organisations(id),
  created_by uuid NOT NULL REFERENCES accounts.users(id),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  title text NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
  -- The questionnaire version it answers (src/assessments/definitions).
  definition_id text NOT NULL,
  definition_version text NOT NULL,
  -- The assessment it repeats (a re-assessment), and its number in that line (1 for the first).
  previous_id uuid REFERENCES assessments.assessments(id),
  edition integer NOT NULL DEFAULT 1 CHECK (edition >= 1),
  status text NOT NULL CHECK (status IN ('draft', 'submitted', 'under_review', 'changes_requested', 'resubmitted', 'decided', 'published', 'reassessment_due', 'superseded')),
  -- The answers being written, by question id (see src/assessments/domain/answers.ts).
  answers jsonb NOT NULL DEFAULT '{}',
  -- The number of the latest submitted version (0 before the first submission).
  version integer NOT NULL DEFAULT 0,
  -- The decision: what the oversight body recorded, the score it rests on (the reviewer's view), when to repeat it.
  decision text CHECK (decision IN ('halt', 'proceed_with_conditions', 'proceed')),
  decision_score jsonb,
  decided_at timestamptz,
  decided_by uuid REFERENCES accounts.users(id),
  reassess_by date,
  -- What is public: the findings document (redactions applied, with their log).
  published jsonb,
  published_at timestamptz,
  published_by uuid REFERENCES accounts.users(id),
  -- Changes since the decision that call for a new assessment (profile, vendor, model, data, law, audits, complaints).
  triggers jsonb NOT NULL DEFAULT '[]',
  CHECK ((decision IS NULL) = (decided_at IS NULL)),
  CHECK (published_at IS NULL OR (decision IS NOT NULL AND published IS NOT NULL))
);
CREATE INDEX assessments_deployment_idx ON assessments.assessments (deployment_id, created_at DESC);
CREATE INDEX assessments_status_idx ON assessments.assessments (status);

-- Every submitted version, as it was submitted.
CREATE TABLE assessments.versions (
  assessment_id uuid NOT NULL REFERENCES assessments.assessments(id) ON DELETE CASCADE,
  number integer NOT NULL CHECK (number >= 1),
  answers jsonb NOT NULL,
  submitted_at timestamptz NOT NULL,
  submitted_by uuid NOT NULL REFERENCES accounts.users(id),
  PRIMARY KEY (assessment_id, number)
);

-- The oversight body's review of a version: section evaluations, re-estimates, mitigation
-- acceptances (see src/assessments/domain/review.ts). Saved while it is written; closed by its outcome.
CREATE TABLE assessments.reviews (
  id uuid PRIMARY KEY,
  assessment_id uuid NOT NULL REFERENCES assessments.assessments(id) ON DELETE CASCADE,
  version integer NOT NULL,
  reviewer_id uuid NOT NULL REFERENCES accounts.users(id),
  organisation_id uuid NOT NULL REFERENCES accounts.organisations(id),
  started_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  content jsonb NOT NULL,
  outcome text CHECK (outcome IN ('changes_requested', 'decided')),
  closed_at timestamptz,
  FOREIGN KEY (assessment_id, version) REFERENCES assessments.versions (assessment_id, number)
);
-- At most one open review of an assessment at a time.
CREATE UNIQUE INDEX reviews_open_idx ON assessments.reviews (assessment_id) WHERE outcome IS NULL;
