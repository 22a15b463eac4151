-- 007_economy_more.sql — the economy's second pass (issue 5): partial
-- credit notes, credit notes on paid invoices with their refund, quotes
-- with their own number sequence.

-- On an invoice: the total incl. VAT of its credit notes, and what was
-- refunded to the client (a payment out, 411/512).  What remains due is
-- total_ttc - credited - paid + refunded, never negative.
ALTER TABLE sales_documents ADD COLUMN credited INTEGER NOT NULL DEFAULT 0 CHECK (credited >= 0);
ALTER TABLE sales_documents ADD COLUMN refunded INTEGER NOT NULL DEFAULT 0 CHECK (refunded >= 0);

-- Rule: credited never exceeds the total, refunded never exceeds paid,
-- the amount due (total - credited - paid + refunded) is never negative,
-- and credited and refunded only grow.
CREATE TRIGGER sales_document_settlement BEFORE UPDATE OF credited, refunded, paid ON sales_documents
WHEN NEW.credited > NEW.total_ttc OR NEW.refunded > NEW.paid
	OR NEW.total_ttc - NEW.credited - NEW.paid + NEW.refunded < 0
	OR NEW.credited < OLD.credited OR NEW.refunded < OLD.refunded
BEGIN SELECT RAISE(ABORT, 'sales: credited, paid and refunded exceed the invoice'); END;

-- The lines of an invoice credited whole by a credit note: each at most once.
CREATE TABLE sales_credit_positions (
	invoice_id     INTEGER NOT NULL REFERENCES sales_documents(id),
	position       INTEGER NOT NULL,
	credit_note_id INTEGER NOT NULL REFERENCES sales_documents(id),
	PRIMARY KEY (invoice_id, position)
) STRICT, WITHOUT ROWID;

-- A refund: money paid back to the client when a credit note exceeds what
-- remained due; posted BQ 411 (debit) / 512 (credit).  Immutable.
CREATE TABLE sales_refunds (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	invoice_id     INTEGER NOT NULL REFERENCES sales_documents(id),
	credit_note_id INTEGER NOT NULL UNIQUE REFERENCES sales_documents(id),
	refund_date    TEXT NOT NULL CHECK (date(julianday(refund_date)) = refund_date),
	method         TEXT NOT NULL CHECK (method IN ('transfer', 'cheque', 'card', 'cash')),
	amount         INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 10000000000000),
	entry_id       INTEGER NOT NULL REFERENCES ledger_entries(id),
	created_by     INTEGER NOT NULL,
	created_at     INTEGER NOT NULL
) STRICT;
-- Rule: a refund is never changed.
CREATE TRIGGER sales_refunds_no_update BEFORE UPDATE ON sales_refunds
BEGIN SELECT RAISE(ABORT, 'sales: a refund cannot be changed'); END;
-- Rule: a refund is never deleted.
CREATE TRIGGER sales_refunds_no_delete BEFORE DELETE ON sales_refunds
BEGIN SELECT RAISE(ABORT, 'sales: a refund cannot be deleted'); END;

-- Quotes have their own gap-free sequence per cooperative and year
-- ("D2026-000001"), separate from the invoices'.
ALTER TABLE sales_documents ADD COLUMN quote_number TEXT;
CREATE UNIQUE INDEX sales_documents_quote_number ON sales_documents(cooperative_id, quote_number)
	WHERE quote_number IS NOT NULL;
CREATE TABLE quote_sequences (
	cooperative_id INTEGER NOT NULL,
	year           INTEGER NOT NULL,
	last_seq       INTEGER NOT NULL,
	PRIMARY KEY (cooperative_id, year)
) STRICT, WITHOUT ROWID;
-- Rule: a quote that has a number keeps it.
CREATE TRIGGER sales_quote_number_frozen BEFORE UPDATE OF quote_number ON sales_documents
WHEN OLD.quote_number IS NOT NULL AND NEW.quote_number IS NOT OLD.quote_number
BEGIN SELECT RAISE(ABORT, 'sales: a quote keeps its number'); END;

-- Bulk import (bigre ledger-import): the maintained balances are brought
-- up to date once per batch, inside the batch's transaction, instead of
-- entry by entry.  While a row of ledger_bulk exists the per-entry trigger
-- stands aside; ledger_bulk_flush() adds the batch's lines (id >= from_id)
-- to the totals and deletes the row.  The row points to a table that is
-- always empty through a deferred foreign key: a transaction that would
-- commit with the row still there — balances behind — fails at COMMIT.
CREATE TABLE ledger_bulk_never (id INTEGER PRIMARY KEY) STRICT;
-- Rule: ledger_bulk_never has no row, so a ledger_bulk row left at COMMIT
-- fails its deferred foreign key.
CREATE TRIGGER ledger_bulk_never_insert BEFORE INSERT ON ledger_bulk_never
BEGIN SELECT RAISE(ABORT, 'ledger: this table stays empty'); END;
CREATE TABLE ledger_bulk (
	one     INTEGER PRIMARY KEY CHECK (one = 1),
	from_id INTEGER NOT NULL,
	pending INTEGER NOT NULL DEFAULT 1 REFERENCES ledger_bulk_never(id) DEFERRABLE INITIALLY DEFERRED
) STRICT;

DROP TRIGGER ledger_entry_posted;
-- Rule: as in 004, the totals follow each entry, except inside a bulk
-- batch (ledger_bulk_flush adds the batch's lines at its end).
CREATE TRIGGER ledger_entry_posted AFTER INSERT ON ledger_entries
WHEN NOT EXISTS (SELECT 1 FROM ledger_bulk)
BEGIN
	-- line by line: two lines on the same key meet the ON CONFLICT branch
	INSERT INTO ledger_balances(cooperative_id, account, activity_id, period, debit, credit)
	SELECT NEW.cooperative_id, account, coalesce(activity_id, 0), substr(NEW.entry_date, 1, 7), debit, credit
	  FROM ledger_lines WHERE entry_id = NEW.id
	ON CONFLICT (cooperative_id, account, activity_id, period)
	DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit;
	INSERT INTO ledger_account_totals(cooperative_id, account, period, debit, credit)
	SELECT NEW.cooperative_id, account, substr(NEW.entry_date, 1, 7), debit, credit
	  FROM ledger_lines WHERE entry_id = NEW.id
	ON CONFLICT (cooperative_id, account, period)
	DO UPDATE SET debit = debit + excluded.debit, credit = credit + excluded.credit;
END;

-- The language of the legal documents (PDF): the client's if set, else
-- the cooperative's, else French.
ALTER TABLE clients ADD COLUMN lang TEXT CHECK (lang IS NULL OR lang IN ('fr', 'en'));
ALTER TABLE economy_settings ADD COLUMN doc_lang TEXT CHECK (doc_lang IS NULL OR doc_lang IN ('fr', 'en'));
