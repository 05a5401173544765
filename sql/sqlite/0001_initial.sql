-- Registry: what the region's CSV files carry.
CREATE TABLE municipalities (
    code          TEXT NOT NULL PRIMARY KEY,
    name          TEXT NOT NULL,
    address       TEXT NULL,
    postal_code   TEXT NULL,
    city          TEXT NULL
);

CREATE TABLE school_locations (
    brin              TEXT NOT NULL,
    vestiging         TEXT NOT NULL,
    name              TEXT NOT NULL,
    board_number      TEXT NOT NULL,
    board_name        TEXT NOT NULL,
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    sector            TEXT NOT NULL,
    PRIMARY KEY (brin, vestiging)
);

-- count is NULL when DUO masked it as <5.
CREATE TABLE pupil_counts (
    peildatum         TEXT NOT NULL,
    brin              TEXT NOT NULL,
    vestiging         TEXT NOT NULL,
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    pupils            INTEGER NULL,
    PRIMARY KEY (peildatum, brin, vestiging, municipality_code),
    FOREIGN KEY (brin, vestiging) REFERENCES school_locations (brin, vestiging)
);

CREATE TABLE beschikkingen (
    number            TEXT NOT NULL PRIMARY KEY,
    client            TEXT NOT NULL,
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    brin              TEXT NOT NULL,
    vestiging         TEXT NOT NULL,
    provider          TEXT NOT NULL,
    category          TEXT NOT NULL,
    law               TEXT NOT NULL,
    hours_per_week    NUMERIC(9, 2) NOT NULL,
    start_date        TEXT NOT NULL,
    end_date          TEXT NULL,
    FOREIGN KEY (brin, vestiging) REFERENCES school_locations (brin, vestiging)
);
CREATE INDEX ix_beschikkingen_school ON beschikkingen (brin, vestiging, start_date);

-- Every accepted file, for the audit trail.
CREATE TABLE imports (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    kind        TEXT NOT NULL,
    file_name   TEXT NOT NULL,
    sha256      TEXT NOT NULL,
    row_count   INTEGER NOT NULL,
    imported_at TEXT NOT NULL
);

-- The schools of each scheme as last settled, so a period's inputs load with one join.
CREATE TABLE scheme_schools (
    scheme_id TEXT NOT NULL,
    brin      TEXT NOT NULL,
    vestiging TEXT NOT NULL,
    PRIMARY KEY (scheme_id, brin, vestiging)
);

-- One run per scheme, period and kind: the unique key is the guard against issuing a month twice.
CREATE TABLE settlement_runs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    scheme_id   TEXT NOT NULL,
    scheme_name TEXT NOT NULL,
    period      TEXT NOT NULL,
    kind        TEXT NOT NULL,
    basis_unit  TEXT NOT NULL,
    started_by  TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    UNIQUE (scheme_id, period, kind)
);

-- Gapless numbers per issuer and year, taken in the transaction that stores the invoices.
CREATE TABLE invoice_sequences (
    issuer      TEXT NOT NULL,
    year        INTEGER NOT NULL,
    last_number INTEGER NOT NULL,
    PRIMARY KEY (issuer, year)
);

CREATE TABLE invoices (
    number        TEXT NOT NULL PRIMARY KEY,
    run_id        INTEGER NOT NULL REFERENCES settlement_runs (id),
    issuer        TEXT NOT NULL,
    debtor        TEXT NOT NULL,
    invoice_date  TEXT NOT NULL,
    due_date      TEXT NOT NULL,
    iban          TEXT NOT NULL,
    vat_statement TEXT NOT NULL,
    total_cents   INTEGER NOT NULL
);
CREATE INDEX ix_invoices_run ON invoices (run_id);

CREATE TABLE invoice_lines (
    invoice_number TEXT NOT NULL REFERENCES invoices (number),
    line_number    INTEGER NOT NULL,
    brin           TEXT NOT NULL,
    vestiging      TEXT NOT NULL,
    basis          NUMERIC(18, 4) NOT NULL,
    amount_cents   INTEGER NOT NULL,
    PRIMARY KEY (invoice_number, line_number)
);

-- The key figures of a run per municipality, location and individual reason, for the allocation sheet.
CREATE TABLE settlement_allocations (
    run_id                   INTEGER NOT NULL REFERENCES settlement_runs (id),
    municipality_code        TEXT NOT NULL,
    children                 INTEGER NOT NULL,
    basis                    NUMERIC(18, 4) NOT NULL,
    month_cents              INTEGER NOT NULL,
    annual_projection_cents  INTEGER NOT NULL,
    invoiced                 INTEGER NOT NULL,
    PRIMARY KEY (run_id, municipality_code)
);

CREATE TABLE settlement_locations (
    run_id      INTEGER NOT NULL REFERENCES settlement_runs (id),
    brin        TEXT NOT NULL,
    vestiging   TEXT NOT NULL,
    children    INTEGER NOT NULL,
    basis       NUMERIC(18, 4) NOT NULL,
    month_cents INTEGER NOT NULL,
    PRIMARY KEY (run_id, brin, vestiging)
);

CREATE TABLE settlement_individual (
    run_id   INTEGER NOT NULL REFERENCES settlement_runs (id),
    reason   TEXT NOT NULL,
    children INTEGER NOT NULL,
    PRIMARY KEY (run_id, reason)
);
