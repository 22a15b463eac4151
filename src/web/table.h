/*
 * table.h — tables that turn into stacked cards on a phone (issue 11).
 *
 * Under 600 px a table of six columns cannot fit 360 px: its last columns
 * were cut off ("Mes réservations" lost its status).  A table written by
 * this helper carries class="stack", and each body cell the label of its
 * column as data-label; under 600 px the stylesheet shows every row as a
 * card, each cell on its own line after its label
 * (td::before { content: attr(data-label) }).  Above, it is a plain table.
 * The helper remembers the header cells so that the call sites write each
 * label once:
 *
 *	table t;
 *	table_begin(&t, b);
 *	table_head(&t, tr(L, "When"));  …  table_head(&t, "");  (an actions column)
 *	table_body(&t);          (or all three: table_with, below)
 *	for (…) {
 *		table_row(&t);
 *		table_cell(&t); h_printf(b, "…");   (the cell's content)
 *		table_cell_text(&t, k->resource);
 *	}
 *	table_end(&t);
 *
 * A cell stays open until the next cell, row or the end: its content is
 * written with the html writer in between.  table_heading opens a row of
 * one header cell across every column (the ledger's entry, before its
 * lines); table_empty a row of one cell saying the table is empty.
 * A table not written by the helper scrolls inside itself under 40 rem
 * (bigre.css), so the page never scrolls sideways either way.
 */
#ifndef BG_TABLE_H
#define BG_TABLE_H
#include "web/html.h"

enum { TABLE_COLUMNS_MAX = 12 };

typedef struct {
	html *h;
	const char *labels[TABLE_COLUMNS_MAX]; /* translated, "" for none */
	int columns; /* header cells written */
	int at;      /* body cells written in the current row */
	enum { TABLE_HEAD, TABLE_BODY, TABLE_ROW, TABLE_CELL, TABLE_HEADING } state; /* TABLE_HEADING: table_heading's th open */
} table;

/* <table class="stack"><thead><tr>. */
void table_begin(table *t, html *h);
/* <th>label</th> (label translated; "" for a column without a title,
 * whose cells then show no label on a phone); num: a right-aligned number. */
void table_head(table *t, const char *label);
void table_head_num(table *t, const char *label);
/* </tr></thead><tbody> */
void table_body(table *t);
/* table_begin, a table_head per label (a NULL-terminated list, "" for a
 * column without a title), table_body: the usual header in one call,
 *	table_with(&t, b, (const char *[]){tr(L, "When"), tr(L, "Place"), "", NULL}); */
void table_with(table *t, html *h, const char *const labels[]);
/* Ends the open row, opens <tr>. */
void table_row(table *t);
/* Opens the row's next cell, <td data-label="…">; table_cell_num with
 * class="num"; table_cell_text writes text (escaped, NULL as empty) in it. */
void table_cell(table *t);
void table_cell_num(table *t);
void table_cell_text(table *t, const char *text);
/* A row of one <th colspan> across the table, its content written next;
 * class_name, or NULL, is the row's class (the ledger's "entry"). */
void table_heading(table *t, const char *class_name);
/* A row of one <td colspan> (the "nothing here" of an empty table). */
void table_empty(table *t);
/* Closes the open cell and row, </tbody></table>. */
void table_end(table *t);

#endif
