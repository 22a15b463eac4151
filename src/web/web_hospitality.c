/*
 * web_hospitality.c — the pages of hospitality: places (list with filters,
 * a place with its free slots and a booking form), my bookings, the public
 * information sessions with their registration form and the cancel link,
 * a newcomer's path and the path configuration (the hosts' dashboard is
 * web_hosts.c).
 *
 * Forms work without JavaScript; on an error the form comes back (422, or
 * 409 for a taken slot) with the message next to the field and what was
 * typed.  Public pages (sessions, registration, cancel) need no account.
 */
#include "auth/authz.h"
#include "core/date.h"
#include "core/i18n.h"
#include "hospitality/hospitality.h"
#include "web/page.h"
#include "web/web_hospitality.h"
#include "web/web_network.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

void wh_subnav(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
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

void wh_when(request *rq, buf *b, const char *tz, int64_t t)
{
	buf tmp;
	buf_init(&tmp);
	hosp_format_local(&tmp, tz, t, rq->lang);
	h_text(b, tmp.data);
	buf_free(&tmp);
}

void wh_hhmm(buf *b, const char *tz, int64_t t)
{
	int64_t day;
	int minute;
	tz_utc_to_local(tz, t, &day, &minute);
	buf_printf(b, "%02d:%02d", minute / 60, minute % 60);
}

bool wh_field_error(request *rq, response *rs, const bg_error *err, const char *field)
{
	if (!err || !err->field || strcmp(err->field, field) != 0)
		return false;
	h_printf(&rs->body, "<p class=\"error\" id=\"e-%s\">%s</p>", field, tr(rq->lang, err->msgid));
	return true;
}

static const char *const kind_names[] = {"desk", N_("Desk"), "meeting_room", N_("Meeting room"),
	"workshop", N_("Workshop"), "machine", N_("Machine"), "office", N_("Whole space"), NULL};

/* The days of the week, Monday first (weekday 1). */
static const char *const wh_weekdays[] = {N_("Monday"), N_("Tuesday"), N_("Wednesday"), N_("Thursday"),
	N_("Friday"), N_("Saturday"), N_("Sunday")};

static const char *wh_kind(request *rq, const char *kind)
{
	for (int i = 0; kind_names[i]; i += 2)
		if (strcmp(kind_names[i], kind) == 0)
			return tr(rq->lang, kind_names[i + 1]);
	return kind;
}

/* ---------- the map of places ---------- */

/* One place drawn on the map (or listed under it). */
typedef struct map_place {
	int64_t id;
	const char *name, *city, *dep_name;
	int x, y, bx, by; /* the dot, and the place's own projected point */
	bool on_map, approximate;
} map_place;

/* Eight directions (×100) to move a dot off another one. */
static const int map_dirs[8][2] = {{100, 0}, {71, 71}, {0, 100}, {-71, 71}, {-100, 0}, {-71, -71}, {0, -100}, {71, -71}};

enum { MAP_DOT_R = 18, MAP_GAP = 42, MAP_PAD = 24, MAP_FW = GEO_MAP_W + 2 * MAP_PAD, MAP_FH = GEO_MAP_H + 2 * MAP_PAD };
/* Rows a page of "My bookings" and of the public sessions shows. */
enum { BOOKINGS_PER_PAGE = 20, SESSIONS_PER_PAGE = 20 };
/* Free interview slots a page of the newcomer's page and of the
 * newcomer's own choice shows. */
enum { SLOTS_PER_PAGE = 20 };

/* The part of the projected map shown: a window of the frame, of the
 * frame's proportions; the whole frame unless zoomed on a filter's places. */
typedef struct map_view {
	int64_t x, y, w;
} map_view;

/* A projected point in the SVG's coordinates once the view is applied
 * (the SVG keeps one viewBox: dots and names keep their size). */
static void wh_map_apply(const map_view *v, int px, int py, int *x, int *y)
{
	*x = (int)(-MAP_PAD + (px - v->x) * MAP_FW / v->w);
	*y = (int)(-MAP_PAD + (py - v->y) * MAP_FW / v->w);
}

/* Zooms on the places when the list is filtered and they gather in a part
 * of the country (at most twice); else the whole frame. */
static map_view wh_map_view(const map_place *m, int n, bool filtered)
{
	map_view full = {-MAP_PAD, -MAP_PAD, MAP_FW};
	int64_t x0 = INT64_MAX, y0 = INT64_MAX, x1 = INT64_MIN, y1 = INT64_MIN;
	for (int i = 0; i < n; i++) {
		if (!m[i].on_map)
			continue;
		x0 = m[i].bx < x0 ? m[i].bx : x0;
		x1 = m[i].bx > x1 ? m[i].bx : x1;
		y0 = m[i].by < y0 ? m[i].by : y0;
		y1 = m[i].by > y1 ? m[i].by : y1;
	}
	if (!filtered || x0 > x1)
		return full;
	const int64_t margin = 110;
	int64_t w = x1 - x0 + 2 * margin, h = (y1 - y0 + 2 * margin) * MAP_FW / MAP_FH;
	w = w > h ? w : h;
	w = w > 540 ? w : 540;
	if (w * 4 >= MAP_FW * 3)
		return full;
	int64_t hv = w * MAP_FH / MAP_FW;
	map_view v = {(x0 + x1) / 2 - w / 2, (y0 + y1) / 2 - hv / 2, w};
	v.x = v.x < -MAP_PAD ? -MAP_PAD : v.x > GEO_MAP_W + MAP_PAD - w ? GEO_MAP_W + MAP_PAD - w : v.x;
	v.y = v.y < -MAP_PAD ? -MAP_PAD : v.y > GEO_MAP_H + MAP_PAD - hv ? GEO_MAP_H + MAP_PAD - hv : v.y;
	return v;
}

/* Moves dot i off the dots before it: the first free spot on rings of
 * eight directions around its own point (integer geometry). */
static void wh_map_spread(map_place *m, int i)
{
	for (int ring = 0; ring <= 4; ring++)
		for (int k = 0; k < (ring ? 8 : 1); k++) {
			int x = m[i].bx + map_dirs[k][0] * ring * MAP_GAP / 100;
			int y = m[i].by + map_dirs[k][1] * ring * MAP_GAP / 100;
			bool free_spot = true;
			for (int j = 0; j < i && free_spot; j++) {
				if (!m[j].on_map)
					continue;
				int64_t dx = x - m[j].x, dy = y - m[j].y;
				free_spot = dx * dx + dy * dy >= (int64_t)(MAP_GAP - 4) * (MAP_GAP - 4);
			}
			if (free_spot) {
				m[i].x = x;
				m[i].y = y;
				return;
			}
		}
	m[i].x = m[i].bx;
	m[i].y = m[i].by;
}

/* The outline of France as SVG path data in the view (no user input in
 * it); what falls outside the view is clipped by the SVG. */
static void wh_map_outline(buf *b, const map_view *v)
{
	for (int w = 0; w < 2; w++) {
		int n, x, y;
		const geo_point *pt = geo_outline(w, &n);
		for (int i = 0; i < n; i++)
			if (geo_project((int64_t)pt[i].lat_e4 * 100, (int64_t)pt[i].lon_e4 * 100, &x, &y)) {
				wh_map_apply(v, x, y, &x, &y);
				buf_printf(b, "%s%d %d", i ? " L" : "M", x, y);
			}
		buf_puts(b, " Z ");
	}
}

/* The places matching the list's filters, with where each goes on the map
 * (dots moved off each other); *count receives how many. */
static map_place *wh_map_collect(request *rq, const char *where, const char *territory, const char *kind,
				 int *count)
{
	db_stmt *s = db_query(rq->db, arena_printf(&rq->arena, "SELECT p.id, p.name, p.city, p.postcode, p.latitude_e6,"
				      " p.longitude_e6 %s ORDER BY p.territory, p.city, p.name", where),
			      "ssss", territory, territory, kind, kind);
	int n = 0, cap = 0;
	map_place *m = NULL;
	while (s && db_next(s) == 1) {
		if (n == cap) {
			int ncap = cap ? 2 * cap : 32;
			map_place *v = arena_alloc(&rq->arena, sizeof *v * (size_t)ncap);
			if (n)
				memcpy(v, m, sizeof *v * (size_t)n);
			m = v;
			cap = ncap;
		}
		place p;
		place_defaults(&p);
		snprintf(p.postcode, sizeof p.postcode, "%s", db_text(s, 3) ? db_text(s, 3) : "");
		p.has_position = !db_null(s, 4) && !db_null(s, 5);
		p.latitude_e6 = db_int(s, 4);
		p.longitude_e6 = db_int(s, 5);
		map_place *mp = &m[n];
		*mp = (map_place){.id = db_int(s, 0), .name = arena_strdup(&rq->arena, db_text(s, 1)),
				  .city = arena_strdup(&rq->arena, db_text(s, 2))};
		int64_t lat, lon;
		geo_department dep;
		mp->on_map = geo_place_position(&p, &lat, &lon, &mp->approximate, &dep) &&
			     geo_project(lat, lon, &mp->bx, &mp->by);
		mp->dep_name = dep.name;
		n++;
	}
	db_done(s);
	*count = n;
	return m;
}

/* The map (an inline SVG drawn here: no tile server), each place a dot
 * linking to its page — at its own position, or at the centre of its
 * department (a ringed dot) — with the names of the cities. */
static void wh_map_draw(request *rq, response *rs, map_place *m, int n, bool filtered)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int on = 0;
	map_view view = wh_map_view(m, n, filtered);
	for (int i = 0; i < n; i++) {
		if (!m[i].on_map)
			continue;
		on++;
		wh_map_apply(&view, m[i].bx, m[i].by, &m[i].bx, &m[i].by);
		wh_map_spread(m, i);
	}
	h_printf(b, "<figure class=\"map-figure\"><svg class=\"fr-map\" role=\"group\" aria-labelledby=\"map-title\""
		    " viewBox=\"%d %d %d %d\" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"map-title\">%s</title>",
		 -MAP_PAD, -MAP_PAD, GEO_MAP_W + 2 * MAP_PAD, GEO_MAP_H + 2 * MAP_PAD, tr(L, "Map of the places"));
	buf_puts(b, "<path class=\"land\" d=\"");
	wh_map_outline(b, &view);
	buf_puts(b, "\"/>");
	/* leaders from a moved dot to its place, then the city names, then the dots on top */
	for (int i = 0; i < n; i++)
		if (m[i].on_map && (m[i].x != m[i].bx || m[i].y != m[i].by))
			h_printf(b, "<line class=\"leader\" x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\"/>", m[i].bx, m[i].by, m[i].x, m[i].y);
	/* a city's name right of its first dot, else left, where it covers
	 * neither another name nor a dot */
	int box[24][4], nb = 0;
	for (int i = 0; i < n && nb < 24; i++) {
		if (!m[i].on_map || !m[i].city[0] || (i && m[i - 1].on_map && strcmp(m[i - 1].city, m[i].city) == 0))
			continue;
		int chars = 0;
		for (const char *c = m[i].city; *c; c++)
			chars += (*c & 0xC0) != 0x80;
		int width = chars * 17, y0 = m[i].by - 14, y1 = m[i].by + 14;
		for (int side = 0; side < 2; side++) {
			int x0 = side == 0 ? m[i].bx + MAP_DOT_R + 10 : m[i].bx - MAP_DOT_R - 12 - width;
			int x1 = x0 + width;
			bool clear = x0 >= -MAP_PAD && x1 <= GEO_MAP_W + MAP_PAD;
			for (int j = 0; j < nb && clear; j++)
				clear = x1 < box[j][0] || x0 > box[j][2] || y1 < box[j][1] || y0 > box[j][3];
			for (int j = 0; j < n && clear; j++)
				clear = !m[j].on_map || x1 < m[j].x - MAP_DOT_R || x0 > m[j].x + MAP_DOT_R ||
					y1 < m[j].y - MAP_DOT_R || y0 > m[j].y + MAP_DOT_R;
			if (!clear)
				continue;
			if (side == 0)
				h_printf(b, "<text class=\"map-city\" aria-hidden=\"true\" x=\"%d\" y=\"%d\">%s</text>", x0,
					 m[i].by + 9, m[i].city);
			else
				h_printf(b, "<text class=\"map-city\" aria-hidden=\"true\" x=\"%d\" y=\"%d\" text-anchor=\"end\">%s</text>",
					 x1, m[i].by + 9, m[i].city);
			box[nb][0] = x0;
			box[nb][1] = y0;
			box[nb][2] = x1;
			box[nb++][3] = y1;
			break;
		}
	}
	for (int i = 0; i < n; i++) {
		if (!m[i].on_map)
			continue;
		const char *label = m[i].approximate
			? arena_printf(&rq->arena, tr(L, "%s, %s (placed at the centre of its department: %s)"), m[i].name,
				       m[i].city, m[i].dep_name)
			: arena_printf(&rq->arena, "%s, %s", m[i].name, m[i].city);
		h_printf(b, "<a class=\"map-dot%s\" href=\"/places/%lld\" aria-label=\"%s\"><title>%s</title>"
			    "<circle class=\"hit\" cx=\"%d\" cy=\"%d\" r=\"%d\"/><circle class=\"dot\" cx=\"%d\" cy=\"%d\" r=\"%d\"/></a>",
			 m[i].approximate ? " approximate" : "", (long long)m[i].id, label, label, m[i].x, m[i].y,
			 MAP_GAP * 2 / 3, m[i].x, m[i].y, MAP_DOT_R);
	}
	h_printf(b, "</svg><figcaption>");
	h_printf(b, trn(L, "%d place on the map.", "%d places on the map.", on), on);
	if (view.w != MAP_FW)
		h_printf(b, " %s", tr(L, "The map is zoomed on them."));
	h_printf(b, " <span class=\"legend\"><span class=\"key exact\" aria-hidden=\"true\"></span>%s"
		    " <span class=\"key approximate\" aria-hidden=\"true\"></span>%s</span></figcaption></figure>",
		 tr(L, "its own position"), tr(L, "the centre of its department (no position given)"));
}

/* The places the map cannot show: overseas, or no position known. */
static void wh_map_off(request *rq, response *rs, const map_place *m, int n)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int off = 0;
	for (int i = 0; i < n; i++)
		off += !m[i].on_map;
	if (!off)
		return;
	h_printf(b, "<section class=\"off-map\" aria-labelledby=\"off-map-h\"><h2 id=\"off-map-h\">%s</h2><p>%s</p><ul>",
		 tr(L, "Places not on the map"), tr(L, "Overseas, or with neither a position nor a metropolitan postcode:"));
	for (int i = 0; i < n; i++)
		if (!m[i].on_map)
			h_printf(b, "<li><a href=\"/places/%lld\">%s</a>%s%s</li>", (long long)m[i].id, m[i].name,
				 m[i].city[0] ? " — " : "", m[i].city);
	h_printf(b, "</ul></section>");
}

/* ---------- places ---------- */

