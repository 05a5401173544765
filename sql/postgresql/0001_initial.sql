-- Same tables and effect as sql/sqlite/0001_initial.sql, in PostgreSQL with explicit types.
-- Types: VARCHAR where T-SQL has CHAR (read back without blank padding), BOOLEAN for BIT, TIMESTAMPTZ for
-- DATETIMEOFFSET (an instant, read back in UTC), NUMERIC with the same precision, identities GENERATED ALWAYS.
CREATE TABLE municipalities (
    code          VARCHAR(6)        NOT NULL PRIMARY KEY,
    name          VARCHAR(200)  NOT NULL,
    address       VARCHAR(200)  NULL,
    postal_code   VARCHAR(20)   NULL,
    city          VARCHAR(100)  NULL
);

CREATE TABLE school_locations (
    brin              VARCHAR(4)       NOT NULL,
    vestiging         VARCHAR(2)       NOT NULL,
    name              VARCHAR(200) NOT NULL,
    board_number      VARCHAR(10)  NOT NULL,
    board_name        VARCHAR(200) NOT NULL,
    municipality_code VARCHAR(6)       NOT NULL REFERENCES municipalities (code),
    sector            VARCHAR(3)    NOT NULL,
    PRIMARY KEY (brin, vestiging)
);

CREATE TABLE pupil_counts (
    peildatum         DATE    NOT NULL,
    brin              VARCHAR(4) NOT NULL,
    vestiging         VARCHAR(2) NOT NULL,
    municipality_code VARCHAR(6) NOT NULL REFERENCES municipalities (code),
    pupils            INT     NULL,
    PRIMARY KEY (peildatum, brin, vestiging, municipality_code),
    FOREIGN KEY (brin, vestiging) REFERENCES school_locations (brin, vestiging)
);

CREATE TABLE beschikkingen (
    number            VARCHAR(64)  NOT NULL PRIMARY KEY,
    client            VARCHAR(64)  NOT NULL,
    municipality_code VARCHAR(6)       NOT NULL REFERENCES municipalities (code),
    brin              VARCHAR(4)       NOT NULL,
    vestiging         VARCHAR(2)       NOT NULL,
    provider          VARCHAR(200) NOT NULL,
    category          VARCHAR(20)  NOT NULL,
    law               VARCHAR(3)    NOT NULL,
    hours_per_week    NUMERIC(9, 2) NOT NULL,
    start_date        DATE          NOT NULL,
    end_date          DATE          NULL,
    FOREIGN KEY (brin, vestiging) REFERENCES school_locations (brin, vestiging)
);
CREATE INDEX ix_beschikkingen_school ON beschikkingen (brin, vestiging, start_date);

CREATE TABLE imports (
    id          BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
    kind        VARCHAR(20)    NOT NULL,
    file_name   VARCHAR(400)  NOT NULL,
    sha256      VARCHAR(64)       NOT NULL,
    row_count   INT            NOT NULL,
    imported_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE scheme_schools (
    scheme_id VARCHAR(100) NOT NULL,
    brin      VARCHAR(4)      NOT NULL,
    vestiging VARCHAR(2)      NOT NULL,
    PRIMARY KEY (scheme_id, brin, vestiging)
);

CREATE TABLE settlement_runs (
    id          BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
    scheme_id   VARCHAR(100)   NOT NULL,
    scheme_name VARCHAR(200)  NOT NULL,
    period      VARCHAR(7)        NOT NULL,
    kind        VARCHAR(20)    NOT NULL,
    basis_unit  VARCHAR(20)    NOT NULL,
    started_by  VARCHAR(100)  NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL,
    CONSTRAINT uq_settlement_runs UNIQUE (scheme_id, period, kind)
);

CREATE TABLE invoice_sequences (
    issuer      VARCHAR(6) NOT NULL,
    year        INT     NOT NULL,
    last_number INT     NOT NULL,
    PRIMARY KEY (issuer, year)
);

CREATE TABLE invoices (
    number        VARCHAR(30)   NOT NULL PRIMARY KEY,
    run_id        BIGINT        NOT NULL REFERENCES settlement_runs (id),
    issuer        VARCHAR(6)       NOT NULL,
    debtor        VARCHAR(6)       NOT NULL,
    invoice_date  DATE          NOT NULL,
    due_date      DATE          NOT NULL,
    iban          VARCHAR(34)   NOT NULL,
    vat_statement VARCHAR(400) NOT NULL,
    total_cents   BIGINT        NOT NULL
);
CREATE INDEX ix_invoices_run ON invoices (run_id);

CREATE TABLE invoice_lines (
    invoice_number VARCHAR(30)    NOT NULL REFERENCES invoices (number),
    line_number    INT            NOT NULL,
    brin           VARCHAR(4)        NOT NULL,
    vestiging      VARCHAR(2)        NOT NULL,
    basis          NUMERIC(18, 4) NOT NULL,
    amount_cents   BIGINT         NOT NULL,
    PRIMARY KEY (invoice_number, line_number)
);

CREATE TABLE settlement_allocations (
    run_id                  BIGINT         NOT NULL REFERENCES settlement_runs (id),
    municipality_code       VARCHAR(6)        NOT NULL,
    children                INT            NOT NULL,
    basis                   NUMERIC(18, 4) NOT NULL,
    month_cents             BIGINT         NOT NULL,
    annual_projection_cents BIGINT         NOT NULL,
    invoiced                BOOLEAN            NOT NULL,
    PRIMARY KEY (run_id, municipality_code)
);

CREATE TABLE settlement_locations (
    run_id      BIGINT         NOT NULL REFERENCES settlement_runs (id),
    brin        VARCHAR(4)        NOT NULL,
    vestiging   VARCHAR(2)        NOT NULL,
    children    INT            NOT NULL,
    basis       NUMERIC(18, 4) NOT NULL,
    month_cents BIGINT         NOT NULL,
    PRIMARY KEY (run_id, brin, vestiging)
);

CREATE TABLE settlement_individual (
    run_id   BIGINT      NOT NULL REFERENCES settlement_runs (id),
    reason   VARCHAR(40) NOT NULL,
    children INT         NOT NULL,
    PRIMARY KEY (run_id, reason)
);
