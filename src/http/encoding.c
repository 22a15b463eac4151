/* encoding.c — content codings and validators (see encoding.h). */
#include "http/encoding.h"
#include <string.h>
#include <strings.h>
#include <zlib.h>

/* Skips optional white space (RFC 9110 §5.6.3). */
static const char *skip_ows(const char *s)
{
	while (*s == ' ' || *s == '\t')
		s++;
	return s;
}

/* Reads a qvalue ("0", "0.5", "1.000") at s into thousandths; -1 when it
 * is not one. */
static int parse_qvalue(const char *s, size_t n)
{
	if (n == 0 || (s[0] != '0' && s[0] != '1'))
		return -1;
	int q = (s[0] - '0') * 1000, scale = 100;
	if (n > 1) {
		if (s[1] != '.' || n > 5)
			return -1;
		for (size_t i = 2; i < n; i++, scale /= 10) {
			if (s[i] < '0' || s[i] > '9')
				return -1;
			q += (s[i] - '0') * scale;
		}
	}
	return q > 1000 ? -1 : q;
}

int http_coding_quality(const char *accept, const char *coding)
{
	if (!accept)
		return 0;
	int own = -1, any = -1;
	size_t want = strlen(coding);
	for (const char *p = accept; *p;) {
		p = skip_ows(p);
		size_t end = strcspn(p, ","), name = strcspn(p, ";, \t");
		if (name > end)
			name = end;
		int q = 1000;
		/* parameters: only q matters */
		const char *par = memchr(p, ';', end);
		while (par) {
			par = skip_ows(par + 1);
			size_t plen = strcspn(par, ";,");
			size_t vlen = plen;
			while (vlen > 0 && (par[vlen - 1] == ' ' || par[vlen - 1] == '\t'))
				vlen--;
			if (vlen >= 2 && (par[0] == 'q' || par[0] == 'Q') && par[1] == '=')
				q = parse_qvalue(par + 2, vlen - 2);
			par = par[plen] == ';' ? par + plen : NULL;
		}
		if (q >= 0 && name == want && strncasecmp(p, coding, want) == 0)
			own = q;
		else if (q >= 0 && name == 1 && *p == '*')
			any = q;
		p += end;
		if (*p == ',')
			p++;
	}
	return own >= 0 ? own : any > 0 ? any : 0;
}

bool http_type_compressible(const char *ct)
{
	if (!ct)
		return false;
	static const char *const types[] = {
		"text/html", "text/css", "text/csv", "text/plain", "text/calendar", "text/javascript",
		"application/json", "application/javascript", "image/svg+xml",
	};
	size_t n = strcspn(ct, "; \t");
	for (size_t i = 0; i < sizeof types / sizeof *types; i++)
		if (strlen(types[i]) == n && strncasecmp(ct, types[i], n) == 0)
			return true;
	return false;
}

bool http_gzip(buf *out, const void *data, size_t len, int level)
{
	z_stream z = {0};
	/* 15 bits of window, +16: a gzip header and trailer instead of zlib's */
	if (deflateInit2(&z, level, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		return false;
	size_t cap = deflateBound(&z, (uLong)len);
	buf_reserve(out, cap);
	z.next_in = (Bytef *)data;
	z.avail_in = (uInt)len;
	z.next_out = (Bytef *)out->data + out->len;
	z.avail_out = (uInt)cap;
	int rc = deflate(&z, Z_FINISH);
	if (rc == Z_STREAM_END) {
		out->len += cap - z.avail_out;
		out->data[out->len] = '\0';
	}
	deflateEnd(&z);
	return rc == Z_STREAM_END;
}

/* The opaque part of an entity tag (between the quotes, W/ dropped):
 * sets *tag and *n; false when s does not start with one. */
static bool etag_opaque(const char *s, const char **tag, size_t *n)
{
	if (s[0] == 'W' && s[1] == '/')
		s += 2;
	if (*s != '"')
		return false;
	const char *close = strchr(s + 1, '"');
	if (!close)
		return false;
	*tag = s + 1;
	*n = (size_t)(close - s - 1);
	return true;
}

bool http_etag_matches(const char *inm, const char *etag)
{
	const char *want, *tag;
	size_t want_n, n;
	if (!inm || !etag || !etag_opaque(etag, &want, &want_n))
		return false;
	for (const char *p = skip_ows(inm); *p; p = skip_ows(p)) {
		if (*p == '*')
			return true;
		if (etag_opaque(p, &tag, &n)) {
			if (n == want_n && memcmp(tag, want, n) == 0)
				return true;
			p = tag + n + 1;
		} else {
			p += strcspn(p, ",");
		}
		p = skip_ows(p);
		if (*p != ',')
			return false; /* not a list of entity tags */
		p++;
	}
	return false;
}
