-- The public register. Every record has a stable uuid and a readable slug; claims point at
-- sources through register.citations; "unverified" is recorded per claim (unverified_claims).
CREATE SCHEMA IF NOT EXISTS register;

CREATE TABLE register.organisations (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  kind text NOT NULL CHECK (kind IN ('public_body','company','international_organisation','ngo','research_institution','funder')),
  country text,
  website text,
  description text,
  content_lang text NOT NULL DEFAULT 'en',
  unverified_claims text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE register.technologies (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  summary text NOT NULL DEFAULT '',
  techniques text[] NOT NULL DEFAULT '{}',
  data_categories text[] NOT NULL DEFAULT '{}',
  vendor_note text,
  documented_red_lines text[] NOT NULL DEFAULT '{}',
  documented_red_lines_rationale text,
  content_lang text NOT NULL DEFAULT 'en',
  unverified_claims text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE register.deployments (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  technology_id uuid NOT NULL REFERENCES register.technologies(id) ON DELETE CASCADE,
  deployer_id uuid NOT NULL REFERENCES register.organisations(id),
  deployer_role text,
  countries text[] NOT NULL DEFAULT '{}',
  sites text[] NOT NULL DEFAULT '{}',
  purpose text,
  legal_basis text,
  decision_role text NOT NULL DEFAULT 'unknown' CHECK (decision_role IN ('fully_automated','decision_support','none','unknown')),
  affected_groups text[] NOT NULL DEFAULT '{}',
  period_start date,
  period_end date,
  period_text text,
  status text NOT NULL CHECK (status IN ('planned','pilot','active','suspended','halted','withdrawn','court_ruling','unknown')),
  status_note text,
  content_lang text NOT NULL DEFAULT 'en',
  unverified_claims text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  -- Denormalised for search and facets; rewritten by register.refresh_deployment_index().
  search_text text NOT NULL DEFAULT '',
  search_vector tsvector GENERATED ALWAYS AS (to_tsvector('simple', search_text)) STORED,
  facet_vendors uuid[] NOT NULL DEFAULT '{}',
  facet_techniques text[] NOT NULL DEFAULT '{}',
  facet_data_categories text[] NOT NULL DEFAULT '{}'
);
CREATE INDEX deployments_search_idx ON register.deployments USING gin (search_vector);
CREATE INDEX deployments_countries_idx ON register.deployments USING gin (countries);
CREATE INDEX deployments_vendors_idx ON register.deployments USING gin (facet_vendors);
CREATE INDEX deployments_techniques_idx ON register.deployments USING gin (facet_techniques);
CREATE INDEX deployments_data_idx ON register.deployments USING gin (facet_data_categories);
CREATE INDEX deployments_deployer_idx ON register.deployments (deployer_id);
CREATE INDEX deployments_technology_idx ON register.deployments (technology_id);
CREATE INDEX deployments_status_idx ON register.deployments (status);
CREATE INDEX deployments_title_idx ON register.deployments (title, id);
CREATE INDEX deployments_updated_idx ON register.deployments (updated_at DESC, id);

CREATE TABLE register.relations (
  id uuid PRIMARY KEY,
  organisation_id uuid NOT NULL REFERENCES register.organisations(id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('develops','sells','funds','operates','receives_data','shares_data_with')),
  technology_id uuid REFERENCES register.technologies(id) ON DELETE CASCADE,
  deployment_id uuid REFERENCES register.deployments(id) ON DELETE CASCADE,
  counterpart_id uuid REFERENCES register.organisations(id) ON DELETE CASCADE,
  note text,
  unverified_claims text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now(),
  CHECK (technology_id IS NOT NULL OR deployment_id IS NOT NULL OR counterpart_id IS NOT NULL)
);
CREATE INDEX relations_org_idx ON register.relations (organisation_id);
CREATE INDEX relations_tech_idx ON register.relations (technology_id);
CREATE INDEX relations_dep_idx ON register.relations (deployment_id);

CREATE TABLE register.contracts (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  title text NOT NULL,
  payer_id uuid REFERENCES register.organisations(id) ON DELETE SET NULL,
  recipient_id uuid REFERENCES register.organisations(id) ON DELETE SET NULL,
  technology_id uuid REFERENCES register.technologies(id) ON DELETE CASCADE,
  deployment_id uuid REFERENCES register.deployments(id) ON DELETE CASCADE,
  amount numeric(18,2),
  currency char(3),
  programme text,
  start_date date,
  end_date date,
  reference text,
  unverified_claims text[] NOT NULL DEFAULT '{}',
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE register.sources (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  url text NOT NULL UNIQUE,
  title text,
  publisher text,
  published_on date,
  archived_url text,
  content_hash text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- A source supports a claim of a record: claim NULL means the record as a whole.
CREATE TABLE register.citations (
  source_id uuid NOT NULL REFERENCES register.sources(id) ON DELETE CASCADE,
  record_type text NOT NULL CHECK (record_type IN ('organisation','technology','deployment','relation','contract')),
  record_id uuid NOT NULL,
  claim text NOT NULL DEFAULT '',
  PRIMARY KEY (record_type, record_id, source_id, claim)
);
CREATE INDEX citations_source_idx ON register.citations (source_id);

-- Readable content in other languages, with who translated it (filled by later editing work).
CREATE TABLE register.translations (
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  field text NOT NULL,
  lang text NOT NULL,
  text text NOT NULL,
  translated_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (record_type, record_id, field, lang)
);

-- Public change log: recent changes and the Atom feed.
CREATE TABLE register.changes (
  id bigserial PRIMARY KEY,
  occurred_at timestamptz NOT NULL DEFAULT now(),
  record_type text NOT NULL,
  record_id uuid NOT NULL,
  slug text NOT NULL,
  title text NOT NULL,
  action text NOT NULL CHECK (action IN ('created','updated'))
);
CREATE INDEX changes_occurred_idx ON register.changes (occurred_at DESC, id DESC);
