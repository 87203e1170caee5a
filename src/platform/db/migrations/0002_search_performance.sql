-- Search and record pages at 100,000 deployments.
-- The full-text vector moves to its own narrow table: stored inline it was TOASTed and made every
-- scan of deployments (facets, sorting) read several pages per row. Positions are stripped: the
-- register ranks by matched terms, not by their distance.
CREATE TABLE register.deployment_search (
  deployment_id uuid PRIMARY KEY REFERENCES register.deployments(id) ON DELETE CASCADE,
  search_vector tsvector NOT NULL
);
INSERT INTO register.deployment_search (deployment_id, search_vector)
  SELECT id, strip(to_tsvector('simple', search_text)) FROM register.deployments;
CREATE INDEX deployment_search_idx ON register.deployment_search USING gin (search_vector);
DROP INDEX register.deployments_search_idx;
ALTER TABLE register.deployments DROP COLUMN search_vector;
ALTER TABLE register.deployments DROP COLUMN search_text;

-- Record pages look citations up by record, and relations and contracts by every party.
CREATE INDEX citations_record_idx ON register.citations (record_id);
CREATE INDEX relations_counterpart_idx ON register.relations (counterpart_id);
CREATE INDEX contracts_technology_idx ON register.contracts (technology_id);
CREATE INDEX contracts_deployment_idx ON register.contracts (deployment_id);
CREATE INDEX contracts_payer_idx ON register.contracts (payer_id);
CREATE INDEX contracts_recipient_idx ON register.contracts (recipient_id);
