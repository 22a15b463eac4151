-- 010_ledger_speed.sql — the ledger's third pass (issue 5): a bulk import
-- has its entries checked by the database as a set, once per batch,
-- instead of one by one; every rule is still enforced by the database.
--
-- Outside a bulk batch nothing changes for a posting: trigger
-- ledger_entry_insert checks each entry as it arrives (at least two lines
-- of its own cooperative, balanced, numbered next in its journal and
-- fiscal year, next link of the hash chain, outside the closed period, a
-- reversal reverses an earlier entry of its cooperative) and adds its
-- lines to the maintained totals — what ledger_entry_posted did, now in
-- the same trigger, so one trigger runs per entry instead of two.
--
-- During a bulk batch (a row in ledger_bulk, migration 007) that trigger
-- stands aside.  The batch can only end by deleting the row (a COMMIT
-- with the row still there fails: deferred foreign key), and deleting it
-- runs trigger ledger_bulk_end, which checks every entry of the batch
-- against the same rules, as a set; any failure aborts the DELETE, so the
-- row stays and the transaction cannot commit.  "Every entry of the
-- batch" is exact: seq is UNIQUE, the chain was whole up to from_seq - 1
-- when the batch began (trigger ledger_bulk_start), so the batch's
-- entries are exactly those with seq >= from_seq — and, checked first,
-- exactly those with id >= from_id.  The row cannot be
-- changed (ledger_bulk_no_update).  The maintained totals of the batch
-- are written by ledger_bulk_flush() before the DELETE (economy/ledger.c).
-- Lines still meet ledger_line_insert one by one: no line can join an
-- entry that exists, in a batch or not.

ALTER TABLE ledger_bulk ADD COLUMN from_seq INTEGER NOT NULL DEFAULT 0;

-- Rule: a batch starts right after the chain's last link and the last
-- entry id (read under db_lock(d, "ledger", 0) by the batch's writer).
CREATE TRIGGER ledger_bulk_start BEFORE INSERT ON ledger_bulk
BEGIN
	SELECT RAISE(ABORT, 'ledger: a bulk batch starts after the last link of the chain')
	 WHERE NEW.from_seq <> 1 + coalesce((SELECT max(seq) FROM ledger_entries), 0)
	    OR NEW.from_id <> 1 + coalesce((SELECT max(id) FROM ledger_entries), 0);
END;

-- Rule: a batch's starting point is never changed.
CREATE TRIGGER ledger_bulk_no_update BEFORE UPDATE ON ledger_bulk
BEGIN SELECT RAISE(ABORT, 'ledger: a bulk batch cannot be changed'); END;

-- The checks read the batch in the order it was written (ids from
-- from_id, and their lines through the index on entry_id), which is much
-- cheaper than looking each entry up by its link; the first check makes
-- sure that this order covers the whole batch.
-- Rule: at a batch's end, every entry written since it began is checked
-- as ledger_entry_insert checks one entry.
CREATE TRIGGER ledger_bulk_end BEFORE DELETE ON ledger_bulk
BEGIN
	SELECT RAISE(ABORT, 'ledger: the entries of a bulk batch come after it began')
	 WHERE (SELECT count(*) FROM ledger_entries WHERE seq >= OLD.from_seq)
	    <> (SELECT count(*) FROM ledger_entries WHERE id >= OLD.from_id AND seq >= OLD.from_seq);
	-- lines: at least two, of the entry's cooperative, balanced, summing to its total
	SELECT CASE WHEN n < 2 THEN RAISE(ABORT, 'ledger: an entry has at least two lines')
		    WHEN other > 0 THEN RAISE(ABORT, 'ledger: lines belong to the cooperative of their entry')
		    WHEN dr <> cr OR dr <> total THEN RAISE(ABORT, 'ledger: the entry is not balanced') END
	  FROM (SELECT e.total_cents AS total, count(*) AS n, sum(l.debit) AS dr, sum(l.credit) AS cr,
		       sum(l.cooperative_id <> e.cooperative_id) AS other
		  FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
		 WHERE l.entry_id >= OLD.from_id GROUP BY l.entry_id);
	SELECT RAISE(ABORT, 'ledger: an entry has at least two lines')
	 WHERE (SELECT count(*) FROM ledger_entries WHERE id >= OLD.from_id)
	    <> (SELECT count(*) FROM (SELECT 1 FROM ledger_lines l JOIN ledger_entries e ON e.id = l.entry_id
				       WHERE l.entry_id >= OLD.from_id GROUP BY l.entry_id));
	-- numbers: each is 1, or the number before it (same journal and fiscal
	-- year) belongs to an earlier link.  Numbers being UNIQUE there, this
	-- holding for every entry means, by induction along the chain, that
	-- each entry is numbered 1 + the largest number posted before it —
	-- the per-entry rule — one index look-up per entry
	SELECT RAISE(ABORT, 'ledger: numbers follow each other without gaps')
	  FROM ledger_entries e
	 WHERE e.id >= OLD.from_id AND e.number <> 1 AND NOT EXISTS (SELECT 1 FROM ledger_entries p
		WHERE p.cooperative_id = e.cooperative_id AND p.journal = e.journal AND p.fiscal_year = e.fiscal_year
		  AND p.number = e.number - 1 AND p.seq < e.seq);
	-- the chain: every link follows the one before it (seq - 1 exists) and
	-- carries its hash; the first entry ever carries 32 zero bytes
	SELECT RAISE(ABORT, 'ledger: the hash chain continues from the last entry')
	  FROM ledger_entries e LEFT JOIN ledger_entries p ON p.seq = e.seq - 1
	 WHERE e.id >= OLD.from_id
	   AND e.prev_hash IS NOT coalesce(p.hash, CASE WHEN e.seq = 1 THEN zeroblob(32) END);
	SELECT RAISE(ABORT, 'ledger: the period is closed')
	  FROM ledger_entries e JOIN economy_settings s ON s.cooperative_id = e.cooperative_id
	 WHERE e.id >= OLD.from_id AND s.closed_through IS NOT NULL AND e.entry_date <= s.closed_through;
	SELECT RAISE(ABORT, 'ledger: a reversal reverses a posted entry of the same cooperative')
	  FROM ledger_entries e
	 WHERE e.id >= OLD.from_id AND e.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_entries o
		WHERE o.id = e.reverses_id AND o.cooperative_id = e.cooperative_id AND o.seq < e.seq);
