-- Truncation an operator can see (issue 10, point 5): every accepted file is recorded with the rows read
-- (row_count, as before), how many of them were new, replaced or unchanged, who started the import, and for a
-- scheme's overhevelingen the scheme. The table is the one of 0001, extended: imports recorded before this
-- migration keep NULL in the new columns (their figures were never counted).
ALTER TABLE imports ADD COLUMN rows_new INTEGER NULL;
ALTER TABLE imports ADD COLUMN rows_replaced INTEGER NULL;
ALTER TABLE imports ADD COLUMN rows_unchanged INTEGER NULL;
ALTER TABLE imports ADD COLUMN started_by TEXT NULL;
ALTER TABLE imports ADD COLUMN scheme_id TEXT NULL;

-- The previous import of a kind is looked up at every import.
CREATE INDEX ix_imports_kind ON imports (kind, id);