/* GET /places?territory=&city=&kind= */
static void web_places(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	if (!place_is_member(rq->db, rq->person_id)) {
		bg_error err;
		bg_fail(&err, BG_ERR_FORBIDDEN, "not_a_member", NULL, N_("Only members of the group may do this."));
		page_error(rq, rs, &err);
		return;
	}
	const char *territory = rq_query(rq, "territory"), *kind = rq_query(rq, "kind");
	if (territory && !*territory)
		territory = NULL;
	if (kind && !*kind)
		kind = NULL;
	page_begin(rq, rs, tr(L, "Places"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Places"),
		 tr(L, "Desks, meeting rooms and workshops offered by the cooperatives of the group: any member may book them."));
	h_printf(b, "<form method=\"get\" action=\"/places\" class=\"filters\"><div class=\"field\">"
		    "<label for=\"f-territory\">%s</label><select id=\"f-territory\" name=\"territory\"><option value=\"\">%s</option>",
		 tr(L, "Territory"), tr(L, "All"));
	db_stmt *s = db_query(rq->db, "SELECT DISTINCT territory FROM places WHERE archived = 0 AND territory <> ''"
				      " ORDER BY territory", NULL);
	while (s && db_next(s) == 1)
		h_printf(b, "<option%s>%s</option>", territory && strcmp(territory, db_text(s, 0)) == 0 ? " selected" : "",
			 db_text(s, 0));
	db_done(s);
	h_printf(b, "</select></div><div class=\"field\"><label for=\"f-kind\">%s</label><select id=\"f-kind\" name=\"kind\">"
		    "<option value=\"\">%s</option>", tr(L, "Kind of resource"), tr(L, "All"));
	for (int i = 0; kind_names[i]; i += 2)
		h_printf(b, "<option value=\"%s\"%s>%s</option>", kind_names[i],
			 kind && strcmp(kind, kind_names[i]) == 0 ? " selected" : "", tr(L, kind_names[i + 1]));
	h_printf(b, "</select></div><div class=\"field\"><button type=\"submit\">%s</button></div></form>", tr(L, "Filter"));
	/* the overview: a tile per department (territory) with its number and count */
	const char *where = " FROM places p WHERE p.archived = 0 AND (? IS NULL OR p.territory = ?) AND (? IS NULL OR"
			    " EXISTS (SELECT 1 FROM resources r WHERE r.place_id = p.id AND r.kind = ?))";
	s = db_query(rq->db, arena_printf(&rq->arena, "SELECT p.territory, min(substr(p.postcode, 1, 2)), count(*),"
				      " replace(group_concat(DISTINCT p.city), ',', ', ') %s GROUP BY p.territory ORDER BY p.territory", where),
		     "ssss", territory, territory, kind, kind);
	int nmap;
	map_place *mp = wh_map_collect(rq, where, territory, kind, &nmap);
	h_printf(b, "<div class=\"places-overview\">");
	wh_map_draw(rq, rs, mp, nmap, territory || kind);
	h_printf(b, "<nav class=\"place-map\" aria-label=\"%s\"><ul>", tr(L, "Places by department"));
	for (int k = 1; s && db_next(s) == 1; k++)
		h_printf(b, "<li><a href=\"#dep-%d\"><span class=\"dep\">%s</span> <strong>%s</strong> <span class=\"count\">%s</span>"
			    "<span class=\"cities\">%s</span></a></li>", k, db_text(s, 1), db_text(s, 0)[0] ? db_text(s, 0) : "—",
			 arena_printf(&rq->arena, trn(L, "%lld place", "%lld places", (long)db_int(s, 2)), (long long)db_int(s, 2)),
			 db_text(s, 3) ? db_text(s, 3) : "");
	db_done(s);
	h_printf(b, "</ul></nav></div>");
	wh_map_off(rq, rs, mp, nmap);
	s = db_query(rq->db, arena_printf(&rq->arena, "SELECT p.id, p.name, p.address, p.postcode, p.city, p.territory, p.accessibility,"
				      " p.restricted, (SELECT count(*) FROM resources r WHERE r.place_id = p.id AND r.archived = 0),"
				      " (SELECT alt FROM place_photos ph WHERE ph.place_id = p.id) %s"
				      " ORDER BY p.territory, p.city, p.name", where), "ssss", territory, territory, kind, kind);
	int n = 0, dep = 0;
	const char *last_territory = NULL, *last_city = NULL;
	for (; s && db_next(s) == 1; n++) {
		const char *t = arena_strdup(&rq->arena, db_text(s, 5)), *city = arena_strdup(&rq->arena, db_text(s, 4));
		if (!last_territory || strcmp(last_territory, t) != 0) {
			if (last_territory)
				h_printf(b, "</ul></section></section>");
			dep++;
			h_printf(b, "<section class=\"department\" id=\"dep-%d\" aria-labelledby=\"dep-%d-h\"><h2 id=\"dep-%d-h\">%s</h2>",
				 dep, dep, dep, t[0] ? t : "—");
			last_city = NULL;
		}
		if (!last_city || strcmp(last_city, city) != 0) {
			if (last_city)
				h_printf(b, "</ul></section>");
			h_printf(b, "<section class=\"city\"><h3>%s</h3><ul class=\"cards\">", city[0] ? city : "—");
		}
		last_territory = t;
		last_city = city;
		h_printf(b, "<li class=\"card\">");
		if (db_text(s, 9))
			h_printf(b, "<img class=\"thumb\" src=\"/api/v1/places/%lld/photo\" alt=\"%s\" loading=\"lazy\">",
				 (long long)db_int(s, 0), db_text(s, 9));
		h_printf(b, "<h4><a href=\"/places/%lld\">%s</a></h4><p>%s<br>%s %s</p>",
			 (long long)db_int(s, 0), db_text(s, 1), db_text(s, 2), db_text(s, 3), db_text(s, 4));
		h_printf(b, "<p class=\"muted\">%s</p>", db_text(s, 6));
		h_printf(b, "<p>");
		h_printf(b, trn(L, "%lld resource", "%lld resources", (long)db_int(s, 8)), (long long)db_int(s, 8));
		if (db_int(s, 7))
			h_printf(b, " <span class=\"badge\">%s</span>", tr(L, "Reserved to its cooperative"));
		h_printf(b, "</p></li>");
	}
	db_done(s);
	if (last_territory)
		h_printf(b, "</ul></section></section>");
	if (n == 0)
		h_printf(b, "<p>%s</p>", tr(L, "No place matches."));
	page_end(rq, rs);
}

/* Free intervals collected for the week table. */
typedef struct slot_list {
	arena *a;
	struct slot { int64_t rid, s, e; } *v;
	int n, cap;
} slot_list;

static void wh_slot_emit(void *arg, const resource *r, int64_t s, int64_t e)
{
	slot_list *l = arg;
	if (l->n == l->cap) {
		int cap = l->cap ? 2 * l->cap : 64;
		struct slot *v = arena_alloc(l->a, sizeof *v * (size_t)cap);
		if (l->n)
			memcpy(v, l->v, sizeof *v * (size_t)l->n);
		l->v = v;
		l->cap = cap;
	}
	l->v[l->n++] = (struct slot){r->id, s, e};
}

/* The week of free slots: a row per resource, a column per day. */
static void wh_week_table(request *rq, response *rs, const place *p, int64_t day)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	static const char *const wd[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};
	slot_list l = {.a = &rq->arena};
	bg_error err;
	place_availability(rq->db, rq->person_id, p->id, tz_local_to_utc(p->timezone, day, 0),
			   tz_local_to_utc(p->timezone, day + 7, 0), wh_slot_emit, &l, &err);
	h_printf(b, "<div class=\"scroll\"><table class=\"slots\"><thead><tr><th scope=\"col\">%s</th>", tr(L, "Resource"));
	for (int k = 0; k < 7; k++) {
		int y, m, d;
		date_from_days(day + k, &y, &m, &d);
		char head[32];
		snprintf(head, sizeof head, strcmp(L, "en") == 0 ? "%02d-%02d" : "%02d/%02d", strcmp(L, "en") == 0 ? m : d,
			 strcmp(L, "en") == 0 ? d : m);
		h_printf(b, "<th scope=\"col\">%s %s</th>", tr(L, wd[(((day + k) % 7) + 7 + 3) % 7]), head);
	}
	h_printf(b, "</tr></thead><tbody>");
	db_stmt *s = db_query(rq->db, "SELECT id, name, kind FROM resources WHERE place_id = ? AND archived = 0"
				      " ORDER BY coalesce(parent_id, id), id", "i", p->id);
	while (s && db_next(s) == 1) {
		int64_t rid = db_int(s, 0);
		h_printf(b, "<tr><th scope=\"row\">%s <small>(%s)</small></th>", db_text(s, 1), wh_kind(rq, db_text(s, 2)));
		for (int k = 0; k < 7; k++) {
			h_printf(b, "<td>");
			int shown = 0;
			for (int i = 0; i < l.n; i++) {
				int64_t dd;
				int minute;
				if (l.v[i].rid != rid)
					continue;
				tz_utc_to_local(p->timezone, l.v[i].s, &dd, &minute);
				if (dd != day + k)
					continue;
				buf t;
				buf_init(&t);
				wh_hhmm(&t, p->timezone, l.v[i].s);
				buf_puts(&t, "–");
				wh_hhmm(&t, p->timezone, l.v[i].e);
				h_printf(b, "<span class=\"slot\">%s</span> ", t.data);
				buf_free(&t);
				shown++;
			}
			if (!shown)
				h_printf(b, "<span class=\"muted\">—</span>");
			h_printf(b, "</td>");
		}
		h_printf(b, "</tr>");
	}
	db_done(s);
	h_printf(b, "</tbody></table></div>");
}

/* A month of free slots: a calendar grid (a row per week, Monday first),
 * each day telling how many resources have free time and how many hours
 * in all, linking to the week from that day. */
static void wh_month_table(request *rq, response *rs, const place *p, int y, int m)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	static const char *const wd[] = {N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun")};
	int64_t first = date_to_days(y, m, 1);
	int ndays = date_days_in_month(y, m);
	slot_list l = {.a = &rq->arena};
	bg_error err;
	place_availability(rq->db, rq->person_id, p->id, tz_local_to_utc(p->timezone, first, 0),
			   tz_local_to_utc(p->timezone, first + ndays, 0), wh_slot_emit, &l, &err);
	int64_t today;
	int now_minute;
	tz_utc_to_local(p->timezone, date_now(), &today, &now_minute);
	int64_t minutes[31] = {0};
	int resources[31] = {0};
	/* the local day of each free interval, once (libical is behind a lock) */
	int64_t *day_of = arena_alloc(&rq->arena, sizeof *day_of * (size_t)(l.n ? l.n : 1));
	for (int i = 0; i < l.n; i++) {
		int minute;
		tz_utc_to_local(p->timezone, l.v[i].s, &day_of[i], &minute);
	}
	for (int i = 0; i < l.n; i++) {
		int64_t dd = day_of[i];
		if (dd < first || dd >= first + ndays)
			continue;
		int k = (int)(dd - first);
		minutes[k] += (l.v[i].e - l.v[i].s) / 60;
		bool seen = false;
		for (int j = 0; j < i && !seen; j++)
			seen = l.v[j].rid == l.v[i].rid && day_of[j] == dd;
		resources[k] += !seen;
	}
	static const char *const months[] = {N_("January"), N_("February"), N_("March"), N_("April"), N_("May"), N_("June"),
		N_("July"), N_("August"), N_("September"), N_("October"), N_("November"), N_("December")};
	h_printf(b, "<table class=\"month\"><caption>%s %d</caption><thead><tr>", tr(L, months[m - 1]), y);
	for (int k = 0; k < 7; k++)
		h_printf(b, "<th scope=\"col\">%s</th>", tr(L, wd[k]));
	h_printf(b, "</tr></thead><tbody><tr>");
	int lead = (int)(((first % 7) + 7 + 3) % 7); /* 1970-01-01 was a Thursday */
	for (int k = 0; k < lead; k++)
		h_printf(b, "<td class=\"other\"></td>");
	for (int k = 0; k < ndays; k++) {
		if ((lead + k) % 7 == 0 && k)
			h_printf(b, "</tr><tr>");
		h_printf(b, "<td><a class=\"daynum\" href=\"/places/%lld?day=%04d-%02d-%02d#free\">%d</a>", (long long)p->id, y, m,
			 k + 1, k + 1);
		int ranges[8][2];
		if (first + k < today)
			h_printf(b, "<span class=\"full\">%s</span>", tr(L, "past"));
		else if (place_day_ranges(rq->db, p, first + k, ranges, 8) == 0)
			h_printf(b, "<span class=\"full\">%s</span>", tr(L, "closed"));
		else if (resources[k])
			h_printf(b, "<span class=\"free\">%s</span>",
				 arena_printf(&rq->arena, tr(L, "%d free, %lld h"), resources[k], (long long)(minutes[k] / 60)));
		else
			h_printf(b, "<span class=\"full\">%s</span>", tr(L, "nothing free"));
		h_printf(b, "</td>");
	}
	for (int k = (lead + ndays) % 7; k && k < 7; k++)
		h_printf(b, "<td class=\"other\"></td>");
	h_printf(b, "</tr></tbody></table>");
}

/* A calendar link just made (shown once), then the list of the links the
 * query s gives (id, created_at), each with its revoke button posting to
 * <revoke_base>/<id>/revoke. */
static void wh_feed_links(request *rq, response *rs, const char *new_url, db_stmt *s, const char *ul_class,
			  const char *revoke_base)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	if (new_url)
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p><p><code class=\"feed\">%s</code></p></div>",
			 tr(L, "Your new link (shown only now: copy it):"), new_url);
	int k = 0;
	for (; s && db_next(s) == 1; k++) {
		if (!k)
			h_printf(b, "<ul class=\"%s\">", ul_class);
		h_printf(b, "<li>%s ", tr(L, "Link created on"));
		buf t;
		buf_init(&t);
		tz_format_day(TZ_GROUP, db_int(s, 1), &t, L);
		h_text(b, t.data);
		buf_free(&t);
		h_printf(b, " <form method=\"post\" action=\"%s/%lld/revoke\" class=\"inline\">", revoke_base,
			 (long long)db_int(s, 0));
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form></li>", tr(L, "Revoke"));
	}
	db_done(s);
	if (k)
		h_printf(b, "</ul>");
}

/* The calendar links of a place, for those who manage it: the links they
 * made (each revocable), a button for a new one, and the new link when
 * one was just made (shown once: only its hash is kept). */
static void wh_place_feeds(request *rq, response *rs, const place *p, const char *feed_url)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	h_printf(b, "<h2 id=\"calendar\">%s</h2><p>%s</p>", tr(L, "Calendar link for this place"),
		 tr(L, "A secret link to follow this place's bookings from a calendar application. Revoke it when it has leaked."));
	wh_feed_links(rq, rs, feed_url,
		      db_query(rq->db, "SELECT id, created_at FROM calendar_feeds WHERE person_id = ? AND kind = 'place'"
				       " AND target_id = ? AND revoked_at IS NULL ORDER BY id", "ii", rq->person_id, p->id),
		      "place-feeds", arena_printf(&rq->arena, "/places/%lld/calendar-feeds", (long long)p->id));
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/calendar-feed\">", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Create a calendar link"));
}

/* The place page: details, free slots of a day, booking form; for its
 * managers, the calendar links (feed_url: the one just made, or NULL). */
