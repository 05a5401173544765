-- Same effect as sql/sqlite/0011_funder_debtors.sql: a debtor is a municipality code or a funder id of up to 20 characters.
ALTER TABLE invoices ALTER COLUMN debtor VARCHAR(20) NOT NULL;
