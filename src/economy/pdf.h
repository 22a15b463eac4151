/*
 * pdf.h — quotes, invoices and credit notes as PDF (cairo + pango).
 *
 * The document carries every mention French law requires on an invoice
 * (Code de commerce L441-9, CGI art. 242 nonies A): the seller's and the
 * client's identities with SIREN and VAT numbers, the date and the number,
 * each line (description, quantity, unit price excl. VAT, discount, VAT
 * rate, amount), the VAT per rate, the totals, the due date, the
 * late-payment penalty rate, the 40 € fixed recovery indemnity, the supply
 * date when it differs, the exemption mention for lines without VAT.  The
 * text is UTF-8, wrapped, and flows onto as many A4 pages as it needs.
 * Legal documents are written in French whatever lang says; lang only
 * chooses how a draft is marked.
 */
#ifndef BG_PDF_H
#define BG_PDF_H
#include "core/buf.h"
#include "db/db.h"

/* Renders sales document id into out (appended), in lang, or when lang
 * is NULL in the document's language: the client's (clients.lang), else
 * the cooperative's (economy_settings.doc_lang), else French. */
bg_status pdf_render_document(db *d, int64_t id, const char *lang, buf *out, bg_error *err);

/* Releases the font caches pango, cairo and fontconfig keep for the whole
 * process (call once at exit; used by leak-checked tests). */
void pdf_shutdown(void);

#endif
