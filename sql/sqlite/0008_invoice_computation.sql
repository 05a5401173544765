-- What an invoice shows of how its amounts came about, kept as it was issued: the agreement the scheme rests on
-- and the figures of its calculation (JSON of RunCalculation) per run, the debtor's own reference per invoice,
-- and per line of a month the debtor's annual figure at the location it was computed from.
ALTER TABLE settlement_runs ADD COLUMN agreement TEXT NULL;
ALTER TABLE settlement_runs ADD COLUMN calculation TEXT NULL;
ALTER TABLE invoices ADD COLUMN buyer_reference TEXT NULL;
ALTER TABLE invoice_lines ADD COLUMN annual_cents INTEGER NULL;
