-- Same table and effect as sql/sqlite/0012_mergers.sql.
CREATE TABLE mergers (
    old_code    VARCHAR(6)   NOT NULL PRIMARY KEY REFERENCES municipalities (code),
    new_code    VARCHAR(6)   NOT NULL REFERENCES municipalities (code),
    merged_on   DATE         NOT NULL,
    file_name   VARCHAR(400) NOT NULL,
    line        INT          NOT NULL,
    imported_at TIMESTAMPTZ  NOT NULL
);

ALTER TABLE invoice_lines ADD COLUMN residence VARCHAR(6) NULL;
