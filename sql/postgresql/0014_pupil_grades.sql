-- Same effect as sql/sqlite/0014_pupil_grades.sql: a count's grade (0 without one) joins its key.
ALTER TABLE pupil_counts ADD COLUMN grade INT NOT NULL DEFAULT 0 CONSTRAINT ck_pupil_counts_grade CHECK (grade BETWEEN 0 AND 8);
ALTER TABLE pupil_counts DROP CONSTRAINT pupil_counts_pkey;
ALTER TABLE pupil_counts ADD CONSTRAINT pupil_counts_pkey PRIMARY KEY (peildatum, brin, vestiging, municipality_code, grade);
