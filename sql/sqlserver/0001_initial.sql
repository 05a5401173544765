-- Same tables and effect as sql/sqlite/0001_initial.sql, in T-SQL with explicit types.
CREATE TABLE municipalities (
    code          CHAR(6)        NOT NULL PRIMARY KEY,
    name          NVARCHAR(200)  NOT NULL,
    address       NVARCHAR(200)  NULL,
    postal_code   NVARCHAR(20)   NULL,
    city          NVARCHAR(100)  NULL
);

CREATE TABLE school_locations (
    brin              CHAR(4)       NOT NULL,
    vestiging         CHAR(2)       NOT NULL,
    name              NVARCHAR(200) NOT NULL,
    board_number      NVARCHAR(10)  NOT NULL,
    board_name        NVARCHAR(200) NOT NULL,
    municipality_code CHAR(6)       NOT NULL REFERENCES municipalities (code),
    sector            VARCHAR(3)    NOT NULL,
    PRIMARY KEY (brin, vestiging)
);

CREATE TABLE pupil_counts (
    peildatum         DATE    NOT NULL,
    brin              CHAR(4) NOT NULL,
    vestiging         CHAR(2) NOT NULL,
    municipality_code CHAR(6) NOT NULL REFERENCES municipalities (code),
    pupils            INT     NULL,
    PRIMARY KEY (peildatum, brin, vestiging, municipality_code),
    FOREIGN KEY (brin, vestiging) REFERENCES school_locations (brin, vestiging)
);

CREATE TABLE beschikkingen (
    number            NVARCHAR(64)  NOT NULL PRIMARY KEY,
    client            NVARCHAR(64)  NOT NULL,
    municipality_code CHAR(6)       NOT NULL REFERENCES municipalities (code),
    brin              CHAR(4)       NOT NULL,
    vestiging         CHAR(2)       NOT NULL,
    provider          NVARCHAR(200) NOT NULL,
    category          NVARCHAR(20)  NOT NULL,
    law               VARCHAR(3)    NOT NULL,
    hours_per_week    DECIMAL(9, 2) NOT NULL,
    start_date        DATE          NOT NULL,
    end_date          DATE          NULL,
    FOREIGN KEY (brin, vestiging) REFERENCES school_locations (brin, vestiging)
);
CREATE INDEX ix_beschikkingen_school ON beschikkingen (brin, vestiging, start_date);

CREATE TABLE imports (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    kind        VARCHAR(20)    NOT NULL,
    file_name   NVARCHAR(400)  NOT NULL,
    sha256      CHAR(64)       NOT NULL,
    row_count   INT            NOT NULL,
    imported_at DATETIMEOFFSET NOT NULL
);

CREATE TABLE scheme_schools (
    scheme_id VARCHAR(100) NOT NULL,
    brin      CHAR(4)      NOT NULL,
    vestiging CHAR(2)      NOT NULL,
    PRIMARY KEY (scheme_id, brin, vestiging)
);

CREATE TABLE settlement_runs (
    id          BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    scheme_id   VARCHAR(100)   NOT NULL,
    scheme_name NVARCHAR(200)  NOT NULL,
    period      CHAR(7)        NOT NULL,
    kind        VARCHAR(20)    NOT NULL,
    basis_unit  VARCHAR(20)    NOT NULL,
    started_by  NVARCHAR(100)  NOT NULL,
    created_at  DATETIMEOFFSET NOT NULL,
    CONSTRAINT uq_settlement_runs UNIQUE (scheme_id, period, kind)
);

CREATE TABLE invoice_sequences (
    issuer      CHAR(6) NOT NULL,
    year        INT     NOT NULL,
    last_number INT     NOT NULL,
    PRIMARY KEY (issuer, year)
);

CREATE TABLE invoices (
    number        VARCHAR(30)   NOT NULL PRIMARY KEY,
    run_id        BIGINT        NOT NULL REFERENCES settlement_runs (id),
    issuer        CHAR(6)       NOT NULL,
    debtor        CHAR(6)       NOT NULL,
    invoice_date  DATE          NOT NULL,
    due_date      DATE          NOT NULL,
    iban          VARCHAR(34)   NOT NULL,
    vat_statement NVARCHAR(400) NOT NULL,
    total_cents   BIGINT        NOT NULL
);
CREATE INDEX ix_invoices_run ON invoices (run_id);

CREATE TABLE invoice_lines (
    invoice_number VARCHAR(30)    NOT NULL REFERENCES invoices (number),
    line_number    INT            NOT NULL,
    brin           CHAR(4)        NOT NULL,
    vestiging      CHAR(2)        NOT NULL,
    basis          DECIMAL(18, 4) NOT NULL,
    amount_cents   BIGINT         NOT NULL,
    PRIMARY KEY (invoice_number, line_number)
);

CREATE TABLE settlement_allocations (
    run_id                  BIGINT         NOT NULL REFERENCES settlement_runs (id),
    municipality_code       CHAR(6)        NOT NULL,
    children                INT            NOT NULL,
    basis                   DECIMAL(18, 4) NOT NULL,
    month_cents             BIGINT         NOT NULL,
    annual_projection_cents BIGINT         NOT NULL,
    invoiced                BIT            NOT NULL,
    PRIMARY KEY (run_id, municipality_code)
);

CREATE TABLE settlement_locations (
    run_id      BIGINT         NOT NULL REFERENCES settlement_runs (id),
    brin        CHAR(4)        NOT NULL,
    vestiging   CHAR(2)        NOT NULL,
    children    INT            NOT NULL,
    basis       DECIMAL(18, 4) NOT NULL,
    month_cents BIGINT         NOT NULL,
    PRIMARY KEY (run_id, brin, vestiging)
);

CREATE TABLE settlement_individual (
    run_id   BIGINT      NOT NULL REFERENCES settlement_runs (id),
    reason   VARCHAR(40) NOT NULL,
    children INT         NOT NULL,
    PRIMARY KEY (run_id, reason)
);
