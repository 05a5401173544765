-- Same tables and effect as sql/sqlite/0010_estimates.sql, in T-SQL with explicit types.
CREATE TABLE estimates (
    id                BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    scheme_id         VARCHAR(100)   NOT NULL,
    year              INT            NOT NULL,
    brin              CHAR(4)        NOT NULL,
    vestiging         CHAR(2)        NOT NULL,
    municipality_code CHAR(6)        NOT NULL,
    children          INT            NOT NULL,
    hours_per_week    DECIMAL(9, 4)  NOT NULL,
    file_name         NVARCHAR(400)  NOT NULL,
    line              INT            NOT NULL,
    imported_at       DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_estimates_scheme_year ON estimates (scheme_id, year);

CREATE TABLE realisations (
    scheme_id   VARCHAR(100)   NOT NULL,
    year        INT            NOT NULL,
    brin        CHAR(4)        NOT NULL,
    vestiging   CHAR(2)        NOT NULL,
    hours       DECIMAL(14, 4) NOT NULL,
    file_name   NVARCHAR(400)  NOT NULL,
    line        INT            NOT NULL,
    imported_at DATETIMEOFFSET NOT NULL,
    PRIMARY KEY (scheme_id, year, brin, vestiging)
);

CREATE TABLE subsidy_payments (
    run_id            BIGINT         NOT NULL PRIMARY KEY REFERENCES settlement_runs (id),
    scheme_id         VARCHAR(100)   NOT NULL,
    periode           VARCHAR(7)     NOT NULL,
    board_number      NVARCHAR(10)   NOT NULL,
    board_name        NVARCHAR(200)  NOT NULL,
    iban              VARCHAR(34)    NOT NULL,
    amount_cents      BIGINT         NOT NULL,
    granted_cents     BIGINT         NOT NULL,
    paid_before_cents BIGINT         NOT NULL,
    realised_hours    DECIMAL(14, 4) NULL,
    set_cents         BIGINT         NULL
);
CREATE INDEX ix_subsidy_payments_scheme ON subsidy_payments (scheme_id, periode);