static void wh_place_page(request *rq, response *rs, int64_t id, const char *day_in, const char *rid_in,
			  const char *from_in, const char *to_in, const bg_error *err, const booking_clash *clash,
			  const char *feed_url)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	place p;
	bg_error e2;
	if (place_get(rq->db, id, &p, &e2) != BG_OK || !place_is_member(rq->db, rq->person_id)) {
		bg_fail(&e2, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This place does not exist."));
		page_error(rq, rs, &e2);
		return;
	}
	int y, m, d;
	int64_t day;
	if (day_in && date_parse(day_in, &y, &m, &d)) {
		day = date_to_days(y, m, d);
	} else {
		int minute;
		tz_utc_to_local(p.timezone, date_now(), &day, &minute);
	}
	date_from_days(day, &y, &m, &d);
	char ds[32];
	snprintf(ds, sizeof ds, "%04d-%02d-%02d", y, m, d);
	page_begin(rq, rs, p.name);
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s, %s %s</p>", p.name, p.address, p.postcode, p.city);
	hosp_file photo;
	if (place_photo_read(rq->db, rq->person_id, p.id, false, &photo, &e2) == BG_OK)
		h_printf(b, "<img class=\"place-photo\" src=\"/api/v1/places/%lld/photo\" alt=\"%s\">", (long long)p.id,
			 photo.filename);
	buf_free(&photo.data);
	bool manager = place_may_manage(rq->db, rq->person_id, &p, &e2) == BG_OK;
	if (manager)
		h_printf(b, "<p><a href=\"/places/%lld/manage\">%s</a> · <a href=\"#calendar\">%s</a></p>", (long long)p.id,
			 tr(L, "Manage this place"), tr(L, "Calendar link for this place"));
	if (p.accessibility[0])
		h_printf(b, "<p><strong>%s</strong> %s</p>", tr(L, "Accessibility:"), p.accessibility);
	h_printf(b, "<h2>%s</h2><table><tbody>", tr(L, "Opening hours"));
	for (int w = 1; w <= 7; w++) {
		h_printf(b, "<tr><th scope=\"row\">%s</th><td>", tr(L, wh_weekdays[w - 1]));
		db_stmt *s = db_query(rq->db, "SELECT opens, closes FROM place_hours WHERE place_id = ? AND weekday = ?"
					      " ORDER BY opens", "ii", p.id, (int64_t)w);
		int k = 0;
		buf t;
		buf_init(&t);
		for (; s && db_next(s) == 1; k++)
			buf_printf(&t, "%s%02d:%02d–%02d:%02d", k ? ", " : "", (int)db_int(s, 0) / 60, (int)db_int(s, 0) % 60,
				   (int)db_int(s, 1) / 60, (int)db_int(s, 1) % 60);
		db_done(s);
		h_text(b, t.data ? t.data : "");
		buf_free(&t);
		if (!k)
			h_printf(b, "%s", tr(L, "closed"));
		h_printf(b, "</td></tr>");
	}
	h_printf(b, "</tbody></table>");
	/* free slots of the week from the chosen day, or of its month */
	const char *view = rq_query(rq, "view");
	bool month_view = view && strcmp(view, "month") == 0;
	h_printf(b, "<h2 id=\"free\">%s</h2><form method=\"get\" action=\"/places/%lld#free\" class=\"filters\">"
		    "<div class=\"field\"><label for=\"f-show\">%s</label><input id=\"f-show\" type=\"date\" name=\"day\" value=\"%s\"></div>"
		    "<div class=\"field\">",
		 tr(L, "Free slots"), (long long)p.id, tr(L, "From"), ds);
	if (month_view)
		h_printf(b, "<input type=\"hidden\" name=\"view\" value=\"month\">");
	h_printf(b, "<button type=\"submit\">%s</button></div></form>", tr(L, "Show"));
	h_printf(b, "<p class=\"views\">%s <a href=\"/places/%lld?day=%s#free\"", tr(L, "Show:"), (long long)p.id, ds);
	if (!month_view)
		h_printf(b, " aria-current=\"page\"");
	h_printf(b, ">%s</a> · <a href=\"/places/%lld?view=month&amp;day=%s#free\"", tr(L, "a week"), (long long)p.id, ds);
	if (month_view)
		h_printf(b, " aria-current=\"page\"");
	h_printf(b, ">%s</a></p>", tr(L, "a month"));
	if (month_view) {
		wh_month_table(rq, rs, &p, y, m);
		int py = m == 1 ? y - 1 : y, pm = m == 1 ? 12 : m - 1, ny = m == 12 ? y + 1 : y, nm = m == 12 ? 1 : m + 1;
		h_printf(b, "<p><a href=\"/places/%lld?view=month&amp;day=%04d-%02d-01#free\">← %s</a> · "
			    "<a href=\"/places/%lld?view=month&amp;day=%04d-%02d-01#free\">%s →</a></p>",
			 (long long)p.id, py, pm, tr(L, "Previous month"), (long long)p.id, ny, nm, tr(L, "Next month"));
	} else {
		wh_week_table(rq, rs, &p, day);
		int py, pm, pd, ny, nm, nd;
		date_from_days(day - 7, &py, &pm, &pd);
		date_from_days(day + 7, &ny, &nm, &nd);
		char prev[32], next[32];
		snprintf(prev, sizeof prev, "%04d-%02d-%02d", py, pm, pd);
		snprintf(next, sizeof next, "%04d-%02d-%02d", ny, nm, nd);
		h_printf(b, "<p><a href=\"/places/%lld?day=%s#free\">← %s</a> · <a href=\"/places/%lld?day=%s#free\">%s →</a></p>",
			 (long long)p.id, prev, tr(L, "Previous week"), (long long)p.id, next, tr(L, "Next week"));
	}
	/* booking form */
	h_printf(b, "<h2 id=\"book\">%s</h2>", tr(L, "Book"));
	page_error_summary(rq, rs, err);
	if (clash && clash->resource_id) {
		h_printf(b, "<p class=\"alert\" role=\"alert\">%s ", tr(L, "Taken from"));
		wh_when(rq, b, p.timezone, clash->starts_at);
		h_printf(b, " %s ", tr(L, "to"));
		wh_when(rq, b, p.timezone, clash->ends_at);
		h_printf(b, "</p>");
	}
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/book\" novalidate>", (long long)p.id);
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-resource_id\">%s</label>", tr(L, "Resource"));
	wh_field_error(rq, rs, err, "resource_id");
	h_printf(b, "<select id=\"f-resource_id\" name=\"resource_id\">");
	db_stmt *s = db_query(rq->db, "SELECT id, name, kind, parent_id IS NOT NULL FROM resources WHERE place_id = ?"
				      " AND archived = 0 ORDER BY coalesce(parent_id, id), id", "i", p.id);
	while (s && db_next(s) == 1) {
		char idtxt[24];
		snprintf(idtxt, sizeof idtxt, "%lld", (long long)db_int(s, 0));
		h_printf(b, "<option value=\"%s\"%s>%s%s (%s)</option>", idtxt,
			 rid_in && strcmp(rid_in, idtxt) == 0 ? " selected" : "", db_int(s, 3) ? "— " : "",
			 db_text(s, 1), wh_kind(rq, db_text(s, 2)));
	}
	db_done(s);
	h_printf(b, "</select></div>");
	page_input(rq, rs, "day", tr(L, "Day"), "date", day_in ? day_in : ds, NULL, err);
	page_input(rq, rs, "starts_at", tr(L, "From (local time)"), "time", from_in ? from_in : "09:00", NULL, err);
	page_input(rq, rs, "ends_at", tr(L, "To (local time)"), "time", to_in ? to_in : "10:00", NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Book this slot"));
	if (manager)
		wh_place_feeds(rq, rs, &p, feed_url);
	page_end(rq, rs);
}

/* A coordinate's input on the management page, optional, with its hint
 * and, when err names it, the message next to it. */
static void wh_coord_input(request *rq, response *rs, const char *name, const char *label, const char *value,
			   const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = err && err->field && strcmp(err->field, name) == 0;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s\">%s</label>", bad ? " invalid" : "", name, label);
	if (bad)
		h_printf(b, "<p class=\"error\" id=\"e-%s\">%s</p>", name, tr(rq->lang, err->msgid));
	h_printf(b, "<input id=\"f-%s\" name=\"%s\" type=\"text\" inputmode=\"decimal\" value=\"%s\" autocomplete=\"off\"",
		 name, name, value ? value : "");
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"h-position e-%s\"></div>", name);
	else
		h_printf(b, " aria-describedby=\"h-position\"></div>");
}

/* The position form of the management page: the place's own latitude and
 * longitude (typed values and the error when it comes back). */
static void wh_position_form(request *rq, response *rs, const place *p, const char *lat_in, const char *lon_in,
			     const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	char lat[24] = "", lon[24] = "";
	if (p->has_position) {
		geo_format_degrees(lat, sizeof lat, p->latitude_e6);
		geo_format_degrees(lon, sizeof lon, p->longitude_e6);
	}
	geo_department dep;
	h_printf(b, "<h2 id=\"position\">%s</h2>", tr(L, "Position on the map"));
	if (rq_query(rq, "position") && !err)
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "The position is saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/position\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	if (geo_department_of(p->postcode, &dep))
		h_printf(b, "<p class=\"hint\" id=\"h-position\">%s</p>",
			 arena_printf(&rq->arena, tr(L, "In decimal degrees, like 44.8378 and -0.5792. Leave both empty to show the place at the centre of its department (%s)."),
				      dep.name));
	else
		h_printf(b, "<p class=\"hint\" id=\"h-position\">%s</p>",
			 tr(L, "In decimal degrees, like 44.8378 and -0.5792. Without them, the place is listed under the map."));
	h_printf(b, "<div class=\"coords\">");
	wh_coord_input(rq, rs, "latitude", tr(L, "Latitude"), lat_in ? lat_in : lat, err);
	wh_coord_input(rq, rs, "longitude", tr(L, "Longitude"), lon_in ? lon_in : lon, err);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Save the position"));
}

/* ---------- editing a place and its resources (management page) ---------- */


/* A form of the management page coming back: which one ("details",
 * "hours", "resource"), what was typed, the error, the resource it edits,
 * the weekday at fault in the hours. */
typedef struct manage_back {
	const char *which;
	const form *f;
	bg_error *err;
	int64_t rid;
	int bad_weekday;
} manage_back;

/* The error of a form coming back when it is this form. */
static const bg_error *wh_back_err(const manage_back *mb, const char *which, int64_t rid)
{
	return mb && mb->which && strcmp(mb->which, which) == 0 && mb->rid == rid ? mb->err : NULL;
}

/* What was typed in a field of this form coming back, else the value shown. */
static const char *wh_back_value(const manage_back *mb, const char *which, int64_t rid, const char *name,
				 const char *value)
{
	if (mb && mb->f && mb->which && strcmp(mb->which, which) == 0 && mb->rid == rid) {
		const char *v = form_get(mb->f, name);
		return v ? v : "";
	}
	return value;
}

/* A labelled input of an edit form: id f-<prefix><name>, an optional hint,
 * the message next to it when err names it.  type "textarea" writes one. */
static void wh_edit_input(request *rq, response *rs, const char *prefix, const char *name, const char *label,
			  const char *type, const char *value, const char *hint, const bg_error *err)
{
	buf *b = &rs->body;
	bool bad = err && err->field && strcmp(err->field, name) == 0;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%s%s\">%s</label>", bad ? " invalid" : "", prefix, name, label);
	if (hint)
		h_printf(b, "<p class=\"hint\" id=\"h-%s%s\">%s</p>", prefix, name, hint);
	if (bad)
		h_printf(b, "<p class=\"error\" id=\"e-%s%s\">%s</p>", prefix, name, tr(rq->lang, err->msgid));
	if (strcmp(type, "textarea") == 0)
		h_printf(b, "<textarea id=\"f-%s%s\" name=\"%s\" rows=\"3\"", prefix, name, name);
	else
		h_printf(b, "<input id=\"f-%s%s\" name=\"%s\" type=\"%s\" value=\"%s\" autocomplete=\"off\"", prefix, name,
			 name, type, value ? value : "");
	if (bad)
		h_printf(b, " aria-invalid=\"true\"");
	if (hint || bad)
		h_printf(b, " aria-describedby=\"%s%s%s%s%s%s%s\"", hint ? "h-" : "", hint ? prefix : "", hint ? name : "",
			 hint && bad ? " " : "", bad ? "e-" : "", bad ? prefix : "", bad ? name : "");
	if (strcmp(type, "textarea") == 0)
		h_printf(b, ">%s</textarea></div>", value ? value : "");
	else
		h_printf(b, "></div>");
}

/* A checkbox of an edit form. */
static void wh_edit_check(request *rq, response *rs, const char *prefix, const char *name, const char *label, bool on)
{
	h_printf(&rs->body, "<div class=\"field check\"><input id=\"f-%s%s\" type=\"checkbox\" name=\"%s\" value=\"1\"%s> "
			    "<label for=\"f-%s%s\">%s</label></div>",
		 prefix, name, name, on ? " checked" : "", prefix, name, label);
}

/* A notice after a saved change (?saved=what). */
static void wh_saved_notice(request *rq, response *rs, const char *what, const char *msgid)
{
	const char *saved = rq_query(rq, "saved");
	if (saved && strcmp(saved, what) == 0)
		h_printf(&rs->body, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(rq->lang, msgid));
}

