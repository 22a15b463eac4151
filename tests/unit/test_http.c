/* test_http.c — form and query decoding, the router, rate limits, the HTML
 * writer, and the outbox's MIME rendering and delivery to a folder. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <cmocka.h>
#include "testdb.h"
#include "core/date.h"
#include "http/encoding.h"
#include "http/form.h"
#include "http/multipart.h"
#include "http/http.h"
#include "http/ratelimit.h"
#include "web/table.h"
#include "mail/outbox.h"
#include "web/html.h"
#include "web/widgets.h"
#include "testclock.h"
#include <dirent.h>
#include <zlib.h>

static void test_form_parse(void **state)
{
	(void)state;
	arena a;
	arena_init(&a);
	form f;
	bg_error err;
	const char *body = "email=l%C3%A9a%40ex.fr&password=a+b%2Bc&empty=&flag&=x";
	assert_int_equal(form_parse(&a, body, strlen(body), &f, &err), BG_OK);
	assert_string_equal(form_get(&f, "email"), "léa@ex.fr");
	assert_string_equal(form_get(&f, "password"), "a b+c");
	assert_string_equal(form_get(&f, "empty"), "");
	assert_string_equal(form_get(&f, "flag"), "");
	assert_null(form_get(&f, "missing"));
	/* malformed escapes and invalid UTF-8 are refused */
	assert_int_equal(form_parse(&a, "a=%zz", 5, &f, &err), BG_ERR_INVALID);
	assert_int_equal(form_parse(&a, "a=%4", 4, &f, &err), BG_ERR_INVALID);
	assert_int_equal(form_parse(&a, "a=%C3%28", 8, &f, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_utf8");
	assert_int_equal(form_parse(&a, "a=%00", 5, &f, &err), BG_ERR_INVALID);
	arena_free_all(&a);
}

static void test_form_too_many_fields(void **state)
{
	(void)state;
	arena a;
	arena_init(&a);
	buf b;
	buf_init(&b);
	for (int i = 0; i <= FORM_MAX_FIELDS; i++)
		buf_printf(&b, "f%d=1&", i);
	form f;
	bg_error err;
	assert_int_equal(form_parse(&a, b.data, b.len, &f, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_form");
	buf_free(&b);
	arena_free_all(&a);
}

static void test_router(void **state)
{
	(void)state;
	request rq = {0};
	arena_init(&rq.arena);
	const route *r;
	unsigned allowed;
	rq.path = "/api/v1/tokens/42";
	rq.method = HTTP_DELETE;
	assert_int_equal(router_find(&rq, &r, &allowed), ROUTE_FOUND);
	assert_int_equal(rq.nparams, 1);
	assert_string_equal(rq.params[0], "42");
	rq.method = HTTP_PATCH;
	assert_int_equal(router_find(&rq, &r, &allowed), ROUTE_BAD_METHOD);
	assert_true(allowed & HTTP_DELETE);
	rq.path = "/api/v1/tokens/";
	rq.method = HTTP_DELETE;
	assert_int_equal(router_find(&rq, &r, &allowed), ROUTE_NO_PATH);
	rq.path = "/api/v1/tokens/42/extra";
	assert_int_equal(router_find(&rq, &r, &allowed), ROUTE_NO_PATH);
	/* HEAD is allowed wherever GET is */
	rq.path = "/healthz";
	rq.method = HTTP_HEAD;
	assert_int_equal(router_find(&rq, &r, &allowed), ROUTE_FOUND);
	assert_int_equal(http_method_parse("BREW"), HTTP_OTHER);
	/* the most literal pattern wins, whatever the order of the tables */
	rq.path = "/economy/activities/new";
	rq.method = HTTP_GET;
	assert_int_equal(router_find(&rq, &r, &allowed), ROUTE_FOUND);
	assert_string_equal(r->pattern, "/economy/activities/new");
	assert_int_equal(rq.nparams, 0);
	rq.path = "/economy/activities/7";
	assert_int_equal(router_find(&rq, &r, &allowed), ROUTE_FOUND);
	assert_string_equal(r->pattern, "/economy/activities/{id}");
	arena_free_all(&rq.arena);
}

static void test_ratelimit(void **state)
{
	(void)state;
	ratelimit *rl = ratelimit_new(3, 10);
	int retry = 0;
	for (int i = 0; i < 3; i++)
		assert_true(ratelimit_take(rl, "1.2.3.4", 1000, &retry));
	assert_false(ratelimit_take(rl, "1.2.3.4", 1000, &retry));
	assert_int_equal(retry, 10);
	assert_true(ratelimit_take(rl, "5.6.7.8", 1000, &retry)); /* other keys unaffected */
	assert_false(ratelimit_take(rl, "1.2.3.4", 1009, &retry));
	assert_int_equal(retry, 1);
	assert_true(ratelimit_take(rl, "1.2.3.4", 1010, &retry)); /* one token back */
	assert_false(ratelimit_take(rl, "1.2.3.4", 1010, &retry));
	ratelimit_free(rl);
}

static void test_html_escaping(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	html *h = html_of(&b);
	h_printf(h, "<p title=\"%s\">%s %d%%</p>", "\"><script>", "<b>&'", 5);
	assert_string_equal(b.data, "<p title=\"&quot;&gt;&lt;script&gt;\">&lt;b&gt;&amp;&#39; 5%</p>");
	buf_reset(&b);
	h_printf(h, "%lld/%zu/%u/%02d:%02d/%5.1s", (long long)-7, (size_t)3, 4u, 9, 5, "<x>");
	assert_string_equal(b.data, "-7/3/4/09:05/&lt;x&gt;");
	buf_reset(&b);
	const char *absent = getenv("BIGRE_UNSET_VARIABLE"); /* NULL, unknown to the compiler */
	h_text(h, absent);
	h_printf(h, "[%s]", absent);
	assert_string_equal(b.data, "[]");
	/* a translated sentence is text through and through: a translator's
	 * markup is shown, not interpreted, and so are the arguments */
	buf_reset(&b);
	h_textf(h, "<i>Page</i> %s & %d", "<b>", 3);
	assert_string_equal(b.data, "&lt;i&gt;Page&lt;/i&gt; &lt;b&gt; &amp; 3");
	/* an attribute's value is text; an absent one is not written */
	h_clear(h);
	h_printf(h, "<tr");
	h_attr(h, "class", "invalid");
	h_attr(h, "title", "\"<&'");
	h_attr(h, "aria-describedby", absent);
	h_bool(h, "hidden", true);
	h_bool(h, "required", false);
	h_printf(h, ">");
	assert_string_equal(b.data, "<tr class=\"invalid\" title=\"&quot;&lt;&amp;&#39;\" hidden>");
	/* h_raw writes markup as it is (only markup this writer built) */
	h_clear(h);
	h_raw(h, "<b>x</b>");
	assert_string_equal(b.data, "<b>x</b>");
	buf_free(&b);
}

/* The stacking table: every body cell carries its column's label (none
 * for a column without a title), cells and rows are closed by what comes
 * next, a heading row spans the columns, labels are escaped. */
static void test_table(void **state)
{
	(void)state;
	buf b;
	buf_init(&b);
	html *h = html_of(&b);
	table t;
	table_with(&t, h, (const char *[]){"When", "Place \"<", "", NULL});
	table_heading(&t, "entry");
	h_printf(h, "E1");
	table_row(&t);
	table_cell_text(&t, "lundi");
	table_cell(&t);
	h_printf(h, "<a href=\"/p\">P</a>");
	table_cell(&t);
	table_row(&t);
	table_cell_num(&t);
	table_empty(&t);
	h_printf(h, "none");
	table_end(&t);
	assert_string_equal(b.data,
			    "<table class=\"stack\"><thead><tr><th>When</th><th>Place &quot;&lt;</th><th></th></tr></thead>"
			    "<tbody><tr class=\"entry\"><th colspan=\"3\">E1</th></tr>"
			    "<tr><td data-label=\"When\">lundi</td><td data-label=\"Place &quot;&lt;\"><a href=\"/p\">P</a></td>"
			    "<td></td></tr><tr><td class=\"num\" data-label=\"When\"></td></tr>"
			    "<tr class=\"empty\"><td colspan=\"3\">none</td></tr></tbody></table>");
	buf_free(&b);
}

/* The form widgets: label, hint, the field's own error next to it (found
 * in the form's error list too), aria-invalid / aria-describedby, the kept
 * value escaped; nothing of another field's error. */
static void test_widgets(void **state)
{
	(void)state;
	request rq = {0};
	response rs = {0};
	arena_init(&rq.arena);
	rq.lang = "en";
	buf_init(&rs.body);
	bg_error err = {.status = BG_ERR_INVALID, .field = "siren", .msgid = "bad <siren>"};
	widget_input(&rq, &rs, "text",
		     &(widget){.name = "siren", .label = "SIREN", .hint = "9 digits", .value = "\"x", .required = true, .err = &err});
	assert_string_equal(rs.body.data,
			    "<div class=\"field invalid\"><label for=\"f-siren\">SIREN</label><p class=\"hint\" id=\"h-siren\">9 digits</p>"
			    "<p class=\"error\" id=\"e-siren\">bad &lt;siren&gt;</p><input id=\"f-siren\" name=\"siren\" type=\"text\""
			    " value=\"&quot;x\" aria-invalid=\"true\" aria-describedby=\"h-siren e-siren\" required></div>");
	buf_reset(&rs.body);
	widget_select_begin(&rq, &rs, &(widget){.name = "kind", .prefix = "r1-", .label = "Kind", .err = &err});
	widget_option(&rs, "desk", "Desk", false);
	widget_option(&rs, "room", "Room & co", true);
	widget_select_end(&rs);
	assert_string_equal(rs.body.data, "<div class=\"field\"><label for=\"f-r1-kind\">Kind</label><select id=\"f-r1-kind\" name=\"kind\">"
					  "<option value=\"desk\">Desk</option><option value=\"room\" selected>Room &amp; co</option></select></div>");
	buf_reset(&rs.body);
	widget_checkbox(&rq, &rs, true, &(widget){.name = "consent", .label = "I agree"});
	assert_string_equal(rs.body.data, "<div class=\"field check\"><input type=\"checkbox\" id=\"f-consent\" name=\"consent\""
					  " value=\"1\" checked><label for=\"f-consent\">I agree</label></div>");
	buf_reset(&rs.body);
	widget_textarea(&rq, &rs, 3, &(widget){.name = "notes", .label = "Notes", .value = "</textarea>"});
	assert_string_equal(rs.body.data, "<div class=\"field\"><label for=\"f-notes\">Notes</label>"
					  "<textarea id=\"f-notes\" name=\"notes\" rows=\"3\">&lt;/textarea&gt;</textarea></div>");
	buf_free(&rs.body);
	arena_free_all(&rq.arena);
}

static void test_outbox(void **state)
{
	(void)state;
	db *d = testdb_open();
	char dir[160];
	snprintf(dir, sizeof dir, "%s/mail", testdb_dir);
	mail_config cfg = {.from = "bigre@localhost", .mail_dir = dir};
	mail_message m = {.to = "lea@example.fr", .subject = "Réunion d'information",
			  .text = "Bonjour Léa", .html = "<p>Bonjour Léa</p>",
			  .attachment_name = "invitation.ics", .attachment_type = "text/calendar; method=REQUEST",
			  .attachment = "BEGIN:VCALENDAR", .attachment_len = 15};
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(outbox_enqueue(d, &m, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	/* a rolled-back transaction sends nothing */
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(outbox_enqueue(d, &m, NULL), BG_OK);
	db_rollback(d);
	assert_int_equal(outbox_deliver_due(d, &cfg), 1);
	assert_int_equal(outbox_deliver_due(d, &cfg), 0);
	int files = 0;
	DIR *dh = opendir(dir);
	assert_non_null(dh);
	for (struct dirent *e; (e = readdir(dh));)
		files += strstr(e->d_name, ".eml") != NULL;
	closedir(dh);
	assert_int_equal(files, 1);
	buf mime;
	buf_init(&mime);
	outbox_render_mime(&mime, &cfg, &m, 1);
	assert_non_null(strstr(mime.data, "Subject: =?UTF-8?B?"));
	assert_non_null(strstr(mime.data, "multipart/alternative"));
	assert_non_null(strstr(mime.data, "filename=\"invitation.ics\""));
	buf_free(&mime);
	/* an unreachable relay: the mail stays, rescheduled, with the error kept */
	mail_config bad = {.from = "bigre@localhost", .smtp_url = "smtp://127.0.0.1:1"};
	assert_int_equal(db_begin(d, DB_WRITE, NULL), BG_OK);
	assert_int_equal(outbox_enqueue(d, &m, NULL), BG_OK);
	assert_int_equal(db_commit(d, NULL), BG_OK);
	assert_int_equal(outbox_deliver_due(d, &bad), 0);
	int64_t pending = 0, attempts = 0;
	assert_int_equal(db_scalar(d, NULL, &pending, NULL, "SELECT count(*) FROM outbox WHERE status = 'pending'"
				   " AND last_error IS NOT NULL AND next_attempt_at > ?", "i", date_now()), BG_OK);
	assert_int_equal(pending, 1);
	assert_int_equal(db_scalar(d, NULL, &attempts, NULL, "SELECT max(attempts) FROM outbox WHERE status = 'pending'", NULL), BG_OK);
	assert_int_equal(attempts, 1);
	testdb_close(d);
}

static void test_multipart(void **state)
{
	(void)state;
	arena a;
	arena_init(&a);
	const char *b = multipart_boundary(&a, "multipart/form-data; boundary=----x42");
	assert_string_equal(b, "----x42");
	assert_string_equal(multipart_boundary(&a, "multipart/form-data; boundary=\"a b\""), "a b");
	assert_null(multipart_boundary(&a, "application/json"));
	assert_null(multipart_boundary(&a, "multipart/form-data"));
	const char body[] = "------x42\r\n"
			    "Content-Disposition: form-data; name=\"csrf_token\"\r\n\r\n"
			    "tok\r\n"
			    "------x42\r\n"
			    "Content-Disposition: form-data; name=\"file\"; filename=\"C:\\docs\\re\xc3\xa7u.pdf\"\r\n"
			    "Content-Type: application/pdf\r\n\r\n"
			    "%PDF-\0\x01" "binary\r\n"
			    "------x42\r\n"
			    "Content-Disposition: form-data; name=\"empty\"; filename=\"\"\r\n\r\n"
			    "\r\n"
			    "------x42--\r\n";
	multipart m;
	bg_error err;
	assert_int_equal(multipart_parse(&a, b, body, sizeof body - 1, &m, &err), BG_OK);
	assert_string_equal(form_get(&m.fields, "csrf_token"), "tok");
	const multipart_file *f = multipart_file_get(&m, "file");
	assert_non_null(f);
	assert_string_equal(f->filename, "re\xc3\xa7u.pdf");
	assert_string_equal(f->content_type, "application/pdf");
	assert_int_equal(f->size, 13);
	assert_memory_equal(f->data, "%PDF-\0\x01" "binary", 13);
	assert_null(multipart_file_get(&m, "empty"));
	/* truncated, wrong boundary, text field with invalid UTF-8 */
	assert_int_equal(multipart_parse(&a, b, body, 60, &m, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_multipart");
	assert_int_equal(multipart_parse(&a, "other", body, sizeof body - 1, &m, &err), BG_ERR_INVALID);
	const char bad[] = "--z\r\nContent-Disposition: form-data; name=\"t\"\r\n\r\n\xc3\x28\r\n--z--";
	assert_int_equal(multipart_parse(&a, "z", bad, sizeof bad - 1, &m, &err), BG_ERR_INVALID);
	assert_string_equal(err.code, "invalid_utf8");
	arena_free_all(&a);
}

/* Accept-Encoding with q-values: an own entry beats "*", q=0 refuses,
 * no header means identity only, bad q-values are ignored. */
static void test_coding_quality(void **state)
{
	(void)state;
	assert_int_equal(http_coding_quality(NULL, "gzip"), 0);
	assert_int_equal(http_coding_quality("", "gzip"), 0);
	assert_int_equal(http_coding_quality("gzip", "gzip"), 1000);
	assert_int_equal(http_coding_quality("deflate, GZIP, br", "gzip"), 1000);
	assert_int_equal(http_coding_quality("gzip;q=0", "gzip"), 0);
	assert_int_equal(http_coding_quality("gzip ; q=0.000", "gzip"), 0);
	assert_int_equal(http_coding_quality("br;q=1.0, gzip;q=0.5", "gzip"), 500);
	assert_int_equal(http_coding_quality("*", "gzip"), 1000);
	assert_int_equal(http_coding_quality("*;q=0.3", "gzip"), 300);
	assert_int_equal(http_coding_quality("gzip;q=0, *", "gzip"), 0);
	assert_int_equal(http_coding_quality("*, gzip;q=0", "gzip"), 0);
	assert_int_equal(http_coding_quality("*;q=0", "gzip"), 0);
	assert_int_equal(http_coding_quality("x-gzip, gzipped", "gzip"), 0);
	assert_int_equal(http_coding_quality("identity", "gzip"), 0);
	assert_int_equal(http_coding_quality("gzip;level=1;q=0.25", "gzip"), 250);
	assert_int_equal(http_coding_quality("gzip;q=2", "gzip"), 0);
	assert_int_equal(http_coding_quality("gzip;q=0.12345", "gzip"), 0);
}

/* If-None-Match: "*", lists, weak tags (weak comparison), junk. */
static void test_etag_matches(void **state)
{
	(void)state;
	assert_true(http_etag_matches("\"abc\"", "\"abc\""));
	assert_true(http_etag_matches("*", "\"abc\""));
	assert_true(http_etag_matches("W/\"abc\"", "\"abc\""));
	assert_true(http_etag_matches("\"abc\"", "W/\"abc\""));
	assert_true(http_etag_matches("\"x\", W/\"y\" ,\"abc\"", "\"abc\""));
	assert_false(http_etag_matches("\"abcd\"", "\"abc\""));
	assert_false(http_etag_matches("\"ab\"", "\"abc\""));
	assert_false(http_etag_matches("\"abc-gzip\"", "\"abc\""));
	assert_false(http_etag_matches("abc", "\"abc\""));
	assert_false(http_etag_matches("\"x\" \"abc\"", "\"abc\""));
	assert_false(http_etag_matches("", "\"abc\""));
	assert_false(http_etag_matches(NULL, "\"abc\""));
	assert_false(http_etag_matches("\"abc", "\"abc\""));
}

/* Text types compress, images and binaries do not; gzip round-trips. */
static void test_gzip(void **state)
{
	(void)state;
	assert_true(http_type_compressible("application/json"));
	assert_true(http_type_compressible("text/css; charset=utf-8"));
	assert_true(http_type_compressible("text/calendar; charset=utf-8"));
	assert_true(http_type_compressible("image/svg+xml"));
	assert_false(http_type_compressible("image/png"));
	assert_false(http_type_compressible("application/pdf"));
	assert_false(http_type_compressible("text/cssx"));
	assert_false(http_type_compressible(NULL));
	buf text, gz;
	buf_init(&text);
	buf_init(&gz);
	for (int i = 0; i < 500; i++)
		buf_printf(&text, "{\"id\":%d,\"name\":\"Léa\"},", i);
	buf_puts(&gz, "kept");
	assert_true(http_gzip(&gz, text.data, text.len, 4));
	assert_memory_equal(gz.data, "kept\x1f\x8b", 6);
	assert_true(gz.len < text.len / 4);
	unsigned char out[20000];
	z_stream z = {0};
	assert_int_equal(inflateInit2(&z, 15 + 16), Z_OK);
	z.next_in = (Bytef *)gz.data + 4;
	z.avail_in = (uInt)(gz.len - 4);
	z.next_out = out;
	z.avail_out = sizeof out;
	assert_int_equal(inflate(&z, Z_FINISH), Z_STREAM_END);
	assert_int_equal(z.total_out, text.len);
	assert_memory_equal(out, text.data, text.len);
	inflateEnd(&z);
	buf_free(&text);
	buf_free(&gz);
}

/* SQL reads the program's clock through bigre_now() (the migrations' audit
 * rows), not the wall clock: it answers the frozen test clock. */
static void test_sql_clock(void **state)
{
	(void)state;
	db *d = testdb_open();
	bg_error err;
	int64_t t = 0;
	assert_int_equal(db_scalar(d, &err, &t, NULL, "SELECT bigre_now()", NULL), BG_OK);
	assert_int_equal(t, date_now());
	testdb_close(d);
}

int main(void)
{
	testclock_set();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_form_parse),  cmocka_unit_test(test_form_too_many_fields),
		cmocka_unit_test(test_router),      cmocka_unit_test(test_ratelimit),
		cmocka_unit_test(test_html_escaping), cmocka_unit_test(test_widgets), cmocka_unit_test(test_outbox),
		cmocka_unit_test(test_table),
		cmocka_unit_test(test_multipart),
		cmocka_unit_test(test_coding_quality), cmocka_unit_test(test_etag_matches),
		cmocka_unit_test(test_gzip),        cmocka_unit_test(test_sql_clock),
	};
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
