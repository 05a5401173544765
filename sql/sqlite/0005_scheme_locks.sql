-- One row per scheme: every unit of work that issues or changes a scheme's settled state takes its row's
-- lock first (on SQLite the write lock of BEGIN IMMEDIATE, which covers the whole file).
CREATE TABLE scheme_locks (
    scheme_id TEXT NOT NULL PRIMARY KEY
);

-- The school list of a scheme now travels with the query that needs it, as a JSON parameter; a table
-- shared by every process could be refilled by one while another joined it.
DROP TABLE scheme_schools;
