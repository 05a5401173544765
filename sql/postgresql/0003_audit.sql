-- Same effect as sql/sqlite/0003_audit.sql.
ALTER TABLE settlement_runs
    ADD COLUMN input_fingerprint VARCHAR(64) NOT NULL DEFAULT '',
    ADD COLUMN parameters        TEXT        NOT NULL DEFAULT '';
