-- The register page without a query or filter (the most visited search) and the unfiltered API
-- list read their facet counts and total from here instead of counting every deployment per request.
-- register.refresh_facet_counts() recounts both; refreshDeploymentIndex calls it after every write
-- that touches deployments.
CREATE TABLE register.facet_counts (
  facet text NOT NULL,
  value text NOT NULL,
  label text NOT NULL,
  count integer NOT NULL,
  PRIMARY KEY (facet, value)
);
CREATE INDEX facet_counts_rank_idx ON register.facet_counts (facet, count DESC, label, value);

CREATE TABLE register.deployment_total (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  deployments integer NOT NULL
);

CREATE FUNCTION register.refresh_facet_counts() RETURNS void LANGUAGE sql AS $$
  DELETE FROM register.facet_counts;
  INSERT INTO register.facet_counts (facet, value, label, count)
    SELECT 'country', v, v, count(*) FROM register.deployments d, unnest(d.countries) v GROUP BY v
    UNION ALL SELECT 'status', status, status, count(*) FROM register.deployments GROUP BY status
    UNION ALL SELECT 'role', decision_role, decision_role, count(*) FROM register.deployments GROUP BY decision_role
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
