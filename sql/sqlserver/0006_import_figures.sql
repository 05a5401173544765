-- Same effect as sql/sqlite/0006_import_figures.sql.
ALTER TABLE imports ADD
    rows_new       INT           NULL,
    rows_replaced  INT           NULL,
    rows_unchanged INT           NULL,
    started_by     NVARCHAR(100) NULL,
    scheme_id      VARCHAR(100)  NULL;

CREATE INDEX ix_imports_kind ON imports (kind, id);
