-- Contracts and relations are edited through drafts too (a relation is named by its parties and kind).
ALTER TABLE editorial.drafts DROP CONSTRAINT drafts_record_type_check;
ALTER TABLE editorial.drafts ADD CONSTRAINT drafts_record_type_check
  CHECK (record_type IN ('deployment', 'organisation', 'technology', 'source', 'contract', 'relation'));
