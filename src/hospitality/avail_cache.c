/*
 * avail_cache.c — computed availability, remembered week by week.
 *
 * An availability answer (avail_compute() in place.c) costs a few hundred
 * microseconds: the bookings around the range, the opening rules, the free
 * intervals of each resource.  Members ask for the same places and weeks
 * again and again, so the server remembers the free intervals of each
 * (place, week of local days), under two conditions:
 *
 *  - the place's version (table place_versions), read in the request's own
 *    transaction.  Triggers give the place a new random version on every
 *    write that can change its availability (bookings, offers, resources,
 *    hours, exceptions, closures, the place), whoever writes: a request, the
 *    periodic tick, a command, a fix by hand.  An entry of another version
 *    is never used; being random, versions never match across databases;
 *  - an expiry: the week's start (from then on slots before now must be
 *    cut), or sooner the first moment its answer changes with no write (a
 *    booking released for want of check-in, an offer that lapses).
 *
 * Weeks that have begun are computed for each request, over the part asked
 * only.  A remembered week is clipped to the range asked.  Free intervals
 * never cross a local midnight (opening ranges are per day), so weeks glued
 * together give what computing the range in one go gives; a unit test
 * compares the two.
 *
 * Memory is bounded: when the entries pass AVAIL_CACHE_BYTES they are all
 * dropped, and the cache fills again on demand.  One mutex guards the
 * table; weeks are computed outside it and copied in and out under it.
 */
#include "hospitality/hosp_internal.h"
#include "core/date.h"
#include "core/mem.h"
#include <assert.h>
#include <stdatomic.h>
#include <stdlib.h>

enum {
	AVAIL_WEEK_DAYS = 7,
	AVAIL_BUCKETS = 4096,
	AVAIL_CACHE_BYTES = 64 << 20,
};

/* One free interval of one resource. */
typedef struct avail_span {
	int64_t resource_id, s, e;
} avail_span;

/* The free intervals of a week (or of the part of it asked), in the order
 * avail_compute() gives them: resource by resource, in time order. */
typedef struct avail_week {
	int n, cap;
	avail_span *spans;
} avail_week;

/* A remembered week. */
typedef struct avail_entry {
	int64_t place_id, week, version, expires;
	avail_week w;
	struct avail_entry *next;
} avail_entry;

static struct {
	pthread_mutex_t lock;
	avail_entry *bucket[AVAIL_BUCKETS];
	size_t bytes;
} avail_cache = {.lock = PTHREAD_MUTEX_INITIALIZER};
static atomic_uint_fast64_t avail_hits, avail_misses;

/* Collects the intervals avail_compute() emits into an avail_week. */
static void avail_collect(void *ctx, const resource *r, int64_t s, int64_t e)
{
	avail_week *w = ctx;
	if (w->n == w->cap) {
		w->cap = w->cap ? 2 * w->cap : 64;
		w->spans = xrealloc(w->spans, sizeof *w->spans * (size_t)w->cap);
	}
	w->spans[w->n++] = (avail_span){r->id, s, e};
}

/* The bucket of (place, week). */
static avail_entry **avail_bucket(int64_t place_id, int64_t week)
{
	uint64_t h = (uint64_t)place_id * 0x9E3779B97F4A7C15ULL ^ (uint64_t)week * 0xC2B2AE3D27D4EB4FULL;
	return &avail_cache.bucket[(h >> 32) % AVAIL_BUCKETS];
}

/* Drops every entry; call with the lock held. */
static void avail_drop_all(void)
{
	for (int i = 0; i < AVAIL_BUCKETS; i++) {
		avail_entry *e = avail_cache.bucket[i];
		while (e) {
			avail_entry *next = e->next;
			free(e->w.spans);
			free(e);
			e = next;
		}
		avail_cache.bucket[i] = NULL;
	}
	avail_cache.bytes = 0;
}

/* A copy of n spans (room for one more); n may be 0 and spans NULL: a
 * week with no free span is a normal week. */
static avail_span *avail_spans_copy(const avail_span *spans, int n)
{
	avail_span *copy = xmalloc(sizeof *copy * (size_t)(n + 1));
	if (n > 0)
		memcpy(copy, spans, sizeof *copy * (size_t)n);
	return copy;
}

/* Copies the remembered week into w when there is one of this version,
 * still valid at now. */
static bool avail_get(int64_t place_id, int64_t week, int64_t version, int64_t now, avail_week *w)
{
	bool hit = false;
	pthread_mutex_lock(&avail_cache.lock);
	for (avail_entry *e = *avail_bucket(place_id, week); e; e = e->next)
		if (e->place_id == place_id && e->week == week) {
			if (e->version == version && now < e->expires) {
				w->n = w->cap = e->w.n;
				w->spans = avail_spans_copy(e->w.spans, e->w.n);
				hit = true;
			}
			break;
		}
	pthread_mutex_unlock(&avail_cache.lock);
	return hit;
}

