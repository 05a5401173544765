-- Same effect as sql/sqlite/0007_municipality_master_data.sql.
ALTER TABLE municipalities
    ADD COLUMN oin            VARCHAR(20)  NULL,
    ADD COLUMN iban           VARCHAR(34)  NULL,
    ADD COLUMN contact_person VARCHAR(200) NULL,
    ADD COLUMN email          VARCHAR(254) NULL;
