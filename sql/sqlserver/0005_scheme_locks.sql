-- Same effect as sql/sqlite/0005_scheme_locks.sql; the lock is taken WITH (UPDLOCK, HOLDLOCK).
CREATE TABLE scheme_locks (
    scheme_id VARCHAR(100) NOT NULL PRIMARY KEY
);

DROP TABLE scheme_schools;
