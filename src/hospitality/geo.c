/*
 * geo.c — positions for the map of places, with no tile server: the
 * approximate centre of each metropolitan department (found from a
 * postcode), a simplified outline of metropolitan France and Corsica, the
 * parsing of decimal degrees, and the projection onto the map.
 *
 * Everything is in integers: positions in micro-degrees (WGS 84), the
 * outline in 1/10 000 of a degree (a few hundred metres, plenty for a map
 * a few hundred pixels wide).  The projection is equirectangular, with the
 * longitudes scaled by cos(46.5°) ≈ 0.6884 (the middle of France) so that
 * the country keeps its shape; one map unit is 1/100 of a degree of
 * latitude.  Corsica: postcodes 200xx–201xx are Corse-du-Sud (2A), 202xx
 * and 206xx Haute-Corse (2B).  Overseas postcodes (97x, 98x) have no
 * department here: such places are listed under the map.
 */
#include "hospitality/hosp_internal.h"
#include <ctype.h>

/* Approximate centres of the 96 metropolitan departments (lat, lon in
 * micro-degrees), by code; 2A and 2B stand for Corsica. */
static const geo_department geo_departments[] = {
	{"01", "Ain", 46100000, 5350000}, {"02", "Aisne", 49560000, 3560000},
	{"03", "Allier", 46390000, 3190000}, {"04", "Alpes-de-Haute-Provence", 44110000, 6240000},
	{"05", "Hautes-Alpes", 44660000, 6260000}, {"06", "Alpes-Maritimes", 43940000, 7120000},
	{"07", "Ardèche", 44750000, 4420000}, {"08", "Ardennes", 49620000, 4630000},
	{"09", "Ariège", 42920000, 1500000}, {"10", "Aube", 48300000, 4160000},
	{"11", "Aude", 43100000, 2410000}, {"12", "Aveyron", 44280000, 2680000},
	{"13", "Bouches-du-Rhône", 43540000, 5090000}, {"14", "Calvados", 49100000, -360000},
	{"15", "Cantal", 45050000, 2670000}, {"16", "Charente", 45720000, 200000},
	{"17", "Charente-Maritime", 45780000, -670000}, {"18", "Cher", 47060000, 2490000},
	{"19", "Corrèze", 45360000, 1880000}, {"21", "Côte-d'Or", 47420000, 4770000},
	{"22", "Côtes-d'Armor", 48440000, -2860000}, {"23", "Creuse", 46090000, 2020000},
	{"24", "Dordogne", 45100000, 740000}, {"25", "Doubs", 47170000, 6360000},
	{"26", "Drôme", 44680000, 5170000}, {"27", "Eure", 49110000, 1000000},
	{"28", "Eure-et-Loir", 48390000, 1370000}, {"29", "Finistère", 48260000, -4060000},
	{"2A", "Corse-du-Sud", 41860000, 8980000}, {"2B", "Haute-Corse", 42390000, 9210000},
	{"30", "Gard", 43990000, 4180000}, {"31", "Haute-Garonne", 43360000, 1170000},
	{"32", "Gers", 43690000, 450000}, {"33", "Gironde", 44830000, -580000},
	{"34", "Hérault", 43580000, 3370000}, {"35", "Ille-et-Vilaine", 48150000, -1640000},
	{"36", "Indre", 46780000, 1580000}, {"37", "Indre-et-Loire", 47260000, 690000},
	{"38", "Isère", 45260000, 5580000}, {"39", "Jura", 46730000, 5700000},
	{"40", "Landes", 43970000, -780000}, {"41", "Loir-et-Cher", 47620000, 1430000},
	{"42", "Loire", 45730000, 4170000}, {"43", "Haute-Loire", 45130000, 3810000},
	{"44", "Loire-Atlantique", 47350000, -1730000}, {"45", "Loiret", 47910000, 2340000},
	{"46", "Lot", 44620000, 1610000}, {"47", "Lot-et-Garonne", 44370000, 460000},
	{"48", "Lozère", 44520000, 3500000}, {"49", "Maine-et-Loire", 47390000, -560000},
	{"50", "Manche", 49080000, -1330000}, {"51", "Marne", 48950000, 4240000},
	{"52", "Haute-Marne", 48110000, 5230000}, {"53", "Mayenne", 48150000, -660000},
	{"54", "Meurthe-et-Moselle", 48790000, 6160000}, {"55", "Meuse", 48990000, 5380000},
	{"56", "Morbihan", 47850000, -2810000}, {"57", "Moselle", 49040000, 6660000},
	{"58", "Nièvre", 47120000, 3500000}, {"59", "Nord", 50450000, 3220000},
	{"60", "Oise", 49410000, 2430000}, {"61", "Orne", 48620000, 130000},
	{"62", "Pas-de-Calais", 50490000, 2290000}, {"63", "Puy-de-Dôme", 45730000, 3140000},
	{"64", "Pyrénées-Atlantiques", 43260000, -760000}, {"65", "Hautes-Pyrénées", 43050000, 160000},
	{"66", "Pyrénées-Orientales", 42600000, 2520000}, {"67", "Bas-Rhin", 48670000, 7550000},
	{"68", "Haut-Rhin", 47860000, 7270000}, {"69", "Rhône", 45870000, 4640000},
	{"70", "Haute-Saône", 47640000, 6090000}, {"71", "Saône-et-Loire", 46640000, 4540000},
	{"72", "Sarthe", 47990000, 220000}, {"73", "Savoie", 45480000, 6440000},
	{"74", "Haute-Savoie", 46030000, 6430000}, {"75", "Paris", 48860000, 2340000},
	{"76", "Seine-Maritime", 49660000, 1030000}, {"77", "Seine-et-Marne", 48630000, 2930000},
	{"78", "Yvelines", 48810000, 1850000}, {"79", "Deux-Sèvres", 46540000, -320000},
	{"80", "Somme", 49960000, 2280000}, {"81", "Tarn", 43790000, 2170000},
	{"82", "Tarn-et-Garonne", 44080000, 1280000}, {"83", "Var", 43460000, 6220000},
	{"84", "Vaucluse", 43990000, 5180000}, {"85", "Vendée", 46680000, -1300000},
	{"86", "Vienne", 46560000, 460000}, {"87", "Haute-Vienne", 45890000, 1240000},
	{"88", "Vosges", 48200000, 6380000}, {"89", "Yonne", 47840000, 3560000},
	{"90", "Territoire de Belfort", 47630000, 6930000}, {"91", "Essonne", 48520000, 2240000},
	{"92", "Hauts-de-Seine", 48850000, 2250000}, {"93", "Seine-Saint-Denis", 48910000, 2480000},
	{"94", "Val-de-Marne", 48780000, 2470000}, {"95", "Val-d'Oise", 49080000, 2130000},
};

