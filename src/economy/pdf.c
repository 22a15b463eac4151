/*
 * pdf.c — rendering a sales document to PDF with cairo and pango (see
 * pdf.h for what it must show).
 *
 * Layout: A4 portrait, 45 pt margins.  Text is measured with pango before
 * it is placed: the columns of the lines are as wide as their widest
 * content and heading in the document's language (the description takes
 * the rest), amounts are laid out on one line (no wrapping) and aligned on
 * the right of their column, the heading row is repeated at the top of
 * every page the lines run onto, and the totals block moves whole to the
 * next page when it does not fit.  A long description or long notes break
 * across pages at any line (pdf_flow).  The document is composed twice:
 * the first pass draws nothing and counts the pages, so that the foot of
 * each page of the second can say "page N / M".
 */
#include "economy/pdf.h"
#include "economy/eco_internal.h"
#include "core/arena.h"
#include "core/i18n.h"
#include "core/money.h"
#include "economy/economy.h"
#include "economy/ledger.h"
#include <pango/pangocairo.h>
#include <cairo-pdf.h>
#include <fontconfig/fontconfig.h>
#include <stdio.h>
#include <string.h>

/* Geometry in Pango units (1/1024 pt; integers: no floating point in this
 * file, the rule for every file of the economy), converted only when cairo
 * is told.  A4 = 595 × 842 pt. */
#define PDF_W 595
#define PDF_H 842
#define PDF_PT(n) ((n) * PANGO_SCALE)
#define PDF_LEFT PDF_PT(45)
#define PDF_RIGHT PDF_PT(PDF_W - 45)
#define PDF_TEXT_W (PDF_RIGHT - PDF_LEFT)
#define PDF_TOP PDF_PT(45)
#define PDF_BOTTOM PDF_PT(PDF_H - 60)
#define PDF_GAP PDF_PT(8)       /* between two columns */
#define PDF_DESC_MIN PDF_PT(150) /* the narrowest the description column may be */
#define PDF_COLS 6

#define FONT_FOOT "DejaVu Sans 7"
#define FONT_CELL "DejaVu Sans 8"
#define FONT_HEAD "DejaVu Sans Bold 8"
#define FONT_BODY "DejaVu Sans 9"
#define FONT_BOLD "DejaVu Sans Bold 9"
#define FONT_TITLE "DejaVu Sans Bold 15"

/* The fixed indemnity for recovery costs owed by a professional who pays
 * late (Code de commerce D441-5), with a non-breaking space. */
#define PDF_RECOVERY_INDEMNITY "40\xC2\xA0\xE2\x82\xAC"

/* The columns of the lines: where each starts and how wide it is, and the
 * height of the heading row (its headings may wrap only when the columns
 * would not fit otherwise). */
typedef struct pdf_table {
	int x[PDF_COLS], w[PDF_COLS];
	int head_h;
	const char *heads[PDF_COLS]; /* translated */
} pdf_table;

typedef struct pdf_ctx {
	cairo_surface_t *surface;
	cairo_t *cr;
	bool measuring;         /* the first pass: lays out, draws nothing */
	int y;                  /* from the top of the page */
	int page, pages;        /* this page; how many (known after the first pass) */
	const pdf_table *table; /* while the lines run: its heading opens each new page */
	const char *lang;
	char footer[200];
} pdf_ctx;

/* What a document prints besides its own view (sales_doc_view): the seller
 * — the cooperative's own record (name, legal form, SIREN, address) and its
 * economic settings (VAT number, RCS, capital, late-payment rate) —, the
 * activity, the invoice a credit note is on, and the document's language. */
typedef struct pdf_seller {
	const char *name, *legal_form, *siren, *address, *vat_number, *rcs, *capital_text;
	const char *activity_name, *activity_code, *source_number;
	char lang[3];
	int64_t late_rate_bp;
} pdf_seller;

/* cairo's output callback: appends the PDF bytes to the buffer. */
static cairo_status_t pdf_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

/* Makes a layout of text in a font, wrapped at width (Pango units), or on
 * one line whatever its length when width is 0. */
