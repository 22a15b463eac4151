/* multipart.c — multipart/form-data parsing (see multipart.h). */
#include "http/multipart.h"
#include "core/utf8.h"
#include <ctype.h>
#include <string.h>
#include <strings.h>

static bg_status multipart_bad(bg_error *err)
{
	return bg_fail(err, BG_ERR_INVALID, "invalid_multipart", NULL,
		       N_("The form could not be read; please send it again."));
}

const char *multipart_boundary(arena *a, const char *ct)
{
	if (!ct || strncasecmp(ct, "multipart/form-data", 19) != 0)
		return NULL;
	const char *b = strcasestr(ct, "boundary=");
	if (!b)
		return NULL;
	b += 9;
	size_t n;
	if (*b == '"') {
		b++;
		const char *end = strchr(b, '"');
		if (!end)
			return NULL;
		n = (size_t)(end - b);
	} else {
		n = strcspn(b, "; \t");
	}
	/* RFC 2046: 1 to 70 characters */
	if (n == 0 || n > 70)
		return NULL;
	return arena_strndup(a, b, n);
}

/* Finds needle in haystack (binary-safe). */
static const char *multipart_find(const char *h, size_t hlen, const char *needle, size_t nlen)
{
	return memmem(h, hlen, needle, nlen);
}

/* Reads parameter param ("name", "filename") of a Content-Disposition
 * header value into the arena; NULL when absent. */
static const char *multipart_param(arena *a, const char *value, size_t vlen, const char *param)
{
	size_t plen = strlen(param);
	for (size_t i = 0; i + plen + 1 < vlen; i++) {
		if ((i == 0 || value[i - 1] == ';' || value[i - 1] == ' ') &&
		    strncasecmp(value + i, param, plen) == 0 && value[i + plen] == '=') {
			const char *v = value + i + plen + 1;
			size_t rest = vlen - (i + plen + 1);
			if (rest && *v == '"') {
				const char *end = memchr(v + 1, '"', rest - 1);
				if (!end)
					return NULL;
				return arena_strndup(a, v + 1, (size_t)(end - v - 1));
			}
			size_t n = 0;
			while (n < rest && v[n] != ';' && v[n] != ' ')
				n++;
			return arena_strndup(a, v, n);
		}
	}
	return NULL;
}

/* Only the last path component of a file name: browsers on some systems
 * send "C:\\Users\\…\\file.pdf". */
static const char *multipart_basename(const char *name)
{
	const char *slash = strrchr(name, '/'), *back = strrchr(name, '\\');
	const char *last = slash > back ? slash : back;
	return last ? last + 1 : name;
}

bg_status multipart_parse(arena *a, const char *boundary, const char *body, size_t len,
			  multipart *out, bg_error *err)
{
	out->fields.fields = arena_alloc(a, sizeof *out->fields.fields * MULTIPART_MAX_PARTS);
	out->fields.count = 0;
	out->files = arena_alloc(a, sizeof *out->files * MULTIPART_MAX_PARTS);
	out->nfiles = 0;
	if (!boundary)
		return multipart_bad(err);
	char *delim = arena_printf(a, "\r\n--%s", boundary);
	size_t dlen = strlen(delim);
	/* the body starts with the delimiter without its leading CRLF */
	if (len < dlen - 2 || memcmp(body, delim + 2, dlen - 2) != 0)
		return multipart_bad(err);
	const char *p = body + dlen - 2, *end = body + len;
	for (;;) {
		if (end - p >= 2 && p[0] == '-' && p[1] == '-')
			return BG_OK; /* the closing delimiter */
		if (end - p < 2 || p[0] != '\r' || p[1] != '\n')
			return multipart_bad(err);
		p += 2;
		const char *hend = multipart_find(p, (size_t)(end - p), "\r\n\r\n", 4);
		if (!hend)
			return multipart_bad(err);
		const char *name = NULL, *filename = NULL, *ctype = NULL;
		for (const char *line = p; line < hend;) {
			const char *eol = multipart_find(line, (size_t)(hend - line) + 2, "\r\n", 2);
			size_t llen = (size_t)(eol - line);
			const char *colon = memchr(line, ':', llen);
			if (colon) {
				size_t nlen = (size_t)(colon - line);
				const char *v = colon + 1;
				while (v < eol && (*v == ' ' || *v == '\t'))
					v++;
				size_t vlen = (size_t)(eol - v);
				if (nlen == 19 && strncasecmp(line, "Content-Disposition", 19) == 0) {
					name = multipart_param(a, v, vlen, "name");
					filename = multipart_param(a, v, vlen, "filename");
				} else if (nlen == 12 && strncasecmp(line, "Content-Type", 12) == 0) {
					ctype = arena_strndup(a, v, vlen);
				}
			}
			line = eol + 2;
		}
		const char *data = hend + 4;
		const char *next = multipart_find(data, (size_t)(end - data), delim, dlen);
		if (!next || !name || !utf8_valid(name, strlen(name)) ||
		    (filename && !utf8_valid(filename, strlen(filename))))
			return multipart_bad(err);
		size_t size = (size_t)(next - data);
		if (out->fields.count + out->nfiles == MULTIPART_MAX_PARTS)
			return bg_fail(err, BG_ERR_INVALID, "invalid_form", NULL,
				       N_("The form has too many fields."));
		if (filename) {
			if (*filename && size > 0) {
				unsigned char *copy = arena_alloc(a, size + 1);
				memcpy(copy, data, size);
				out->files[out->nfiles++] = (multipart_file){
					name, multipart_basename(filename),
					ctype ? ctype : "application/octet-stream", copy, size};
			}
		} else {
			if (!utf8_valid(data, size))
				return bg_fail(err, BG_ERR_INVALID, "invalid_utf8", name,
					       N_("The form contains invalid characters."));
			out->fields.fields[out->fields.count++] =
				(form_field){name, arena_strndup(a, data, size)};
		}
		p = next + dlen;
	}
}

const multipart_file *multipart_file_get(const multipart *m, const char *field)
{
	for (size_t i = 0; i < m->nfiles; i++)
		if (strcmp(m->files[i].field, field) == 0)
			return &m->files[i];
	return NULL;
}
