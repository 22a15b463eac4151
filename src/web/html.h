/*
 * html.h — the HTML writer.  Escaping cannot be bypassed, by accident or by
 * haste: a page is written through an `html *`, an opaque type that only the
 * functions below accept, so neither buf_printf nor any other writer of
 * plain bytes can reach it (the compiler refuses), and
 *
 *   h_printf(h, "<p class=\"x\">%s</p>", text)  — the format is a string
 *        LITERAL of markup (trusted: the macro pastes "" before it, so
 *        nothing else compiles); every %s argument is escaped.  A choice
 *        between two formats is an if/else, never a ternary.
 *   h_text(h, text)   — escaped text.
 *   h_textf(h, tr(L, "Page %s of %s"), a, n) — a translated sentence: the
 *        format comes from a translation, so the whole result is text (its
 *        own words escaped with its arguments).  The only way a translation
 *        with arguments reaches a page: markup stays in h_printf's literal
 *        formats, never in a catalogue.
 *   h_attr(h, "aria-describedby", id) — one attribute, ` name="value"`, its
 *        value escaped; h_bool(h, "required", on) a boolean one.  Markup is
 *        never a %s argument (that is how `<tr class=&quot;invalid&quot;>`
 *        was shown once): an optional attribute is written by these.
 *   h_raw(h, markup)  — THE ONLY raw writer: takes markup already built by
 *        this writer (e.g. a fragment).  grep h_raw to audit every use.
 *
 * A page's writer is page_html(rs) (web/page.h); html_of(b) makes one over
 * any buf, for a fragment or a test.  tests/structure/ checks that no face
 * names the response's body or calls html_of.
 *
 * Plain text that is not markup (a URL's query, an SVG path's numbers, a CSV
 * export) is built in a buf of its own and handed to a %s, or written to a
 * response that is not a page.
 *
 * Escaping covers & < > " ' so that text is safe in element content and in
 * quoted attribute values.
 */
#ifndef BG_HTML_H
#define BG_HTML_H
#include "core/buf.h"
#include <stdbool.h>

/* Never defined: an html * is a buf * that only html.c turns back. */
typedef struct html html;

/* The writer over b (which it appends to); b outlives it. */
html *html_of(buf *b);
/* Empties what was written (an error page replaces a page begun). */
void h_clear(html *h);

void h_text(html *h, const char *s);
/* %s is escaped; integer conversions (d i u x X c, with flags, width and
 * l ll z) are as printf; %% is a percent sign; anything else aborts. */
void h_printf_(html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* fmt is a translation (or any format of text); everything it produces is
 * escaped.  Conversions as printf's (the format is checked by the compiler
 * through tr's format_arg). */
void h_textf(html *h, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void h_raw(html *h, const char *markup);
/* ` name="value"` (value escaped; NULL writes nothing); name is a literal. */
void h_attr_(html *h, const char *name, const char *value);
/* ` name` when on. */
void h_bool_(html *h, const char *name, bool on);

#define h_printf(h, fmt, ...) h_printf_((h), "" fmt, ##__VA_ARGS__)
#define h_attr(h, name, value) h_attr_((h), "" name, (value))
#define h_bool(h, name, on) h_bool_((h), "" name, (on))

#endif
