/*
 * widgets.h — the one set of form fields every face uses (issue 10 §3).
 *
 * A field is a block
 *
 *   <div class="field[ invalid]"><label for="f-ID">Label</label>
 *     [<p class="hint" id="h-ID">Hint</p>]
 *     [<p class="error" id="e-ID">Message</p>]
 *     <input id="f-ID" name="NAME" … [aria-invalid="true"]
 *            [aria-describedby="h-ID e-ID"] [required]></div>
 *
 * whose error is the one of the form's error that names the field (the
 * error itself or one of its list: bg_error_of_field), shown next to the
 * field and announced by aria-invalid / aria-describedby; the value typed
 * (or stored) is kept.  ID is the name, or prefix+name when one page holds
 * several forms with the same fields.  tests/lib/forms.mjs reads these
 * blocks.
 *
 *   widget w = {.name = "siren", .label = tr(L, "SIREN"), .value = v, .err = err};
 *   widget_input(rq, rs, "text", &w);
 *
 * Selects are written as widget_select_begin, one widget_option per
 * choice, widget_select_end, so that every list of options (pairs, arrays
 * of structs, rows of the database) is written by the same code.
 */
#ifndef BG_WIDGETS_H
#define BG_WIDGETS_H
#include "web/page.h"

typedef struct widget {
	const char *name;         /* the field's name in the form */
	const char *prefix;       /* put before name in the ids, or NULL */
	const char *label;        /* translated, shown as the label */
	const char *hint;         /* translated, under the label, or NULL */
	const char *value;        /* the value kept, or NULL */
	const char *autocomplete; /* the autocomplete token, or NULL for none */
	const char *inputmode;    /* an input's inputmode ("decimal"), or NULL */
	const char *described_by; /* the id of a hint outside the block that the
				   * control also refers to, or NULL */
	bool required;
	const bg_error *err;      /* the form's error, or NULL */
} widget;

/* <input type=type> (text, email, password, number, date…). */
void widget_input(request *rq, response *rs, const char *type, const widget *w);
/* <input type="file" accept=accept>: a file is never sent back, so the
 * value is not written. */
void widget_file(request *rq, response *rs, const char *accept, const widget *w);
void widget_textarea(request *rq, response *rs, int rows, const widget *w);
/* The block up to <select …>; then widget_option, then widget_select_end. */
void widget_select_begin(request *rq, response *rs, const widget *w);
/* <option value="value"[ selected]>label</option> */
void widget_option(response *rs, const char *value, const char *label, bool selected);
void widget_select_end(response *rs);
/* <div class="field check"><input type="checkbox" … value="1"[ checked]>
 * <label>…</label></div> (no error: a box has no wrong value). */
void widget_checkbox(request *rq, response *rs, bool checked, const widget *w);

#endif
