/*
 * net_text.c — folding text for comparison (tags, communes, search) and
 * checking SIREN numbers.
 *
 * Folding decodes UTF-8 and maps the Latin-1 Supplement and Latin
 * Extended-A letters (U+00C0–U+017F, the accents French and its
 * neighbours use) to their base letters, lower-cases ASCII, turns every run
 * of white space, '-' '_' and apostrophes into one space, and trims.  Other
 * characters are kept as they are (input is valid UTF-8: it was checked at
 * the edge).
 */
#include "network/network.h"
#include <string.h>

/* Base letters of U+00C0..U+017F, lower case; 0 keeps the character. */
static const char net_fold_table[0x180 - 0xC0 + 1] =
	"aaaaaaaceeeeiiii" /* C0-CF */
	"dnooooo\0ouuuuyts" /* D0-DF: × kept, þ→t, ß→s */
	"aaaaaaaceeeeiiii" /* E0-EF */
	"dnooooo\0ouuuuyty" /* F0-FF: ÷ kept */
	"aaaaaaccccccccdd" /* 100-10F */
	"ddeeeeeeeeeegggg" /* 110-11F */
	"gggghhhhiiiiiiii" /* 120-12F */
	"iiijjjkkklllllll" /* 130-13F */
	"lllnnnnnnnnnoooo" /* 140-14F */
	"oooorrrrrrssssss" /* 150-15F */
	"ssttttttuuuuuuuu" /* 160-16F */
	"uuuuwwyyyzzzzzzs"; /* 170-17F */

/* Appends one byte if there is room. */
static void net_put(char *out, size_t cap, size_t *n, char c)
{
	if (*n + 1 < cap)
		out[(*n)++] = c;
}

void net_fold(const char *s, char *out, size_t cap)
{
	size_t n = 0;
	bool space = false;
	if (!cap)
		return;
	for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p;) {
		unsigned cp = *p;
		size_t len = 1;
		if (cp >= 0xC0 && cp < 0xE0 && p[1])
			cp = ((cp & 0x1F) << 6) | (p[1] & 0x3F), len = 2;
		else if (cp >= 0xE0 && cp < 0xF0 && p[1] && p[2])
			cp = ((cp & 0x0F) << 12) | ((p[1] & 0x3Fu) << 6) | (p[2] & 0x3F), len = 3;
		else if (cp >= 0xF0 && p[1] && p[2] && p[3])
			len = 4;
		/* separators: ASCII space and controls, '-', '_', apostrophes, NBSP */
		bool sep = (cp < 0x80 && (cp <= ' ' || cp == '-' || cp == '_' || cp == '\'' || cp == ',')) ||
			   cp == 0xA0 || cp == 0x2019 || cp == 0x202F;
		if (sep) {
			space = n > 0;
			p += len;
			continue;
		}
		if (space) {
			net_put(out, cap, &n, ' ');
			space = false;
		}
		if (cp < 0x80) {
			net_put(out, cap, &n, (char)(cp >= 'A' && cp <= 'Z' ? cp + 32 : cp));
		} else if (cp == 0x152 || cp == 0x153) { /* Œ œ */
			net_put(out, cap, &n, 'o');
			net_put(out, cap, &n, 'e');
		} else if (cp == 0xC6 || cp == 0xE6) { /* Æ æ */
			net_put(out, cap, &n, 'a');
			net_put(out, cap, &n, 'e');
		} else if (cp >= 0xC0 && cp <= 0x17F && net_fold_table[cp - 0xC0]) {
			net_put(out, cap, &n, net_fold_table[cp - 0xC0]);
		} else if (n + len < cap) {
			memcpy(out + n, p, len);
			n += len;
		}
		p += len;
	}
	out[n] = '\0';
}