static PangoLayout *pdf_layout(pdf_ctx *p, const char *text, const char *font, int width,
			       PangoAlignment align)
{
	PangoLayout *l = pango_cairo_create_layout(p->cr);
	PangoFontDescription *f = pango_font_description_from_string(font);
	pango_layout_set_font_description(l, f);
	pango_font_description_free(f);
	if (width > 0) {
		pango_layout_set_width(l, width);
		pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	} else {
		pango_layout_set_width(l, -1);
		pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_NONE);
	}
	pango_layout_set_alignment(l, align);
	pango_layout_set_text(l, text ? text : "", -1);
	return l;
}

/* The width and height of text on one line, in Pango units. */
static void pdf_measure(pdf_ctx *p, const char *text, const char *font, int *width, int *height)
{
	PangoLayout *l = pdf_layout(p, text, font, 0, PANGO_ALIGN_LEFT);
	pango_layout_get_size(l, width, height);
	g_object_unref(l);
}

/* Draws a layout with its top left corner at (x, y), unless measuring. */
static void pdf_show(pdf_ctx *p, PangoLayout *l, int x, int y)
{
	if (p->measuring)
		return;
	cairo_move_to(p->cr, pango_units_to_double(x), pango_units_to_double(y));
	pango_cairo_show_layout(p->cr, l);
}

/* Draws text on one line, never wrapped, its right end at x_right. */
static void pdf_show_right(pdf_ctx *p, const char *text, const char *font, int x_right, int y)
{
	PangoLayout *l = pdf_layout(p, text, font, 0, PANGO_ALIGN_LEFT);
	int w, h;
	pango_layout_get_size(l, &w, &h);
	pdf_show(p, l, x_right - w, y);
	g_object_unref(l);
}

/* Draws a horizontal rule across the text width and moves below it. */
static void pdf_rule(pdf_ctx *p)
{
	if (!p->measuring) {
		cairo_set_line_width(p->cr, pango_units_to_double(PDF_PT(1) / 2)); /* half a point */
		cairo_move_to(p->cr, pango_units_to_double(PDF_LEFT), pango_units_to_double(p->y + PDF_PT(2)));
		cairo_line_to(p->cr, pango_units_to_double(PDF_RIGHT), pango_units_to_double(p->y + PDF_PT(2)));
		cairo_stroke(p->cr);
	}
	p->y += PDF_PT(6);
}

