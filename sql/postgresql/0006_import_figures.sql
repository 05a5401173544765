-- Same effect as sql/sqlite/0006_import_figures.sql.
ALTER TABLE imports
    ADD COLUMN rows_new       INT          NULL,
    ADD COLUMN rows_replaced  INT          NULL,
    ADD COLUMN rows_unchanged INT          NULL,
    ADD COLUMN started_by     VARCHAR(100) NULL,
    ADD COLUMN scheme_id      VARCHAR(100) NULL;

CREATE INDEX ix_imports_kind ON imports (kind, id);
