-- Funders that are not municipalities (issue 13, point 2) are invoiced under their own id, up to 20 characters, in
-- invoices.debtor. SQLite's TEXT has no length, so nothing changes here; the number keeps the providers in step.
SELECT 1;