/* The details form: name, address, time zone, rules of booking. */
static void wh_details_form(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const bg_error *err = wh_back_err(mb, "details", 0);
	char n1[16], n2[16], n3[16];
	snprintf(n1, sizeof n1, "%d", p->cancel_deadline_min);
	snprintf(n2, sizeof n2, "%d", p->checkin_release_min);
	snprintf(n3, sizeof n3, "%d", p->offer_minutes);
	h_printf(b, "<h2 id=\"details\">%s</h2>", tr(L, "Details of the place"));
	wh_saved_notice(rq, rs, "details", N_("The details are saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/details\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
#define V(name, value) wh_back_value(mb, "details", 0, name, value)
	wh_edit_input(rq, rs, "", "name", tr(L, "Name"), "text", V("name", p->name), NULL, err);
	wh_edit_input(rq, rs, "", "address", tr(L, "Address"), "text", V("address", p->address), NULL, err);
	wh_edit_input(rq, rs, "", "postcode", tr(L, "Postcode"), "text", V("postcode", p->postcode), NULL, err);
	wh_edit_input(rq, rs, "", "city", tr(L, "City"), "text", V("city", p->city), NULL, err);
	wh_edit_input(rq, rs, "", "territory", tr(L, "Territory"), "text", V("territory", p->territory), NULL, err);
	wh_edit_input(rq, rs, "", "timezone", tr(L, "Time zone"), "text", V("timezone", p->timezone),
		      tr(L, "A zone name like Europe/Paris or America/Cayenne."), err);
	wh_edit_input(rq, rs, "", "accessibility", tr(L, "Accessibility"), "textarea", V("accessibility", p->accessibility),
		      NULL, err);
	wh_edit_check(rq, rs, "", "restricted", tr(L, "Reserved to the people of its cooperative"),
		      mb && mb->f && wh_back_err(mb, "details", 0) ? form_get(mb->f, "restricted") != NULL : p->restricted);
	wh_edit_input(rq, rs, "", "cancel_deadline_min", tr(L, "Cancellation deadline (minutes before the start)"), "number",
		      V("cancel_deadline_min", n1), NULL, err);
	wh_edit_input(rq, rs, "", "checkin_release_min", tr(L, "Release without check-in after (minutes, 0: never)"), "number",
		      V("checkin_release_min", n2), NULL, err);
	wh_edit_input(rq, rs, "", "offer_minutes", tr(L, "A freed slot is kept for the next one waiting (minutes)"), "number",
		      V("offer_minutes", n3), NULL, err);
#undef V
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the details"));
}

/* Writes a day's ranges as "09:00-12:00, 14:00-18:00". */
static void wh_hours_text(buf *t, const place_hours *h, int n, int weekday)
{
	int k = 0;
	for (int i = 0; i < n; i++)
		if (h[i].weekday == weekday)
			buf_printf(t, "%s%02d:%02d-%02d:%02d", k++ ? ", " : "", h[i].opens / 60, h[i].opens % 60,
				   h[i].closes / 60, h[i].closes % 60);
}

/* The weekly hours form: one field a day. */
static void wh_hours_form(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const bg_error *err = wh_back_err(mb, "hours", 0);
	place_hours h[7 * HOSP_HOURS_MAX_PER_DAY];
	int n = place_hours_get(rq->db, p->id, h, 7 * HOSP_HOURS_MAX_PER_DAY);
	h_printf(b, "<h2 id=\"hours\">%s</h2>", tr(L, "Weekly opening hours"));
	wh_saved_notice(rq, rs, "hours", N_("The opening hours are saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/hours\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<p class=\"hint\">%s</p>",
		 tr(L, "One line a day: ranges like 09:00-12:30, 14:00-18:00 (24:00 for midnight); leave it empty when closed."));
	for (int w = 1; w <= 7; w++) {
		char name[16];
		snprintf(name, sizeof name, "h%d", w);
		buf t;
		buf_init(&t);
		wh_hours_text(&t, h, n, w);
		bg_error day_err;
		const bg_error *e = NULL;
		if (err && mb->bad_weekday == w) {
			day_err = *err;
			day_err.field = name;
			e = &day_err;
		}
		wh_edit_input(rq, rs, "", name, tr(L, wh_weekdays[w - 1]), "text",
			      wh_back_value(mb, "hours", 0, name, t.data ? t.data : ""), NULL, e);
		buf_free(&t);
	}
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the opening hours"));
}

/* The forms adding an exception (other hours one day, or closed) and a
 * closure (a range of days). */
static void wh_rules_forms(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const bg_error *err = wh_back_err(mb, "exception", 0);
	h_printf(b, "<h3 id=\"add-exception\">%s</h3>", tr(L, "Other hours one day"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/exceptions\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<p class=\"hint\">%s</p><div class=\"coords\">", tr(L, "Leave both hours empty to close the place that day."));
	wh_edit_input(rq, rs, "x-", "day", tr(L, "Day"), "date", wh_back_value(mb, "exception", 0, "day", ""), NULL, err);
	wh_edit_input(rq, rs, "x-", "opens", tr(L, "Opens at"), "time", wh_back_value(mb, "exception", 0, "opens", ""), NULL,
		      err);
	wh_edit_input(rq, rs, "x-", "closes", tr(L, "Closes at"), "time", wh_back_value(mb, "exception", 0, "closes", ""), NULL,
		      err);
	h_printf(b, "</div><button type=\"submit\">%s</button></form>", tr(L, "Add the exception"));
	err = wh_back_err(mb, "closure", 0);
	h_printf(b, "<h3 id=\"add-closure\">%s</h3>", tr(L, "A closure over several days"));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/closures\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"coords\">");
	wh_edit_input(rq, rs, "c-", "first_day", tr(L, "First day"), "date", wh_back_value(mb, "closure", 0, "first_day", ""),
		      NULL, err);
	wh_edit_input(rq, rs, "c-", "last_day", tr(L, "Last day"), "date", wh_back_value(mb, "closure", 0, "last_day", ""), NULL,
		      err);
	h_printf(b, "</div>");
	wh_edit_input(rq, rs, "c-", "reason", tr(L, "Reason (shown to members)"), "text",
		      wh_back_value(mb, "closure", 0, "reason", ""), NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Add the closure"));
}

/* The exceptions and closures to come, each with a button removing it,
 * then the forms adding them. */
static void wh_rules_list(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	char today[11];
	tz_day_from_today(TZ_GROUP, -1, today);
	h_printf(b, "<h2 id=\"exceptions\">%s</h2>", tr(L, "Exceptions and closures to come"));
	wh_saved_notice(rq, rs, "removed", N_("Removed."));
	wh_saved_notice(rq, rs, "rule", N_("Added."));
	db_stmt *s = db_query(rq->db, "SELECT 'exceptions', id, day, '', opens, closes, '' FROM place_exceptions"
				      " WHERE place_id = ? AND day >= ? UNION ALL SELECT 'closures', id, first_day, last_day, 0, 0,"
				      " reason FROM place_closures WHERE place_id = ? AND last_day >= ? ORDER BY 3, 1",
			      "isis", p->id, today, p->id, today);
	int k = 0;
	for (; s && db_next(s) == 1; k++) {
		bool closure = strcmp(db_text(s, 0), "closures") == 0;
		if (!k)
			h_printf(b, "<ul class=\"rules\">");
		h_printf(b, "<li>");
		if (closure) {
			h_printf(b, "%s", arena_printf(&rq->arena, tr(L, "Closed from %s to %s"), db_text(s, 2), db_text(s, 3)));
			if (db_text(s, 6) && db_text(s, 6)[0])
				h_printf(b, " (%s)", db_text(s, 6));
		} else if (db_int(s, 4) == 0 && db_int(s, 5) == 0) {
			h_printf(b, "%s", arena_printf(&rq->arena, tr(L, "Closed on %s"), db_text(s, 2)));
		} else {
			char range[64];
			snprintf(range, sizeof range, "%02d:%02d-%02d:%02d", (int)db_int(s, 4) / 60, (int)db_int(s, 4) % 60,
				 (int)db_int(s, 5) / 60, (int)db_int(s, 5) % 60);
			h_printf(b, "%s", arena_printf(&rq->arena, tr(L, "On %s: open %s"), db_text(s, 2), range));
		}
		h_printf(b, " <form method=\"post\" action=\"/places/%lld/%s/%lld/delete\" class=\"inline\">", (long long)p->id,
			 db_text(s, 0), (long long)db_int(s, 1));
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\" aria-label=\"%s\">%s</button></form></li>",
			 arena_printf(&rq->arena, tr(L, "Remove the rule of %s"), db_text(s, 2)), tr(L, "Remove"));
	}
	db_done(s);
	if (k)
		h_printf(b, "</ul>");
	else
		h_printf(b, "<p class=\"muted\">%s</p>", tr(L, "None."));
	wh_rules_forms(rq, rs, p, mb);
}

/* A resource's edit form and its archive form. */
static void wh_resource_forms(request *rq, response *rs, const place *p, const resource *r, const resource *all, int nall,
			      const manage_back *mb)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const bg_error *err = wh_back_err(mb, "resource", r->id);
	char prefix[32], n1[16], n2[16], n3[16], n4[16];
	snprintf(prefix, sizeof prefix, "r%lld-", (long long)r->id);
	snprintf(n1, sizeof n1, "%d", r->capacity);
	snprintf(n2, sizeof n2, "%d", r->min_notice_min);
	snprintf(n3, sizeof n3, "%d", r->max_duration_min);
	snprintf(n4, sizeof n4, "%d", r->buffer_min);
	const bg_error *aerr = wh_back_err(mb, "archive-resource", r->id);
	h_printf(b, "<details id=\"resource-%lld\"%s><summary>%s · %s</summary>", (long long)r->id, err || aerr ? " open" : "",
		 r->name, wh_kind(rq, r->kind));
	wh_saved_notice(rq, rs, arena_printf(&rq->arena, "resource-%lld", (long long)r->id), N_("The resource is saved."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/resources/%lld/edit\" novalidate>", (long long)r->id);
	page_csrf_field(rq, rs);
#define V(name, value) wh_back_value(mb, "resource", r->id, name, value)
	wh_edit_input(rq, rs, prefix, "name", tr(L, "Name"), "text", V("name", r->name), NULL, err);
	const char *kind = V("kind", r->kind);
	bool bad = err && err->field && strcmp(err->field, "kind") == 0;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%skind\">%s</label>", bad ? " invalid" : "", prefix, tr(L, "Kind"));
	if (bad)
		h_printf(b, "<p class=\"error\" id=\"e-%skind\">%s</p>", prefix, tr(L, err->msgid));
	h_printf(b, "<select id=\"f-%skind\" name=\"kind\">", prefix);
	for (int i = 0; kind_names[i]; i += 2)
		h_printf(b, "<option value=\"%s\"%s>%s</option>", kind_names[i], strcmp(kind, kind_names[i]) == 0 ? " selected" : "",
			 tr(L, kind_names[i + 1]));
	h_printf(b, "</select></div>");
	wh_edit_input(rq, rs, prefix, "capacity", tr(L, "Capacity"), "number", V("capacity", n1),
		      tr(L, "How many bookings may overlap."), err);
	const char *parent = V("parent_id", arena_printf(&rq->arena, "%lld", (long long)r->parent_id));
	bad = err && err->field && strcmp(err->field, "parent_id") == 0;
	h_printf(b, "<div class=\"field%s\"><label for=\"f-%sparent_id\">%s</label>", bad ? " invalid" : "", prefix,
		 tr(L, "Inside"));
	if (bad)
		h_printf(b, "<p class=\"error\" id=\"e-%sparent_id\">%s</p>", prefix, tr(L, err->msgid));
	h_printf(b, "<select id=\"f-%sparent_id\" name=\"parent_id\"><option value=\"0\">%s</option>", prefix, tr(L, "Nothing"));
	for (int i = 0; i < nall; i++)
		if (all[i].id != r->id && !all[i].parent_id)
			h_printf(b, "<option value=\"%lld\"%s>%s</option>", (long long)all[i].id,
				 atoll(parent) == all[i].id ? " selected" : "", all[i].name);
	h_printf(b, "</select></div>");
	wh_edit_input(rq, rs, prefix, "min_notice_min", tr(L, "Minimum notice (minutes)"), "number", V("min_notice_min", n2), NULL, err);
	wh_edit_input(rq, rs, prefix, "max_duration_min", tr(L, "Longest booking (minutes)"), "number", V("max_duration_min", n3),
		      NULL, err);
	wh_edit_input(rq, rs, prefix, "buffer_min", tr(L, "Buffer between bookings (minutes)"), "number", V("buffer_min", n4), NULL,
		      err);
#undef V
	wh_edit_check(rq, rs, prefix, "needs_approval", tr(L, "Bookings wait for a host's approval"),
		      err && mb->f ? form_get(mb->f, "needs_approval") != NULL : r->needs_approval);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the resource"));
	page_error_summary(rq, rs, aerr);
	h_printf(b, "<form method=\"post\" action=\"/resources/%lld/archive\" novalidate>", (long long)r->id);
	page_csrf_field(rq, rs);
	wh_edit_check(rq, rs, prefix, "cancel_bookings", tr(L, "Cancel its bookings to come (their bookers get a mail)"), false);
	h_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form></details>", tr(L, "Archive this resource"));
	(void)p;
}

/* The resources of the place, each with its forms. */
static void wh_resources_section(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	h_printf(&rs->body, "<h2 id=\"resources\">%s</h2>", tr(L, "Resources"));
	wh_saved_notice(rq, rs, "archived", N_("The resource is archived."));
	int n = 0;
	resource *all = place_resources(rq->db, p->id, &n);
	for (int i = 0; all && i < n; i++)
		wh_resource_forms(rq, rs, p, &all[i], all, n, mb);
	if (!n)
		h_printf(&rs->body, "<p class=\"muted\">%s</p>", tr(L, "None."));
	free(all);
}

/* Archiving the place, at the bottom of the page. */
static void wh_archive_place_form(request *rq, response *rs, const place *p, const manage_back *mb)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	h_printf(b, "<section class=\"danger-zone\" aria-labelledby=\"archive-place\"><h2 id=\"archive-place\">%s</h2>",
		 tr(L, "Archive the place"));
	h_printf(b, "<p>%s</p>", tr(L, "An archived place is no longer listed nor bookable. Its bookings to come must be cancelled first, or with it."));
	page_error_summary(rq, rs, wh_back_err(mb, "archive-place", 0));
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/archive\" novalidate>", (long long)p->id);
	page_csrf_field(rq, rs);
	wh_edit_check(rq, rs, "place-", "cancel_bookings", tr(L, "Cancel its bookings to come (their bookers get a mail)"), false);
	h_printf(b, "<button type=\"submit\" class=\"secondary\">%s</button></form></section>", tr(L, "Archive this place"));
}

/* The management page of a place: its photo and alternative text, its
 * position on the map, its details, weekly hours, exceptions and closures,
 * resources, and archiving.  alt_in/err: the photo form coming back;
 * lat_in, lon_in/pos_err: the position form coming back; mb: one of the
 * edit forms coming back (or NULL). */
static void wh_manage_page(request *rq, response *rs, int64_t id, const char *alt_in, const bg_error *err,
			   const char *lat_in, const char *lon_in, const bg_error *pos_err, const manage_back *mb)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	place p;
	bg_error e2;
	if (place_get(rq->db, id, &p, &e2) != BG_OK || place_may_manage(rq->db, rq->person_id, &p, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, p.name);
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\"><a href=\"/places/%lld\">%s</a></p>", tr(L, "Manage a place"),
		 (long long)p.id, p.name);
	h_printf(b, "<nav aria-label=\"%s\"><ul class=\"inline-list\"><li><a href=\"#details\">%s</a></li><li><a href=\"#hours\">%s</a></li>"
		    "<li><a href=\"#exceptions\">%s</a></li><li><a href=\"#resources\">%s</a></li><li><a href=\"#photo\">%s</a></li>"
		    "<li><a href=\"#position\">%s</a></li></ul></nav>",
		 tr(L, "Sections of the page"), tr(L, "Details of the place"), tr(L, "Weekly opening hours"),
		 tr(L, "Exceptions and closures to come"), tr(L, "Resources"), tr(L, "Photo"), tr(L, "Position on the map"));
	wh_details_form(rq, rs, &p, mb);
	wh_hours_form(rq, rs, &p, mb);
	wh_rules_list(rq, rs, &p, mb);
	wh_resources_section(rq, rs, &p, mb);
	h_printf(b, "<h2 id=\"photo\">%s</h2>", tr(L, "Photo"));
	hosp_file photo;
	bool has = place_photo_read(rq->db, rq->person_id, p.id, false, &photo, &e2) == BG_OK;
	if (has)
		h_printf(b, "<img class=\"place-photo\" src=\"/api/v1/places/%lld/photo\" alt=\"%s\">", (long long)p.id,
			 photo.filename);
	else
		h_printf(b, "<p class=\"muted\">%s</p>", tr(L, "No photo yet."));
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/places/%lld/photo\" enctype=\"multipart/form-data\" novalidate>",
		 (long long)p.id);
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-photo\">%s</label><p class=\"hint\" id=\"h-photo\">%s</p>",
		 tr(L, "Photo of the place"), tr(L, "A JPEG or PNG file of at most 512 KiB."));
	bool bad = wh_field_error(rq, rs, err, "photo");
	h_printf(b, "<input id=\"f-photo\" type=\"file\" name=\"photo\" accept=\".jpg,.jpeg,.png,image/jpeg,image/png\"");
	if (bad)
		h_printf(b, " aria-describedby=\"h-photo e-photo\" aria-invalid=\"true\"");
	else
		h_printf(b, " aria-describedby=\"h-photo\"");
	h_printf(b, "></div>");
	page_input(rq, rs, "alt", tr(L, "Description of the photo (for those who cannot see it)"), "text",
		   alt_in ? alt_in : (has ? photo.filename : NULL), NULL, err);
	buf_free(&photo.data);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Save the photo"));
	wh_position_form(rq, rs, &p, lat_in, lon_in, pos_err);
	wh_archive_place_form(rq, rs, &p, mb);
	page_end(rq, rs);
}

/* GET /places/{id}/manage */
static void web_place_manage(request *rq, response *rs)
{
	wh_manage_page(rq, rs, rq_param_id(rq, 0), NULL, NULL, NULL, NULL, NULL, NULL);
}

/* POST /places/{id}/position — latitude, longitude (both empty: the
 * centre of the department); errors next to the field. */
