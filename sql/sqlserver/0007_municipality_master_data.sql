-- Same effect as sql/sqlite/0007_municipality_master_data.sql.
ALTER TABLE municipalities ADD
    oin            CHAR(20)      NULL,
    iban           VARCHAR(34)   NULL,
    contact_person NVARCHAR(200) NULL,
    email          NVARCHAR(254) NULL;
