/*
 * csv.h — the one CSV field writer of Bigre (RFC 4180).
 *
 * Every field is quoted (a '"' inside is doubled), fields are separated by
 * the caller's separator (';' for the French spreadsheets of the directory,
 * ',' for the statistics meant for tools) and a line ends with CR LF.  A
 * field that a spreadsheet would run as a formula — it starts with '=',
 * '+', '-', '@', a tab or a carriage return — gets a leading apostrophe,
 * so that an exported name can never execute in the reader's spreadsheet.
 */
#ifndef BG_CSV_H
#define BG_CSV_H
#include <stdbool.h>
#include "core/buf.h"

/* Appends the field value (NULL is an empty field) to out, quoted and
 * neutralised, followed by separator, or by CR LF when it is the last
 * field of its line.  separator is ',' or ';'. */
void csv_field(buf *out, const char *value, char separator, bool last);

/* True when a spreadsheet would read value as a formula (see above). */
bool csv_is_formula(const char *value);

#endif
