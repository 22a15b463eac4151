-- 004_economy.sql — the economic back office (issue 5): settings, the
-- the debit-and-credit ledger, activities, clients, quotes/invoices/credit notes,
-- payments, expense reports and supplier invoices.
--
-- Every amount is an INTEGER number of cents within ±10^13; every rate is
-- in basis points.  The rules the money relies on are enforced HERE, so
-- that no code path (nor a hand-typed sqlite3 session, short of dropping
-- the triggers) can break them:
--   * a ledger line has a debit or a credit, never both nor neither;
--   * an entry's lines are written first, in the posting transaction (their
--     foreign key to the entry is DEFERRED to the commit), then the entry
--     is inserted, already posted: trigger ledger_entry_insert checks that
--     it is balanced, has at least two lines of its own cooperative, is
--     numbered next in its journal and fiscal year, is the next link of the
--     hash chain, and lies outside any closed period;
--   * no line can be added to, changed in or removed from an existing
--     entry; an entry can never be changed nor deleted;
--   * a validated sales document (number, lines, totals) never changes; its
--     PDF, once stored, never changes.
-- Hashes (BLAKE2b-256) are computed by ledger.c; `bigre check` verifies them.

CREATE TABLE economy_settings (
	cooperative_id      INTEGER PRIMARY KEY REFERENCES cooperatives(id),
	address             TEXT NOT NULL DEFAULT '' CHECK (length(address) <= 500),
	vat_number          TEXT CHECK (vat_number IS NULL OR length(vat_number) BETWEEN 4 AND 20),
	rcs                 TEXT CHECK (rcs IS NULL OR length(rcs) <= 100),
	capital_text        TEXT CHECK (capital_text IS NULL OR length(capital_text) <= 100),
	late_rate_bp        INTEGER NOT NULL DEFAULT 1200 CHECK (late_rate_bp BETWEEN 0 AND 100000),
	self_validation_max INTEGER NOT NULL DEFAULT 0 CHECK (self_validation_max BETWEEN 0 AND 10000000000000),
	payment_terms_days  INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 60),
	contribution_bp     INTEGER NOT NULL DEFAULT 1000 CHECK (contribution_bp BETWEEN 0 AND 10000),
	-- mileage allowance, in thousandths of a euro per km (603 = 0,603 €/km)
	km_rate_milli       INTEGER NOT NULL DEFAULT 603 CHECK (km_rate_milli BETWEEN 0 AND 100000),
	closed_through      TEXT CHECK (closed_through IS NULL OR date(julianday(closed_through)) = closed_through)
) STRICT;

-- The chart of accounts, per cooperative (French PCG numbers).
CREATE TABLE ledger_accounts (
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	number         TEXT NOT NULL CHECK (length(number) BETWEEN 3 AND 10 AND number NOT GLOB '*[^0-9]*'
					  AND number GLOB '[1-8]*'),
	label          TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 200),
	active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
	PRIMARY KEY (cooperative_id, number)
) STRICT, WITHOUT ROWID;

-- Activities (E1): an analytic code, members, a status, own settings.
CREATE TABLE activities (
	id              INTEGER PRIMARY KEY,
	cooperative_id  INTEGER NOT NULL REFERENCES cooperatives(id),
	code            TEXT NOT NULL CHECK (length(code) BETWEEN 2 AND 20 AND code NOT GLOB '*[^A-Z0-9_-]*'),
	name            TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	status          TEXT NOT NULL DEFAULT 'support' CHECK (status IN ('support', 'salaried', 'closed')),
	contribution_bp INTEGER CHECK (contribution_bp IS NULL OR contribution_bp BETWEEN 0 AND 10000),
	created_at      INTEGER NOT NULL,
	UNIQUE (cooperative_id, code)
) STRICT;

