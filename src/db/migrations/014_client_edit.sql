-- 014_client_edit.sql — clients can be edited (issue 5); a validated
-- document keeps its client as it was.
--
-- An invoice's legal mentions (the client's name, address, SIREN, VAT
-- number) must not change when the client is edited afterwards.  At
-- validation (invoices, credit notes) the client's identity is copied onto
-- the document (client_name … client_lang, the latter being the language
-- of the document: the client's, else the cooperative's, else French), and
-- the database refuses to change the copy afterwards.  Every view of a
-- document reads its client through sales_document_client: the copy once
-- there is one (client_name IS NOT NULL), the live client row for drafts
-- and quotes.  (Columns rather than a JSON object: SQLite refuses JSON
-- functions in the schema of an untrusted database.)

ALTER TABLE sales_documents ADD COLUMN client_name TEXT CHECK (client_name IS NULL OR length(client_name) BETWEEN 1 AND 200);
ALTER TABLE sales_documents ADD COLUMN client_kind TEXT CHECK (client_kind IS NULL OR client_kind IN ('company', 'individual'));
ALTER TABLE sales_documents ADD COLUMN client_siren TEXT;
ALTER TABLE sales_documents ADD COLUMN client_vat_number TEXT;
ALTER TABLE sales_documents ADD COLUMN client_address TEXT;
ALTER TABLE sales_documents ADD COLUMN client_email TEXT;
ALTER TABLE sales_documents ADD COLUMN client_lang TEXT CHECK (client_lang IS NULL OR client_lang IN ('fr', 'en'));

-- Documents validated before this migration: their client as it is now
-- (their stored PDF already holds the identity of the day).
UPDATE sales_documents SET (client_name, client_kind, client_siren, client_vat_number, client_address,
			    client_email, client_lang) = (
	SELECT k.name, k.kind, k.siren, k.vat_number, k.address, k.email, coalesce(k.lang, e.doc_lang, 'fr')
	  FROM clients k LEFT JOIN economy_settings e ON e.cooperative_id = k.cooperative_id
	 WHERE k.id = sales_documents.client_id)
 WHERE number IS NOT NULL;

-- Once taken, the copy never changes.
CREATE TRIGGER sales_client_snapshot_frozen BEFORE UPDATE OF client_name, client_kind, client_siren,
	client_vat_number, client_address, client_email, client_lang ON sales_documents
WHEN OLD.client_name IS NOT NULL AND (NEW.client_name IS NOT OLD.client_name OR NEW.client_kind IS NOT OLD.client_kind
	OR NEW.client_siren IS NOT OLD.client_siren OR NEW.client_vat_number IS NOT OLD.client_vat_number
	OR NEW.client_address IS NOT OLD.client_address OR NEW.client_email IS NOT OLD.client_email
	OR NEW.client_lang IS NOT OLD.client_lang)
BEGIN SELECT RAISE(ABORT, 'sales: the client of a validated document cannot be changed'); END;

-- A numbered document (validated invoice, credit note) has its copy.
CREATE TRIGGER sales_client_snapshot_taken BEFORE UPDATE OF number ON sales_documents
WHEN NEW.number IS NOT NULL AND NEW.client_name IS NULL
BEGIN SELECT RAISE(ABORT, 'sales: a validated document keeps a copy of its client'); END;

-- The client as a document shows it.
CREATE VIEW sales_document_client AS
SELECT s.id AS document_id, s.client_id AS client_id,
       CASE WHEN s.client_name IS NULL THEN k.name ELSE s.client_name END AS name,
       CASE WHEN s.client_name IS NULL THEN k.kind ELSE s.client_kind END AS kind,
       CASE WHEN s.client_name IS NULL THEN k.siren ELSE s.client_siren END AS siren,
       CASE WHEN s.client_name IS NULL THEN k.vat_number ELSE s.client_vat_number END AS vat_number,
       CASE WHEN s.client_name IS NULL THEN k.address ELSE s.client_address END AS address,
       CASE WHEN s.client_name IS NULL THEN k.email ELSE s.client_email END AS email,
       CASE WHEN s.client_name IS NULL THEN k.lang ELSE s.client_lang END AS lang,
       s.client_name IS NOT NULL AS frozen
  FROM sales_documents s JOIN clients k ON k.id = s.client_id;