/* Metropolitan France without Corsica, clockwise from Dunkirk (lon, lat in
 * 1/10 000 of a degree). */
static const geo_point geo_mainland[] = {
	{23700, 510500}, {25400, 510900}, {26300, 509500}, {29000, 507000}, {31500, 507800},
	{33000, 505200}, {36500, 504600}, {39700, 502800}, {41500, 502700}, {42300, 499600},
	{44500, 499400}, {48000, 499800}, {48700, 501500}, {48800, 499000}, {51000, 497700},
	{54500, 495000}, {58200, 495500}, {63700, 494600}, {67300, 491700}, {71000, 491400},
	{74500, 491700}, {76300, 490500}, {82200, 489700}, {78000, 486000}, {75700, 481200},
	{75200, 476600}, {75900, 475800}, {73800, 474300}, {69800, 474500}, {69000, 473300},
	{64500, 470700}, {61300, 467700}, {60700, 464500}, {61200, 462600}, {62100, 463200},
	{65200, 464000}, {68000, 463900}, {68700, 461200}, {70400, 459200}, {68000, 457500},
	{71800, 454200}, {69000, 451700}, {66300, 451100}, {67600, 449100}, {70700, 446800},
	{68600, 444200}, {73500, 441200}, {75900, 440900}, {77200, 439900}, {75300, 437800},
	{72700, 437000}, {71200, 435700}, {69300, 434400}, {66400, 432700}, {63600, 431000},
	{61500, 430300}, {59300, 431000}, {55500, 432000}, {53500, 432800}, {50300, 433300},
	{48300, 434300}, {45800, 433600}, {44300, 434500}, {41300, 435300}, {36900, 433900},
	{32300, 432200}, {30500, 430500}, {30500, 429000}, {30400, 427000}, {31700, 424400},
	{26700, 423400}, {20300, 423600}, {17200, 425000}, {14500, 426000}, {9600, 428000},
	{6700, 428400}, {0, 426900}, {-3100, 428400}, {-7500, 429500}, {-13200, 430500},
	{-14500, 432700}, {-17800, 433600}, {-15600, 434800}, {-14500, 436400}, {-13000, 442000},
	{-12500, 446300}, {-12000, 450000}, {-10700, 455700}, {-11000, 458500}, {-11500, 461500},
	{-14700, 463300}, {-17900, 464900}, {-20500, 467400}, {-21500, 469500}, {-22000, 472700},
	{-25100, 472900}, {-28500, 475000}, {-31300, 474800}, {-33700, 477000}, {-38500, 477900},
	{-43700, 478000}, {-47300, 480400}, {-46200, 482800}, {-47800, 483300}, {-47800, 485200},
	{-46000, 486200}, {-39800, 487200}, {-35800, 486800}, {-34500, 488400}, {-30500, 487800},
	{-27600, 485500}, {-23200, 486800}, {-20200, 486500}, {-15100, 486300}, {-15700, 488400},
	{-16000, 491000}, {-17900, 493700}, {-19400, 497200}, {-16200, 496400}, {-12600, 496900},
	{-11800, 494000}, {-8500, 493600}, {-2500, 492900}, {1000, 494200}, {1000, 494900},
	{2200, 497100}, {6000, 498600}, {10800, 499300}, {13800, 500700}, {15600, 502200},
	{15800, 505200}, {15900, 507300}, {15800, 508700}, {18500, 509600},
};

