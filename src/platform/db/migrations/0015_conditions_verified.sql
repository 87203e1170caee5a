-- A decision to proceed with conditions requires them "verified before go-live" (issue 6): the
-- oversight body records that it verified them, when, and what it checked. Until then the system
-- must not go live, and the public findings say so.
ALTER TABLE assessments.assessments
  ADD COLUMN conditions_verified_at timestamptz,
  ADD COLUMN conditions_verified_by uuid REFERENCES accounts.users(id),
  ADD COLUMN conditions_verified_organisation text,
  ADD COLUMN conditions_verification text CHECK (length(conditions_verification) BETWEEN 1 AND 4000),
  ADD CHECK ((conditions_verified_at IS NULL) = (conditions_verification IS NULL));