static void web_place_position(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *lat_s = form_get(f, "latitude"), *lon_s = form_get(f, "longitude");
	int64_t lat = 0, lon = 0;
	bool has;
	if (geo_parse_position(lat_s, lon_s, &has, &lat, &lon, &err) == BG_OK &&
	    db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (place_set_position(rq->db, rq->person_id, id, has, lat, lon, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/places/%lld/manage?position=saved#position", (long long)id));
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_NOT_FOUND || err.status == BG_ERR_FORBIDDEN) {
		page_error(rq, rs, &err);
		return;
	}
	wh_manage_page(rq, rs, id, NULL, NULL, lat_s, lon_s, &err, NULL);
	rs->status = 422;
}

/* POST /places/{id}/photo — multipart: photo (file), alt. */
static void web_place_photo(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	const multipart_file *file = rq_file(rq, "photo");
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (place_photo_set(rq->db, rq->person_id, id, file ? file->data : NULL, file ? file->size : 0,
				    form_get(f, "alt"), &err) == BG_OK && db_commit(rq->db, &err) == BG_OK) {
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/places/%lld", (long long)id));
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_NOT_FOUND || err.status == BG_ERR_FORBIDDEN) {
		page_error(rq, rs, &err);
		return;
	}
	wh_manage_page(rq, rs, id, form_get(f, "alt"), &err, NULL, NULL, NULL, NULL);
	rs->status = 422;
}

/* Reads a whole number of a form field into *out (empty: left as is);
 * false with err naming the field when it is not one. */
static bool wh_form_int(const form *f, const char *name, int *out, bg_error *err)
{
	const char *s = form_get(f, name);
	if (!s || !*s)
		return true;
	char *end;
	long v = strtol(s, &end, 10);
	if (*end || v < -1000000 || v > 1000000) {
		bg_fail(err, BG_ERR_INVALID, "invalid_value", name, N_("Give a whole number."));
		return false;
	}
	*out = (int)v;
	return true;
}

/* Copies a form field into a fixed buffer; false with err naming the
 * field when it is too long. */
static bool wh_form_text(const form *f, const char *name, char *dst, size_t cap, bg_error *err)
{
	const char *s = form_get(f, name);
	if (!s)
		s = "";
	if (strlen(s) >= cap) {
		bg_fail(err, BG_ERR_INVALID, "too_long", name, N_("This text is too long."));
		return false;
	}
	snprintf(dst, cap, "%s", s);
	return true;
}

/* Answers a form of the management page that failed: the page again with
 * the message next to the field (422, 409 for a conflict), or the error
 * page when the place is not there or not the actor's to manage. */
static void wh_manage_back(request *rq, response *rs, int64_t place_id, manage_back *mb)
{
	if (mb->err->status == BG_ERR_NOT_FOUND || mb->err->status == BG_ERR_FORBIDDEN) {
		page_error(rq, rs, mb->err);
		return;
	}
	wh_manage_page(rq, rs, place_id, NULL, NULL, NULL, NULL, NULL, mb);
	rs->status = mb->err->status == BG_ERR_CONFLICT ? 409 : 422;
}

/* Commits and redirects to the management page at an anchor, or rolls
 * back and answers the form again. */
static void wh_manage_done(request *rq, response *rs, int64_t place_id, bg_status st, manage_back *mb, const char *saved,
			   const char *anchor)
{
	if (st == BG_OK && db_commit(rq->db, mb->err) == BG_OK) {
		rq_kick_mailer(rq);
		rs_redirect(rq, rs, arena_printf(&rq->arena, "/places/%lld/manage?saved=%s#%s", (long long)place_id, saved, anchor));
		return;
	}
	db_rollback(rq->db);
	wh_manage_back(rq, rs, place_id, mb);
}

/* POST /places/{id}/details — the place's fields (owner and position aside). */
static void web_place_details(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	manage_back mb = {"details", f, &err, 0, 0};
	place p;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = place_get(rq->db, id, &p, &err);
	if (st == BG_OK && !(wh_form_text(f, "name", p.name, sizeof p.name, &err) &&
			     wh_form_text(f, "address", p.address, sizeof p.address, &err) &&
			     wh_form_text(f, "postcode", p.postcode, sizeof p.postcode, &err) &&
			     wh_form_text(f, "city", p.city, sizeof p.city, &err) &&
			     wh_form_text(f, "territory", p.territory, sizeof p.territory, &err) &&
			     wh_form_text(f, "timezone", p.timezone, sizeof p.timezone, &err) &&
			     wh_form_text(f, "accessibility", p.accessibility, sizeof p.accessibility, &err) &&
			     wh_form_int(f, "cancel_deadline_min", &p.cancel_deadline_min, &err) &&
			     wh_form_int(f, "checkin_release_min", &p.checkin_release_min, &err) &&
			     wh_form_int(f, "offer_minutes", &p.offer_minutes, &err)))
		st = err.status;
	if (st == BG_OK) {
		p.restricted = form_get(f, "restricted") != NULL;
		st = place_update(rq->db, rq->person_id, &p, &err);
	}
	wh_manage_done(rq, rs, id, st, &mb, "details", "details");
}

/* Parses a day's line "09:00-12:30, 14:00-18:00" into hours of weekday w;
 * false when a range is not written so. */
static bool wh_parse_day(const char *s, int w, place_hours *h, int *n, int max)
{
	char tmp[256];
	if (!s)
		return true;
	if (strlen(s) >= sizeof tmp)
		return false;
	snprintf(tmp, sizeof tmp, "%s", s);
	for (char *save = NULL, *tok = strtok_r(tmp, ",;", &save); tok; tok = strtok_r(NULL, ",;", &save)) {
		while (*tok == ' ')
			tok++;
		size_t len = strlen(tok);
		while (len && tok[len - 1] == ' ')
			tok[--len] = 0;
		if (!len)
			continue;
		/* the separator: "-" or an en dash */
		char *dash = strstr(tok, "\xe2\x80\x93");
		size_t dlen = 3;
		if (!dash) {
			dash = strchr(tok, '-');
			dlen = 1;
		}
		if (!dash || *n >= max)
			return false;
		*dash = 0;
		char a[8], b[8];
		const char *l = tok, *r = dash + dlen;
		while (*r == ' ')
			r++;
		size_t ll = strlen(l);
		while (ll && l[ll - 1] == ' ')
			ll--;
		/* "9:00" is read as "09:00" */
		snprintf(a, sizeof a, "%s%.*s", ll == 4 ? "0" : "", (int)ll, l);
		snprintf(b, sizeof b, "%s%s", strlen(r) == 4 ? "0" : "", r);
		if (!hosp_parse_hhmm(a, &h[*n].opens) || !hosp_parse_hhmm(b, &h[*n].closes))
			return false;
		h[(*n)++].weekday = w;
	}
	return true;
}

/* POST /places/{id}/hours — h1…h7, one line a day. */
static void web_place_hours(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	manage_back mb = {"hours", f, &err, 0, 0};
	place_hours h[7 * HOSP_HOURS_MAX_PER_DAY];
	int n = 0;
	for (int w = 1; w <= 7; w++) {
		char name[16];
		snprintf(name, sizeof name, "h%d", w);
		if (!wh_parse_day(form_get(f, name), w, h, &n, 7 * HOSP_HOURS_MAX_PER_DAY)) {
			bg_fail(&err, BG_ERR_INVALID, "invalid_hours", "hours",
				N_("Write ranges like 09:00-12:30, 14:00-18:00."));
			mb.bad_weekday = w;
			place p;
			bg_error e2;
			/* a stranger learns nothing from the message: rights first */
			if (place_get(rq->db, id, &p, &e2) != BG_OK || place_may_manage(rq->db, rq->person_id, &p, &e2) != BG_OK) {
				page_error(rq, rs, &e2);
				return;
			}
			wh_manage_back(rq, rs, id, &mb);
			return;
		}
	}
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = place_set_hours(rq->db, rq->person_id, id, h, n, &mb.bad_weekday, &err);
	wh_manage_done(rq, rs, id, st, &mb, "hours", "hours");
}

/* POST /places/{id}/exceptions/{eid}/delete and …/closures/{cid}/delete. */
static void wh_rule_delete(request *rq, response *rs, bool closure)
{
	bg_error err = {0};
	int64_t id = rq_param_id(rq, 0), rid = rq_param_id(rq, 1);
	manage_back mb = {"rules", NULL, &err, 0, 0};
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = closure ? place_remove_closure(rq->db, rq->person_id, id, rid, &err)
			     : place_remove_exception(rq->db, rq->person_id, id, rid, &err);
	wh_manage_done(rq, rs, id, st, &mb, "removed", "exceptions");
}

/* POST /places/{id}/exceptions — day, opens, closes (both empty: closed). */
static void web_place_exception_add(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	manage_back mb = {"exception", f, &err, 0, 0};
	const char *o = form_get(f, "opens"), *c = form_get(f, "closes");
	int opens = 0, closes = 0;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK && o && *o && !hosp_parse_hhmm(o, &opens))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_hours", "opens", N_("Give a time like 09:30."));
	if (st == BG_OK && c && *c && !hosp_parse_hhmm(c, &closes))
		st = bg_fail(&err, BG_ERR_INVALID, "invalid_hours", "closes", N_("Give a time like 09:30."));
	if (st == BG_OK)
		st = place_add_exception(rq->db, rq->person_id, id, form_get(f, "day") ? form_get(f, "day") : "", opens, closes,
					 &err);
	wh_manage_done(rq, rs, id, st, &mb, "rule", "exceptions");
}

/* POST /places/{id}/closures — first_day, last_day, reason. */
static void web_place_closure_add(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	manage_back mb = {"closure", f, &err, 0, 0};
	const char *reason = form_get(f, "reason");
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK && reason && strlen(reason) > 200)
		st = bg_fail(&err, BG_ERR_INVALID, "too_long", "reason", N_("This text is too long."));
	if (st == BG_OK)
		st = place_add_closure(rq->db, rq->person_id, id, form_get(f, "first_day") ? form_get(f, "first_day") : "",
				       form_get(f, "last_day") ? form_get(f, "last_day") : "", reason, &err);
	wh_manage_done(rq, rs, id, st, &mb, "rule", "exceptions");
}

static void web_place_exception_delete(request *rq, response *rs) { wh_rule_delete(rq, rs, false); }
static void web_place_closure_delete(request *rq, response *rs) { wh_rule_delete(rq, rs, true); }

/* POST /resources/{id}/edit — a resource's fields. */
static void web_resource_edit(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t rid = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	manage_back mb = {"resource", f, &err, rid, 0};
	resource r;
	booking_clash clash;
	int parent = 0;
	if (resource_get(rq->db, rid, &r, &err) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	parent = (int)r.parent_id;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK && !(wh_form_text(f, "name", r.name, sizeof r.name, &err) &&
			     wh_form_text(f, "kind", r.kind, sizeof r.kind, &err) &&
			     wh_form_int(f, "capacity", &r.capacity, &err) && wh_form_int(f, "parent_id", &parent, &err) &&
			     wh_form_int(f, "min_notice_min", &r.min_notice_min, &err) &&
			     wh_form_int(f, "max_duration_min", &r.max_duration_min, &err) &&
			     wh_form_int(f, "buffer_min", &r.buffer_min, &err)))
		st = err.status;
	if (st == BG_OK) {
		r.parent_id = parent;
		r.needs_approval = form_get(f, "needs_approval") != NULL;
		st = resource_update(rq->db, rq->person_id, &r, &clash, &err);
	}
	wh_manage_done(rq, rs, r.place_id, st, &mb, arena_printf(&rq->arena, "resource-%lld", (long long)rid),
		       arena_printf(&rq->arena, "resource-%lld", (long long)rid));
}

/* POST /resources/{id}/archive — cancel_bookings (checkbox). */
static void web_resource_archive(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t rid = rq_param_id(rq, 0);
	resource r;
	if (!f || resource_get(rq->db, rid, &r, &err) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	manage_back mb = {"archive-resource", f, &err, rid, 0};
	int remaining = 0;
	bg_status st = db_begin(rq->db, DB_WRITE, &err);
	if (st == BG_OK)
		st = resource_archive(rq->db, rq->person_id, rid, form_get(f, "cancel_bookings") != NULL, rq_base_url(rq),
				      &remaining, &err);
	wh_manage_done(rq, rs, r.place_id, st, &mb, "archived", "resources");
}

/* POST /places/{id}/archive — cancel_bookings (checkbox); then the list. */
static void web_place_archive(request *rq, response *rs)
{
	bg_error err = {0};
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	manage_back mb = {"archive-place", f, &err, 0, 0};
	int remaining = 0;
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (place_archive(rq->db, rq->person_id, id, form_get(f, "cancel_bookings") != NULL, rq_base_url(rq), &remaining,
				  &err) == BG_OK && db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, "/places");
			return;
		}
		db_rollback(rq->db);
	}
	wh_manage_back(rq, rs, id, &mb);
}

static void web_place(request *rq, response *rs)
{
	wh_place_page(rq, rs, rq_param_id(rq, 0), rq_query(rq, "day"), NULL, NULL, NULL, NULL, NULL, NULL);
}

/* POST /places/{id}/calendar-feed — a secret link to the place's calendar,
 * for those who manage it (the domain refuses the others). */
static void web_place_feed(request *rq, response *rs)
{
	bg_error err;
	char token[80];
	int64_t id, place_id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK)
		goto fail;
	if (hcal_feed_create(rq->db, rq->person_id, "place", place_id, token, sizeof token, &id, &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		db_rollback(rq->db);
		goto fail;
	}
	wh_place_page(rq, rs, place_id, NULL, NULL, NULL, NULL, NULL, NULL,
		      arena_printf(&rq->arena, "%s/calendar.ics?token=%s", rq_base_url(rq), token));
	return;
fail:
	page_fail(rq, rs, &err);
}

/* POST /places/{id}/calendar-feeds/{feed}/revoke — one's own link of the place */
static void web_place_feed_revoke(request *rq, response *rs)
{
	bg_error err;
	int64_t place_id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK)
		goto fail;
	if (hcal_feed_revoke(rq->db, rq->person_id, rq_param_id(rq, 1), &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		db_rollback(rq->db);
		goto fail;
	}
	rs_redirect(rq, rs, arena_printf(&rq->arena, "/places/%lld#calendar", (long long)place_id));
	return;
fail:
	page_fail(rq, rs, &err);
}

/* POST /places/{id}/book */
static void web_place_book(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *rid = form_get(f, "resource_id"), *day = form_get(f, "day");
	const char *from = form_get(f, "starts_at"), *to = form_get(f, "ends_at");
	booking_input in = {.resource_id = rid ? atoll(rid) : 0, .base_url = rq_base_url(rq)};
	booking_clash clash = {0};
	resource r;
	place p;
	char s1[40], s2[40];
	snprintf(s1, sizeof s1, "%.10sT%.5s", day ? day : "", from ? from : "");
	snprintf(s2, sizeof s2, "%.10sT%.5s", day ? day : "", to ? to : "");
	int64_t id = 0;
	if (resource_get(rq->db, in.resource_id, &r, &err) != BG_OK || r.place_id != rq_param_id(rq, 0) ||
	    place_get(rq->db, r.place_id, &p, &err) != BG_OK) {
		bg_fail(&err, BG_ERR_INVALID, "missing_field", "resource_id", N_("Choose a resource."));
	} else if (!hosp_parse_instant(s1, p.timezone, &in.starts_at)) {
		bg_fail(&err, BG_ERR_INVALID, "invalid_time", "starts_at", N_("Give a day and a time."));
	} else if (!hosp_parse_instant(s2, p.timezone, &in.ends_at)) {
		bg_fail(&err, BG_ERR_INVALID, "invalid_time", "ends_at", N_("Give a day and a time."));
	} else if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (booking_create(rq->db, rq->person_id, &in, &id, &clash, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/bookings?booked=%lld", (long long)id));
			return;
		}
		db_rollback(rq->db);
	}
	wh_place_page(rq, rs, rq_param_id(rq, 0), day, rid, from, to, &err, &clash, NULL);
	rs->status = err.status == BG_ERR_CONFLICT ? 409 : err.status == BG_ERR_FORBIDDEN ? 403 : 422;
}

/* ---------- my bookings ---------- */

static void wh_bookings_page(request *rq, response *rs, const char *new_feed_url);

static void web_bookings(request *rq, response *rs)
{
	wh_bookings_page(rq, rs, NULL);
}

