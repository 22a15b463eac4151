/*
 * table.c — the stacking tables (see table.h).  A small state machine: the
 * header is written first (table_head until table_body), then rows of
 * cells; every cell or row left open is closed by whatever comes next, so
 * a call site never writes </td> or </tr> itself.  The number of body
 * cells of a row never exceeds the header's: a cell past the last column
 * would have no label on a phone, which the assert catches.
 */
#include "web/table.h"
#include <assert.h>
#include <stddef.h>

void table_begin(table *t, html *h)
{
	assert(t && h);
	*t = (table){.h = h, .state = TABLE_HEAD};
	h_printf(h, "<table class=\"stack\"><thead><tr>");
}

/* Remembers a header cell's label (the helpers below write the cell). */
static void table_label(table *t, const char *label)
{
	assert(t->state == TABLE_HEAD);
	assert(t->columns < TABLE_COLUMNS_MAX);
	t->labels[t->columns++] = label ? label : "";
}

void table_head(table *t, const char *label)
{
	table_label(t, label);
	h_printf(t->h, "<th>%s</th>", label ? label : "");
}

void table_head_num(table *t, const char *label)
{
	table_label(t, label);
	h_printf(t->h, "<th class=\"num\">%s</th>", label ? label : "");
}

void table_body(table *t)
{
	assert(t->state == TABLE_HEAD && t->columns > 0);
	h_printf(t->h, "</tr></thead><tbody>");
	t->state = TABLE_BODY;
}

void table_with(table *t, html *h, const char *const labels[])
{
	assert(labels && labels[0]);
	table_begin(t, h);
	for (size_t i = 0; labels[i]; i++)
		table_head(t, labels[i]);
	table_body(t);
}

/* Closes the open cell (a td, or the th of table_heading) and the row. */
static void table_close_row(table *t)
{
	assert(t->state != TABLE_HEAD);
	if (t->state == TABLE_CELL)
		h_printf(t->h, "</td>");
	else if (t->state == TABLE_HEADING)
		h_printf(t->h, "</th>");
	if (t->state != TABLE_BODY)
		h_printf(t->h, "</tr>");
	t->state = TABLE_BODY;
}

void table_row(table *t)
{
	table_close_row(t);
	h_printf(t->h, "<tr>");
	t->state = TABLE_ROW;
	t->at = 0;
}

/* Opens the next cell of the row, with class="num" when num. */
static void table_open_cell(table *t, bool num)
{
	assert(t->state == TABLE_ROW || t->state == TABLE_CELL);
	assert(t->at < t->columns);
	if (t->state == TABLE_CELL)
		h_printf(t->h, "</td>");
	const char *label = t->labels[t->at++];
	h_printf(t->h, "<td");
	if (num)
		h_printf(t->h, " class=\"num\"");
	if (label[0])
		h_attr(t->h, "data-label", label);
	h_printf(t->h, ">");
	t->state = TABLE_CELL;
}

void table_cell(table *t)
{
	table_open_cell(t, false);
}

void table_cell_num(table *t)
{
	table_open_cell(t, true);
}

void table_cell_text(table *t, const char *text)
{
	table_open_cell(t, false);
	h_text(t->h, text ? text : "");
}

void table_heading(table *t, const char *class_name)
{
	table_close_row(t);
	h_printf(t->h, "<tr");
	h_attr(t->h, "class", class_name);
	h_printf(t->h, "><th colspan=\"%d\">", t->columns);
	t->state = TABLE_HEADING; /* no td may follow in this row */
}

void table_empty(table *t)
{
	table_close_row(t);
	h_printf(t->h, "<tr class=\"empty\"><td colspan=\"%d\">", t->columns);
	t->state = TABLE_CELL;
	t->at = t->columns;
}

void table_end(table *t)
{
	table_close_row(t);
	h_printf(t->h, "</tbody></table>");
}
