-- Audit trail: what a settlement run was computed from (a fingerprint of its inputs) and with which parameters.
ALTER TABLE settlement_runs ADD COLUMN input_fingerprint TEXT NOT NULL DEFAULT '';
ALTER TABLE settlement_runs ADD COLUMN parameters TEXT NOT NULL DEFAULT '';
