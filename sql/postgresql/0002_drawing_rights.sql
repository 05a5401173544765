-- Same tables and effect as sql/sqlite/0002_drawing_rights.sql, in PostgreSQL with explicit types.
CREATE TABLE drawing_rights (
    scheme_id        VARCHAR(100)    NOT NULL,
    year             INT             NOT NULL,
    brin             VARCHAR(4)         NOT NULL,
    vestiging        VARCHAR(2)         NOT NULL,
    category         VARCHAR(20)    NOT NULL,
    historical_hours NUMERIC(18, 6)  NOT NULL,
    base_fte         NUMERIC(18, 6)  NOT NULL,
    pupils_now       NUMERIC(12, 2)  NULL,
    pupils_then      NUMERIC(12, 2)  NULL,
    pupils_estimated BOOLEAN             NOT NULL,
    growth_factor    NUMERIC(18, 8)  NOT NULL,
    uplift_factor    NUMERIC(9, 4)   NOT NULL,
    fixed            BOOLEAN             NOT NULL,
    cap_factor       NUMERIC(18, 10) NOT NULL,
    fte              NUMERIC(9, 2)   NOT NULL,
    budget_cents     BIGINT          NOT NULL,
    computed_at      TIMESTAMPTZ  NOT NULL,
    PRIMARY KEY (scheme_id, year, brin, vestiging, category)
);

CREATE TABLE board_transfers (
    id             BIGINT GENERATED ALWAYS AS IDENTITY NOT NULL PRIMARY KEY,
    scheme_id      VARCHAR(100)   NOT NULL,
    year           INT            NOT NULL,
    board_number   VARCHAR(10)   NOT NULL,
    category       VARCHAR(20)   NOT NULL,
    from_brin      VARCHAR(4)        NOT NULL,
    from_vestiging VARCHAR(2)        NOT NULL,
    to_brin        VARCHAR(4)        NOT NULL,
    to_vestiging   VARCHAR(2)        NOT NULL,
    fte            NUMERIC(9, 2)  NOT NULL,
    file_name      VARCHAR(400)  NOT NULL,
    line           INT            NOT NULL,
    imported_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX ix_board_transfers_scheme_year ON board_transfers (scheme_id, year);

-- JW301 toewijzingen give hours per week with four decimals (e.g. 13 hours a month = 3.0000 a week).
-- SQLite's NUMERIC column already keeps them; here the column widens.
ALTER TABLE beschikkingen ALTER COLUMN hours_per_week TYPE NUMERIC(9, 4);

-- A location's FTE and annual budget beside its month, for the allocation sheet of a drawing-rights scheme.
ALTER TABLE settlement_locations ADD COLUMN fte NUMERIC(9, 2) NULL, ADD COLUMN annual_budget_cents BIGINT NULL;

-- Whether a figure includes a DUO count masked as <5 (valued by the scheme setting), to mark it as estimated.
ALTER TABLE invoice_lines ADD COLUMN estimated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE settlement_allocations ADD COLUMN estimated BOOLEAN NOT NULL DEFAULT FALSE;
ALTER TABLE settlement_locations ADD COLUMN estimated BOOLEAN NOT NULL DEFAULT FALSE;
