/*
 * pdf.h — quotes, invoices and credit notes as PDF (cairo + pango).
 *
 * The document carries every mention French law requires on an invoice
 * (Code de commerce L441-9, CGI art. 242 nonies A): the seller's identity
 * (name, legal form, SIREN and address from the cooperative's own record,
 * VAT number, RCS and capital from its economic settings) and the
 * client's, the date and the number, each line (description, quantity,
 * unit price excl. VAT, discount, VAT rate, amount), the VAT per rate, the
 * totals, the due date, the supply date when it differs, the exemption
 * mention for lines without VAT, and the late-payment mentions: for a
 * professional client (a company) the penalty rate and the 40 € fixed
 * recovery indemnity (L441-10, D441-5), for a private person the legal
 * interest (Code civil 1231-6) and no indemnity.  The text is UTF-8,
 * wrapped, and flows onto as many A4 pages as it needs, with the heading
 * row of the lines on each page they run onto, the totals on one page and
 * "page N / M" at the foot.  It is written in the document's language.
 */
#ifndef BG_PDF_H
#define BG_PDF_H
#include "core/buf.h"
#include "db/db.h"


/* Releases the font caches pango, cairo and fontconfig keep for the whole
 * process (call once at exit; used by leak-checked tests). */
void pdf_shutdown(void);

#endif
