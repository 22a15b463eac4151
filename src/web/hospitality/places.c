/*
 * places.c — GET /places: the places one may book, filtered by territory,
 * city and kind, grouped by territory, with their map (an SVG of the
 * departments, a dot per place; places without a position are listed
 * under it).
 */
#include "web/hospitality/web_hospitality_internal.h"

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
static void wh_map_outline(buf *out, const map_view *v)
{
	for (int w = 0; w < 2; w++) {
		int n, x, y;
		const geo_point *pt = geo_outline(w, &n);
		for (int i = 0; i < n; i++)
			if (geo_project((int64_t)pt[i].lat_e4 * 100, (int64_t)pt[i].lon_e4 * 100, &x, &y)) {
				wh_map_apply(v, x, y, &x, &y);
				buf_printf(out, "%s%d %d", i ? " L" : "M", x, y);
			}
		buf_puts(out, " Z ");
	}
}

/* The places of the list (rows, n), with where each goes on the map (dots
 * moved off each other later), in the request's arena. */
static map_place *wh_map_collect(request *rq, const place_browse_row *rows, size_t n)
{
	map_place *m = n ? arena_alloc(&rq->arena, sizeof *m * n) : NULL;
	for (size_t i = 0; i < n; i++) {
		place p;
		place_defaults(&p);
		snprintf(p.postcode, sizeof p.postcode, "%s", rows[i].postcode ? rows[i].postcode : "");
		p.has_position = rows[i].has_position;
		p.latitude_e6 = rows[i].latitude_e6;
		p.longitude_e6 = rows[i].longitude_e6;
		map_place *mp = &m[i];
		*mp = (map_place){.id = rows[i].id, .name = rows[i].name, .city = rows[i].city};
		int64_t lat, lon;
		geo_department dep;
		mp->on_map = geo_place_position(&p, &lat, &lon, &mp->approximate, &dep) &&
			     geo_project(lat, lon, &mp->bx, &mp->by);
		mp->dep_name = dep.name;
	}
	return m;
}

/* The map (an inline SVG drawn here: no tile server), each place a dot
 * linking to its page — at its own position, or at the centre of its
 * department (a ringed dot) — with the names of the cities. */
static void wh_map_draw(request *rq, response *rs, map_place *m, int n, bool filtered)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
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
	buf outline; /* numbers and M L Z only: text, not markup */
	buf_init(&outline);
	wh_map_outline(&outline, &view);
	h_printf(b, "<path class=\"land\" d=\"%s\"/>", outline.data);
	buf_free(&outline);
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
		h_printf(b, "<a");
		h_attr(b, "class", m[i].approximate ? "map-dot approximate" : "map-dot");
		h_printf(b, " href=\"/places/%lld\" aria-label=\"%s\"><title>%s</title>"
			    "<circle class=\"hit\" cx=\"%d\" cy=\"%d\" r=\"%d\"/><circle class=\"dot\" cx=\"%d\" cy=\"%d\" r=\"%d\"/></a>",
			 (long long)m[i].id, label, label, m[i].x, m[i].y, MAP_GAP * 2 / 3, m[i].x, m[i].y, MAP_DOT_R);
	}
	h_printf(b, "</svg><figcaption>");
	h_textf(b, trn(L, "%d place on the map.", "%d places on the map.", on), on);
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
	html *b = page_html(rs);
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

