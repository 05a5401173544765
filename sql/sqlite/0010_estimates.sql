-- An estimate pool (issue 13, Tilburg): the school's estimate per funding year, location and municipality of
-- residence (counts of children and the hours a week each needs, never a child), and the hours it realised in
-- the year. An import replaces a scheme's rows of the years its file names.
CREATE TABLE estimates (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    scheme_id         TEXT NOT NULL,
    year              INTEGER NOT NULL,
    brin              TEXT NOT NULL,
    vestiging         TEXT NOT NULL,
    municipality_code TEXT NOT NULL,
    children          INTEGER NOT NULL,
    hours_per_week    NUMERIC(9, 4) NOT NULL,
    file_name         TEXT NOT NULL,
    line              INTEGER NOT NULL,
    imported_at       TEXT NOT NULL
);
CREATE INDEX ix_estimates_scheme_year ON estimates (scheme_id, year);

CREATE TABLE realisations (
    scheme_id   TEXT NOT NULL,
    year        INTEGER NOT NULL,
    brin        TEXT NOT NULL,
    vestiging   TEXT NOT NULL,
    hours       NUMERIC(14, 4) NOT NULL,
    file_name   TEXT NOT NULL,
    line        INTEGER NOT NULL,
    imported_at TEXT NOT NULL,
    PRIMARY KEY (scheme_id, year, brin, vestiging)
);

-- What the lead paid the school board in a run (a subsidy advance) or claimed back at the year end (a negative
-- amount, terugvordering), with the figures the amount was set by. At most one per run.
CREATE TABLE subsidy_payments (
    run_id            INTEGER NOT NULL PRIMARY KEY REFERENCES settlement_runs (id),
    scheme_id         TEXT NOT NULL,
    periode           TEXT NOT NULL,
    board_number      TEXT NOT NULL,
    board_name        TEXT NOT NULL,
    iban              TEXT NOT NULL,
    amount_cents      INTEGER NOT NULL,
    granted_cents     INTEGER NOT NULL,
    paid_before_cents INTEGER NOT NULL,
    realised_hours    NUMERIC(14, 4) NULL,
    set_cents         INTEGER NULL
);
CREATE INDEX ix_subsidy_payments_scheme ON subsidy_payments (scheme_id, periode);
