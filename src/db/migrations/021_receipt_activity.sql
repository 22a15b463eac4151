-- 021: a receipt belongs to the activity it was sent for, and to one
-- expense report at most (issue 9: a member attached another member's
-- receipt to their own report, and one receipt to two reports).

-- The activity the receipt was uploaded for; NULL for receipts sent before
-- this migration, which stay attachable by the person who sent them only.
ALTER TABLE receipts ADD COLUMN activity_id INTEGER REFERENCES activities(id);

-- Rule: a receipt attached to a line of one expense report cannot be
-- attached to a line of another (several lines of one report may share it:
-- a hotel bill with the room and the meals).
CREATE TRIGGER expense_lines_receipt_one_report BEFORE INSERT ON expense_lines
WHEN NEW.receipt_id IS NOT NULL AND EXISTS (
	SELECT 1 FROM expense_lines WHERE receipt_id = NEW.receipt_id AND report_id <> NEW.report_id)
BEGIN
	SELECT RAISE(ABORT, 'receipt already attached to another expense report');
END;
-- The same rule when a draft's line changes its receipt.
CREATE TRIGGER expense_lines_receipt_one_report_update BEFORE UPDATE OF receipt_id ON expense_lines
WHEN NEW.receipt_id IS NOT NULL AND EXISTS (
	SELECT 1 FROM expense_lines WHERE receipt_id = NEW.receipt_id AND report_id <> NEW.report_id)
BEGIN
	SELECT RAISE(ABORT, 'receipt already attached to another expense report');
END;
CREATE INDEX expense_lines_receipt ON expense_lines(receipt_id) WHERE receipt_id IS NOT NULL;
