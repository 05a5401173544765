-- Four-eyes approval: a run prepared for approval is kept as a concept, with the fingerprint of its plan (what it
-- would bill) and who prepared it; an approval by someone else issues it and records who approved and the run. A
-- concept prepared again with another plan is kept as replaced. At most one open concept per scheme, period and kind.
-- period and kind as in settlement_runs (yyyy-MM voorschot; yyyy or yyyy-rN vaststelling).
CREATE TABLE settlement_concepts (
    id                INTEGER PRIMARY KEY AUTOINCREMENT,
    scheme_id         TEXT NOT NULL,
    period            TEXT NOT NULL,
    kind              TEXT NOT NULL,
    plan_fingerprint  TEXT NOT NULL,
    input_fingerprint TEXT NOT NULL,
    invoices          INTEGER NOT NULL,
    total_cents       INTEGER NOT NULL,
    prepared_by       TEXT NOT NULL,
    prepared_at       TEXT NOT NULL,
    status            TEXT NOT NULL,
    approved_by       TEXT NULL,
    approved_at       TEXT NULL,
    run_id            INTEGER NULL REFERENCES settlement_runs (id)
);
CREATE UNIQUE INDEX ux_settlement_concepts_open ON settlement_concepts (scheme_id, period, kind) WHERE status = 'open';
CREATE INDEX ix_settlement_concepts_run ON settlement_concepts (run_id);
