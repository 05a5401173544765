-- Drawing rights per scheme, funding year, school location and care category, with the steps that led
-- to them. Recomputing a year replaces its rows; transfers are records beside them, never edits.
CREATE TABLE drawing_rights (
    scheme_id        TEXT NOT NULL,
    year             INTEGER NOT NULL,
    brin             TEXT NOT NULL,
    vestiging        TEXT NOT NULL,
    category         TEXT NOT NULL,
    historical_hours NUMERIC(18, 6) NOT NULL,
    base_fte         NUMERIC(18, 6) NOT NULL,
    pupils_now       NUMERIC(12, 2) NULL,
    pupils_then      NUMERIC(12, 2) NULL,
    pupils_estimated INTEGER NOT NULL,
    growth_factor    NUMERIC(18, 8) NOT NULL,
    uplift_factor    NUMERIC(9, 4) NOT NULL,
    fixed            INTEGER NOT NULL,
    cap_factor       NUMERIC(18, 10) NOT NULL,
    fte              NUMERIC(9, 2) NOT NULL,
    budget_cents     INTEGER NOT NULL,
    computed_at      TEXT NOT NULL,
    PRIMARY KEY (scheme_id, year, brin, vestiging, category)
);

CREATE TABLE board_transfers (
    id             INTEGER PRIMARY KEY AUTOINCREMENT,
    scheme_id      TEXT NOT NULL,
    year           INTEGER NOT NULL,
    board_number   TEXT NOT NULL,
    category       TEXT NOT NULL,
    from_brin      TEXT NOT NULL,
    from_vestiging TEXT NOT NULL,
    to_brin        TEXT NOT NULL,
    to_vestiging   TEXT NOT NULL,
    fte            NUMERIC(9, 2) NOT NULL,
    file_name      TEXT NOT NULL,
    line           INTEGER NOT NULL,
    imported_at    TEXT NOT NULL
);
CREATE INDEX ix_board_transfers_scheme_year ON board_transfers (scheme_id, year);

-- JW301 toewijzingen give hours per week with four decimals; SQLite's NUMERIC column keeps them as they
-- are (SQL Server widens its column to DECIMAL(9, 4) in this migration).

-- A location's FTE and annual budget beside its month, for the allocation sheet of a drawing-rights scheme.
ALTER TABLE settlement_locations ADD COLUMN fte NUMERIC(9, 2) NULL;
ALTER TABLE settlement_locations ADD COLUMN annual_budget_cents INTEGER NULL;

-- Whether a figure includes a DUO count masked as <5 (valued by the scheme setting), to mark it as estimated.
ALTER TABLE invoice_lines ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE settlement_allocations ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0;
ALTER TABLE settlement_locations ADD COLUMN estimated INTEGER NOT NULL DEFAULT 0;