/* Corsica, clockwise from Cap Corse. */
static const geo_point geo_corsica[] = {
	{94000, 430100}, {94500, 427000}, {95300, 421000}, {94000, 417000}, {92800, 415900},
	{91600, 413900}, {88800, 415000}, {89000, 416700}, {87300, 419200}, {86000, 420500},
	{85900, 421300}, {86300, 423500}, {87400, 425700}, {89400, 426400}, {93000, 426800},
	{93400, 429800},
};

const geo_point *geo_outline(int which, int *n)
{
	if (which == 0) {
		*n = (int)(sizeof geo_mainland / sizeof *geo_mainland);
		return geo_mainland;
	}
	if (which == 1) {
		*n = (int)(sizeof geo_corsica / sizeof *geo_corsica);
		return geo_corsica;
	}
	*n = 0;
	return NULL;
}

bool geo_department_of(const char *postcode, geo_department *out)
{
	if (!postcode)
		return false;
	while (*postcode == ' ')
		postcode++;
	if (strlen(postcode) < 5 || !isdigit((unsigned char)postcode[0]) || !isdigit((unsigned char)postcode[1]) ||
	    !isdigit((unsigned char)postcode[2]))
		return false;
	char code[3] = {postcode[0], postcode[1], 0};
	if (strcmp(code, "20") == 0)
		snprintf(code, sizeof code, "%s", postcode[2] <= '1' ? "2A" : "2B");
	for (size_t i = 0; i < sizeof geo_departments / sizeof *geo_departments; i++)
		if (strcmp(geo_departments[i].code, code) == 0) {
			*out = geo_departments[i];
			return true;
		}
	return false; /* 00, 96, overseas 97x/98x */
}

