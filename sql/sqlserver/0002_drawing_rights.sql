-- Same tables and effect as sql/sqlite/0002_drawing_rights.sql, in T-SQL with explicit types.
CREATE TABLE drawing_rights (
    scheme_id        VARCHAR(100)    NOT NULL,
    year             INT             NOT NULL,
    brin             CHAR(4)         NOT NULL,
    vestiging        CHAR(2)         NOT NULL,
    category         NVARCHAR(20)    NOT NULL,
    historical_hours DECIMAL(18, 6)  NOT NULL,
    base_fte         DECIMAL(18, 6)  NOT NULL,
    pupils_now       DECIMAL(12, 2)  NULL,
    pupils_then      DECIMAL(12, 2)  NULL,
    pupils_estimated BIT             NOT NULL,
    growth_factor    DECIMAL(18, 8)  NOT NULL,
    uplift_factor    DECIMAL(9, 4)   NOT NULL,
    fixed            BIT             NOT NULL,
    cap_factor       DECIMAL(18, 10) NOT NULL,
    fte              DECIMAL(9, 2)   NOT NULL,
    budget_cents     BIGINT          NOT NULL,
    computed_at      DATETIMEOFFSET  NOT NULL,
    PRIMARY KEY (scheme_id, year, brin, vestiging, category)
);

CREATE TABLE board_transfers (
    id             BIGINT IDENTITY(1, 1) NOT NULL PRIMARY KEY,
    scheme_id      VARCHAR(100)   NOT NULL,
    year           INT            NOT NULL,
    board_number   NVARCHAR(10)   NOT NULL,
    category       NVARCHAR(20)   NOT NULL,
    from_brin      CHAR(4)        NOT NULL,
    from_vestiging CHAR(2)        NOT NULL,
    to_brin        CHAR(4)        NOT NULL,
    to_vestiging   CHAR(2)        NOT NULL,
    fte            DECIMAL(9, 2)  NOT NULL,
    file_name      NVARCHAR(400)  NOT NULL,
    line           INT            NOT NULL,
    imported_at    DATETIMEOFFSET NOT NULL
);
CREATE INDEX ix_board_transfers_scheme_year ON board_transfers (scheme_id, year);

-- JW301 toewijzingen give hours per week with four decimals (e.g. 13 hours a month = 3.0000 a week).
-- SQLite's NUMERIC column already keeps them; here the column widens.
ALTER TABLE beschikkingen ALTER COLUMN hours_per_week DECIMAL(9, 4) NOT NULL;

-- A location's FTE and annual budget beside its month, for the allocation sheet of a drawing-rights scheme.
ALTER TABLE settlement_locations ADD fte DECIMAL(9, 2) NULL, annual_budget_cents BIGINT NULL;

-- Whether a figure includes a DUO count masked as <5 (valued by the scheme setting), to mark it as estimated.
ALTER TABLE invoice_lines ADD estimated BIT NOT NULL CONSTRAINT df_invoice_lines_estimated DEFAULT 0;
ALTER TABLE settlement_allocations ADD estimated BIT NOT NULL CONSTRAINT df_settlement_allocations_estimated DEFAULT 0;
ALTER TABLE settlement_locations ADD estimated BIT NOT NULL CONSTRAINT df_settlement_locations_estimated DEFAULT 0;
