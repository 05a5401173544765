-- Pupil counts per grade (leerjaar, issue 13 point 3): the pupils file may give a count per grade, 1 to 8. A count
-- without grade has grade 0, as every count stored before: the grade is part of the key, and a key column may not be
-- NULL on the servers; 0 also keeps every query a plain comparison. SQLite cannot change a primary key, so the table is
-- made again with the grade in its key and the counts copied over.
CREATE TABLE pupil_counts_by_grade (
    peildatum         TEXT NOT NULL,
    brin              TEXT NOT NULL,
    vestiging         TEXT NOT NULL,
    municipality_code TEXT NOT NULL REFERENCES municipalities (code),
    pupils            INTEGER NULL,
    grade             INTEGER NOT NULL DEFAULT 0 CHECK (grade BETWEEN 0 AND 8),
    PRIMARY KEY (peildatum, brin, vestiging, municipality_code, grade),
    FOREIGN KEY (brin, vestiging) REFERENCES school_locations (brin, vestiging)
);
INSERT INTO pupil_counts_by_grade (peildatum, brin, vestiging, municipality_code, pupils, grade)
SELECT peildatum, brin, vestiging, municipality_code, pupils, 0 FROM pupil_counts;
DROP TABLE pupil_counts;
ALTER TABLE pupil_counts_by_grade RENAME TO pupil_counts;
