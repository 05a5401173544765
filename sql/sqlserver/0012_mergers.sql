-- Same table and effect as sql/sqlite/0012_mergers.sql, in T-SQL with explicit types.
CREATE TABLE mergers (
    old_code    CHAR(6)        NOT NULL PRIMARY KEY REFERENCES municipalities (code),
    new_code    CHAR(6)        NOT NULL REFERENCES municipalities (code),
    merged_on   DATE           NOT NULL,
    file_name   NVARCHAR(400)  NOT NULL,
    line        INT            NOT NULL,
    imported_at DATETIMEOFFSET NOT NULL
);

ALTER TABLE invoice_lines ADD residence CHAR(6) NULL;
