-- Same effect as sql/sqlite/0008_invoice_computation.sql.
ALTER TABLE settlement_runs ADD
    agreement   NVARCHAR(400) NULL,
    calculation NVARCHAR(MAX) NULL;
ALTER TABLE invoices ADD buyer_reference NVARCHAR(200) NULL;
ALTER TABLE invoice_lines ADD annual_cents BIGINT NULL;
