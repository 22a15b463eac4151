/*
 * demo_photo.c — the demo places' photos: a drawing of a façade per place
 * (sky, a building of a few floors with its windows and door, a tree),
 * rendered with cairo into a PNG in memory.  The shapes and colours come
 * from the place's index only, so the demo is the same at every run.
 */
#include "hospitality/hosp_internal.h"
#include <cairo.h>

/* cairo's PNG writer appends to a buf. */
static cairo_status_t demo_photo_write(void *closure, const unsigned char *data, unsigned int len)
{
	buf_append(closure, data, len);
	return CAIRO_STATUS_SUCCESS;
}

int demo_photo_png(int index, buf *out)
{
	static const double walls[][3] = {{.93, .86, .74}, {.80, .55, .45}, {.88, .88, .84}, {.72, .78, .86},
					  {.95, .80, .60}, {.70, .62, .55}, {.85, .90, .80}};
	const double *wall = walls[index % 7];
	int floors = 2 + index % 3, bays = 3 + index % 3;
	const int w = 480, h = 270;
	cairo_surface_t *sf = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
	cairo_t *cr = cairo_create(sf);
	cairo_pattern_t *sky = cairo_pattern_create_linear(0, 0, 0, h);
	cairo_pattern_add_color_stop_rgb(sky, 0, .55, .75, .92);
	cairo_pattern_add_color_stop_rgb(sky, 1, .90, .95, .98);
	cairo_set_source(cr, sky);
	cairo_paint(cr);
	cairo_pattern_destroy(sky);
	cairo_set_source_rgb(cr, .45, .62, .40); /* ground */
	cairo_rectangle(cr, 0, h - 40, w, 40);
	cairo_fill(cr);
	double fh = 40, bw = 60 * bays, bx = (w - bw) / 2 - 40, by = h - 40 - fh * floors - 20;
	cairo_set_source_rgb(cr, wall[0], wall[1], wall[2]);
	cairo_rectangle(cr, bx, by, bw, h - 40 - by);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, .45, .20, .22); /* roof */
	cairo_move_to(cr, bx - 10, by);
	cairo_line_to(cr, bx + bw / 2, by - 40);
	cairo_line_to(cr, bx + bw + 10, by);
	cairo_close_path(cr);
	cairo_fill(cr);
	for (int f = 0; f < floors; f++)
		for (int b = 0; b < bays; b++) {
			bool door = f == floors - 1 && b == bays / 2;
			cairo_set_source_rgb(cr, door ? .48 : .25, door ? .12 : .35, door ? .24 : .45);
			cairo_rectangle(cr, bx + 15 + 60 * b, by + 20 + fh * f, 30, door ? fh : 28);
			cairo_fill(cr);
		}
	cairo_set_source_rgb(cr, .40, .28, .18); /* a tree */
	cairo_rectangle(cr, bx + bw + 60, h - 90, 12, 50);
	cairo_fill(cr);
	cairo_set_source_rgb(cr, .28, .52, .30);
	cairo_arc(cr, bx + bw + 66, h - 100, 32, 0, 6.2832);
	cairo_fill(cr);
	cairo_destroy(cr);
	cairo_surface_flush(sf);
	cairo_status_t cs = cairo_surface_write_to_png_stream(sf, demo_photo_write, out);
	cairo_surface_destroy(sf);
	return cs == CAIRO_STATUS_SUCCESS ? floors : -1;
}
