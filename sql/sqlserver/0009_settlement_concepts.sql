-- Same effect as sql/sqlite/0009_settlement_concepts.sql; the open concept is unique by a filtered index.
CREATE TABLE settlement_concepts (
    id                BIGINT IDENTITY(1, 1) PRIMARY KEY,
    scheme_id         VARCHAR(100)   NOT NULL,
    period            VARCHAR(7)     NOT NULL,
    kind              VARCHAR(20)    NOT NULL,
    plan_fingerprint  VARCHAR(64)    NOT NULL,
    input_fingerprint VARCHAR(64)    NOT NULL,
    invoices          INT            NOT NULL,
    total_cents       BIGINT         NOT NULL,
    prepared_by       NVARCHAR(100)  NOT NULL,
    prepared_at       DATETIMEOFFSET NOT NULL,
    status            VARCHAR(20)    NOT NULL,
    approved_by       NVARCHAR(100)  NULL,
    approved_at       DATETIMEOFFSET NULL,
    run_id            BIGINT         NULL REFERENCES settlement_runs (id)
);
CREATE UNIQUE INDEX ux_settlement_concepts_open ON settlement_concepts (scheme_id, period, kind) WHERE status = 'open';
CREATE INDEX ix_settlement_concepts_run ON settlement_concepts (run_id);
