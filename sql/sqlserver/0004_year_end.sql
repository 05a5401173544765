-- Same effect as sql/sqlite/0004_year_end.sql.
ALTER TABLE invoice_lines ADD
    soort     VARCHAR(20)   NOT NULL CONSTRAINT df_invoice_lines_soort DEFAULT 'voorschot',
    periode   VARCHAR(7)    NULL,
    reference NVARCHAR(4000) NULL;
GO
UPDATE l
SET periode = r.period
FROM invoice_lines l JOIN invoices i ON i.number = l.invoice_number JOIN settlement_runs r ON r.id = i.run_id
WHERE l.periode IS NULL;
-- Corrections read what was settled for one month at a time.
CREATE INDEX ix_invoice_lines_periode ON invoice_lines (periode);

CREATE TABLE settlement_entries (
    run_id            BIGINT         NOT NULL REFERENCES settlement_runs (id),
    scheme_id         VARCHAR(100)   NOT NULL,
    municipality_code CHAR(6)        NOT NULL,
    brin              CHAR(4)        NOT NULL,
    vestiging         CHAR(2)        NOT NULL,
    periode           VARCHAR(7)     NOT NULL,
    soort             VARCHAR(20)    NOT NULL,
    basis             DECIMAL(18, 4) NOT NULL,
    amount_cents      BIGINT         NOT NULL,
    estimated         BIT            NOT NULL,
    reference         NVARCHAR(4000) NULL
);
CREATE INDEX ix_settlement_entries_scheme_period ON settlement_entries (scheme_id, periode);

CREATE TABLE cashier_lines (
    run_id       BIGINT        NOT NULL REFERENCES settlement_runs (id),
    section      VARCHAR(20)   NOT NULL,
    party        NVARCHAR(200) NOT NULL,
    soort        VARCHAR(20)   NULL,
    brin         CHAR(4)       NULL,
    vestiging    CHAR(2)       NULL,
    amount_cents BIGINT        NOT NULL
);
CREATE INDEX ix_cashier_lines_run ON cashier_lines (run_id);

CREATE TABLE year_events (
    id         BIGINT IDENTITY(1, 1) PRIMARY KEY,
    scheme_id  VARCHAR(100)   NOT NULL,
    year       INT            NOT NULL,
    event      VARCHAR(20)    NOT NULL,
    run_id     BIGINT         NULL REFERENCES settlement_runs (id),
    reason     NVARCHAR(4000) NULL,
    started_by NVARCHAR(200)  NOT NULL,
    created_at DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_year_events_scheme_year ON year_events (scheme_id, year);
