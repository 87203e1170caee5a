-- The version of the register's public data, for whatever keeps a copy of it in memory (the
-- response cache, the in-memory search index). It counts committed transactions that logged a
-- change in register.changes, in commit order: the increment is a deferred trigger, so it runs as
-- the transaction commits and takes the row's lock last (no deadlock with the records written
-- before), and a later writer waits for it and then counts on top. The largest change id was used
-- before; it is not in commit order (a transaction can commit a smaller id after a larger one),
-- so a reader could miss a write for good.
CREATE TABLE register.data_version (
  only_row boolean PRIMARY KEY DEFAULT true CHECK (only_row),
  version bigint NOT NULL
);
INSERT INTO register.data_version (version) SELECT coalesce(max(id), 0) FROM register.changes;

-- Once per transaction, however many changes it logs (the flag is local to the transaction).
CREATE FUNCTION register.bump_data_version() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF current_setting('safeguard.data_version_bumped', true) IS DISTINCT FROM 'yes' THEN
    PERFORM set_config('safeguard.data_version_bumped', 'yes', true);
    UPDATE register.data_version SET version = version + 1;
  END IF;
  RETURN NULL;
END $$;

CREATE CONSTRAINT TRIGGER changes_bump_data_version AFTER INSERT ON register.changes
  DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION register.bump_data_version();

-- The unfiltered register's facet counts are now counted by the in-memory search index.
DROP FUNCTION register.refresh_facet_counts();
DROP TABLE register.facet_counts;
DROP TABLE register.deployment_total;
