-- Corrections and the year end: every invoice line says what kind of amount it is, which month (or for the
-- year end, which year) it concerns, and which invoice(s) it refers to.
ALTER TABLE invoice_lines ADD COLUMN soort TEXT NOT NULL DEFAULT 'voorschot';
ALTER TABLE invoice_lines ADD COLUMN periode TEXT NULL;
ALTER TABLE invoice_lines ADD COLUMN reference TEXT NULL;
UPDATE invoice_lines
SET periode = (SELECT r.period FROM invoices i JOIN settlement_runs r ON r.id = i.run_id WHERE i.number = invoice_lines.invoice_number)
WHERE periode IS NULL;
-- Corrections read what was settled for one month at a time.
CREATE INDEX ix_invoice_lines_periode ON invoice_lines (periode);

-- The amounts a run attributes that are not invoiced: the lead's or cashier's own share, and every share in a
-- scheme without invoices. With the invoice lines they are everything settled, which corrections and the year
-- end are computed against.
CREATE TABLE settlement_entries (
    run_id            INTEGER NOT NULL REFERENCES settlement_runs (id),
    scheme_id         TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    brin              TEXT NOT NULL,
    vestiging         TEXT NOT NULL,
    periode           TEXT NOT NULL,
    soort             TEXT NOT NULL,
    basis             NUMERIC(18, 4) NOT NULL,
    amount_cents      INTEGER NOT NULL,
    estimated         INTEGER NOT NULL,
    reference         TEXT NULL
);
CREATE INDEX ix_settlement_entries_scheme_period ON settlement_entries (scheme_id, periode);

-- The cashier statement of a run: collected per municipality and kind, gap per municipality, cover per
-- fund, paid out per host location.
CREATE TABLE cashier_lines (
    run_id       INTEGER NOT NULL REFERENCES settlement_runs (id),
    section      TEXT NOT NULL,
    party        TEXT NOT NULL,
    soort        TEXT NULL,
    brin         TEXT NULL,
    vestiging    TEXT NULL,
    amount_cents INTEGER NOT NULL
);
CREATE INDEX ix_cashier_lines_run ON cashier_lines (run_id);

-- A year is closed by its year end and opened again only with a reason; the events are the audit trail.
CREATE TABLE year_events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    scheme_id  TEXT NOT NULL,
    year       INTEGER NOT NULL,
    event      TEXT NOT NULL,
    run_id     INTEGER NULL REFERENCES settlement_runs (id),
    reason     TEXT NULL,
    started_by TEXT NOT NULL,
    created_at TEXT NOT NULL
);
CREATE INDEX ix_year_events_scheme_year ON year_events (scheme_id, year);
