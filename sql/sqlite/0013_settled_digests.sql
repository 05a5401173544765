-- Per scheme, month and school location: the digest of what is settled there (Core SettledDigest), so a run correcting
-- earlier months reads back only the locations whose digest changed. A month is in settled_digest_months once its
-- digests are complete; a month settled before this migration gets them the first time a run reviews it.
CREATE TABLE settled_digests (
    scheme_id TEXT NOT NULL,
    periode   TEXT NOT NULL,
    brin      TEXT NOT NULL,
    vestiging TEXT NOT NULL,
    digest    TEXT NOT NULL,
    PRIMARY KEY (scheme_id, periode, brin, vestiging)
);
CREATE TABLE settled_digest_months (
    scheme_id TEXT NOT NULL,
    periode   TEXT NOT NULL,
    PRIMARY KEY (scheme_id, periode)
);
-- The lines of one month at a few locations, read when their digest changed; the month alone stays a prefix of it.
CREATE INDEX ix_invoice_lines_periode_school ON invoice_lines (periode, brin, vestiging);
DROP INDEX ix_invoice_lines_periode;
-- The few lines billed to a merged-away municipality's successor, found by the residence they concern.
CREATE INDEX ix_invoice_lines_residence ON invoice_lines (residence, periode) WHERE residence IS NOT NULL;
