/* embed.c — lookup in the embedded file tables (see embed.h). */
#include "core/embed.h"
#include <string.h>

const embed_file *embed_find(const embed_file *table, const char *name)
{
	for (const embed_file *f = table; f->name; f++)
		if (strcmp(f->name, name) == 0)
			return f;
	return NULL;
}
