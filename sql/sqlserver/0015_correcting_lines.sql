-- Same index and effect as sql/sqlite/0015_correcting_lines.sql: a filtered index.
CREATE INDEX ix_invoice_lines_correcting ON invoice_lines (periode) WHERE soort <> 'voorschot';