/* POST /calendar-feeds — a new secret link to my calendar, shown once */
static void web_feed_create(request *rq, response *rs)
{
	bg_error err;
	char token[80];
	int64_t id;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    hcal_feed_create(rq->db, rq->person_id, "person", 0, token, sizeof token, &id, &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	wh_bookings_page(rq, rs, arena_printf(&rq->arena, "%s/calendar.ics?token=%s", rq_base_url(rq), token));
}

/* POST /calendar-feeds/{id}/revoke */
static void web_feed_revoke(request *rq, response *rs)
{
	bg_error err;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    hcal_feed_revoke(rq->db, rq->person_id, rq_param_id(rq, 0), &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	rs_redirect(rq, rs, "/bookings");
}

static void wh_bookings_page(request *rq, response *rs, const char *new_feed_url)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int page = page_number(rq);
	int64_t now = date_now(), total = 0;
	booking_mine_row *r = NULL;
	size_t n = 0;
	bg_error err;
	if (booking_list_mine(rq->db, &rq->arena, rq->person_id, now, true, BOOKINGS_PER_PAGE,
			      (int64_t)(page - 1) * BOOKINGS_PER_PAGE, &r, &n, &total, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "My bookings"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1>", tr(L, "My bookings"));
	if (rq_query(rq, "booked"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Your booking is saved."));
	if (rq_query(rq, "cancelled"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "Your booking is cancelled."));
	h_printf(b, "<p role=\"status\" class=\"count\">%s</p>",
		 arena_printf(&rq->arena, trn(L, "%s booking to come", "%s bookings to come", (long)total), web_net_int(rq, total)));
	h_printf(b, "<table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th></th></tr></thead><tbody>",
		 tr(L, "When"), tr(L, "Resource"), tr(L, "Place"), tr(L, "Status"));
	for (size_t i = 0; i < n; i++) {
		const booking_mine_row *k = &r[i];
		h_printf(b, "<tr><td>");
		wh_when(rq, b, k->timezone, k->starts_at);
		h_printf(b, " – ");
		buf t;
		buf_init(&t);
		wh_hhmm(&t, k->timezone, k->ends_at);
		h_text(b, t.data);
		buf_free(&t);
		bool pending = strcmp(k->status, "pending") == 0;
		h_printf(b, "</td><td>%s</td><td><a href=\"/places/%lld\">%s</a></td><td>%s</td><td>", k->resource,
			 (long long)k->place_id, k->place, pending ? tr(L, "awaiting approval") : tr(L, "confirmed"));
		if (k->checkin_release_min && !k->checked_in && !pending &&
		    booking_check_in_open(k->starts_at, k->ends_at, now)) {
			h_printf(b, "<form method=\"post\" action=\"/bookings/%lld/check-in\" class=\"inline\">", (long long)k->id);
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form> ", tr(L, "Check in"));
		}
		h_printf(b, "<a href=\"/bookings/%lld/move\">%s</a> ", (long long)k->id, tr(L, "Move"));
		h_printf(b, "<form method=\"post\" action=\"/bookings/%lld/cancel\" class=\"inline\">", (long long)k->id);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\" class=\"link\">%s</button></form></td></tr>", tr(L, "Cancel"));
	}
	if (!n)
		h_printf(b, "<tr><td colspan=\"5\">%s <a href=\"/places\">%s</a></td></tr>", tr(L, "No booking to come."),
			 tr(L, "Find a place"));
	h_printf(b, "</tbody></table>");
	page_pager(rq, rs, "/bookings", "", page, total, BOOKINGS_PER_PAGE);
	db_stmt *	s = db_query(rq->db, "SELECT w.id, r.name, p.timezone, w.starts_at, w.status, coalesce(w.offer_expires_at, 0)"
			     " FROM booking_waits w JOIN resources r ON r.id = w.resource_id JOIN places p ON p.id = r.place_id"
			     " WHERE w.person_id = ? AND w.status IN ('waiting', 'offered') ORDER BY w.starts_at",
		     "i", rq->person_id);
	int k = 0;
	for (; s && db_next(s) == 1; k++) {
		if (!k)
			h_printf(b, "<h2>%s</h2><ul>", tr(L, "Waiting lists"));
		h_printf(b, "<li>%s, ", db_text(s, 1));
		wh_when(rq, b, db_text(s, 2), db_int(s, 3));
		if (strcmp(db_text(s, 4), "offered") == 0) {
			h_printf(b, " — <strong>%s</strong> <form method=\"post\" action=\"/waits/%lld/accept\" class=\"inline\">",
				 tr(L, "free for you now"), (long long)db_int(s, 0));
			page_csrf_field(rq, rs);
			h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Take it"));
		} else {
			h_printf(b, " — %s", tr(L, "waiting"));
		}
		h_printf(b, "</li>");
	}
	db_done(s);
	if (k)
		h_printf(b, "</ul>");
	/* calendar links */
	h_printf(b, "<h2>%s</h2><p>%s</p>", tr(L, "My calendar"),
		 tr(L, "Subscribe to your bookings and sessions from your calendar application with a secret link."));
	wh_feed_links(rq, rs, new_feed_url,
		      db_query(rq->db, "SELECT id, created_at FROM calendar_feeds WHERE person_id = ? AND kind = 'person'"
				       " AND revoked_at IS NULL ORDER BY id", "i", rq->person_id),
		      "feeds", "/calendar-feeds");
	h_printf(b, "<form method=\"post\" action=\"/calendar-feeds\">");
	page_csrf_field(rq, rs);
	h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Create a calendar link"));
	page_end(rq, rs);
}

/* POST /bookings/{id}/cancel, /bookings/{id}/check-in, /waits/{id}/accept */
static void wh_booking_post(request *rq, response *rs, int what)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), bid;
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    (what == 0 ? booking_cancel(rq->db, rq->person_id, id, rq_base_url(rq), &err)
	     : what == 1 ? booking_check_in(rq->db, rq->person_id, id, &err)
			 : booking_accept_offer(rq->db, rq->person_id, id, &bid, &err)) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	rq_kick_mailer(rq);
	rs_redirect(rq, rs, what == 0 ? "/bookings?cancelled=1" : "/bookings?booked=1");
}
static void web_booking_cancel(request *rq, response *rs) { wh_booking_post(rq, rs, 0); }
static void web_booking_check_in(request *rq, response *rs) { wh_booking_post(rq, rs, 1); }
static void web_wait_accept(request *rq, response *rs) { wh_booking_post(rq, rs, 2); }

/* The form to move a booking: same resource, another day or time. */
static void wh_move_page(request *rq, response *rs, int64_t id, const char *day_in, const char *from_in,
			 const char *to_in, const bg_error *err, const booking_clash *clash)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	int64_t rid = 0, starts = 0, ends = 0;
	db_stmt *s = db_query(rq->db, "SELECT resource_id, starts_at, ends_at FROM bookings WHERE id = ? AND person_id = ?"
				      " AND status IN ('pending', 'confirmed')", "ii", id, rq->person_id);
	if (s && db_next(s) == 1) {
		rid = db_int(s, 0);
		starts = db_int(s, 1);
		ends = db_int(s, 2);
	}
	db_done(s);
	resource r;
	place p;
	bg_error e2;
	if (!rid || resource_get(rq->db, rid, &r, &e2) != BG_OK || place_get(rq->db, r.place_id, &p, &e2) != BG_OK) {
		bg_fail(&e2, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This booking does not exist."));
		page_error(rq, rs, &e2);
		return;
	}
	int64_t day;
	int minute, y, m, d;
	tz_utc_to_local(p.timezone, starts, &day, &minute);
	date_from_days(day, &y, &m, &d);
	char ds[32];
	snprintf(ds, sizeof ds, "%04d-%02d-%02d", y, m, d);
	buf f, t;
	buf_init(&f);
	buf_init(&t);
	wh_hhmm(&f, p.timezone, starts);
	wh_hhmm(&t, p.timezone, ends);
	page_begin(rq, rs, tr(L, "Move a booking"));
	wh_subnav(rq, rs);
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s — %s</p>", tr(L, "Move a booking"), r.name, p.name);
	page_error_summary(rq, rs, err);
	if (clash && clash->resource_id) {
		h_printf(b, "<p class=\"alert\" role=\"alert\">%s ", tr(L, "Taken from"));
		wh_when(rq, b, p.timezone, clash->starts_at);
		h_printf(b, " %s ", tr(L, "to"));
		wh_when(rq, b, p.timezone, clash->ends_at);
		h_printf(b, "</p>");
	}
	h_printf(b, "<form method=\"post\" action=\"/bookings/%lld/move\" novalidate>", (long long)id);
	page_csrf_field(rq, rs);
	page_input(rq, rs, "day", tr(L, "Day"), "date", day_in ? day_in : ds, NULL, err);
	page_input(rq, rs, "starts_at", tr(L, "From (local time)"), "time", from_in ? from_in : f.data, NULL, err);
	page_input(rq, rs, "ends_at", tr(L, "To (local time)"), "time", to_in ? to_in : t.data, NULL, err);
	h_printf(b, "<button type=\"submit\">%s</button></form></div>", tr(L, "Move"));
	buf_free(&f);
	buf_free(&t);
	page_end(rq, rs);
}

static void web_booking_move(request *rq, response *rs)
{
	wh_move_page(rq, rs, rq_param_id(rq, 0), NULL, NULL, NULL, NULL, NULL);
}

/* POST /bookings/{id}/move */
static void web_booking_move_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	int64_t id = rq_param_id(rq, 0), rid = 0, s = 0, e = 0;
	const char *day = form_get(f, "day"), *from = form_get(f, "starts_at"), *to = form_get(f, "ends_at");
	bool found = false;
	db_scalar(rq->db, NULL, &rid, &found, "SELECT resource_id FROM bookings WHERE id = ? AND person_id = ?", "ii",
		  id, rq->person_id);
	resource r;
	place p;
	booking_clash clash = {0};
	char s1[40], s2[40];
	snprintf(s1, sizeof s1, "%.10sT%.5s", day ? day : "", from ? from : "");
	snprintf(s2, sizeof s2, "%.10sT%.5s", day ? day : "", to ? to : "");
	if (!found || resource_get(rq->db, rid, &r, &err) != BG_OK || place_get(rq->db, r.place_id, &p, &err) != BG_OK) {
		bg_fail(&err, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This booking does not exist."));
		page_error(rq, rs, &err);
		return;
	}
	if (!hosp_parse_instant(s1, p.timezone, &s)) {
		bg_fail(&err, BG_ERR_INVALID, "invalid_time", "starts_at", N_("Give a day and a time."));
	} else if (!hosp_parse_instant(s2, p.timezone, &e)) {
		bg_fail(&err, BG_ERR_INVALID, "invalid_time", "ends_at", N_("Give a day and a time."));
	} else if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (booking_move(rq->db, rq->person_id, id, s, e, rq_base_url(rq), &clash, &err) == BG_OK && db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, "/bookings?booked=1");
			return;
		}
		db_rollback(rq->db);
	}
	wh_move_page(rq, rs, id, day, from, to, &err, &clash);
	rs->status = err.status == BG_ERR_CONFLICT ? 409 : 422;
}

/* ---------- public information sessions ---------- */

void wh_option(response *rs, int64_t id, const char *name, const char *selected)
{
	char v[24];
	snprintf(v, sizeof v, "%lld", (long long)id);
	h_printf(&rs->body, "<option value=\"%s\"%s>%s</option>", v, selected && strcmp(selected, v) == 0 ? " selected" : "",
		 name);
}

/* GET /sessions?territory= — no account needed */
static void web_sessions(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const char *territory = rq_query(rq, "territory"), *coop = rq_query(rq, "cooperative_id");
	if (territory && !*territory)
		territory = NULL;
	int64_t coop_id = coop ? atoll(coop) : 0, total = 0;
	int page = page_number(rq);
	infosession_row *r = NULL;
	size_t n = 0;
	bg_error err;
	if (infosession_list_public(rq->db, &rq->arena, territory, coop_id, SESSIONS_PER_PAGE,
				    (int64_t)(page - 1) * SESSIONS_PER_PAGE, &r, &n, &total, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Information sessions"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Information sessions"),
		 tr(L, "Come and find out how to start your activity in a cooperative: these meetings are free and open to all."));
	h_printf(b, "<form method=\"get\" action=\"/sessions\" class=\"filters\"><div class=\"field\"><label for=\"f-territory\">%s</label>"
		    "<select id=\"f-territory\" name=\"territory\"><option value=\"\">%s</option>", tr(L, "Where"), tr(L, "Everywhere"));
	db_stmt *s = db_query(rq->db, "SELECT DISTINCT territory FROM info_sessions WHERE status = 'scheduled' AND starts_at > ?"
				      " AND territory <> '' ORDER BY territory", "i", date_now());
	while (s && db_next(s) == 1)
		h_printf(b, "<option%s>%s</option>", territory && strcmp(territory, db_text(s, 0)) == 0 ? " selected" : "",
			 db_text(s, 0));
	db_done(s);
	h_printf(b, "</select></div><div class=\"field\"><label for=\"f-cooperative\">%s</label>"
		    "<select id=\"f-cooperative\" name=\"cooperative_id\"><option value=\"\">%s</option>",
		 tr(L, "Cooperative"), tr(L, "All"));
	s = db_query(rq->db, "SELECT id, name FROM cooperatives ORDER BY name", NULL);
	while (s && db_next(s) == 1)
		wh_option(rs, db_int(s, 0), db_text(s, 1), coop);
	db_done(s);
	h_printf(b, "</select></div><div class=\"field\"><button type=\"submit\">%s</button></div></form>", tr(L, "Filter"));
	h_printf(b, "<p role=\"status\" class=\"count\">%s</p><ul class=\"cards\">",
		 arena_printf(&rq->arena, trn(L, "%s session", "%s sessions", (long)total), web_net_int(rq, total)));
	for (size_t i = 0; i < n; i++) {
		const infosession_row *k = &r[i];
		h_printf(b, "<li class=\"card session\"><h3>%s</h3><p>", k->title);
		wh_when(rq, b, k->timezone, k->starts_at);
		if (k->online)
			h_printf(b, "<br>%s", tr(L, "Online"));
		else
			h_printf(b, "<br>%s, %s", k->place, k->city);
		h_printf(b, "<br><span class=\"badge\">%s</span> <span class=\"badge\">%s</span></p>", k->cooperative,
			 k->territory);
		h_printf(b, "<p><a class=\"button\" href=\"/sessions/%lld/register\">%s</a></p></li>", (long long)k->id,
			 k->registered >= k->capacity ? tr(L, "Join the waiting list") : tr(L, "Register"));
	}
	if (!n)
		h_printf(b, "<li>%s</li>", tr(L, "No session is planned here for now."));
	h_printf(b, "</ul>");
	page_pager(rq, rs, "/sessions", rq_query_without(rq, "page"), page, total, SESSIONS_PER_PAGE);
	page_end(rq, rs);
}

/* The time zone a session is told in: its place's, else Paris (online). */
static const char *wh_session_tz(request *rq, const infosession *s)
{
	place p;
	bg_error e;
	if (s->place_id && place_get(rq->db, s->place_id, &p, &e) == BG_OK)
		return arena_strdup(&rq->arena, p.timezone);
	return HOSP_DEFAULT_TZ;
}

/* The registration form, with what was typed, the error that is no field's
 * at the top and each field's own error next to it. */
static void wh_register_form(request *rq, response *rs, int64_t id, const form *f, const bg_error *err,
			     const bg_field_errors *fe)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	infosession s;
	bg_error e2;
	if (infosession_get(rq->db, id, &s, &e2) != BG_OK || strcmp(s.status, "scheduled") != 0 ||
	    s.starts_at <= date_now()) {
		bg_fail(&e2, BG_ERR_NOT_FOUND, "not_found", NULL, N_("This session does not exist."));
		page_error(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, tr(L, "Register"));
	wh_subnav(rq, rs);
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s<br>", tr(L, "Register"), s.title);
	wh_when(rq, b, wh_session_tz(rq, &s), s.starts_at);
	h_printf(b, "</p>");
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/sessions/%lld/register\" novalidate>", (long long)id);
	page_csrf_field(rq, rs);
	page_input(rq, rs, "name", tr(L, "Your name"), "text", f ? form_get(f, "name") : NULL, "name", bg_field_error_of(fe, "name"));
	page_input(rq, rs, "email", tr(L, "Email address"), "email", f ? form_get(f, "email") : NULL, "email", bg_field_error_of(fe, "email"));
	page_input_optional(rq, rs, "phone", tr(L, "Phone (optional)"), "tel", f ? form_get(f, "phone") : NULL, "tel",
			    bg_field_error_of(fe, "phone"));
	page_input(rq, rs, "postcode", tr(L, "Postcode"), "text", f ? form_get(f, "postcode") : NULL, "postal-code",
		   bg_field_error_of(fe, "postcode"));
	h_printf(b, "<div class=\"field\"><label for=\"f-project\">%s</label>", tr(L, "What would you like to do?"));
	wh_field_error(rq, rs, bg_field_error_of(fe, "project"), "project");
	h_printf(b, "<textarea id=\"f-project\" name=\"project\" rows=\"3\">%s</textarea></div>",
		 f && form_get(f, "project") ? form_get(f, "project") : "");
	h_printf(b, "<div class=\"field\"><label for=\"f-referrer_id\">%s</label>", tr(L, "How did you hear of us?"));
	wh_field_error(rq, rs, bg_field_error_of(fe, "referrer_id"), "referrer_id");
	h_printf(b, "<select id=\"f-referrer_id\" name=\"referrer_id\"><option value=\"\">—</option>");
	db_stmt *q = db_query(rq->db, "SELECT id, name FROM referrers WHERE cooperative_id = ? ORDER BY name", "i",
			      s.cooperative_id);
	const char *sel = f ? form_get(f, "referrer_id") : NULL;
	while (q && db_next(q) == 1) {
		char v[24];
		snprintf(v, sizeof v, "%lld", (long long)db_int(q, 0));
		h_printf(b, "<option value=\"%s\"%s>%s</option>", v, sel && strcmp(sel, v) == 0 ? " selected" : "", db_text(q, 1));
	}
	db_done(q);
	h_printf(b, "</select></div>");
	/* the honeypot: hidden from people, filled by robots */
	h_printf(b, "<div class=\"hp\" aria-hidden=\"true\"><label for=\"f-website\">Website</label>"
		    "<input id=\"f-website\" name=\"website\" type=\"text\" tabindex=\"-1\" autocomplete=\"off\"></div>");
	bool bad = bg_field_error_of(fe, "consent") != NULL;
	h_printf(b, "<div class=\"field check%s\">", bad ? " invalid" : "");
	wh_field_error(rq, rs, bg_field_error_of(fe, "consent"), "consent");
	h_printf(b, "<input id=\"f-consent\" type=\"checkbox\" name=\"consent\" value=\"1\"%s", f && form_get(f, "consent") ? " checked" : "");
	/* markup, not text: a literal format (a %s would escape its quotes) */
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-consent\"");
	h_printf(b, "> <label for=\"f-consent\">%s <a href=\"/sessions/privacy\">%s</a></label></div>",
		 tr(L, "I agree that the group processes these data to organise my welcome."), tr(L, "Privacy notice"));
	h_printf(b, "<button type=\"submit\">%s</button></form></div>", tr(L, "Register"));
	page_end(rq, rs);
}

