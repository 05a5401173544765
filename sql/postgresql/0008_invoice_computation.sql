-- Same effect as sql/sqlite/0008_invoice_computation.sql.
ALTER TABLE settlement_runs
    ADD COLUMN agreement   VARCHAR(400) NULL,
    ADD COLUMN calculation TEXT         NULL;
ALTER TABLE invoices ADD COLUMN buyer_reference VARCHAR(200) NULL;
ALTER TABLE invoice_lines ADD COLUMN annual_cents BIGINT NULL;