CREATE TABLE activity_members (
	activity_id INTEGER NOT NULL REFERENCES activities(id),
	person_id   INTEGER NOT NULL REFERENCES people(id),
	PRIMARY KEY (activity_id, person_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX activity_members_person ON activity_members(person_id);

-- Journal entries.  journal: VT sales, AC purchases, BQ bank, OD misc.
-- Every row is a posted entry (status is kept for readers' filters).
CREATE TABLE ledger_entries (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	journal        TEXT NOT NULL CHECK (journal IN ('VT', 'AC', 'BQ', 'OD')),
	entry_date     TEXT NOT NULL CHECK (date(julianday(entry_date)) = entry_date),
	fiscal_year    INTEGER NOT NULL,
	number         INTEGER NOT NULL CHECK (number > 0),
	label          TEXT NOT NULL CHECK (length(label) BETWEEN 1 AND 300),
	doc_ref        TEXT CHECK (doc_ref IS NULL OR length(doc_ref) <= 100),
	reverses_id    INTEGER UNIQUE REFERENCES ledger_entries(id),
	status         TEXT NOT NULL DEFAULT 'posted' CHECK (status = 'posted'),
	seq            INTEGER NOT NULL UNIQUE CHECK (seq > 0),
	prev_hash      BLOB NOT NULL CHECK (length(prev_hash) = 32),
	hash           BLOB NOT NULL CHECK (length(hash) = 32),
	total_cents    INTEGER NOT NULL CHECK (total_cents BETWEEN 1 AND 10000000000000),
	created_by     INTEGER NOT NULL DEFAULT 0,
	posted_at      INTEGER NOT NULL,
	CHECK (fiscal_year = CAST(substr(entry_date, 1, 4) AS INTEGER)),
	UNIQUE (cooperative_id, journal, fiscal_year, number)
) STRICT;
CREATE INDEX ledger_entries_doc ON ledger_entries(doc_ref);
CREATE INDEX ledger_entries_date ON ledger_entries(cooperative_id, entry_date);

CREATE TABLE ledger_lines (
	id             INTEGER PRIMARY KEY,
	entry_id       INTEGER NOT NULL REFERENCES ledger_entries(id) DEFERRABLE INITIALLY DEFERRED,
	cooperative_id INTEGER NOT NULL,
	account        TEXT NOT NULL,
	activity_id    INTEGER REFERENCES activities(id),
	label          TEXT CHECK (label IS NULL OR length(label) <= 300),
	debit          INTEGER NOT NULL DEFAULT 0 CHECK (debit BETWEEN 0 AND 10000000000000),
	credit         INTEGER NOT NULL DEFAULT 0 CHECK (credit BETWEEN 0 AND 10000000000000),
	CHECK ((debit > 0) <> (credit > 0)),
	FOREIGN KEY (cooperative_id, account) REFERENCES ledger_accounts(cooperative_id, number)
) STRICT;
CREATE INDEX ledger_lines_entry ON ledger_lines(entry_id);

-- Maintained totals, per account, activity (0 = none) and month, updated
-- by trigger in the posting transaction.
CREATE TABLE ledger_balances (
	cooperative_id INTEGER NOT NULL,
	account        TEXT NOT NULL,
	activity_id    INTEGER NOT NULL,
	period         TEXT NOT NULL,
	debit          INTEGER NOT NULL,
	credit         INTEGER NOT NULL,
	PRIMARY KEY (cooperative_id, account, activity_id, period)
) STRICT, WITHOUT ROWID;

-- The same per account and month only (all activities): the balance by
-- account reads a few rows per account.
CREATE TABLE ledger_account_totals (
	cooperative_id INTEGER NOT NULL,
	account        TEXT NOT NULL,
	period         TEXT NOT NULL,
	debit          INTEGER NOT NULL,
	credit         INTEGER NOT NULL,
	PRIMARY KEY (cooperative_id, account, period)
) STRICT, WITHOUT ROWID;

-- Rule: a line is written before its entry (see ledger_entry_insert), never
-- added to an entry already posted.
CREATE TRIGGER ledger_line_insert BEFORE INSERT ON ledger_lines
BEGIN
	SELECT RAISE(ABORT, 'ledger: a posted entry is immutable')
	 WHERE EXISTS (SELECT 1 FROM ledger_entries WHERE id = NEW.entry_id);
END;
-- Rule: a ledger line is never changed.
CREATE TRIGGER ledger_line_no_update BEFORE UPDATE ON ledger_lines
BEGIN SELECT RAISE(ABORT, 'ledger: lines are immutable'); END;
-- Rule: the lines of a posted entry are never deleted (a draft's may be).
CREATE TRIGGER ledger_line_delete BEFORE DELETE ON ledger_lines
BEGIN
	SELECT RAISE(ABORT, 'ledger: a posted entry is immutable')
	 WHERE EXISTS (SELECT 1 FROM ledger_entries WHERE id = OLD.entry_id);
END;

-- Rule: a posted entry is never changed (a correction is a reversal).
CREATE TRIGGER ledger_entry_immutable BEFORE UPDATE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger: a posted entry is immutable'); END;

-- Rule: a posted entry is never deleted.
CREATE TRIGGER ledger_entry_no_delete BEFORE DELETE ON ledger_entries
BEGIN SELECT RAISE(ABORT, 'ledger: a posted entry is immutable'); END;

-- The posting: the entry arrives after its lines.  (In a BEFORE INSERT
-- trigger an id left to SQLite reads -1: such an entry has no line.)
-- Rule: an entry has at least two lines, all of its cooperative, balanced
-- and summing to its total; its number is the next of its journal and year
-- (no gap); its seq and prev_hash continue the chain from the last entry;
-- its date is after the closed period; a reversal reverses an entry of the
-- same cooperative.  The next number and the chain's head are read by
-- ledger_post under db_lock(d, "ledger", 0): the trigger verifies, it does
-- not serialise writers.
CREATE TRIGGER ledger_entry_insert BEFORE INSERT ON ledger_entries
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
END;

-- Rule: the maintained totals (ledger_balances per activity, and
-- ledger_account_totals) add each posted entry's lines to their month.
CREATE TRIGGER ledger_entry_posted AFTER INSERT ON ledger_entries
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

-- Closing a period can only move forward.
CREATE TRIGGER economy_settings_close BEFORE UPDATE OF closed_through ON economy_settings
WHEN OLD.closed_through IS NOT NULL AND (NEW.closed_through IS NULL OR NEW.closed_through < OLD.closed_through)
BEGIN SELECT RAISE(ABORT, 'ledger: a closed period cannot be reopened'); END;

-- Money-moving POSTs replayed with the same Idempotency-Key.
CREATE TABLE idempotency_keys (
	person_id  INTEGER NOT NULL,
	key        TEXT NOT NULL CHECK (length(key) BETWEEN 1 AND 200),
	route      TEXT NOT NULL,
	body_hash  BLOB NOT NULL,
	status     INTEGER NOT NULL,
	response   TEXT NOT NULL,
	created_at INTEGER NOT NULL,
	PRIMARY KEY (person_id, key)
) STRICT;

-- Clients (donneurs d'ordres) of an activity.
CREATE TABLE clients (
	id                 INTEGER PRIMARY KEY,
	cooperative_id     INTEGER NOT NULL REFERENCES cooperatives(id),
	activity_id        INTEGER NOT NULL REFERENCES activities(id),
	kind               TEXT NOT NULL CHECK (kind IN ('company', 'individual')),
	name               TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	siren              TEXT CHECK (siren IS NULL OR (length(siren) = 9 AND siren NOT GLOB '*[^0-9]*')),
	vat_number         TEXT CHECK (vat_number IS NULL OR length(vat_number) BETWEEN 4 AND 20),
	address            TEXT NOT NULL CHECK (length(address) BETWEEN 1 AND 500),
	email              TEXT CHECK (email IS NULL OR length(email) <= 254),
	payment_terms_days INTEGER NOT NULL DEFAULT 30 CHECK (payment_terms_days BETWEEN 0 AND 60),
	created_at         INTEGER NOT NULL,
	CHECK (kind = 'company' OR siren IS NULL)
) STRICT;
CREATE INDEX clients_activity ON clients(activity_id);

-- Quotes, invoices and credit notes.  Amounts of a credit note are stored
-- positive; its entry is the reverse of an invoice's.
CREATE TABLE sales_documents (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	activity_id    INTEGER NOT NULL REFERENCES activities(id),
	client_id      INTEGER NOT NULL REFERENCES clients(id),
	kind           TEXT NOT NULL CHECK (kind IN ('quote', 'invoice', 'credit_note')),
	status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'validated', 'sent',
				'partly_paid', 'paid', 'cancelled', 'accepted', 'refused')),
	number         TEXT,
	year           INTEGER,
	seq            INTEGER,
	issue_date     TEXT NOT NULL CHECK (date(julianday(issue_date)) = issue_date),
	supply_date    TEXT CHECK (supply_date IS NULL OR date(julianday(supply_date)) = supply_date),
	due_date       TEXT CHECK (due_date IS NULL OR date(julianday(due_date)) = due_date),
	source_id      INTEGER REFERENCES sales_documents(id),
	title          TEXT NOT NULL DEFAULT '' CHECK (length(title) <= 300),
	notes          TEXT NOT NULL DEFAULT '' CHECK (length(notes) <= 20000),
	vat_mention    TEXT CHECK (vat_mention IS NULL OR length(vat_mention) <= 300),
	total_ht       INTEGER NOT NULL DEFAULT 0 CHECK (total_ht BETWEEN 0 AND 10000000000000),
	total_vat      INTEGER NOT NULL DEFAULT 0 CHECK (total_vat BETWEEN 0 AND 10000000000000),
	total_ttc      INTEGER NOT NULL DEFAULT 0 CHECK (total_ttc BETWEEN 0 AND 10000000000000),
	paid           INTEGER NOT NULL DEFAULT 0 CHECK (paid >= 0 AND paid <= total_ttc),
	entry_id       INTEGER REFERENCES ledger_entries(id),
	pdf            BLOB,
	created_by     INTEGER NOT NULL,
	validated_by   INTEGER,
	created_at     INTEGER NOT NULL,
	validated_at   INTEGER,
	CHECK (total_ttc = total_ht + total_vat),
	CHECK ((number IS NULL) = (status = 'draft' OR kind = 'quote')),
	CHECK (kind <> 'credit_note' OR source_id IS NOT NULL),
	UNIQUE (cooperative_id, number),
	UNIQUE (cooperative_id, year, seq)
) STRICT;
CREATE INDEX sales_documents_activity ON sales_documents(activity_id, kind);
CREATE INDEX sales_documents_client ON sales_documents(client_id);

CREATE TABLE sales_lines (
	id           INTEGER PRIMARY KEY,
	document_id  INTEGER NOT NULL REFERENCES sales_documents(id),
	position     INTEGER NOT NULL,
	description  TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 5000),
	quantity_milli INTEGER NOT NULL CHECK (quantity_milli BETWEEN 1 AND 1000000000000),
	unit_cents   INTEGER NOT NULL CHECK (unit_cents BETWEEN 0 AND 10000000000000),
	vat_bp       INTEGER NOT NULL CHECK (vat_bp IN (2000, 1000, 550, 210, 0)),
	discount_bp  INTEGER NOT NULL DEFAULT 0 CHECK (discount_bp BETWEEN 0 AND 10000),
	goods        INTEGER NOT NULL DEFAULT 0 CHECK (goods IN (0, 1)),
	total_ht     INTEGER NOT NULL CHECK (total_ht BETWEEN 0 AND 10000000000000),
	UNIQUE (document_id, position)
) STRICT;

-- One gap-free invoice sequence per cooperative and year (invoices and
-- credit notes share it).
CREATE TABLE sales_sequences (
	cooperative_id INTEGER NOT NULL,
	year           INTEGER NOT NULL,
	last_seq       INTEGER NOT NULL,
	PRIMARY KEY (cooperative_id, year)
) STRICT, WITHOUT ROWID;

-- Rule: once out of draft, a document keeps its number, client, activity,
-- kind, dates, texts, totals, sequence, entry, source and PDF, and never
-- returns to draft (its status and settlement amounts may still move).
CREATE TRIGGER sales_document_frozen BEFORE UPDATE ON sales_documents
WHEN OLD.status <> 'draft' AND (NEW.number IS NOT OLD.number OR NEW.client_id <> OLD.client_id
	OR NEW.activity_id <> OLD.activity_id OR NEW.kind <> OLD.kind OR NEW.issue_date <> OLD.issue_date
	OR NEW.supply_date IS NOT OLD.supply_date OR NEW.due_date IS NOT OLD.due_date
	OR NEW.title <> OLD.title OR NEW.notes <> OLD.notes OR NEW.vat_mention IS NOT OLD.vat_mention
	OR NEW.total_ht <> OLD.total_ht OR NEW.total_vat <> OLD.total_vat OR NEW.total_ttc <> OLD.total_ttc
	OR NEW.seq IS NOT OLD.seq OR NEW.year IS NOT OLD.year OR NEW.entry_id IS NOT OLD.entry_id
	OR NEW.source_id IS NOT OLD.source_id OR NEW.status = 'draft'
	OR (OLD.pdf IS NOT NULL AND NEW.pdf IS NOT OLD.pdf))
BEGIN SELECT RAISE(ABORT, 'sales: a validated document cannot be changed'); END;

-- Rule: only a draft document may be deleted.
CREATE TRIGGER sales_document_no_delete BEFORE DELETE ON sales_documents
WHEN OLD.status <> 'draft'
BEGIN SELECT RAISE(ABORT, 'sales: a validated document cannot be deleted'); END;

-- Rule: lines are added to a draft document only.
CREATE TRIGGER sales_line_insert BEFORE INSERT ON sales_lines
WHEN (SELECT status FROM sales_documents WHERE id = NEW.document_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'sales: a validated document cannot be changed'); END;
-- Rule: lines are changed on a draft document only.
CREATE TRIGGER sales_line_update BEFORE UPDATE ON sales_lines
WHEN (SELECT status FROM sales_documents WHERE id = OLD.document_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'sales: a validated document cannot be changed'); END;
-- Rule: lines are deleted from a draft document only.
CREATE TRIGGER sales_line_delete BEFORE DELETE ON sales_lines
WHEN (SELECT status FROM sales_documents WHERE id = OLD.document_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'sales: a validated document cannot be changed'); END;

-- Payments received, allocated to one or several invoices.
CREATE TABLE payments (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	pay_date       TEXT NOT NULL CHECK (date(julianday(pay_date)) = pay_date),
	method         TEXT NOT NULL CHECK (method IN ('transfer', 'cheque', 'card', 'cash')),
	amount         INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 10000000000000),
	reference      TEXT NOT NULL DEFAULT '' CHECK (length(reference) <= 200),
	entry_id       INTEGER NOT NULL REFERENCES ledger_entries(id),
	created_by     INTEGER NOT NULL,
	created_at     INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX payments_entry ON payments(entry_id);
CREATE TABLE payment_allocations (
	payment_id  INTEGER NOT NULL REFERENCES payments(id),
	document_id INTEGER NOT NULL REFERENCES sales_documents(id),
	amount      INTEGER NOT NULL CHECK (amount BETWEEN 1 AND 10000000000000),
	PRIMARY KEY (payment_id, document_id)
) STRICT, WITHOUT ROWID;
CREATE INDEX payment_allocations_document ON payment_allocations(document_id);
-- Rule: a payment is never changed.
CREATE TRIGGER payments_no_update BEFORE UPDATE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are immutable'); END;
-- Rule: a payment is never deleted.
CREATE TRIGGER payments_no_delete BEFORE DELETE ON payments
BEGIN SELECT RAISE(ABORT, 'payments are immutable'); END;
-- Rule: a payment's allocation to an invoice is never changed.
CREATE TRIGGER payment_allocations_no_update BEFORE UPDATE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'payments are immutable'); END;
-- Rule: a payment's allocation to an invoice is never deleted.
CREATE TRIGGER payment_allocations_no_delete BEFORE DELETE ON payment_allocations
BEGIN SELECT RAISE(ABORT, 'payments are immutable'); END;

-- Receipts (PDF, JPEG, PNG), checked by size and magic bytes before here.
CREATE TABLE receipts (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	person_id      INTEGER NOT NULL REFERENCES people(id),
	filename       TEXT NOT NULL CHECK (length(filename) BETWEEN 1 AND 200),
	content_type   TEXT NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
	size           INTEGER NOT NULL CHECK (size BETWEEN 1 AND 1048576),
	data           BLOB NOT NULL,
	created_at     INTEGER NOT NULL,
	CHECK (length(data) = size)
) STRICT;

-- Expense reports of members and supplier invoices: the same path.
CREATE TABLE expense_reports (
	id             INTEGER PRIMARY KEY,
	cooperative_id INTEGER NOT NULL REFERENCES cooperatives(id),
	activity_id    INTEGER NOT NULL REFERENCES activities(id),
	person_id      INTEGER NOT NULL REFERENCES people(id),
	kind           TEXT NOT NULL CHECK (kind IN ('expense', 'supplier_invoice')),
	title          TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 300),
	supplier       TEXT CHECK (supplier IS NULL OR length(supplier) <= 200),
	supplier_ref   TEXT CHECK (supplier_ref IS NULL OR length(supplier_ref) <= 100),
	status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'submitted', 'validated',
				'refused', 'paid')),
	refusal_reason TEXT CHECK (refusal_reason IS NULL OR length(refusal_reason) BETWEEN 1 AND 1000),
	total_ttc      INTEGER NOT NULL DEFAULT 0 CHECK (total_ttc BETWEEN 0 AND 10000000000000),
	total_vat      INTEGER NOT NULL DEFAULT 0 CHECK (total_vat BETWEEN 0 AND total_ttc),
	entry_id       INTEGER REFERENCES ledger_entries(id),
	pay_entry_id   INTEGER REFERENCES ledger_entries(id),
	created_at     INTEGER NOT NULL,
	decided_by     INTEGER,
	decided_at     INTEGER,
	CHECK ((status = 'refused') = (refusal_reason IS NOT NULL)),
	CHECK (kind = 'expense' OR supplier IS NOT NULL)
) STRICT;
CREATE INDEX expense_reports_activity ON expense_reports(activity_id);