static void web_register(request *rq, response *rs)
{
	wh_register_form(rq, rs, rq_param_id(rq, 0), NULL, NULL, NULL);
}

/* POST /sessions/{id}/register */
static void web_register_post(request *rq, response *rs)
{
	const char *L = rq->lang;
	bg_error err;
	const form *f = rq_form(rq, &err);
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	const char *ref = form_get(f, "referrer_id");
	registration_input in = {.name = form_get(f, "name"), .email = form_get(f, "email"),
				 .phone = form_get(f, "phone"), .postcode = form_get(f, "postcode"),
				 .project = form_get(f, "project"), .referrer_id = ref && *ref ? atoll(ref) : 0,
				 .consent = form_get(f, "consent") != NULL, .honeypot = form_get(f, "website"),
				 .lang = rq->lang};
	bg_field_errors fields = {0};
	if (rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) == BG_OK &&
	    db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (infosession_register(rq->db, rq_param_id(rq, 0), &in, rq_base_url(rq), &fields, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			page_begin(rq, rs, tr(L, "Thank you"));
			wh_subnav(rq, rs);
			h_printf(&rs->body, "<div class=\"narrow\"><h1>%s</h1><div class=\"notice\" role=\"status\"><p>%s</p></div>"
					    "<p><a href=\"/sessions\">%s</a></p></div>",
				 tr(L, "Thank you"),
				 tr(L, "Your request is registered. Check your email: we have sent you the confirmation"
				       " (or told you that you are on the waiting list), with a link to cancel."),
				 tr(L, "Back to the sessions"));
			page_end(rq, rs);
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_NOT_FOUND) {
		page_error(rq, rs, &err);
		return;
	}
	wh_register_form(rq, rs, rq_param_id(rq, 0), f, &err, &fields);
	rs->status = err.status == BG_ERR_RATE_LIMITED ? 429 : 422;
}

/* GET /sessions/cancel?token= — asks to confirm (no change on GET) */
static void web_unregister(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	const char *token = rq_query(rq, "token");
	infosession s;
	bool cancelled = false;
	bg_error err;
	if (infosession_by_token(rq->db, token, &s, &cancelled, &err) != BG_OK) {
		page_error(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Cancel my registration"));
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s<br>", tr(L, "Cancel my registration"), s.title);
	wh_when(rq, b, wh_session_tz(rq, &s), s.starts_at);
	h_printf(b, "</p>");
	if (cancelled) {
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div></div>", tr(L, "Your registration is cancelled."));
		page_end(rq, rs);
		return;
	}
	h_printf(b, "<form method=\"post\" action=\"/sessions/cancel\">");
	page_csrf_field(rq, rs);
	h_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\"><button type=\"submit\">%s</button></form></div>",
		 token, tr(L, "Yes, cancel my registration"));
	page_end(rq, rs);
}

static void web_unregister_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *token = f ? form_get(f, "token") : NULL;
	if (!f || rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) != BG_OK ||
	    db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    infosession_unregister(rq->db, token, rq_base_url(rq), &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	rq_kick_mailer(rq);
	rs_redirect(rq, rs, arena_printf(&rq->arena, "/sessions/cancel?token=%s", token));
}

/* ---------- a newcomer's path ---------- */

/* A free interview slot as a choice tells it: when, where (the place,
 * with its city when with_city, or "Online"), and with whom. */
static void wh_slot_text(request *rq, buf *b, const islot_row *r, bool with_city)
{
	const char *L = rq->lang;
	wh_when(rq, b, r->timezone, r->starts_at);
	buf e;
	buf_init(&e);
	wh_hhmm(&e, r->timezone, r->ends_at);
	const char *where = !r->place_id ? tr(L, "Online")
			    : with_city ? arena_printf(&rq->arena, "%s, %s", r->place, r->city) : r->place;
	h_printf(b, "–%s, %s — %s", e.data, where, with_city ? arena_printf(&rq->arena, tr(L, "With %s"), r->host) : r->host);
	buf_free(&e);
}

/* How many free slots there are in all, under a page of them. */
static void wh_slots_count(request *rq, response *rs, int64_t total)
{
	h_printf(&rs->body, "<p role=\"status\" class=\"count\">%s</p>",
		 arena_printf(&rq->arena, trn(rq->lang, "%s free slot", "%s free slots", (long)total), web_net_int(rq, total)));
}

/* The newcomer page's "welcome interview" section: the interview booked
 * (with a cancel button), or the free slots of the newcomer's cooperative
 * to book one (the error of a refused booking next to the list). */
static void wh_newcomer_interview(request *rq, response *rs, const newcomer *n, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	h_printf(b, "<h2 id=\"interview\">%s</h2>", tr(L, "Welcome interview"));
	int64_t iv = interview_current(rq->db, n->id);
	if (iv) {
		db_stmt *s = db_query(rq->db, "SELECT s.timezone, s.starts_at, pe.display_name, coalesce(p.name, s.online_url)"
					      " FROM interviews i JOIN interview_slots s ON s.id = i.slot_id JOIN people pe ON"
					      " pe.id = s.host_id LEFT JOIN places p ON p.id = s.place_id WHERE i.id = ?", "i", iv);
		if (s && db_next(s) == 1) {
			h_printf(b, "<p class=\"interview-booked\">%s ", tr(L, "Booked:"));
			wh_when(rq, b, db_text(s, 0), db_int(s, 1));
			h_printf(b, ", %s — %s</p>", db_text(s, 3), db_text(s, 2));
		}
		db_done(s);
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/interviews/%lld/cancel\">", (long long)iv);
		page_csrf_field(rq, rs);
		h_printf(b, "<button type=\"submit\">%s</button></form>", tr(L, "Cancel the interview"));
		return;
	}
	int page = page_number_of(rq, "slots_page");
	islot_row *r = NULL;
	size_t k = 0;
	int64_t total = 0;
	bg_error e;
	if (islot_list(rq->db, &rq->arena, 0, ISLOT_FREE_OF_COOP, n->cooperative_id, SLOTS_PER_PAGE,
		       (int64_t)(page - 1) * SLOTS_PER_PAGE, &r, &k, &total, &e) != BG_OK) {
		page_error_summary(rq, rs, &e);
		return;
	}
	h_printf(b, "<form method=\"post\" action=\"/newcomers/%lld/interview#interview\" novalidate>", (long long)n->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-slot_id\">%s</label>", tr(L, "Free slot"));
	bool bad = wh_field_error(rq, rs, err, "slot_id") || wh_field_error(rq, rs, err, "newcomer_id");
	h_printf(b, "<select id=\"f-slot_id\" name=\"slot_id\"");
	if (bad)
		h_printf(b, " aria-invalid=\"true\" aria-describedby=\"e-%s\"", err->field);
	h_printf(b, ">");
	for (size_t i = 0; i < k; i++) {
		h_printf(b, "<option value=\"%lld\">", (long long)r[i].id);
		wh_slot_text(rq, b, &r[i], false);
		h_printf(b, "</option>");
	}
	h_printf(b, "</select></div>");
	if (k)
		h_printf(b, "<button type=\"submit\">%s</button>", tr(L, "Book the interview"));
	else
		h_printf(b, "<p>%s</p>", tr(L, "No free slot: hosts publish theirs on the hosts' dashboard."));
	h_printf(b, "</form>");
	wh_slots_count(rq, rs, total);
	page_pager_of(rq, rs, arena_printf(&rq->arena, "/newcomers/%lld", (long long)n->id), rq_query_without(rq, "slots_page"),
		      "slots_page", page, total, SLOTS_PER_PAGE);
	/* or let the newcomer choose, through a link mailed to them */
	if (rq_query(rq, "link_sent"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "The link is sent: the newcomer can now choose a slot themself."));
	h_printf(b, "<form method=\"post\" action=\"/newcomers/%lld/interview-link\">", (long long)n->id);
	page_csrf_field(rq, rs);
	h_printf(b, "<p>%s <button type=\"submit\" class=\"link\">%s</button></p></form>",
		 tr(L, "Or let them choose:"), tr(L, "Mail them a link to choose their slot"));
}

/* POST /newcomers/{id}/interview-link — mails the newcomer their link */
static void web_newcomer_link(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK)
		goto fail;
	if (newcomer_link_send(rq->db, rq->person_id, id, rq_base_url(rq), &err) != BG_OK ||
	    db_commit(rq->db, &err) != BG_OK) {
		db_rollback(rq->db);
		goto fail;
	}
	rq_kick_mailer(rq);
	rs_redirect(rq, rs, arena_printf(&rq->arena, "/newcomers/%lld?link_sent=1#interview", (long long)id));
	return;
fail:
	page_fail(rq, rs, &err);
}

/* ---------- the newcomer's own page (secret link, no account) ---------- */

/* The page a newcomer's link opens: their booked interview (with a button
 * to cancel it), or the free slots of their cooperative to choose from.
 * err: a refused choice, shown next to the list. */
static void wh_self_interview_page(request *rq, response *rs, const char *token, const bg_error *err)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	newcomer n;
	bg_error e2;
	if (newcomer_link_open(rq->db, token, &n, NULL, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, tr(L, "Your welcome interview"));
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Your welcome interview"),
		 arena_printf(&rq->arena, tr(L, "Hello %s: a one-to-one meeting with someone of the welcome team, to talk about"
					     " your project and what you need."), n.name));
	if (rq_query(rq, "booked"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "Your interview is booked: we have sent you the invitation by email."));
	if (rq_query(rq, "cancelled"))
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>",
			 tr(L, "Your interview is cancelled. You can choose another date below."));
	int64_t iv = interview_current(rq->db, n.id);
	if (iv) {
		db_stmt *s = db_query(rq->db, "SELECT s.timezone, s.starts_at, s.ends_at, pe.display_name,"
					      " coalesce(p.name || ', ' || p.address || ' ' || p.postcode || ' ' || p.city, s.online_url)"
					      " FROM interviews i JOIN interview_slots s ON s.id = i.slot_id JOIN people pe ON"
					      " pe.id = s.host_id LEFT JOIN places p ON p.id = s.place_id WHERE i.id = ?", "i", iv);
		if (s && db_next(s) == 1) {
			h_printf(b, "<p class=\"interview-booked\"><strong>");
			wh_when(rq, b, db_text(s, 0), db_int(s, 1));
			buf e;
			buf_init(&e);
			wh_hhmm(&e, db_text(s, 0), db_int(s, 2));
			h_printf(b, "–%s</strong><br>%s<br>%s</p>", e.data,
				 arena_printf(&rq->arena, tr(L, "With %s"), db_text(s, 3)), db_text(s, 4));
			buf_free(&e);
		}
		db_done(s);
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/welcome/interview/cancel\">");
		page_csrf_field(rq, rs);
		h_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\"><button type=\"submit\">%s</button></form></div>",
			 token, tr(L, "Cancel this interview"));
		page_end(rq, rs);
		return;
	}
	int page = page_number(rq);
	islot_row *r = NULL;
	size_t k = 0;
	int64_t total = 0;
	if (islot_list(rq->db, &rq->arena, 0, ISLOT_FREE_OF_COOP, n.cooperative_id, SLOTS_PER_PAGE,
		       (int64_t)(page - 1) * SLOTS_PER_PAGE, &r, &k, &total, &e2) != BG_OK)
		err = &e2;
	page_error_summary(rq, rs, err);
	h_printf(b, "<form method=\"post\" action=\"/welcome/interview\" novalidate>");
	page_csrf_field(rq, rs);
	h_printf(b, "<input type=\"hidden\" name=\"token\" value=\"%s\">", token);
	bool bad = err && err->field && strcmp(err->field, "slot_id") == 0;
	h_printf(b, "<fieldset class=\"field slots-choice%s\"", bad ? " invalid" : "");
	if (bad)
		h_printf(b, " aria-describedby=\"e-slot_id\"");
	h_printf(b, "><legend>%s</legend>", tr(L, "Choose a free slot"));
	wh_field_error(rq, rs, err, "slot_id");
	for (size_t i = 0; i < k; i++) {
		h_printf(b, "<div class=\"field check\"><input type=\"radio\" name=\"slot_id\" id=\"slot-%lld\" value=\"%lld\">"
			    "<label for=\"slot-%lld\">", (long long)r[i].id, (long long)r[i].id, (long long)r[i].id);
		wh_slot_text(rq, b, &r[i], true);
		h_printf(b, "</label></div>");
	}
	if (!k)
		h_printf(b, "<p>%s</p>", tr(L, "No free slot for now: the welcome team will write to you."));
	h_printf(b, "</fieldset>");
	if (k)
		h_printf(b, "<button type=\"submit\">%s</button>", tr(L, "Book this slot"));
	h_printf(b, "</form>");
	wh_slots_count(rq, rs, total);
	page_pager(rq, rs, "/welcome/interview", rq_query_without(rq, "page"), page, total, SLOTS_PER_PAGE);
	h_printf(b, "</div>");
	page_end(rq, rs);
}

/* GET /welcome/interview?token= */
static void web_self_interview(request *rq, response *rs)
{
	wh_self_interview_page(rq, rs, rq_query(rq, "token"), NULL);
}

/* POST /welcome/interview (token, slot_id) and /welcome/interview/cancel
 * (token): the newcomer books or cancels; back to their page. */
static void wh_self_interview_post(request *rq, response *rs, bool cancel)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *token = f ? form_get(f, "token") : NULL, *slot = f ? form_get(f, "slot_id") : NULL;
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (rq_rate_limit(rq, RL_PUBLIC_FORM, rq_client_address(rq), &err) == BG_OK &&
	    db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		bg_status st = cancel ? interview_cancel_by_link(rq->db, token, rq_base_url(rq), &err)
				      : interview_book_by_link(rq->db, token, slot ? atoll(slot) : 0, rq_base_url(rq), NULL, &err);
		if (st == BG_OK && db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/welcome/interview?token=%s&%s", token,
							 cancel ? "cancelled=1" : "booked=1"));
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_RATE_LIMITED || (err.field && strcmp(err.field, "token") == 0)) {
		page_fail(rq, rs, &err);
		return;
	}
	/* a slot gone or taken meanwhile: the list again, the message next to it */
	if (err.status == BG_ERR_NOT_FOUND && err.field && strcmp(err.field, "slot_id") == 0)
		bg_fail(&err, BG_ERR_CONFLICT, "slot_taken", "slot_id", N_("This slot has just been taken: choose another one."));
	wh_self_interview_page(rq, rs, token, &err);
	rs->status = err.status == BG_ERR_CONFLICT ? 409 : err.status == BG_ERR_NOT_FOUND ? 404 : 422;
}

static void web_self_interview_post(request *rq, response *rs) { wh_self_interview_post(rq, rs, false); }
static void web_self_interview_cancel(request *rq, response *rs) { wh_self_interview_post(rq, rs, true); }