END;

-- One trigger per entry: the checks and the maintained totals; during a
-- bulk batch, nothing (ledger_bulk_end checks the batch).
DROP TRIGGER ledger_entry_posted;
DROP TRIGGER ledger_entry_insert;
-- Rule: as in 004 (lines, numbering, chain, closed period, reversal),
-- for each entry written outside a bulk batch.
CREATE TRIGGER ledger_entry_insert BEFORE INSERT ON ledger_entries
WHEN NOT EXISTS (SELECT 1 FROM ledger_bulk)
BEGIN
	SELECT CASE WHEN n < 2 THEN RAISE(ABORT, 'ledger: an entry has at least two lines')
		    WHEN other > 0 THEN RAISE(ABORT, 'ledger: lines belong to the cooperative of their entry')
		    WHEN dr <> cr OR dr <> NEW.total_cents THEN RAISE(ABORT, 'ledger: the entry is not balanced') END
	  FROM (SELECT count(*) AS n, sum(debit) AS dr, sum(credit) AS cr,
		       sum(cooperative_id <> NEW.cooperative_id) AS other
		  FROM ledger_lines WHERE entry_id = NEW.id);
	SELECT RAISE(ABORT, 'ledger: numbers follow each other without gaps')
	 WHERE NEW.number <> 1 + coalesce((SELECT max(number) FROM ledger_entries
		WHERE cooperative_id = NEW.cooperative_id AND journal = NEW.journal
		  AND fiscal_year = NEW.fiscal_year), 0);
	SELECT RAISE(ABORT, 'ledger: the hash chain continues from the last entry')
	 WHERE NEW.seq <> 1 + coalesce((SELECT max(seq) FROM ledger_entries), 0)
	    OR NEW.prev_hash <> coalesce((SELECT hash FROM ledger_entries WHERE seq = NEW.seq - 1),
					 zeroblob(32));
	SELECT RAISE(ABORT, 'ledger: the period is closed')
	 WHERE EXISTS (SELECT 1 FROM economy_settings s WHERE s.cooperative_id = NEW.cooperative_id
		       AND s.closed_through IS NOT NULL AND NEW.entry_date <= s.closed_through);
	SELECT RAISE(ABORT, 'ledger: a reversal reverses a posted entry of the same cooperative')
	 WHERE NEW.reverses_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ledger_entries o
		WHERE o.id = NEW.reverses_id AND o.cooperative_id = NEW.cooperative_id);
	-- the maintained totals, line by line: two lines on the same key meet
	-- the ON CONFLICT branch (in a BEFORE trigger: if the entry's own
	-- insert then fails, the whole statement is undone with it)
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