/* GET /places?territory=&city=&kind= */
static void web_places(request *rq, response *rs)
{
	const char *L = rq->lang;
	html *b = page_html(rs);
	const char *territory = rq_query(rq, "territory"), *kind = rq_query(rq, "kind");
	if (territory && !*territory)
		territory = NULL;
	if (kind && !*kind)
		kind = NULL;
	const char **territories = NULL;
	place_browse_row *rows = NULL;
	size_t nterritories = 0, nrows = 0;
	bg_error err;
	if (place_territories(rq->db, &rq->arena, rq->person_id, &territories, &nterritories, &err) != BG_OK ||
	    place_browse(rq->db, &rq->arena, rq->person_id, territory, kind, &rows, &nrows, &err) != BG_OK) {
		page_fail(rq, rs, &err);
		return;
	}
	page_begin(rq, rs, tr(L, "Places"));
	wh_subnav(rq, rs);
	h_printf(b, "<h1>%s</h1><p class=\"lead\">%s</p>", tr(L, "Places"),
		 tr(L, "Desks, meeting rooms and workshops offered by the cooperatives of the group: any member may book them."));
	h_printf(b, "<form method=\"get\" action=\"/places\" class=\"filters\">");
	widget_select_begin(rq, rs, &(widget){.name = "territory", .label = tr(L, "Territory")});
	widget_option(rs, "", tr(L, "All"), false);
	for (size_t i = 0; i < nterritories; i++)
		widget_option(rs, territories[i], territories[i], territory && strcmp(territory, territories[i]) == 0);
	widget_select_end(rs);
	widget_select_begin(rq, rs, &(widget){.name = "kind", .label = tr(L, "Kind of resource")});
	widget_option(rs, "", tr(L, "All"), false);
	for (int i = 0; wh_kind_names[i]; i += 2)
		widget_option(rs, wh_kind_names[i], tr(L, wh_kind_names[i + 1]), kind && strcmp(kind, wh_kind_names[i]) == 0);
	widget_select_end(rs);
	h_printf(b, "<div class=\"field\"><button type=\"submit\">%s</button></div></form>", tr(L, "Filter"));
	/* the overview: a tile per department (territory) with its number
	 * (the smallest postcode's first two digits), count and cities */
	map_place *mp = wh_map_collect(rq, rows, nrows);
	h_printf(b, "<div class=\"places-overview\">");
	wh_map_draw(rq, rs, mp, (int)nrows, territory || kind);
	h_printf(b, "<nav class=\"place-map\" aria-label=\"%s\"><ul>", tr(L, "Places by department"));
	for (size_t i = 0, k = 1; i < nrows; k++) {
		size_t j = i;
		char depno[3] = "";
		buf cities;
		buf_init(&cities);
		for (; j < nrows && strcmp(rows[j].territory, rows[i].territory) == 0; j++) {
			const char *pc = rows[j].postcode ? rows[j].postcode : "";
			if (j == i || strncmp(pc, depno, 2) < 0)
				snprintf(depno, sizeof depno, "%.2s", pc);
			if (j == i || strcmp(rows[j].city, rows[j - 1].city) != 0)
				buf_printf(&cities, "%s%s", j == i ? "" : ", ", rows[j].city);
		}
		int64_t count = (int64_t)(j - i);
		h_printf(b, "<li><a href=\"#dep-%d\"><span class=\"dep\">%s</span> <strong>%s</strong> <span class=\"count\">%s</span>"
			    "<span class=\"cities\">%s</span></a></li>", (int)k, depno, rows[i].territory[0] ? rows[i].territory : "—",
			 arena_printf(&rq->arena, trn(L, "%lld place", "%lld places", (long)count), (long long)count),
			 cities.data ? cities.data : "");
		buf_free(&cities);
		i = j;
	}
	h_printf(b, "</ul></nav></div>");
	wh_map_off(rq, rs, mp, (int)nrows);
	int n = 0, dep = 0;
	const char *last_territory = NULL, *last_city = NULL;
	for (; (size_t)n < nrows; n++) {
		const place_browse_row *r = &rows[n];
		const char *t = r->territory, *city = r->city;
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
		if (r->photo_alt)
			h_printf(b, "<img class=\"thumb\" src=\"/api/v1/places/%lld/photo\" alt=\"%s\" loading=\"lazy\">",
				 (long long)r->id, r->photo_alt);
		h_printf(b, "<h4><a href=\"/places/%lld\">%s</a></h4><p>%s<br>%s %s</p>",
			 (long long)r->id, r->name, r->address, r->postcode, r->city);
		h_printf(b, "<p class=\"muted\">%s</p>", r->accessibility);
		h_printf(b, "<p>");
		h_textf(b, trn(L, "%lld resource", "%lld resources", (long)r->resources), (long long)r->resources);
		if (r->restricted)
			h_printf(b, " <span class=\"badge\">%s</span>", tr(L, "Reserved to its cooperative"));
		h_printf(b, "</p></li>");
	}
	if (last_territory)
		h_printf(b, "</ul></section></section>");
	if (n == 0)
		h_printf(b, "<p>%s</p>", tr(L, "No place matches."));
	page_end(rq, rs);
}

const route web_hosp_places_routes[] = {
	{HTTP_GET, "/places", web_places, ROUTE_PAGE | ROUTE_AUTH},
	{0, NULL, NULL, 0},
};