/* Remembers a computed week (a copy of w), replacing an older one. */
static void avail_put(int64_t place_id, int64_t week, int64_t version, int64_t expires, const avail_week *w)
{
	size_t size = sizeof(avail_entry) + sizeof *w->spans * (size_t)w->n;
	avail_span *copy = avail_spans_copy(w->spans, w->n);
	pthread_mutex_lock(&avail_cache.lock);
	if (avail_cache.bytes + size > AVAIL_CACHE_BYTES)
		avail_drop_all();
	avail_entry **b = avail_bucket(place_id, week), *e = *b;
	while (e && !(e->place_id == place_id && e->week == week))
		e = e->next;
	if (e) {
		avail_cache.bytes -= sizeof *e->w.spans * (size_t)e->w.n;
		free(e->w.spans);
	} else {
		e = xmalloc(sizeof *e);
		e->place_id = place_id;
		e->week = week;
		e->next = *b;
		*b = e;
		avail_cache.bytes += sizeof *e;
	}
	e->version = version;
	e->expires = expires;
	e->w = (avail_week){w->n, w->n, copy};
	avail_cache.bytes += sizeof *copy * (size_t)w->n;
	pthread_mutex_unlock(&avail_cache.lock);
}

void avail_cache_counts(uint64_t *hits, uint64_t *misses)
{
	*hits = atomic_load(&avail_hits);
	*misses = atomic_load(&avail_misses);
}

/* Floor division, for weeks of days before 1970 too. */
static int64_t avail_floor_div(int64_t a, int64_t b)
{
	return a >= 0 ? a / b : -((-a + b - 1) / b);
}

bg_status avail_cached(db *d, const place *p, int64_t from, int64_t to, availability_fn emit,
		       void *ctx, bg_error *err)
{
	assert(from < to);
	int64_t now = date_now(), version = 0;
	bool versioned = false;
	if (db_scalar(d, err, &version, &versioned, "SELECT version FROM place_versions WHERE place_id = ?",
		      "i", p->id) != BG_OK)
		return err->status;
	int nr;
	resource *rs = avail_resources(d, p->id, &nr);
	if (!rs)
		return bg_db_fail(err);
	int64_t d0, d1;
	int minute;
	tz_utc_to_local(p->timezone, from, &d0, &minute);
	tz_utc_to_local(p->timezone, to - 1, &d1, &minute);
	int64_t w0 = avail_floor_div(d0, AVAIL_WEEK_DAYS), w1 = avail_floor_div(d1, AVAIL_WEEK_DAYS);
	int nw = (int)(w1 - w0 + 1);
	avail_week *weeks = xmalloc(sizeof *weeks * (size_t)nw);
	memset(weeks, 0, sizeof *weeks * (size_t)nw);
	bg_status st = BG_OK;
	for (int i = 0; i < nw && st == BG_OK; i++) {
		int64_t week = w0 + i;
		int64_t starts = tz_local_to_utc(p->timezone, week * AVAIL_WEEK_DAYS, 0);
		int64_t ends = tz_local_to_utc(p->timezone, (week + 1) * AVAIL_WEEK_DAYS, 0);
		/* a week that has begun is computed each time, for the part asked */
		bool whole = versioned && starts > now;
		if (whole && avail_get(p->id, week, version, now, &weeks[i])) {
			atomic_fetch_add(&avail_hits, 1);
			continue;
		}
		atomic_fetch_add(&avail_misses, 1);
		int64_t lapses;
		st = avail_compute(d, p, rs, nr, (whole || starts > from) ? starts : from,
				   (whole || ends < to) ? ends : to, now, avail_collect, &weeks[i], &lapses, err);
		if (st == BG_OK && whole)
			avail_put(p->id, week, version, lapses < starts ? lapses : starts, &weeks[i]);
	}
	/* resource by resource, week after week, clipped to the range asked */
	for (int j = 0; j < nr && st == BG_OK; j++)
		for (int i = 0; i < nw; i++)
			for (int k = 0; k < weeks[i].n; k++) {
				const avail_span *sp = &weeks[i].spans[k];
				int64_t s = sp->s > from ? sp->s : from, e = sp->e < to ? sp->e : to;
				if (sp->resource_id == rs[j].id && s < e)
					emit(ctx, &rs[j], s, e);
			}
	for (int i = 0; i < nw; i++)
		free(weeks[i].spans);
	free(weeks);
	free(rs);
	return st;
}

/* The rights and range checks of place_availability (hospitality.h) live
 * here, beside the cache they call, so that place.c (which computes an
 * answer) does not call back into the cache that calls it. */
bg_status place_availability(db *d, int64_t actor, int64_t place_id, int64_t from, int64_t to,
			     availability_fn emit, void *ctx, bg_error *err)
{
	place p;
	bg_status st = place_load(d, place_id, &p, err);
	if (st != BG_OK)
		return st;
	if (!place_is_member(d, actor))
		return bg_fail(err, BG_ERR_NOT_FOUND, "not_found", "place_id",
			       N_("This place does not exist."));
	if (to <= from)
		return bg_fail(err, BG_ERR_INVALID, "invalid_range", "to",
			       N_("The end must come after the start."));
	if (to - from > 62 * 86400)
		return bg_fail(err, BG_ERR_INVALID, "range_too_long", "to",
			       N_("Ask for at most two months at a time."));
	return avail_cached(d, &p, from, to, emit, ctx, err);
}
