/*
 * pdf.c — rendering a sales document to PDF with cairo and pango (see
 * pdf.h for what it must show).
 *
 * Layout: A4 portrait in points, 45 pt margins.  Everything is drawn line
 * by line of a PangoLayout (pdf_flow), so a long description or long notes
 * break across pages at any line; a page break repeats nothing but the
 * page number and the document's number at the foot.
 */
#include "economy/pdf.h"
#include "core/i18n.h"
#include "core/money.h"
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

/* Geometry in whole points (1/72 in, A4 = 595 × 842); the current height y
 * in Pango units (1/1024 pt, integers: no floating point in this file, the
 * rule for every file of the economy), converted only when cairo is told. */
#define PDF_W 595
#define PDF_H 842
#define PDF_MARGIN 45
#define PDF_BOTTOM (PDF_H - 60)
#define PDF_PT(n) ((n) * PANGO_SCALE)

typedef struct pdf_ctx {
	cairo_surface_t *surface;
	cairo_t *cr;
	int y; /* Pango units from the top of the page */
	int page;
	char footer[200];
} pdf_ctx;

/* cairo's output callback: appends the PDF bytes to the buffer. */
static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Draws the foot of the page: the document and the page number. */
static void pdf_footer(pdf_ctx *p)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *f = pango_font_description_from_string("DejaVu Sans 7");
	pango_layout_set_font_description(l, f);
	char text[260];
	snprintf(text, sizeof text, "%s — page %d", p->footer, p->page);
	pango_layout_set_text(l, text, -1);
	pango_layout_set_width(l, PDF_PT(PDF_W - 2 * PDF_MARGIN));
	pango_layout_set_alignment(l, PANGO_ALIGN_CENTER);
	cairo_move_to(p->cr, PDF_MARGIN, PDF_H - 35);
	pango_cairo_show_layout(p->cr, l);
	pango_font_description_free(f);
	g_object_unref(l);
}

/* Ends the page (with its foot) and starts the next one at the top. */
static void pdf_new_page(pdf_ctx *p)
{
	pdf_footer(p);
	cairo_show_page(p->cr);
	p->page++;
	p->y = PDF_PT(PDF_MARGIN);
}

