/*
 * widgets.c — the form fields (see widgets.h).
 *
 * Every field is the same three parts: widget_open writes the block's
 * start (label, hint, error) and finds the field's own error;
 * widget_described writes the attributes that tie the control to them;
 * the caller writes the control between.  Attributes that depend on a
 * condition are written with h_attr / h_bool, never passed as a %s.
 */
#include "web/widgets.h"
#include "core/i18n.h"
#include <assert.h>
#include <string.h>

/* The id part of w: prefix + name. */
static const char *widget_id(request *rq, const widget *w)
{
	assert(w && w->name && w->label);
	return w->prefix ? arena_printf(&rq->arena, "%s%s", w->prefix, w->name) : w->name;
}

/* Writes the block's start; returns the field's own error, or NULL. */
static const bg_error *widget_open(request *rq, response *rs, const char *id, const widget *w)
{
	html *h = page_html(rs);
	const bg_error *own = bg_error_of_field(w->err, w->name);
	h_printf(h, "<div class=\"field");
	if (own)
		h_printf(h, " invalid");
	h_printf(h, "\"><label for=\"f-%s\">%s</label>", id, w->label);
	if (w->hint)
		h_printf(h, "<p class=\"hint\" id=\"h-%s\">%s</p>", id, w->hint);
	if (own)
		h_printf(h, "<p class=\"error\" id=\"e-%s\">%s</p>", id, tr(rq->lang, own->msgid));
	return own;
}

/* aria-invalid and aria-describedby (the hint, the error) of the control. */
static void widget_described(request *rq, response *rs, const char *id, const widget *w, const bg_error *own)
{
	html *h = page_html(rs);
	if (own)
		h_attr(h, "aria-invalid", "true");
	const char *ids[3];
	int n = 0;
	if (w->hint)
		ids[n++] = arena_printf(&rq->arena, "h-%s", id);
	if (w->described_by)
		ids[n++] = w->described_by;
	if (own)
		ids[n++] = arena_printf(&rq->arena, "e-%s", id);
	if (n)
		h_attr(h, "aria-describedby", n == 1 ? ids[0]
					     : n == 2 ? arena_printf(&rq->arena, "%s %s", ids[0], ids[1])
						      : arena_printf(&rq->arena, "%s %s %s", ids[0], ids[1], ids[2]));
}

/* The block of an <input>: label, hint, error, the control (see widgets.h). */
void widget_input(request *rq, response *rs, const char *type, const widget *w)
{
	html *h = page_html(rs);
	const char *id = widget_id(rq, w);
	const bg_error *own = widget_open(rq, rs, id, w);
	h_printf(h, "<input id=\"f-%s\" name=\"%s\" type=\"%s\" value=\"%s\"", id, w->name, type,
		 w->value ? w->value : "");
	h_attr(h, "inputmode", w->inputmode);
	h_attr(h, "autocomplete", w->autocomplete);
	widget_described(rq, rs, id, w, own);
	h_bool(h, "required", w->required);
	h_printf(h, "></div>");
}

/* The block of a file input; no value (a file is never sent back). */
void widget_file(request *rq, response *rs, const char *accept, const widget *w)
{
	html *h = page_html(rs);
	const char *id = widget_id(rq, w);
	const bg_error *own = widget_open(rq, rs, id, w);
	h_printf(h, "<input id=\"f-%s\" name=\"%s\" type=\"file\"", id, w->name);
	h_attr(h, "accept", accept);
	widget_described(rq, rs, id, w, own);
	h_bool(h, "required", w->required);
	h_printf(h, "></div>");
}

/* The block of a textarea, the kept value as its content (escaped). */
void widget_textarea(request *rq, response *rs, int rows, const widget *w)
{
	html *h = page_html(rs);
	const char *id = widget_id(rq, w);
	const bg_error *own = widget_open(rq, rs, id, w);
	h_printf(h, "<textarea id=\"f-%s\" name=\"%s\" rows=\"%d\"", id, w->name, rows);
	widget_described(rq, rs, id, w, own);
	h_bool(h, "required", w->required);
	h_printf(h, ">%s</textarea></div>", w->value ? w->value : "");
}

/* The block of a select up to its options. */
void widget_select_begin(request *rq, response *rs, const widget *w)
{
	html *h = page_html(rs);
	const char *id = widget_id(rq, w);
	const bg_error *own = widget_open(rq, rs, id, w);
	h_printf(h, "<select id=\"f-%s\" name=\"%s\"", id, w->name);
	widget_described(rq, rs, id, w, own);
	h_bool(h, "required", w->required);
	h_printf(h, ">");
}

/* One choice of the select begun. */
void widget_option(response *rs, const char *value, const char *label, bool selected)
{
	html *h = page_html(rs);
	h_printf(h, "<option value=\"%s\"", value);
	h_bool(h, "selected", selected);
	h_printf(h, ">%s</option>", label);
}

/* The end of the select and of its block. */
void widget_select_end(response *rs)
{
	h_printf(page_html(rs), "</select></div>");
}

/* A box and its label (value 1 when ticked). */
void widget_checkbox(request *rq, response *rs, bool checked, const widget *w)
{
	html *h = page_html(rs);
	const char *id = widget_id(rq, w);
	h_printf(h, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-%s\" name=\"%s\" value=\"1\"", id,
		 w->name);
	h_bool(h, "checked", checked);
	h_printf(h, "><label for=\"f-%s\">%s</label></div>", id, w->label);
}
