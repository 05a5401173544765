-- Same effect as sql/sqlite/0004_year_end.sql.
ALTER TABLE invoice_lines
    ADD COLUMN soort     VARCHAR(20) NOT NULL DEFAULT 'voorschot',
    ADD COLUMN periode   VARCHAR(7)  NULL,
    ADD COLUMN reference TEXT        NULL;
UPDATE invoice_lines l
SET periode = r.period
FROM invoices i JOIN settlement_runs r ON r.id = i.run_id
WHERE i.number = l.invoice_number AND l.periode IS NULL;
-- Corrections read what was settled for one month at a time.
CREATE INDEX ix_invoice_lines_periode ON invoice_lines (periode);

CREATE TABLE settlement_entries (
    run_id            BIGINT         NOT NULL REFERENCES settlement_runs (id),
    scheme_id         VARCHAR(100)   NOT NULL,
    municipality_code VARCHAR(6)        NOT NULL,
    brin              VARCHAR(4)        NOT NULL,
    vestiging         VARCHAR(2)        NOT NULL,
    periode           VARCHAR(7)     NOT NULL,
    soort             VARCHAR(20)    NOT NULL,
    basis             NUMERIC(18, 4) NOT NULL,
    amount_cents      BIGINT         NOT NULL,
    estimated         BOOLEAN            NOT NULL,
    reference         TEXT    NULL
);
CREATE INDEX ix_settlement_entries_scheme_period ON settlement_entries (scheme_id, periode);

CREATE TABLE cashier_lines (
    run_id       BIGINT        NOT NULL REFERENCES settlement_runs (id),
    section      VARCHAR(20)   NOT NULL,
    party        VARCHAR(200) NOT NULL,
    soort        VARCHAR(20)   NULL,
    brin         VARCHAR(4)       NULL,
    vestiging    VARCHAR(2)       NULL,
    amount_cents BIGINT        NOT NULL
);
CREATE INDEX ix_cashier_lines_run ON cashier_lines (run_id);

CREATE TABLE year_events (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scheme_id  VARCHAR(100)   NOT NULL,
    year       INT            NOT NULL,
    event      VARCHAR(20)    NOT NULL,
    run_id     BIGINT         NULL REFERENCES settlement_runs (id),
    reason     TEXT    NULL,
    started_by VARCHAR(200)  NOT NULL,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_year_events_scheme_year ON year_events (scheme_id, year);
