-- 015_quote_invoicing.sql — a quote's lines are invoiced at most once
-- (issue 9).
--
-- "Facturer ce devis" could be pressed twice and made two draft invoices
-- of the same lines.  Each invoice now remembers the quote lines it came
-- from, one row per quote line; the primary key makes the database refuse
-- a quote line invoiced twice.  What frees a line:
--  - a draft invoice deleted frees its lines (ON DELETE CASCADE: the
--    invoice never existed for the books);
--  - editing a draft keeps them (the rows hang from the invoice, not from
--    its lines, which sales_update rewrites);
--  - a validated invoice cancelled or credited does NOT free them: the
--    quote was invoiced, the credit note corrects that invoice; what is
--    sold again is a new invoice, or a new quote.
-- A quote is shown "invoiced" when none of its lines remains, "partly
-- invoiced" when some do (SALES_STATUS_SQL in economy/economy.h); its
-- stored status stays "accepted".
CREATE TABLE sales_quote_invoicing (
	quote_line_id INTEGER PRIMARY KEY REFERENCES sales_lines(id),
	quote_id      INTEGER NOT NULL REFERENCES sales_documents(id),
	invoice_id    INTEGER NOT NULL REFERENCES sales_documents(id) ON DELETE CASCADE
) STRICT;
CREATE INDEX sales_quote_invoicing_quote ON sales_quote_invoicing(quote_id);
CREATE INDEX sales_quote_invoicing_invoice ON sales_quote_invoicing(invoice_id);

-- Rule: the line is a line of quote_id, a quote, and invoice_id is an
-- invoice made from that quote (source_id).
CREATE TRIGGER sales_quote_invoicing_insert BEFORE INSERT ON sales_quote_invoicing
WHEN NOT EXISTS (SELECT 1 FROM sales_lines l JOIN sales_documents q ON q.id = l.document_id
		  WHERE l.id = NEW.quote_line_id AND q.id = NEW.quote_id AND q.kind = 'quote')
  OR NOT EXISTS (SELECT 1 FROM sales_documents i WHERE i.id = NEW.invoice_id AND i.kind = 'invoice'
		  AND i.source_id = NEW.quote_id)
BEGIN SELECT RAISE(ABORT, 'sales: an invoice takes lines of the quote it comes from'); END;

-- Rule: a line once invoiced stays with its invoice (only the invoice's
-- deletion, a draft's, removes the row).
CREATE TRIGGER sales_quote_invoicing_no_update BEFORE UPDATE ON sales_quote_invoicing
BEGIN SELECT RAISE(ABORT, 'sales: an invoiced quote line stays with its invoice'); END;

-- The invoices made from quotes before this migration: each quote line
-- goes to the first invoice (lowest id) with a line of the same content;
-- a second invoice of the same lines gets none (INSERT OR IGNORE).
INSERT OR IGNORE INTO sales_quote_invoicing(quote_line_id, quote_id, invoice_id)
SELECT ql.id, q.id, i.id
  FROM sales_documents i
  JOIN sales_documents q ON q.id = i.source_id AND q.kind = 'quote'
  JOIN sales_lines il ON il.document_id = i.id
  JOIN sales_lines ql ON ql.document_id = q.id AND ql.description = il.description
	AND ql.quantity_milli = il.quantity_milli AND ql.unit_cents = il.unit_cents AND ql.vat_bp = il.vat_bp
	AND ql.discount_bp = il.discount_bp AND ql.goods = il.goods
 WHERE i.kind = 'invoice'
 ORDER BY i.id, il.position;