CREATE TABLE expense_lines (
	id          INTEGER PRIMARY KEY,
	report_id   INTEGER NOT NULL REFERENCES expense_reports(id),
	line_date   TEXT NOT NULL CHECK (date(julianday(line_date)) = line_date),
	category    TEXT NOT NULL,
	account     TEXT NOT NULL,
	description TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
	km          INTEGER CHECK (km IS NULL OR km BETWEEN 1 AND 100000),
	amount_ttc  INTEGER NOT NULL CHECK (amount_ttc BETWEEN 1 AND 10000000000000),
	vat         INTEGER NOT NULL DEFAULT 0 CHECK (vat BETWEEN 0 AND amount_ttc),
	receipt_id  INTEGER REFERENCES receipts(id)
) STRICT;
CREATE INDEX expense_lines_report ON expense_lines(report_id);

-- Rule: lines are added to a draft expense report only.
CREATE TRIGGER expense_lines_frozen_insert BEFORE INSERT ON expense_lines
WHEN (SELECT status FROM expense_reports WHERE id = NEW.report_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'expenses: only a draft can be changed'); END;
-- Rule: lines are changed on a draft expense report only.
CREATE TRIGGER expense_lines_frozen_update BEFORE UPDATE ON expense_lines
WHEN (SELECT status FROM expense_reports WHERE id = OLD.report_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'expenses: only a draft can be changed'); END;
-- Rule: lines are deleted from a draft expense report only.
CREATE TRIGGER expense_lines_frozen_delete BEFORE DELETE ON expense_lines
WHEN (SELECT status FROM expense_reports WHERE id = OLD.report_id) <> 'draft'
BEGIN SELECT RAISE(ABORT, 'expenses: only a draft can be changed'); END;
-- Rule: a validated or paid report keeps its totals, activity and entry;
-- it stays validated or paid, and a paid one stays paid.
CREATE TRIGGER expense_reports_frozen BEFORE UPDATE ON expense_reports
WHEN OLD.status IN ('validated', 'paid') AND (NEW.total_ttc <> OLD.total_ttc OR NEW.total_vat <> OLD.total_vat
	OR NEW.activity_id <> OLD.activity_id OR NEW.entry_id IS NOT OLD.entry_id
	OR NEW.status NOT IN ('validated', 'paid') OR (OLD.status = 'paid' AND NEW.status <> 'paid'))
BEGIN SELECT RAISE(ABORT, 'expenses: a validated report cannot be changed'); END;