/* Makes a layout of text in a font, wrapped at width (points). */
static PangoLayout *pdf_layout(pdf_ctx *p, const char *text, const char *font, int width,
			       PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *f = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	pango_layout_set_width(l, PDF_PT(width));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

/* Draws text at x, from the current y, line by line, starting a new page
 * whenever the next line would not fit; advances y. */
static void pdf_flow(pdf_ctx *p, int x, int width, const char *text, const char *font,
		     PangoAlignment align)
{
	PangoLayout *l = pdf_layout(p, text, font, width, align);
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		int h = logical.height;
		if (p->y + h > PDF_PT(PDF_BOTTOM))
			pdf_new_page(p);
		int baseline = pango_layout_iter_get_baseline(it);
		PangoLayoutLine *line = pango_layout_iter_get_line_readonly(it);
		cairo_move_to(p->cr, pango_units_to_double(PDF_PT(x) + logical.x),
			      pango_units_to_double(p->y + baseline - logical.y));
		pango_cairo_show_layout_line(p->cr, line);
		p->y += h;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

/* Draws a one-line cell at (x points, y Pango units) without moving y. */
static void pdf_cell(pdf_ctx *p, int x, int y, int width, const char *text, const char *font,
		     PangoAlignment align)
{
	PangoLayout *l = pdf_layout(p, text, font, width, align);
	cairo_move_to(p->cr, x, pango_units_to_double(y));
	pango_cairo_show_layout(p->cr, l);
	g_object_unref(l);
}

/* Draws a horizontal rule across the text width. */
static void pdf_rule(pdf_ctx *p)
{
	cairo_set_line_width(p->cr, pango_units_to_double(PDF_PT(1) / 2)); /* half a point */
	cairo_move_to(p->cr, PDF_MARGIN, pango_units_to_double(p->y + PDF_PT(2)));
	cairo_line_to(p->cr, PDF_W - PDF_MARGIN, pango_units_to_double(p->y + PDF_PT(2)));
	cairo_stroke(p->cr);
	p->y += PDF_PT(6);
}

/* Formats cents the French way into b; returns its text. */
static const char *pdf_money(buf *b, int64_t cents)
{
	buf_reset(b);
	money_format(b, cents, "fr");
	return b->data;
}

/* "2026-03-05" → "05/03/2026" */
static const char *pdf_date(char out[11], const char *iso)
{
	if (!iso || strlen(iso) != 10) {
		snprintf(out, 11, "%s", iso ? iso : "");
		return out;
	}
	snprintf(out, 11, "%.2s/%.2s/%.4s", iso + 8, iso + 5, iso);
	return out;
}

/* "448762526" → "448 762 526" */
static const char *pdf_siren(char out[48], const char *s)
{
	if (!s || strlen(s) != 9) {
		snprintf(out, 48, "%s", s ? s : "");
		return out;
	}
	snprintf(out, 48, "%.3s %.3s %.3s", s, s + 3, s + 6);
	return out;
}

/* "2000" bp → "20 %", "550" → "5,5 %" */
static const char *pdf_rate(char out[48], int64_t bp)
{
	if (bp % 100 == 0)
		snprintf(out, 48, "%lld %%", (long long)(bp / 100));
	else if (bp % 10 == 0)
		snprintf(out, 48, "%lld,%lld %%", (long long)(bp / 100), (long long)(bp / 10 % 10));
	else
		snprintf(out, 48, "%lld,%02lld %%", (long long)(bp / 100), (long long)(bp % 100));
	return out;
}

/* thousandths → "2", "1,5", "0,125" */
static const char *pdf_quantity(char out[48], int64_t milli)
{
	int64_t whole = milli / 1000, frac = milli % 1000;
	if (!frac)
		snprintf(out, 48, "%lld", (long long)whole);
	else if (frac % 100 == 0)
		snprintf(out, 48, "%lld,%lld", (long long)whole, (long long)(frac / 100));
	else if (frac % 10 == 0)
		snprintf(out, 48, "%lld,%02lld", (long long)whole, (long long)(frac / 10));
	else
		snprintf(out, 48, "%lld,%03lld", (long long)whole, (long long)frac);
	return out;
}

#define COL(t) (db_text(q, t) ? db_text(q, t) : "")

bg_status pdf_render_document(db *d, int64_t id, const char *lang, buf *out, bg_error *err)
{
	db_stmt *q = db_query(d,
		"SELECT s.kind, s.status, coalesce(s.number, s.quote_number, ''), s.issue_date, s.supply_date, s.due_date,"
		" s.title, s.notes, s.vat_mention, s.total_ht, s.total_vat, s.total_ttc,"
		" c.name, c.legal_form, c.siren, e.address, e.vat_number, e.rcs, e.capital_text, e.late_rate_bp,"
		" a.name, a.code, k.name, k.kind, k.siren, k.vat_number, k.address,"
		" (SELECT number FROM sales_documents o WHERE o.id = s.source_id), s.cooperative_id,"
		" coalesce(k.lang, e.doc_lang, 'fr')"
		" FROM sales_documents s JOIN cooperatives c ON c.id = s.cooperative_id"
		" LEFT JOIN economy_settings e ON e.cooperative_id = s.cooperative_id"
		" JOIN activities a ON a.id = s.activity_id JOIN sales_document_client k ON k.document_id = s.id WHERE s.id = ?",
		"i", id);
	if (!q || db_next(q) != 1) {
		db_done(q);
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	}
	pdf_ctx p = {0};
	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, out, PDF_W, PDF_H);
	p.cr = cairo_create(p.surface);
	p.page = 1;
	p.y = PDF_PT(PDF_MARGIN);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "bigre");
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	buf t, m;
	buf_init(&t);
	buf_init(&m);
	char d1[11], sir[48], rate[48], qty[48];
	const char *kind = COL(0), *status = COL(1), *number = COL(2);
	/* the document's language: the client's, else the cooperative's, else French */
	char doc_lang[3];
	snprintf(doc_lang, sizeof doc_lang, "%s", lang ? lang : COL(29));
	const char *L = doc_lang;
	bool quote = !strcmp(kind, "quote"), credit = !strcmp(kind, "credit_note"), draft = !strcmp(status, "draft");
	const char *kind_fr = tr(L, quote ? N_("QUOTE") : credit ? N_("CREDIT NOTE") : N_("INVOICE"));
	snprintf(p.footer, sizeof p.footer, "%s %s", kind_fr, number[0] ? number : tr(L, "(draft)"));

	/* the seller */
	int top = p.y;
	buf_printf(&t, "%s (%s)\n", COL(12), COL(13));
	if (COL(15)[0])
		buf_printf(&t, "%s\n", COL(15));
	if (!db_null(q, 14))
		buf_printf(&t, "SIREN %s\n", pdf_siren(sir, COL(14)));
	if (!db_null(q, 16))
		buf_printf(&t, "%s %s\n", tr(L, "Intra-community VAT number:"), COL(16));
	if (!db_null(q, 17))
		buf_printf(&t, "%s\n", COL(17));
	if (!db_null(q, 18))
		buf_printf(&t, "%s\n", COL(18));
	buf_printf(&t, "%s %s (%s %s)", tr(L, "Activity:"), COL(20), tr(L, "analytic code"), COL(21));
	pdf_flow(&p, PDF_MARGIN, 250, t.data, "DejaVu Sans 9", PANGO_ALIGN_LEFT);
	int left_end = p.y;
	/* the client */
	p.y = top;
	buf_reset(&t);
	buf_printf(&t, "%s %s\n%s\n", tr(L, "Client:"), COL(22), COL(26));
	if (!db_null(q, 24))
		buf_printf(&t, "SIREN %s\n", pdf_siren(sir, COL(24)));
	if (!db_null(q, 25))
		buf_printf(&t, "%s %s\n", tr(L, "Intra-community VAT number:"), COL(25));
	pdf_flow(&p, 330, PDF_W - PDF_MARGIN - 330, t.data, "DejaVu Sans 9", PANGO_ALIGN_LEFT);
	if (p.y < left_end)
		p.y = left_end;
	p.y += PDF_PT(18);

	/* title, number, dates */
	buf_reset(&t);
	if (draft && !quote)
		buf_printf(&t, "%s — %s", kind_fr, tr(L, "DRAFT, of no value"));
	else if (number[0])
		buf_printf(&t, "%s %s %s", kind_fr, tr(L, "No."), number);
	else
		buf_printf(&t, "%s", kind_fr);
	pdf_flow(&p, PDF_MARGIN, PDF_W - 2 * PDF_MARGIN, t.data, "DejaVu Sans Bold 15", PANGO_ALIGN_LEFT);
	buf_reset(&t);
	buf_printf(&t, "%s %s", tr(L, "Date:"), pdf_date(d1, COL(3)));
	if (!db_null(q, 4) && strcmp(COL(4), COL(3)) != 0)
		buf_printf(&t, "\n%s %s", tr(L, "Date of the service or delivery:"), pdf_date(d1, COL(4)));
	if (!db_null(q, 5))
		buf_printf(&t, "\n%s %s", tr(L, "Payment due date:"), pdf_date(d1, COL(5)));
	if (credit && !db_null(q, 27))
		buf_printf(&t, "\n%s %s", tr(L, "Credit note on invoice No."), COL(27));
	if (quote)
		buf_printf(&t, "\n%s", tr(L, "Quote valid for 30 days from its date."));
	/* the category of the operation (mandatory with electronic invoicing) */
	int64_t goods = 0, services = 0;
	bool found;
	db_scalar(d, NULL, &goods, &found, "SELECT count(*) FROM sales_lines WHERE document_id = ? AND goods = 1", "i", id);
	db_scalar(d, NULL, &services, &found, "SELECT count(*) FROM sales_lines WHERE document_id = ? AND goods = 0", "i", id);
	buf_printf(&t, "\n%s %s", tr(L, "Category of the operation:"),
		   tr(L, goods && services ? N_("delivery of goods and provision of services")
			 : goods		   ? N_("delivery of goods")
						   : N_("provision of services")));
	if (COL(6)[0])
		buf_printf(&t, "\n%s %s", tr(L, "Subject:"), COL(6));
	pdf_flow(&p, PDF_MARGIN, PDF_W - 2 * PDF_MARGIN, t.data, "DejaVu Sans 9", PANGO_ALIGN_LEFT);
	p.y += PDF_PT(12);

	char notes[20010], mention[310], late[48], due[11];
	pdf_date(due, COL(5));
	snprintf(notes, sizeof notes, "%s", COL(7));
	snprintf(mention, sizeof mention, "%s", COL(8));
	int64_t ht = db_int(q, 9), vat = db_int(q, 10), ttc = db_int(q, 11), late_bp = db_null(q, 19) ? 1200 : db_int(q, 19);
	pdf_rate(late, late_bp);
	db_done(q);

	/* the lines */
	static const int cx[] = {PDF_MARGIN, 290, 332, 404, 451, 488};
	static const int cw[] = {240, 40, 70, 45, 35, PDF_W - PDF_MARGIN - 488};
	static const char *const heads[] = {N_("Item"), N_("Qty"), N_("Unit excl. VAT"), N_("Discount"), N_("VAT"),
					    N_("Total excl. VAT")};
	for (int i = 0; i < 6; i++)
		pdf_cell(&p, cx[i], p.y, cw[i], tr(L, heads[i]), "DejaVu Sans Bold 8",
			 i ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
	p.y += PDF_PT(12);
	pdf_rule(&p);
	q = db_query(d, "SELECT description, quantity_milli, unit_cents, vat_bp, discount_bp, total_ht"
			" FROM sales_lines WHERE document_id = ? ORDER BY position", "i", id);
	while (q && db_next(q) == 1) {
		if (p.y + PDF_PT(12) > PDF_PT(PDF_BOTTOM))
			pdf_new_page(&p);
		char disc[48] = "";
		if (db_int(q, 4))
			pdf_rate(disc, db_int(q, 4));
		const char *cells[] = {NULL, pdf_quantity(qty, db_int(q, 1)), NULL, disc, pdf_rate(rate, db_int(q, 3)), NULL};
		for (int i = 1; i < 6; i++) {
			const char *text = cells[i];
			if (i == 2)
				text = pdf_money(&m, db_int(q, 2));
			if (i == 5)
				text = pdf_money(&m, db_int(q, 5));
			pdf_cell(&p, cx[i], p.y, cw[i], text, "DejaVu Sans 8", PANGO_ALIGN_RIGHT);
		}
		pdf_flow(&p, cx[0], cw[0], COL(0), "DejaVu Sans 8", PANGO_ALIGN_LEFT);
		p.y += PDF_PT(4);
	}
	db_done(q);
	pdf_rule(&p);

	/* VAT per rate, totals */
	buf_reset(&t);
	q = db_query(d, "SELECT vat_bp, sum(total_ht) FROM sales_lines WHERE document_id = ? GROUP BY vat_bp"
			" ORDER BY vat_bp DESC", "i", id);
	while (q && db_next(q) == 1) {
		int64_t base = db_int(q, 1), tva = 0;
		money_apply_bp(base, db_int(q, 0), &tva);
		buf_printf(&t, "%s %s %s ", tr(L, "VAT"), pdf_rate(rate, db_int(q, 0)), tr(L, "on"));
		buf_printf(&t, "%s : ", pdf_money(&m, base));
		buf_printf(&t, "%s\n", pdf_money(&m, tva));
	}
	db_done(q);
	buf_printf(&t, "%s %s\n", tr(L, "Total excl. VAT:"), pdf_money(&m, ht));
	buf_printf(&t, "%s %s\n", tr(L, "Total VAT:"), pdf_money(&m, vat));
	buf_printf(&t, "%s %s", tr(L, credit ? N_("Total incl. VAT (in your favour):") : N_("Total incl. VAT:")),
		   pdf_money(&m, ttc));
	pdf_flow(&p, 300, PDF_W - PDF_MARGIN - 300, t.data, "DejaVu Sans 9", PANGO_ALIGN_RIGHT);
	p.y += PDF_PT(10);
	if (mention[0])
		pdf_flow(&p, PDF_MARGIN, PDF_W - 2 * PDF_MARGIN, mention, "DejaVu Sans Bold 9", PANGO_ALIGN_LEFT);

	/* payment conditions */
	buf_reset(&t);
	if (!quote && !credit && due[0])
		buf_printf(&t, "%s %s. %s\n", tr(L, "Payment terms: to be paid by"), due,
			   tr(L, "No discount for early payment."));
	else if (!quote && !credit)
		buf_printf(&t, "%s %s\n", tr(L, "Payment terms: due date set at validation."),
			   tr(L, "No discount for early payment."));
	buf_printf(&t, "%s %s, %s", tr(L, "In case of late payment, penalties at the annual rate of"), late,
		   tr(L, "due by law (art. L441-10 of the French Commercial Code), and a fixed indemnity of 40 € "
			 "for recovery costs (art. D441-5)."));
	p.y += PDF_PT(6);
	pdf_flow(&p, PDF_MARGIN, PDF_W - 2 * PDF_MARGIN, t.data, "DejaVu Sans 8", PANGO_ALIGN_LEFT);
	if (notes[0]) {
		p.y += PDF_PT(8);
		pdf_flow(&p, PDF_MARGIN, PDF_W - 2 * PDF_MARGIN, notes, "DejaVu Sans 8", PANGO_ALIGN_LEFT);
	}
	pdf_footer(&p);
	cairo_show_page(p.cr);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	cairo_status_t cs = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	buf_free(&t);
	buf_free(&m);
	if (cs != CAIRO_STATUS_SUCCESS)
		return bg_fail(err, BG_ERR_INTERNAL, "pdf_failed", NULL, N_("The document could not be rendered."));
	return BG_OK;
}

void pdf_shutdown(void)
{
	pango_cairo_font_map_set_default(NULL);
	cairo_debug_reset_static_data();
	FcFini();
}
