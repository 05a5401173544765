-- Same effect as sql/sqlite/0014_pupil_grades.sql: a count's grade (0 without one) joins its key.
ALTER TABLE pupil_counts ADD grade INT NOT NULL
    CONSTRAINT df_pupil_counts_grade DEFAULT 0
    CONSTRAINT ck_pupil_counts_grade CHECK (grade BETWEEN 0 AND 8);
GO
-- 0001 left the primary key its generated name.
DECLARE @key SYSNAME = (SELECT name FROM sys.key_constraints WHERE parent_object_id = OBJECT_ID('pupil_counts') AND type = 'PK');
DECLARE @drop NVARCHAR(400) = N'ALTER TABLE pupil_counts DROP CONSTRAINT ' + QUOTENAME(@key);
EXEC sp_executesql @drop;
GO
ALTER TABLE pupil_counts ADD CONSTRAINT pk_pupil_counts PRIMARY KEY (peildatum, brin, vestiging, municipality_code, grade);