/* Draws the table's heading row at the current height, then a rule. */
static void pdf_table_head(pdf_ctx *p, const pdf_table *t)
{
	for (int i = 0; i < PDF_COLS; i++) {
		PangoLayout *l = pdf_layout(p, t->heads[i], FONT_HEAD, t->w[i], i ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
		pdf_show(p, l, t->x[i], p->y);
		g_object_unref(l);
	}
	p->y += t->head_h;
	pdf_rule(p);
}

/* Draws the foot of the page: the document, "page N / M". */
static void pdf_footer(pdf_ctx *p)
{
	char text[300];
	snprintf(text, sizeof text, "%s — %s %d / %d", p->footer, tr(p->lang, "page"), p->page, p->pages);
	PangoLayout *l = pdf_layout(p, text, FONT_FOOT, PDF_TEXT_W, PANGO_ALIGN_CENTER);
	pdf_show(p, l, PDF_LEFT, PDF_PT(PDF_H - 35));
	g_object_unref(l);
}

/* Ends the page with its foot (unless measuring). */
static void pdf_end_page(pdf_ctx *p)
{
	if (p->measuring)
		return;
	pdf_footer(p);
	cairo_show_page(p->cr);
}

/* Ends the page and starts the next one at the top, with the heading row
 * of the lines when they are running. */
static void pdf_new_page(pdf_ctx *p)
{
	pdf_end_page(p);
	p->page++;
	p->y = PDF_TOP;
	if (p->table)
		pdf_table_head(p, p->table);
}

/* Draws a layout at x from the current height, line by line, starting a
 * new page whenever the next line would not fit; advances y; frees it. */
static void pdf_flow_layout(pdf_ctx *p, int x, PangoLayout *l)
{
	PangoLayoutIter *it = pango_layout_get_iter(l);
	do {
		PangoRectangle logical;
		pango_layout_iter_get_line_extents(it, NULL, &logical);
		if (p->y + logical.height > PDF_BOTTOM)
			pdf_new_page(p);
		if (!p->measuring) {
			int baseline = pango_layout_iter_get_baseline(it);
			cairo_move_to(p->cr, pango_units_to_double(x + logical.x),
				      pango_units_to_double(p->y + baseline - logical.y));
			pango_cairo_show_layout_line(p->cr, pango_layout_iter_get_line_readonly(it));
		}
		p->y += logical.height;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
	g_object_unref(l);
}

/* Draws text wrapped at width from (x, current y), across pages if need be. */
static void pdf_flow(pdf_ctx *p, int x, int width, const char *text, const char *font, PangoAlignment align)
{
	pdf_flow_layout(p, x, pdf_layout(p, text, font, width, align));
}

/* Formats cents the French way into out. */
static const char *pdf_money(char out[64], int64_t cents)
{
	buf b;
	buf_init(&b);
	money_format(&b, cents, "fr");
	snprintf(out, 64, "%s", b.data);
	buf_free(&b);
	return out;
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

/* The texts of a line's numeric cells (cells[0], the description, is the
 * line's own text). */
typedef struct pdf_cells {
	char qty[48], unit[64], discount[48], vat[48], total[64];
	const char *text[PDF_COLS];
} pdf_cells;

/* Fills c with what line l shows in each column. */
static void pdf_line_cells(const sales_doc_line_view *l, pdf_cells *c)
{
	c->discount[0] = 0;
	if (l->discount_bp)
		pdf_rate(c->discount, l->discount_bp);
	c->text[0] = l->description;
	c->text[1] = pdf_quantity(c->qty, l->quantity_milli);
	c->text[2] = pdf_money(c->unit, l->unit_cents);
	c->text[3] = c->discount;
	c->text[4] = pdf_rate(c->vat, l->vat_bp);
	c->text[5] = pdf_money(c->total, l->total_ht);
}

/* The width of the widest word of text (words split at spaces) in font. */
static int pdf_widest_word(pdf_ctx *p, const char *text, const char *font)
{
	int widest = 0;
	char word[200];
	for (const char *s = text; *s;) {
		size_t n = strcspn(s, " ");
		snprintf(word, sizeof word, "%.*s", (int)n, s);
		int w, h;
		pdf_measure(p, word, font, &w, &h);
		if (w > widest)
			widest = w;
		s += n;
		s += strspn(s, " ");
	}
	return widest;
}

/* Sizes the columns of the lines: each numeric column as wide as its widest
 * cell and its heading on one line; when the description would then be
 * narrower than PDF_DESC_MIN, the headings may wrap (a column is then as
 * wide as its widest cell and the widest word of its heading).  The heading
 * row is as high as its highest heading. */
static void pdf_table_measure(pdf_ctx *p, const sales_doc_view *v, pdf_table *t)
{
	static const char *const heads[PDF_COLS] = {N_("Item"), N_("Qty"), N_("Unit excl. VAT"), N_("Discount"),
						    N_("VAT"), N_("Total excl. VAT")};
	int content[PDF_COLS] = {0}, head[PDF_COLS], word[PDF_COLS], w, h;
	for (int i = 0; i < PDF_COLS; i++) {
		t->heads[i] = tr(p->lang, heads[i]);
		pdf_measure(p, t->heads[i], FONT_HEAD, &head[i], &h);
		word[i] = pdf_widest_word(p, t->heads[i], FONT_HEAD);
	}
	for (size_t k = 0; k < v->nlines; k++) {
		pdf_cells c;
		pdf_line_cells(&v->lines[k], &c);
		for (int i = 1; i < PDF_COLS; i++) {
			pdf_measure(p, c.text[i], FONT_CELL, &w, &h);
			if (w > content[i])
				content[i] = w;
		}
	}
	for (int pass = 0; pass < 2; pass++) {
		int used = 0;
		for (int i = 1; i < PDF_COLS; i++) {
			int heading = pass ? word[i] : head[i];
			t->w[i] = content[i] > heading ? content[i] : heading;
			used += t->w[i] + PDF_GAP;
		}
		t->w[0] = PDF_TEXT_W - used;
		if (t->w[0] >= PDF_DESC_MIN)
			break;
	}
	t->x[0] = PDF_LEFT;
	for (int i = 1; i < PDF_COLS; i++)
		t->x[i] = t->x[i - 1] + t->w[i - 1] + PDF_GAP;
	t->head_h = 0;
	for (int i = 0; i < PDF_COLS; i++) {
		PangoLayout *l = pdf_layout(p, t->heads[i], FONT_HEAD, t->w[i], PANGO_ALIGN_LEFT);
		pango_layout_get_size(l, &w, &h);
		g_object_unref(l);
		if (h > t->head_h)
			t->head_h = h;
	}
	t->head_h += PDF_PT(2);
}

/* Draws one line of the document: its numeric cells on the row's first
 * line, its description wrapped in the first column.  A row that does not
 * fit on what is left of the page starts the next one (under the repeated
 * heading); only a description longer than a whole page runs across pages. */
static void pdf_table_row(pdf_ctx *p, const pdf_table *t, const sales_doc_line_view *line)
{
	pdf_cells c;
	pdf_line_cells(line, &c);
	PangoLayout *desc = pdf_layout(p, c.text[0], FONT_CELL, t->w[0], PANGO_ALIGN_LEFT);
	PangoRectangle first;
	pango_layout_line_get_extents(pango_layout_get_line_readonly(desc, 0), NULL, &first);
	int w, row_h, desc_h;
	pdf_measure(p, "0", FONT_CELL, &w, &row_h);
	if (first.height > row_h)
		row_h = first.height;
	pango_layout_get_size(desc, &w, &desc_h);
	int whole = desc_h > row_h ? desc_h : row_h;
	int page_room = PDF_BOTTOM - PDF_TOP - t->head_h - PDF_PT(6);
	if (p->y + (whole <= page_room ? whole : row_h) > PDF_BOTTOM)
		pdf_new_page(p);
	int top = p->y;
	for (int i = 1; i < PDF_COLS; i++)
		pdf_show_right(p, c.text[i], FONT_CELL, t->x[i] + t->w[i], top);
	pdf_flow_layout(p, t->x[0], desc);
	if (p->y < top + row_h && p->y >= top)
		p->y = top + row_h;
	p->y += PDF_PT(4);
}

/* One row of the totals block: a label and an amount, both on one line. */
typedef struct pdf_total {
	char label[200], amount[64];
	const char *font;
} pdf_total;

/* Draws the VAT per rate and the totals as a block right-aligned on the
 * page, labels on the left of the amounts; the block is never split: it
 * starts a new page when it does not fit whole. */
static void pdf_totals(pdf_ctx *p, const sales_doc_view *v)
{
	const char *L = p->lang;
	pdf_total rows[8] = {0};
	size_t n = 0;
	char rate[48], base[64];
	for (size_t i = 0; i < v->nvat && n < 5; i++, n++) {
		snprintf(rows[n].label, sizeof rows[n].label, tr(L, "VAT %s on %s:"), pdf_rate(rate, v->vat[i].vat_bp),
			 pdf_money(base, v->vat[i].base));
		pdf_money(rows[n].amount, v->vat[i].vat);
		rows[n].font = FONT_BODY;
	}
	bool credit = !strcmp(v->kind, "credit_note");
	const char *labels[] = {tr(L, "Total excl. VAT:"), tr(L, "Total VAT:"),
				tr(L, credit ? N_("Total incl. VAT (in your favour):") : N_("Total incl. VAT:"))};
	const int64_t amounts[] = {v->total_ht, v->total_vat, v->total_ttc};
	for (int i = 0; i < 3; i++, n++) {
		snprintf(rows[n].label, sizeof rows[n].label, "%s", labels[i]);
		pdf_money(rows[n].amount, amounts[i]);
		rows[n].font = i == 2 ? FONT_BOLD : FONT_BODY;
	}
	int amount_w = 0, row_h = 0, w, h;
	for (size_t i = 0; i < n; i++) {
		pdf_measure(p, rows[i].amount, rows[i].font, &w, &h);
		if (w > amount_w)
			amount_w = w;
		pdf_measure(p, rows[i].label, rows[i].font, &w, &h);
		if (h > row_h)
			row_h = h;
	}
	if (p->y + (int)n * row_h > PDF_BOTTOM)
		pdf_new_page(p);
	for (size_t i = 0; i < n; i++) {
		pdf_show_right(p, rows[i].label, rows[i].font, PDF_RIGHT - amount_w - PDF_GAP, p->y);
		pdf_show_right(p, rows[i].amount, rows[i].font, PDF_RIGHT, p->y);
		p->y += row_h;
	}
}

/* The payment conditions and the late-payment mentions.  Between
 * professionals (a client that is a company) the law requires the rate of
 * the late-payment penalties and the 40 € fixed indemnity for recovery
 * costs (Code de commerce L441-10, D441-5); to a private person only the
 * legal interest applies (Code civil 1231-6), and no indemnity. */
static void pdf_payment_terms(pdf_ctx *p, const sales_doc_view *v, const pdf_seller *s, buf *t)
{
	const char *L = p->lang;
	bool quote = !strcmp(v->kind, "quote"), credit = !strcmp(v->kind, "credit_note");
	char due[11], late[48];
	buf_reset(t);
	if (!quote && !credit && v->due_date)
		buf_printf(t, "%s %s. %s\n", tr(L, "Payment terms: to be paid by"), pdf_date(due, v->due_date),
			   tr(L, "No discount for early payment."));
	else if (!quote && !credit)
		buf_printf(t, "%s %s\n", tr(L, "Payment terms: due date set at validation."),
			   tr(L, "No discount for early payment."));
	if (v->client.kind && !strcmp(v->client.kind, "individual")) {
		buf_puts(t, tr(L, "In case of late payment, interest at the legal rate is due "
				  "(art. 1231-6 of the French Civil Code)."));
	} else {
		buf_printf(t, tr(L, "In case of late payment, penalties at the annual rate of %s are due by law "
				    "(art. L441-10 of the French Commercial Code), and a fixed indemnity of %s "
				    "for recovery costs (art. D441-5)."),
			   pdf_rate(late, s->late_rate_bp), PDF_RECOVERY_INDEMNITY);
	}
	p->y += PDF_PT(6);
	pdf_flow(p, PDF_LEFT, PDF_TEXT_W, t->data, FONT_CELL, PANGO_ALIGN_LEFT);
}

/* Lays out the whole document from the top of its first page to the foot
 * of its last (drawing nothing when measuring). */
static void pdf_compose(pdf_ctx *p, const sales_doc_view *v, const pdf_seller *s, const pdf_table *table)
{
	const char *L = p->lang;
	bool quote = !strcmp(v->kind, "quote"), credit = !strcmp(v->kind, "credit_note");
	bool draft = !strcmp(v->status, "draft");
	const char *number = v->number ? v->number : v->quote_number ? v->quote_number : "";
	const char *kind = tr(L, quote ? N_("QUOTE") : credit ? N_("CREDIT NOTE") : N_("INVOICE"));
	snprintf(p->footer, sizeof p->footer, "%s %s", kind, number[0] ? number : tr(L, "(draft)"));
	p->page = 1;
	p->y = PDF_TOP;
	p->table = NULL;
	buf t;
	buf_init(&t);
	char day[11], siren[48];

	/* the seller, on the left */
	int top = p->y;
	buf_printf(&t, "%s (%s)\n", s->name, s->legal_form);
	if (s->address[0])
		buf_printf(&t, "%s\n", s->address);
	if (s->siren)
		buf_printf(&t, "SIREN %s\n", pdf_siren(siren, s->siren));
	if (s->vat_number)
		buf_printf(&t, "%s %s\n", tr(L, "Intra-community VAT number:"), s->vat_number);
	if (s->rcs)
		buf_printf(&t, "%s\n", s->rcs);
	if (s->capital_text)
		buf_printf(&t, "%s\n", s->capital_text);
	buf_printf(&t, "%s %s (%s %s)", tr(L, "Activity:"), s->activity_name, tr(L, "analytic code"), s->activity_code);
	pdf_flow(p, PDF_LEFT, PDF_PT(250), t.data, FONT_BODY, PANGO_ALIGN_LEFT);
	int left_end = p->y;
	/* the client, on the right */
	p->y = top;
	buf_reset(&t);
	buf_printf(&t, "%s %s\n%s\n", tr(L, "Client:"), v->client.name ? v->client.name : "",
		   v->client.address ? v->client.address : "");
	if (v->client.siren)
		buf_printf(&t, "SIREN %s\n", pdf_siren(siren, v->client.siren));
	if (v->client.vat_number)
		buf_printf(&t, "%s %s\n", tr(L, "Intra-community VAT number:"), v->client.vat_number);
	pdf_flow(p, PDF_PT(330), PDF_RIGHT - PDF_PT(330), t.data, FONT_BODY, PANGO_ALIGN_LEFT);
	if (p->y < left_end)
		p->y = left_end;
	p->y += PDF_PT(18);

	/* title, number, dates */
	buf_reset(&t);
	if (draft && !quote)
		buf_printf(&t, "%s — %s", kind, tr(L, "DRAFT, of no value"));
	else if (number[0])
		buf_printf(&t, "%s %s %s", kind, tr(L, "No."), number);
	else
		buf_printf(&t, "%s", kind);
	pdf_flow(p, PDF_LEFT, PDF_TEXT_W, t.data, FONT_TITLE, PANGO_ALIGN_LEFT);
	buf_reset(&t);
	buf_printf(&t, "%s %s", tr(L, "Date:"), pdf_date(day, v->issue_date));
	if (v->supply_date && (!v->issue_date || strcmp(v->supply_date, v->issue_date) != 0))
		buf_printf(&t, "\n%s %s", tr(L, "Date of the service or delivery:"), pdf_date(day, v->supply_date));
	if (v->due_date)
		buf_printf(&t, "\n%s %s", tr(L, "Payment due date:"), pdf_date(day, v->due_date));
	if (credit && s->source_number)
		buf_printf(&t, "\n%s %s", tr(L, "Credit note on invoice No."), s->source_number);
	if (quote)
		buf_printf(&t, "\n%s", tr(L, "Quote valid for 30 days from its date."));
	/* the category of the operation (mandatory with electronic invoicing) */
	bool goods = false, services = false;
	for (size_t i = 0; i < v->nlines; i++)
		*(v->lines[i].goods ? &goods : &services) = true;
	buf_printf(&t, "\n%s %s", tr(L, "Category of the operation:"),
		   tr(L, goods && services ? N_("delivery of goods and provision of services")
			 : goods		   ? N_("delivery of goods")
						   : N_("provision of services")));
	if (v->title && v->title[0])
		buf_printf(&t, "\n%s %s", tr(L, "Subject:"), v->title);
	pdf_flow(p, PDF_LEFT, PDF_TEXT_W, t.data, FONT_BODY, PANGO_ALIGN_LEFT);
	p->y += PDF_PT(12);

	/* the lines, under a heading row repeated on every page they run onto */
	if (p->y + table->head_h + PDF_PT(24) > PDF_BOTTOM)
		pdf_new_page(p);
	pdf_table_head(p, table);
	p->table = table;
	for (size_t i = 0; i < v->nlines; i++)
		pdf_table_row(p, table, &v->lines[i]);
	p->table = NULL;
	pdf_rule(p);

	/* VAT per rate and totals, kept together */
	pdf_totals(p, v);
	p->y += PDF_PT(10);
	if (v->vat_mention && v->vat_mention[0])
		pdf_flow(p, PDF_LEFT, PDF_TEXT_W, v->vat_mention, FONT_BOLD, PANGO_ALIGN_LEFT);
	pdf_payment_terms(p, v, s, &t);
	if (v->notes && v->notes[0]) {
		p->y += PDF_PT(8);
		pdf_flow(p, PDF_LEFT, PDF_TEXT_W, v->notes, FONT_CELL, PANGO_ALIGN_LEFT);
	}
	pdf_end_page(p);
	buf_free(&t);
}

/* Reads the seller of document id into s (strings in `a`, NULL when
 * absent, address "" when the cooperative has none): the cooperative's
 * record is the one source of its identity and address. */
static bg_status pdf_seller_get(db *d, arena *a, int64_t id, const char *lang, pdf_seller *s, bg_error *err)
{
	memset(s, 0, sizeof *s);
	db_stmt *q = db_query(d,
		"SELECT c.name, c.legal_form, c.siren, c.address, trim(c.postcode || ' ' || c.commune),"
		" e.vat_number, e.rcs, e.capital_text, coalesce(e.late_rate_bp, 1200), a.name, a.code,"
		" (SELECT number FROM sales_documents o WHERE o.id = s.source_id), coalesce(k.lang, e.doc_lang, 'fr')"
		" FROM sales_documents s JOIN cooperatives c ON c.id = s.cooperative_id"
		" LEFT JOIN economy_settings e ON e.cooperative_id = s.cooperative_id"
		" JOIN activities a ON a.id = s.activity_id JOIN sales_document_client k ON k.document_id = s.id"
		" WHERE s.id = ?",
		"i", id);
	int row = q ? db_next(q) : -1;
	if (row == 1) {
		s->name = arena_strdup(a, db_text(q, 0));
		s->legal_form = arena_strdup(a, db_text(q, 1));
		s->siren = db_text(q, 2) && db_text(q, 2)[0] ? arena_strdup(a, db_text(q, 2)) : NULL;
		const char *street = db_text(q, 3), *town = db_text(q, 4);
		s->address = arena_printf(a, "%s%s%s", street, street[0] && town[0] ? "\n" : "", town);
		s->vat_number = arena_strdup(a, db_text(q, 5));
		s->rcs = arena_strdup(a, db_text(q, 6));
		s->capital_text = arena_strdup(a, db_text(q, 7));
		s->late_rate_bp = db_int(q, 8);
		s->activity_name = arena_strdup(a, db_text(q, 9));
		s->activity_code = arena_strdup(a, db_text(q, 10));
		s->source_number = arena_strdup(a, db_text(q, 11));
		snprintf(s->lang, sizeof s->lang, "%s", lang ? lang : db_text(q, 12));
	}
	if (db_done(q) != BG_OK || row < 0)
		return bg_db_fail(err);
	if (row == 0)
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This page does not exist."));
	return BG_OK;
}

bg_status pdf_render_document(db *d, int64_t id, const char *lang, buf *out, bg_error *err)
{
	arena a;
	arena_init(&a);
	sales_doc_view v;
	pdf_seller s;
	bg_status st = sales_document_view_load(d, &a, id, &v, err);
	if (st == BG_OK)
		st = pdf_seller_get(d, &a, id, lang, &s, err);
	if (st != BG_OK) {
		arena_free_all(&a);
		return st;
	}
	pdf_ctx p = {0};
	p.lang = s.lang;
	p.surface = cairo_pdf_surface_create_for_stream(pdf_write, out, PDF_W, PDF_H);
	p.cr = cairo_create(p.surface);
	cairo_pdf_surface_set_metadata(p.surface, CAIRO_PDF_METADATA_CREATOR, "bigre");
	cairo_set_source_rgb(p.cr, 0, 0, 0);
	pdf_table table;
	pdf_table_measure(&p, &v, &table);
	/* first pass: count the pages; second: draw them */
	p.measuring = true;
	pdf_compose(&p, &v, &s, &table);
	p.pages = p.page;
	p.measuring = false;
	pdf_compose(&p, &v, &s, &table);
	cairo_destroy(p.cr);
	cairo_surface_finish(p.surface);
	cairo_status_t cs = cairo_surface_status(p.surface);
	cairo_surface_destroy(p.surface);
	arena_free_all(&a);
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
