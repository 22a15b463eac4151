/*
 * html.h — the HTML writer.  Escaping cannot be bypassed by accident:
 *
 *   h_printf(b, "<p class=\"x\">%s</p>", text)  — the format is a string
 *        literal of markup (trusted); every %s argument is escaped.
 *   h_text(b, text)   — escaped text.
 *   h_textf(b, tr(L, "Page %s of %s"), a, n) — a translated sentence: the
 *        format comes from a translation, so the whole result is text
 *        (its own words escaped with its arguments).  The only way a
 *        translation with arguments reaches a page: markup stays in
 *        h_printf's literal formats, never in a catalogue.
 *   h_raw(b, html)    — THE ONLY raw writer: takes markup already built by
 *        this writer (e.g. a fragment).  grep h_raw to audit every use.
 *
 * Escaping covers & < > " ' so that text is safe in element content and in
 * quoted attribute values.
 */
#ifndef BG_HTML_H
#define BG_HTML_H
#include "core/buf.h"

void h_text(buf *b, const char *s);
/* %s is escaped; integer conversions (d i u x X c, with flags, width and
 * l ll z) are as printf; %% is a percent sign; anything else aborts. */
void h_printf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* fmt is a translation (or any format of text); everything it produces is
 * escaped.  Conversions as printf's (the format is checked by the compiler
 * through tr's format_arg). */
void h_textf(buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void h_raw(buf *b, const char *html);

#endif