bool geo_parse_degrees(const char *s, int64_t limit_e6, int64_t *out)
{
	if (!s)
		return false;
	while (*s == ' ')
		s++;
	bool neg = *s == '-';
	if (*s == '-' || *s == '+')
		s++;
	int64_t whole = 0, frac = 0;
	int nwhole = 0, nfrac = 0;
	for (; isdigit((unsigned char)*s) && nwhole < 4; s++, nwhole++)
		whole = whole * 10 + (*s - '0');
	if (*s == '.' || *s == ',') {
		for (s++; isdigit((unsigned char)*s); s++, nfrac++)
			if (nfrac < 6)
				frac = frac * 10 + (*s - '0');
		if (nfrac == 0)
			return false;
	}
	while (*s == ' ')
		s++;
	if (nwhole == 0 || *s)
		return false;
	for (int i = nfrac < 6 ? nfrac : 6; i < 6; i++)
		frac *= 10;
	int64_t v = whole * 1000000 + frac;
	if (v > limit_e6)
		return false;
	*out = neg ? -v : v;
	return true;
}

/* True when s holds nothing but spaces (or is NULL). */
static bool geo_blank(const char *s)
{
	return !s || !s[strspn(s, " ")];
}

bg_status geo_parse_position(const char *lat, const char *lon, bool *has, int64_t *lat_e6, int64_t *lon_e6,
			     bg_error *err)
{
	*has = !geo_blank(lat);
	if (*has != !geo_blank(lon))
		return bg_fail(err, BG_ERR_INVALID, "missing_field", *has ? "longitude" : "latitude",
			       N_("Give both the latitude and the longitude, or neither."));
	if (*has && !geo_parse_degrees(lat, GEO_LAT_LIMIT_E6, lat_e6))
		return bg_fail(err, BG_ERR_INVALID, "invalid_latitude", "latitude",
			       N_("The latitude is a number of degrees between -90 and 90, like 44.8378."));
	if (*has && !geo_parse_degrees(lon, GEO_LON_LIMIT_E6, lon_e6))
		return bg_fail(err, BG_ERR_INVALID, "invalid_longitude", "longitude",
			       N_("The longitude is a number of degrees between -180 and 180, like -0.5792."));
	return BG_OK;
}

void geo_format_degrees(char *dst, size_t cap, int64_t e6)
{
	int64_t a = e6 < 0 ? -e6 : e6;
	char frac[8];
	snprintf(frac, sizeof frac, "%06lld", (long long)(a % 1000000));
	for (int i = 5; i > 0 && frac[i] == '0'; i--)
		frac[i] = 0;
	snprintf(dst, cap, "%s%lld.%s", e6 < 0 ? "-" : "", (long long)(a / 1000000), frac);
}

bool geo_project(int64_t lat_e6, int64_t lon_e6, int *x, int *y)
{
	int64_t px = (lon_e6 - GEO_LON_MIN_E6) * GEO_COS_E4 / 100000000;
	int64_t py = (GEO_LAT_MAX_E6 - lat_e6) / 10000;
	if (lon_e6 < GEO_LON_MIN_E6 || px > GEO_MAP_W || py < 0 || py > GEO_MAP_H)
		return false;
	*x = (int)px;
	*y = (int)py;
	return true;
}

bool geo_place_position(const place *p, int64_t *lat_e6, int64_t *lon_e6, bool *approximate,
			geo_department *dep)
{
	geo_department d;
	bool has_dep = geo_department_of(p->postcode, &d);
	if (dep)
		*dep = has_dep ? d : (geo_department){"", "", 0, 0};
	if (p->has_position) {
		*lat_e6 = p->latitude_e6;
		*lon_e6 = p->longitude_e6;
		*approximate = false;
		return true;
	}
	if (!has_dep)
		return false;
	*lat_e6 = d.lat_e6;
	*lon_e6 = d.lon_e6;
	*approximate = true;
	return true;
}