static void wh_newcomer_page(request *rq, response *rs, int64_t id, const bg_error *err_in)
{
	const char *L = rq->lang;
	/* an error of the interview section is shown there, others at the step form */
	bool interview_err = err_in && err_in->field && (strcmp(err_in->field, "slot_id") == 0 ||
		strcmp(err_in->field, "newcomer_id") == 0 || strcmp(err_in->field, "interview_id") == 0);
	const bg_error *err = interview_err ? NULL : err_in;
	buf *b = &rs->body;
	newcomer n;
	bg_error e2;
	if (newcomer_get(rq->db, rq->person_id, id, &n, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, n.name);
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s · %s</p>", n.name, n.email, n.postcode);
	if (n.project[0])
		h_printf(b, "<p>%s</p>", n.project);
	path_step steps[PATH_MAX_STEPS];
	int ns = path_steps_get(rq->db, n.cooperative_id, steps, PATH_MAX_STEPS);
	h_printf(b, "<h2>%s</h2><ol class=\"path\">", tr(L, "Path"));
	for (int i = 0; i < ns; i++) {
		int64_t one;
		bool done = false;
		db_scalar(rq->db, NULL, &one, &done, "SELECT 1 FROM newcomer_steps WHERE newcomer_id = ? AND code = ?",
			  "is", n.id, steps[i].code);
		h_printf(b, "<li class=\"%s%s\">%s</li>", done ? "done" : "todo",
			 strcmp(steps[i].code, n.current_step) == 0 ? " current" : "", tr(L, steps[i].label));
	}
	h_printf(b, "</ol><h2>%s</h2><table><thead><tr><th>%s</th><th>%s</th><th>%s</th><th>%s</th><th>%s</th></tr></thead><tbody>",
		 tr(L, "History"), tr(L, "Day"), tr(L, "Step"), tr(L, "By"), tr(L, "Notes"), tr(L, "Documents"));
	db_stmt *s = db_query(rq->db, "SELECT st.day, st.code, coalesce(p.display_name, ''), st.notes, c.name, st.id FROM newcomer_steps st"
				      " LEFT JOIN people p ON p.id = st.done_by JOIN cooperatives c ON c.id = st.cooperative_id"
				      " WHERE st.newcomer_id = ? ORDER BY st.id", "i", n.id);
	while (s && db_next(s) == 1) {
		char label[101];
		path_step_label(rq->db, n.cooperative_id, db_text(s, 1), label);
		h_printf(b, "<tr><td>%s</td><td>%s <small>(%s)</small></td><td>%s</td><td>%s</td><td>", db_text(s, 0),
			 tr(L, label), db_text(s, 4), db_text(s, 2), db_text(s, 3));
		db_stmt *dq = db_query(rq->db, "SELECT id, filename, size FROM newcomer_documents WHERE step_id = ? ORDER BY id",
				       "i", db_int(s, 5));
		for (int k = 0; dq && db_next(dq) == 1; k++)
			h_printf(b, "%s<a class=\"document\" href=\"/api/v1/newcomers/%lld/documents/%lld\">%s</a> <small>(%lld %s)</small>",
				 k ? "<br>" : "", (long long)n.id, (long long)db_int(dq, 0), db_text(dq, 1),
				 (long long)((db_int(dq, 2) + 1023) / 1024), tr(L, "KiB"));
		db_done(dq);
		h_printf(b, "</td></tr>");
	}
	db_done(s);
	h_printf(b, "</tbody></table>");
	if (strcmp(n.status, "open") == 0) {
		wh_newcomer_interview(rq, rs, &n, interview_err ? err_in : NULL);
		h_printf(b, "<h2>%s</h2>", tr(L, "Record a step"));
		page_error_summary(rq, rs, err);
		h_printf(b, "<form method=\"post\" action=\"/newcomers/%lld/steps\" enctype=\"multipart/form-data\" novalidate>",
			 (long long)n.id);
		page_csrf_field(rq, rs);
		h_printf(b, "<div class=\"field\"><label for=\"f-code\">%s</label><select id=\"f-code\" name=\"code\">", tr(L, "Step"));
		for (int i = 0; i < ns; i++)
			h_printf(b, "<option value=\"%s\">%s</option>", steps[i].code, tr(L, steps[i].label));
		h_printf(b, "<option value=\"exit\">%s</option></select></div>", tr(L, "Exit"));
		h_printf(b, "<div class=\"field\"><label for=\"f-reason\">%s</label><select id=\"f-reason\" name=\"reason\"><option value=\"\">—</option>",
			 tr(L, "Reason for leaving (exit only)"));
		for (int i = 0; newcomer_exit_reasons[i]; i++)
			h_printf(b, "<option value=\"%s\">%s</option>", newcomer_exit_reasons[i], tr(L, newcomer_exit_reasons[i]));
		h_printf(b, "</select></div>");
		page_input(rq, rs, "day", tr(L, "Day"), "date", NULL, NULL, err);
		h_printf(b, "<div class=\"field\"><label for=\"f-notes\">%s</label><textarea id=\"f-notes\" name=\"notes\" rows=\"3\"></textarea></div>",
			 tr(L, "Notes"));
		h_printf(b, "<div class=\"field\"><label for=\"f-document\">%s</label><p class=\"hint\" id=\"h-document\">%s</p>",
			 tr(L, "Document (optional)"), tr(L, "A PDF, JPEG or PNG file of at most 1 MiB."));
		bool doc_err = wh_field_error(rq, rs, err, "document");
		h_printf(b, "<input id=\"f-document\" type=\"file\" name=\"document\" accept=\".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png\"");
		if (doc_err)
			h_printf(b, " aria-describedby=\"h-document e-document\" aria-invalid=\"true\"");
		else
			h_printf(b, " aria-describedby=\"h-document\"");
		h_printf(b, "></div><button type=\"submit\">%s</button></form>", tr(L, "Record"));
		h_printf(b, "<h2>%s</h2><form method=\"post\" action=\"/newcomers/%lld/orientation\" novalidate>",
			 tr(L, "Orient to another cooperative"), (long long)n.id);
		page_csrf_field(rq, rs);
		h_printf(b, "<div class=\"field\"><label for=\"f-to\">%s</label><select id=\"f-to\" name=\"cooperative_id\">",
			 tr(L, "Cooperative"));
		s = db_query(rq->db, "SELECT id, name FROM cooperatives WHERE id <> ? ORDER BY name", "i", n.cooperative_id);
		while (s && db_next(s) == 1)
			h_printf(b, "<option value=\"%lld\">%s</option>", (long long)db_int(s, 0), db_text(s, 1));
		db_done(s);
		h_printf(b, "</select></div><div class=\"field check\"><input id=\"f-o-consent\" type=\"checkbox\" name=\"consent\" value=\"1\"> "
			    "<label for=\"f-o-consent\">%s</label></div><button type=\"submit\">%s</button></form>",
			 tr(L, "The person agrees to their record being passed on, with its history."), tr(L, "Orient"));
	}
	page_end(rq, rs);
}

static void web_newcomer(request *rq, response *rs)
{
	wh_newcomer_page(rq, rs, rq_param_id(rq, 0), NULL);
}

/* POST /newcomers/{id}/interview — books the chosen free slot */
static void web_newcomer_interview(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	const char *slot = f ? form_get(f, "slot_id") : NULL;
	if (!f) {
		page_fail(rq, rs, &err);
		return;
	}
	if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (interview_book(rq->db, rq->person_id, id, slot ? atoll(slot) : 0, rq_base_url(rq), NULL, &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/newcomers/%lld#interview", (long long)id));
			return;
		}
		db_rollback(rq->db);
	}
	bool mine = newcomer_get(rq->db, rq->person_id, id, &(newcomer){0}, NULL) == BG_OK;
	if (!mine) {
		page_error(rq, rs, &err);
		return;
	}
	wh_newcomer_page(rq, rs, id, &err);
	rs->status = err.status == BG_ERR_CONFLICT ? 409 : err.status == BG_ERR_NOT_FOUND ? 404 : 422;
}

/* POST /interviews/{id}/cancel — back to the newcomer's page */
static void web_interview_cancel(request *rq, response *rs)
{
	bg_error err;
	int64_t id = rq_param_id(rq, 0), nid = 0;
	bool found = false;
	db_scalar(rq->db, NULL, &nid, &found, "SELECT newcomer_id FROM interviews WHERE id = ?", "i", id);
	if (db_begin(rq->db, DB_WRITE, &err) != BG_OK ||
	    interview_cancel(rq->db, rq->person_id, id, rq_base_url(rq), &err) != BG_OK || db_commit(rq->db, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	rq_kick_mailer(rq);
	rs_redirect(rq, rs, arena_printf(&rq->arena, "/newcomers/%lld#interview", (long long)nid));
}

/* POST /newcomers/{id}/orientation */
static void web_newcomer_orient(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	const char *to = f ? form_get(f, "cooperative_id") : NULL;
	if (f && db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (newcomer_orient(rq->db, rq->person_id, id, to ? atoll(to) : 0, form_get(f, "consent") != NULL,
				    rq_base_url(rq), &err) == BG_OK &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			/* the record may now belong to a cooperative the host does not follow */
			rs_redirect(rq, rs, "/hosts");
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_NOT_FOUND || err.status == BG_ERR_FORBIDDEN) {
		page_error(rq, rs, &err);
		return;
	}
	wh_newcomer_page(rq, rs, id, &err);
	rs->status = 422;
}

static void web_newcomer_step(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	int64_t id = rq_param_id(rq, 0);
	if (f && db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		const char *reason = form_get(f, "reason");
		const multipart_file *doc = rq_file(rq, "document");
		if (newcomer_add_step(rq->db, rq->person_id, id, form_get(f, "code"), form_get(f, "day"),
				      form_get(f, "notes"), reason && *reason ? reason : NULL, rq_base_url(rq), &err) == BG_OK &&
		    (!doc || newcomer_document_add(rq->db, rq->person_id, id, newcomer_last_step_id(rq->db, id), doc->filename,
						   doc->data, doc->size, NULL, &err) == BG_OK) &&
		    db_commit(rq->db, &err) == BG_OK) {
			rq_kick_mailer(rq);
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/newcomers/%lld", (long long)id));
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_NOT_FOUND || err.status == BG_ERR_FORBIDDEN) {
		page_error(rq, rs, &err);
		return;
	}
	wh_newcomer_page(rq, rs, id, &err);
	rs->status = 422;
}

/* ---------- path configuration ---------- */

static void wh_path_page(request *rq, response *rs, int64_t coop, const char *text, const bg_error *err, bool saved)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	bg_error e2;
	if (authz_check(rq->db, rq->person_id, AUTHZ_PATH_CONFIGURE, (scope){SCOPE_COOPERATIVE, coop}, &e2) != BG_OK) {
		page_error(rq, rs, &e2);
		return;
	}
	page_begin(rq, rs, tr(L, "Welcome path"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Welcome path"),
		 tr(L, "One step a line: a code (lowercase letters, digits, _), a bar, then its label."));
	if (saved)
		h_printf(b, "<div class=\"notice\" role=\"status\"><p>%s</p></div>", tr(L, "The path is saved."));
	page_error_summary(rq, rs, err);
	buf cur;
	buf_init(&cur);
	if (!text) {
		path_step steps[PATH_MAX_STEPS];
		int n = path_steps_get(rq->db, coop, steps, PATH_MAX_STEPS);
		for (int i = 0; i < n; i++)
			buf_printf(&cur, "%s|%s\n", steps[i].code, tr(L, steps[i].label));
		text = cur.data;
	}
	h_printf(b, "<form method=\"post\" action=\"/cooperatives/%lld/path\" novalidate>", (long long)coop);
	page_csrf_field(rq, rs);
	h_printf(b, "<div class=\"field\"><label for=\"f-steps\">%s</label>", tr(L, "Steps"));
	wh_field_error(rq, rs, err, "steps");
	h_printf(b, "<textarea id=\"f-steps\" name=\"steps\" rows=\"12\">%s</textarea></div><button type=\"submit\">%s</button></form>",
		 text ? text : "", tr(L, "Save"));
	buf_free(&cur);
	page_end(rq, rs);
}

static void web_path(request *rq, response *rs)
{
	wh_path_page(rq, rs, rq_param_id(rq, 0), NULL, NULL, rq_query(rq, "saved") != NULL);
}

static void web_path_post(request *rq, response *rs)
{
	bg_error err;
	const form *f = rq_form(rq, &err);
	const char *text = f ? form_get(f, "steps") : NULL;
	path_step steps[PATH_MAX_STEPS] = {0};
	int n = 0;
	bool ok = f && text;
	for (const char *p = text; ok && p && *p;) {
		const char *eol = strchr(p, '\n');
		size_t len = eol ? (size_t)(eol - p) : strlen(p);
		const char *bar = memchr(p, '|', len);
		if (len > 0 && !(len == 1 && p[0] == '\r')) {
			if (!bar || n == PATH_MAX_STEPS || (size_t)(bar - p) > 40 || len - (size_t)(bar - p) > 101) {
				ok = false;
				break;
			}
			snprintf(steps[n].code, sizeof steps[0].code, "%.*s", (int)(bar - p), p);
			snprintf(steps[n].label, sizeof steps[n].label, "%.*s", (int)(len - (size_t)(bar - p) - 1), bar + 1);
			size_t ll = strlen(steps[n].label);
			if (ll && steps[n].label[ll - 1] == '\r')
				steps[n].label[ll - 1] = '\0';
			n++;
		}
		p = eol ? eol + 1 : p + len;
	}
	int64_t coop = rq_param_id(rq, 0);
	if (!ok)
		bg_fail(&err, BG_ERR_INVALID, "invalid_step", "steps",
			N_("Each step needs a label and a distinct code of lowercase letters, digits and _."));
	else if (db_begin(rq->db, DB_WRITE, &err) == BG_OK) {
		if (path_steps_set(rq->db, rq->person_id, coop, steps, n, &err) == BG_OK && db_commit(rq->db, &err) == BG_OK) {
			rs_redirect(rq, rs, arena_printf(&rq->arena, "/cooperatives/%lld/path?saved=1", (long long)coop));
			return;
		}
		db_rollback(rq->db);
	}
	if (err.status == BG_ERR_NOT_FOUND || err.status == BG_ERR_FORBIDDEN) {
		page_error(rq, rs, &err);
		return;
	}
	wh_path_page(rq, rs, coop, text, &err, false);
	rs->status = 422;
}

/* GET /sessions/privacy — what is done with the data of a registration */
static void web_privacy(request *rq, response *rs)
{
	const char *L = rq->lang;
	buf *b = &rs->body;
	page_begin(rq, rs, tr(L, "Privacy notice"));
	wh_subnav(rq, rs);
	h_printf(b, "<div class=\"narrow\"><h1>%s</h1><p>%s</p><p>%s</p><p>%s</p></div>", tr(L, "Privacy notice"),
		 tr(L, "When you register for an information session, the cooperative that organises it records your name,"
		       " email, phone, postcode, what you would like to do and how you heard of us, to welcome you and"
		       " follow your path with you (legal basis: your consent)."),
		 tr(L, "Only the hosts of that cooperative see them; if you agree to be oriented to another cooperative"
		       " of the group, your record is passed on to it. Anonymous counts are shared with the funders of"
		       " the welcome."),
		 tr(L, "You may ask to see, correct or erase your data at any time by writing to the cooperative;"
		       " a record without activity is erased after three years."));
	page_end(rq, rs);
}

const route web_hospitality_routes[] = {
	{HTTP_GET, "/sessions/privacy", web_privacy, ROUTE_PAGE},
	{HTTP_GET, "/places", web_places, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/places/{id}", web_place, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/book", web_place_book, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/calendar-feed", web_place_feed, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/calendar-feeds/{id}/revoke", web_place_feed_revoke, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/places/{id}/manage", web_place_manage, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/photo", web_place_photo, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/position", web_place_position, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/details", web_place_details, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/hours", web_place_hours, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/exceptions", web_place_exception_add, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/closures", web_place_closure_add, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/exceptions/{id}/delete", web_place_exception_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/closures/{id}/delete", web_place_closure_delete, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/places/{id}/archive", web_place_archive, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/resources/{id}/edit", web_resource_edit, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/resources/{id}/archive", web_resource_archive, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/bookings", web_bookings, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/cancel", web_booking_cancel, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/bookings/{id}/move", web_booking_move, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/move", web_booking_move_post, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/bookings/{id}/check-in", web_booking_check_in, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/waits/{id}/accept", web_wait_accept, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/calendar-feeds", web_feed_create, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/calendar-feeds/{id}/revoke", web_feed_revoke, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/sessions", web_sessions, ROUTE_PAGE},
	{HTTP_GET, "/sessions/cancel", web_unregister, ROUTE_PAGE},
	{HTTP_POST, "/sessions/cancel", web_unregister_post, ROUTE_PAGE},
	{HTTP_GET, "/sessions/{id}/register", web_register, ROUTE_PAGE},
	{HTTP_POST, "/sessions/{id}/register", web_register_post, ROUTE_PAGE},
	{HTTP_POST, "/newcomers/{id}/interview", web_newcomer_interview, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/newcomers/{id}/interview-link", web_newcomer_link, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/welcome/interview", web_self_interview, ROUTE_PAGE},
	{HTTP_POST, "/welcome/interview", web_self_interview_post, ROUTE_PAGE},
	{HTTP_POST, "/welcome/interview/cancel", web_self_interview_cancel, ROUTE_PAGE},
	{HTTP_POST, "/interviews/{id}/cancel", web_interview_cancel, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/newcomers/{id}/orientation", web_newcomer_orient, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/newcomers/{id}", web_newcomer, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/newcomers/{id}/steps", web_newcomer_step, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_GET, "/cooperatives/{id}/path", web_path, ROUTE_PAGE | ROUTE_AUTH},
	{HTTP_POST, "/cooperatives/{id}/path", web_path_post, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
