-- Red-line screening (issue 4). Each deployment carries its system profile (what it does, in the
-- fixed vocabulary of src/redlines/domain/profile.ts; missing fields are "unknown") and the verdict
-- the rules reach on it. The verdict is computed by the application, never typed in: writeDataset
-- screens every deployment it writes, and on start deployments screened with an older version of
-- the rules (screened_with) are screened again.
ALTER TABLE register.deployments
  ADD COLUMN profile jsonb NOT NULL DEFAULT '{}',
  ADD COLUMN red_line_verdict text NOT NULL DEFAULT 'insufficient_information'
    CHECK (red_line_verdict IN ('red_line', 'no_red_line_found', 'insufficient_information')),
  -- The categories A–F that apply, or 'none' / 'undetermined': the "red lines" facet.
  ADD COLUMN facet_red_lines text[] NOT NULL DEFAULT '{undetermined}',
  ADD COLUMN screened_with text;
CREATE INDEX deployments_red_lines_idx ON register.deployments USING gin (facet_red_lines);

CREATE OR REPLACE FUNCTION register.refresh_facet_counts() RETURNS void LANGUAGE sql AS $$
  DELETE FROM register.facet_counts;
  INSERT INTO register.facet_counts (facet, value, label, count)
    SELECT 'country', v, v, count(*) FROM register.deployments d, unnest(d.countries) v GROUP BY v
    UNION ALL SELECT 'status', status, status, count(*) FROM register.deployments GROUP BY status
    UNION ALL SELECT 'role', decision_role, decision_role, count(*) FROM register.deployments GROUP BY decision_role
    UNION ALL SELECT 'redline', v, v, count(*) FROM register.deployments d, unnest(d.facet_red_lines) v GROUP BY v
    UNION ALL SELECT 'technique', v, v, count(*) FROM register.deployments d, unnest(d.facet_techniques) v GROUP BY v
    UNION ALL SELECT 'data', v, v, count(*) FROM register.deployments d, unnest(d.facet_data_categories) v GROUP BY v
    UNION ALL SELECT 'deployer', o.slug, o.name, x.n
      FROM (SELECT deployer_id, count(*) AS n FROM register.deployments GROUP BY deployer_id) x
      JOIN register.organisations o ON o.id = x.deployer_id
    UNION ALL SELECT 'vendor', o.slug, o.name, x.n
      FROM (SELECT v, count(*) AS n FROM register.deployments d, unnest(d.facet_vendors) v GROUP BY v) x
      JOIN register.organisations o ON o.id = x.v;
  INSERT INTO register.deployment_total (deployments) SELECT count(*) FROM register.deployments
    ON CONFLICT (only_row) DO UPDATE SET deployments = EXCLUDED.deployments;
$$;

SELECT register.refresh_facet_counts();
