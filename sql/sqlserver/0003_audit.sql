-- Same effect as sql/sqlite/0003_audit.sql.
ALTER TABLE settlement_runs ADD
    input_fingerprint CHAR(64) NOT NULL CONSTRAINT df_settlement_runs_fingerprint DEFAULT '',
    parameters NVARCHAR(4000) NOT NULL CONSTRAINT df_settlement_runs_parameters DEFAULT '';
