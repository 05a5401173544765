-- Municipal mergers (issue 15, herindelingen): from merged_on, old_code is part of new_code, its legal successor. One row
-- per old code; importing again replaces the row of the same old code. An invoice line names the residence it concerns
-- when that is not its debtor: a merged-away municipality whose successor the invoice is addressed to (NULL: the debtor).
CREATE TABLE mergers (
    old_code    TEXT    NOT NULL PRIMARY KEY REFERENCES municipalities (code),
    new_code    TEXT    NOT NULL REFERENCES municipalities (code),
    merged_on   TEXT    NOT NULL,
    file_name   TEXT    NOT NULL,
    line        INTEGER NOT NULL,
    imported_at TEXT    NOT NULL
);

ALTER TABLE invoice_lines ADD COLUMN residence TEXT NULL;
