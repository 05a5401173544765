-- The correction and year-end lines of a year, found without reading its advances: the year to date beside a run (the
-- allocation sheet) sums them, and read through the runs of the scheme it read every line of every run, 840,000 by a
-- national December and more each year after. Only lines that are not an advance are in the index.
CREATE INDEX ix_invoice_lines_correcting ON invoice_lines (periode) WHERE soort <> 'voorschot';
