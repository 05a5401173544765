-- Same tables and effect as sql/sqlite/0013_settled_digests.sql.
CREATE TABLE settled_digests (
    scheme_id VARCHAR(100) NOT NULL,
    periode   VARCHAR(7)   NOT NULL,
    brin      VARCHAR(4)   NOT NULL,
    vestiging VARCHAR(2)   NOT NULL,
    digest    CHAR(64)     NOT NULL,
    PRIMARY KEY (scheme_id, periode, brin, vestiging)
);
CREATE TABLE settled_digest_months (
    scheme_id VARCHAR(100) NOT NULL,
    periode   VARCHAR(7)   NOT NULL,
    PRIMARY KEY (scheme_id, periode)
);
CREATE INDEX ix_invoice_lines_periode_school ON invoice_lines (periode, brin, vestiging);
DROP INDEX ix_invoice_lines_periode;
-- The few lines billed to a merged-away municipality's successor, found by the residence they concern.
CREATE INDEX ix_invoice_lines_residence ON invoice_lines (residence, periode) WHERE residence IS NOT NULL;
