/*
 * helpers.c — what the hospitality pages share: the hospitality menu,
 * local times of a zone, the field-error paragraph, <option>s by id, the
 * resource kinds and the days of the week (declared in
 * web_hospitality_internal.h).
 */
#include "web/hospitality/web_hospitality_internal.h"

void wh_subnav(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	h_printf(b, "<nav class=\"subnav\" aria-label=\"%s\"><ul>", tr(L, "Hospitality"));
	if (rq->person_id) {
		h_printf(b, "<li><a href=\"/places\">%s</a></li>", tr(L, "Places"));
		h_printf(b, "<li><a href=\"/bookings\">%s</a></li>", tr(L, "My bookings"));
	}
	h_printf(b, "<li><a href=\"/sessions\">%s</a></li>", tr(L, "Information sessions"));
	bg_error refused;
	if (rq->person_id && hosts_may_work(rq->db, rq->person_id, &refused) == BG_OK)
		h_printf(b, "<li><a href=\"/hosts\">%s</a></li>", tr(L, "Hosts' dashboard"));
	h_printf(b, "</ul></nav>");
}

void wh_when(request *rq, html *b, const char *tz, int64_t t)
{
	buf tmp;
	buf_init(&tmp);
	hosp_format_local(&tmp, tz, t, rq->lang);
	h_text(b, tmp.data);
	buf_free(&tmp);
}

void wh_hhmm(buf *out, const char *tz, int64_t t)
{
	int64_t day;
	int minute;
	tz_utc_to_local(tz, t, &day, &minute);
	buf_printf(out, "%02d:%02d", minute / 60, minute % 60);
}

bool wh_field_error(request *rq, response *rs, const bg_error *err, const char *field)
{
	if (!err || !err->field || strcmp(err->field, field) != 0)
		return false;
	h_printf(page_html(rs), "<p class=\"error\" id=\"e-%s\">%s</p>", field, tr(rq->lang, err->msgid));
	return true;
}

const char *const wh_kind_names[] = {"desk", N_("Desk"), "meeting_room", N_("Meeting room"),
	"workshop", N_("Workshop"), "machine", N_("Machine"), "office", N_("Whole space"), NULL};

/* The days of the week, Monday first (weekday 1). */
const char *const wh_weekdays[] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday")};

const char *wh_kind(request *rq, const char *kind)
{
	for (int i = 0; wh_kind_names[i]; i += 2)
		if (strcmp(wh_kind_names[i], kind) == 0)
			return tr(rq->lang, wh_kind_names[i + 1]);
	return kind;
}

void wh_option(response *rs, int64_t id, const char *name, const char *selected)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)id);
	widget_option(rs, v, name, selected && strcmp(selected, v) == 0);
}
