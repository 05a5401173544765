-- SQLite reads beschikkingen in one pass over the table, never through ix_beschikkingen_school: a lookup per school fetched
-- a national region's rows a page at a time from all over the file (1.0-1.3 s against about 0.1 s for the pass). Kept, the
-- index cost every import its upkeep: in the sqlite3 shell, 200,000 rows went in in 1.05 s with it and 0.54 s without.
DROP INDEX ix_beschikkingen_school;
