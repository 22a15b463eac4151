/*
 * utf8.h — UTF-8 validation.
 *
 * Outside text is checked once, at the edge (request bodies, query strings,
 * CSV files), so the rest of the program may assume valid UTF-8.  Overlong
 * forms, surrogates and code points past U+10FFFF are refused; so is NUL,
 * which has no place in any text we store.
 */
#ifndef BG_UTF8_H
#define BG_UTF8_H
#include <stdbool.h>
#include <stddef.h>

bool utf8_valid(const char *s, size_t n);
/* The number of characters (code points) of valid UTF-8 text. */
size_t utf8_chars(const char *s);

#endif
