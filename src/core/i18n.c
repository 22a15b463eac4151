/* i18n.c — lookup in embedded gettext .mo catalogues (see i18n.h). */
#include "core/i18n.h"
#include "core/embed.h"
#include <ctype.h>
#include <stdint.h>
#include <string.h>
#include <strings.h>

typedef struct catalogue {
	const char *lang;
	const unsigned char *mo;
	size_t size;
	uint32_t count, orig_off, trans_off;
} catalogue;

static catalogue catalogues[] = {{"fr", 0, 0, 0, 0, 0}, {"en", 0, 0, 0, 0, 0}};

static uint32_t mo_u32(const unsigned char *p)
{
	/* .mo files written by msgfmt on this machine are little-endian */
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

void i18n_init(void)
{
	for (size_t i = 0; i < sizeof catalogues / sizeof *catalogues; i++) {
		catalogue *c = &catalogues[i];
		char name[16];
		strcpy(name, c->lang);
		strcat(name, ".mo");
		const embed_file *f = embed_find(embedded_catalogues, name);
		if (!f || f->size < 28 || mo_u32(f->data) != 0x950412de)
			continue;
		c->mo = f->data;
		c->size = f->size;
		c->count = mo_u32(f->data + 8);
		c->orig_off = mo_u32(f->data + 12);
		c->trans_off = mo_u32(f->data + 16);
		if ((uint64_t)c->orig_off + 8ull * c->count > c->size ||
		    (uint64_t)c->trans_off + 8ull * c->count > c->size)
			c->mo = NULL;
	}
}

static const catalogue *i18n_catalogue(const char *lang)
{
	for (size_t i = 0; i < sizeof catalogues / sizeof *catalogues; i++)
		if (lang && strcmp(catalogues[i].lang, lang) == 0 && catalogues[i].mo)
			return &catalogues[i];
	return NULL;
}

/* Binary search; key is compared on its first key_len bytes (a plural key
 * is "singular\0plural", so key_len covers both). */
static const char *mo_lookup(const catalogue *c, const char *key, size_t key_len)
{
	uint32_t lo = 0, hi = c->count;
	while (lo < hi) {
		uint32_t mid = lo + (hi - lo) / 2;
		const unsigned char *e = c->mo + c->orig_off + 8u * mid;
		uint32_t len = mo_u32(e), off = mo_u32(e + 4);
		if ((uint64_t)off + len >= c->size)
			return NULL;
		size_t n = len < key_len ? len : key_len;
		int r = memcmp(key, c->mo + off, n);
		if (r == 0)
			r = key_len < len ? -1 : key_len > len ? 1 : 0;
		if (r == 0) {
			const unsigned char *t = c->mo + c->trans_off + 8u * mid;
			uint32_t tlen = mo_u32(t), toff = mo_u32(t + 4);
			if ((uint64_t)toff + tlen >= c->size || tlen == 0)
				return NULL;
			return (const char *)c->mo + toff;
		}
		if (r < 0)
			hi = mid;
		else
			lo = mid + 1;
	}
	return NULL;
}

const char *tr(const char *lang, const char *msgid)
{
	const catalogue *c = i18n_catalogue(lang);
	if (!c || !msgid || !*msgid)
		return msgid;
	const char *t = mo_lookup(c, msgid, strlen(msgid));
	return t ? t : msgid;
}

const char *trn(const char *lang, const char *singular, const char *plural, long n)
{
	/* French: one for 0 and 1; English: one for 1 only. */
	int form = (lang && strcmp(lang, "en") == 0) ? n != 1 : n > 1;
	const catalogue *c = i18n_catalogue(lang);
	if (c) {
		size_t sl = strlen(singular), pl = strlen(plural);
		char key[1024];
		if (sl + pl + 1 < sizeof key) {
			memcpy(key, singular, sl + 1);
			memcpy(key + sl + 1, plural, pl);
			const char *t = mo_lookup(c, key, sl + 1 + pl);
			if (t) {
				if (form)
					t += strlen(t) + 1;
				return t;
			}
		}
	}
	return form ? plural : singular;
}

const char *i18n_supported(const char *code)
{
	if (!code)
		return NULL;
	if (strncasecmp(code, "fr", 2) == 0 && !isalpha((unsigned char)code[2]))
		return "fr";
	if (strncasecmp(code, "en", 2) == 0 && !isalpha((unsigned char)code[2]))
		return "en";
	return NULL;
}

const char *i18n_negotiate(const char *al)
{
	/* Takes the first listed supported language; q-values in practice
	 * follow list order, and browsers send them so. */
	const char *p = al;
	while (p && *p) {
		while (*p == ' ' || *p == ',')
			p++;
		const char *lang = i18n_supported(p);
		if (lang)
			return lang;
		p = strchr(p, ',');
	}
	return I18N_DEFAULT_LANG;
}
