-- Accounts of contributors, editors, oversight members and admins (see src/platform/auth).
-- There is no open sign-up: every account comes from an invitation. Secrets (passwords, session
-- tokens, invitation tokens, recovery codes) are stored only as hashes. Nothing here holds an IP
-- address or a user agent.
CREATE SCHEMA accounts;

-- The organisations members belong to (an NGO, a newsroom, the platform's own editorial team).
-- Not the register's organisations, which are what the register scrutinises.
CREATE TABLE accounts.organisations (
  id uuid PRIMARY KEY,
  slug text NOT NULL UNIQUE,
  name text NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE accounts.users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  display_name text NOT NULL,
  -- Revisions name the person only when they chose to be credited; otherwise organisation and role.
  credit_by_name boolean NOT NULL DEFAULT false,
  password_hash text NOT NULL,
  -- TOTP (RFC 6238): the secret being set up, the confirmed one, and the last time step used
  -- (a code is accepted once).
  totp_pending_secret text,
  totp_secret text,
  totp_enabled_at timestamptz,
  totp_last_step bigint,
  created_at timestamptz NOT NULL,
  disabled_at timestamptz
);
CREATE UNIQUE INDEX users_email_idx ON accounts.users (lower(email));

CREATE TABLE accounts.memberships (
  user_id uuid NOT NULL REFERENCES accounts.users(id),
  organisation_id uuid NOT NULL REFERENCES accounts.organisations(id),
  role text NOT NULL CHECK (role IN ('contributor', 'editor', 'oversight', 'admin')),
  created_at timestamptz NOT NULL,
  PRIMARY KEY (user_id, organisation_id)
);

CREATE TABLE accounts.invitations (
  id uuid PRIMARY KEY,
  token_hash char(64) NOT NULL UNIQUE,
  purpose text NOT NULL CHECK (purpose IN ('first_admin', 'member')),
  organisation_id uuid REFERENCES accounts.organisations(id),
  organisation_name text,
  role text NOT NULL CHECK (role IN ('contributor', 'editor', 'oversight', 'admin')),
  created_by uuid REFERENCES accounts.users(id),
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at timestamptz,
  used_by uuid REFERENCES accounts.users(id),
  revoked_at timestamptz
);

CREATE TABLE accounts.sessions (
  token_hash char(64) PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES accounts.users(id),
  created_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  -- false while the password is checked but the second factor is not yet.
  second_factor_done boolean NOT NULL
);
CREATE INDEX sessions_user_idx ON accounts.sessions (user_id);

CREATE TABLE accounts.recovery_codes (
  user_id uuid NOT NULL REFERENCES accounts.users(id),
  code_hash char(64) NOT NULL,
  used_at timestamptz,
  PRIMARY KEY (user_id, code_hash)
);

-- Failed logins per account name (a SHA-256 of the normalised e-mail, known or not), to slow down
-- and then refuse guessing for one account without tracking who guesses.
CREATE TABLE accounts.login_failures (
  email_hash char(64) PRIMARY KEY,
  failures integer NOT NULL,
  first_failed_at timestamptz NOT NULL,
  last_failed_at timestamptz NOT NULL
);
