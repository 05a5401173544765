-- Municipality master data (issue 11, point 2): the gemeenten file's optional columns oin (the 20-digit
-- Organisatie-identificatienummer), iban (checked by ISO 13616, stored in its electronic form, at most 34
-- characters), contactpersoon and email. Municipalities imported before this migration keep NULL.
ALTER TABLE municipalities ADD COLUMN oin TEXT NULL;
ALTER TABLE municipalities ADD COLUMN iban TEXT NULL;
ALTER TABLE municipalities ADD COLUMN contact_person TEXT NULL;
ALTER TABLE municipalities ADD COLUMN email TEXT NULL;
