-- 022_journal_date_order.sql — each journal is numbered in date order
-- (issue 9, last point).
--
-- First numbered 016 while 018 and 021 were already applied on existing
-- databases, so migrate_apply (which runs only numbers above user_version)
-- never ran it there; renumbered 022.  The triggers are created IF NOT
-- EXISTS so that a database which did run it as 016 passes through.
--
-- French bookkeeping (and the FEC, the file the tax administration asks
-- for) wants the entries of a journal numbered chronologically: entry
-- n + 1 of a journal and fiscal year is never dated before entry n.
-- ledger_post() refuses such an entry (409 date_before_last) and
-- `bigre check` reports one (check journal-order); from here on the
-- database refuses it too, whoever writes:
--   * an entry posted alone (trigger ledger_entry_date_order);
--   * the entries of a bulk batch, checked as a set when the batch ends
--     (trigger ledger_bulk_end_date_order, beside ledger_bulk_end of
--     migration 010).
-- Comparing with the entry numbered just before is enough: numbers follow
-- each other without gaps (ledger_entry_insert, ledger_bulk_end), so by
-- induction along the numbers no earlier entry of the journal is dated
-- later.  Dates are ISO texts (YYYY-MM-DD): text order is date order.
-- Entries posted before this migration are left as they are; `bigre
-- check` reports any inversion among them.

-- Rule: an entry posted alone (no bulk batch open) is not dated before
-- the entry numbered just before it in its cooperative, journal and
-- fiscal year.
CREATE TRIGGER IF NOT EXISTS ledger_entry_date_order BEFORE INSERT ON ledger_entries
WHEN NOT EXISTS (SELECT 1 FROM ledger_bulk)
BEGIN
	SELECT RAISE(ABORT, 'ledger: an entry is not dated before the previous one of its journal')
	 WHERE NEW.entry_date < (SELECT p.entry_date FROM ledger_entries p
		WHERE p.cooperative_id = NEW.cooperative_id AND p.journal = NEW.journal
		  AND p.fiscal_year = NEW.fiscal_year AND p.number = NEW.number - 1);
END;

-- Rule: the same for every entry of a bulk batch, checked when the batch
-- ends (the batch's entries are those with id >= from_id, which
-- ledger_bulk_end checks); a failure aborts the DELETE, so the batch row
-- stays and the transaction cannot commit.
CREATE TRIGGER IF NOT EXISTS ledger_bulk_end_date_order BEFORE DELETE ON ledger_bulk
BEGIN
	SELECT RAISE(ABORT, 'ledger: an entry is not dated before the previous one of its journal')
	  FROM ledger_entries e JOIN ledger_entries p ON p.cooperative_id = e.cooperative_id
	   AND p.journal = e.journal AND p.fiscal_year = e.fiscal_year AND p.number = e.number - 1
	 WHERE e.id >= OLD.from_id AND e.entry_date < p.entry_date;
END;
