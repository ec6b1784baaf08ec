/* fitz.c: see fitz.h. Written for Fieldshelf against MuPDF's public API. */
#include <stdlib.h>
#include <string.h>
#ifdef _WIN32
#include <io.h>
#else
#include <unistd.h>
#endif
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include "fitz.h"

#ifdef _WIN32
#define fs_fdopen _fdopen
#define fs_close _close
#else
#define fs_fdopen fdopen
#define fs_close close
#endif

static void fs_quiet(void *user, const char *message) { (void)user; (void)message; }

int fs_fail(fs_doc *d)
{
	const char *m = fz_caught_message(d->ctx);
	strncpy(d->msg, m ? m : "unknown error", sizeof d->msg - 1);
	d->msg[sizeof d->msg - 1] = 0;
	return FS_ERROR;
}

fs_doc *fs_new(size_t store, uintptr_t fonts)
{
	fs_doc *d = calloc(1, sizeof *d);
	if (!d)
		return NULL;
	d->ctx = fz_new_context(NULL, NULL, store);
	if (!d->ctx) {
		free(d);
		return NULL;
	}
	fz_set_warning_callback(d->ctx, fs_quiet, NULL);
	fz_set_error_callback(d->ctx, fs_quiet, NULL);
	fz_set_user_context(d->ctx, d);
	d->page_no = -1;
	d->text_no = -1;
	d->fonts = fonts;
	fz_try(d->ctx) {
		fz_register_document_handlers(d->ctx);
		fs_install_fonts(d->ctx);
	}
	fz_catch(d->ctx) {
		fz_drop_context(d->ctx);
		free(d);
		return NULL;
	}
	return d;
}

static void fs_drop_page_cache(fs_doc *d)
{
	fz_drop_stext_page(d->ctx, d->text);
	d->text = NULL;
	d->text_no = -1;
	fz_drop_page(d->ctx, d->page);
	d->page = NULL;
	d->page_no = -1;
}

void fs_free(fs_doc *d)
{
	if (!d)
		return;
	fs_drop_page_cache(d);
	fz_drop_document(d->ctx, d->doc);
	fz_drop_context(d->ctx);
	if (d->file)
		fclose(d->file);
	free(d);
#ifdef __GLIBC__
	/* A document's parsed objects, fonts and store are tens of megabytes
	 * freed in the middle of the worker's single malloc arena, which
	 * glibc keeps: give the free pages back to the system. */
	malloc_trim(0);
#endif
}

int fs_open(fs_doc *d, const char *path)
{
	int locked = 0;
	fz_try(d->ctx) {
		d->doc = fz_open_document(d->ctx, path);
		locked = fz_needs_password(d->ctx, d->doc);
	}
	fz_catch(d->ctx)
		return fs_fail(d);
	return locked ? FS_NEEDS_PASSWORD : FS_OK;
}

/* fs_open_fd opens the document from the descriptor fd, which d owns from
 * then on: MuPDF reads it through a FILE that fs_free closes. name, the
 * file's name, tells MuPDF its type where the content does not. On
 * Windows fd is a C runtime descriptor over a handle the worker opened
 * itself (see docfd_windows.go). */
int fs_open_fd(fs_doc *d, int fd, const char *name)
{
	int locked = 0;
	fz_stream *stm = NULL;
	d->file = fs_fdopen(fd, "rb");
	if (!d->file) {
		fs_close(fd);
		strcpy(d->msg, "cannot read the file's descriptor");
		return FS_ERROR;
	}
	fz_var(stm);
	fz_try(d->ctx) {
		stm = fz_open_file_ptr_no_close(d->ctx, d->file);
		d->doc = fz_open_document_with_stream(d->ctx, name, stm);
		locked = fz_needs_password(d->ctx, d->doc);
	}
	fz_always(d->ctx)
		fz_drop_stream(d->ctx, stm);
	fz_catch(d->ctx)
		return fs_fail(d);
	return locked ? FS_NEEDS_PASSWORD : FS_OK;
}

int fs_authenticate(fs_doc *d, const char *password)
{
	int ok = 0;
	fz_try(d->ctx)
		ok = fz_authenticate_password(d->ctx, d->doc, password);
	fz_catch(d->ctx)
		return fs_fail(d);
	return ok ? FS_OK : FS_BAD_PASSWORD;
}

int fs_count_pages(fs_doc *d, int *n)
{
	fz_try(d->ctx)
		*n = fz_count_pages(d->ctx, d->doc);
	fz_catch(d->ctx)
		return fs_fail(d);
	return FS_OK;
}

/* fs_load_page returns the page, kept until another page is loaded. It
 * throws; call it inside fz_try. */
static fz_page *fs_load_page(fs_doc *d, int page)
{
	if (d->page && d->page_no == page)
		return d->page;
	fs_drop_page_cache(d);
	d->page = fz_load_page(d->ctx, d->doc, page);
	d->page_no = page;
	return d->page;
}

int fs_page_bounds(fs_doc *d, int page, fz_rect *r)
{
	fz_try(d->ctx)
		*r = fz_bound_page(d->ctx, fs_load_page(d, page));
	fz_catch(d->ctx)
		return fs_fail(d);
	return FS_OK;
}

/* fs_draw runs the page into the pixmap, with the document's cookie. */
static void fs_draw(fs_doc *d, fz_page *p, fz_pixmap *pix, fz_matrix ctm)
{
	fz_context *ctx = d->ctx;
	fz_device *dev = NULL;
	fz_var(dev);
	fz_clear_pixmap_with_value(ctx, pix, 0xff);
	fz_try(ctx) {
		dev = fz_new_draw_device(ctx, fz_identity, pix);
		fz_run_page(ctx, p, dev, ctm, &d->cookie);
		fz_close_device(ctx, dev);
	}
	fz_always(ctx)
		fz_drop_device(ctx, dev);
	fz_catch(ctx)
		fz_rethrow(ctx);
}

/* fs_render draws a page, annotations and form fields included. When MuPDF
 * stood in for a font whose script the page's text then shows, the page
 * is drawn again with the font found for that script. */
int fs_render(fs_doc *d, int page, float sx, float sy, int w, int h, unsigned char *samples, int night)
{
	fz_context *ctx = d->ctx;
	fz_pixmap *pix = NULL;
	fz_var(pix);
	fz_try(ctx) {
		fz_page *p = fs_load_page(d, page);
		fz_matrix ctm = fz_scale(sx, sy);
		fz_rect b = fz_transform_rect(fz_bound_page(ctx, p), ctm);
		fz_irect box;
		box.x0 = (int)b.x0;
		box.y0 = (int)b.y0;
		box.x1 = box.x0 + w;
		box.y1 = box.y0 + h;
		pix = fz_new_pixmap_with_bbox_and_data(ctx, fz_device_rgb(ctx), box, NULL, 1, samples);
		fs_draw(d, p, pix, ctm);
		if (d->fonts_unsure && !d->cookie.abort && fs_settle_fonts(d, page))
			fs_draw(d, p, pix, ctm);
		if (night && !d->cookie.abort)
			fz_invert_pixmap_luminance(ctx, pix);
	}
	fz_always(ctx)
		fz_drop_pixmap(ctx, pix);
	fz_catch(ctx) {
		if (d->cookie.abort)
			return FS_ABORTED;
		return fs_fail(d);
	}
	return d->cookie.abort ? FS_ABORTED : FS_OK;
}

/* fs_reset_cookie readies the cookie for the next render. */
void fs_reset_cookie(fs_doc *d)
{
	memset(&d->cookie, 0, sizeof d->cookie);
}

/* fs_abort asks the render in progress, from another thread, to stop. */
void fs_abort(fs_doc *d)
{
	d->cookie.abort = 1;
}

/* fs_load_text returns the page's structured text, kept with the page. */
fz_stext_page *fs_load_text(fs_doc *d, int page)
{
	fz_page *p = fs_load_page(d, page);
	if (d->text && d->text_no == page)
		return d->text;
	d->text = fz_new_stext_page_from_page(d->ctx, p, NULL);
	d->text_no = page;
	return d->text;
}

int fs_page_text(fs_doc *d, int page, char **text, size_t *len)
{
	fz_context *ctx = d->ctx;
	fz_buffer *buf = NULL;
	fz_var(buf);
	*text = NULL;
	fz_try(ctx) {
		unsigned char *data;
		buf = fz_new_buffer_from_stext_page(ctx, fs_load_text(d, page));
		*len = fz_buffer_storage(ctx, buf, &data);
		*text = fz_malloc(ctx, *len + 1);
		memcpy(*text, data, *len);
		(*text)[*len] = 0;
	}
	fz_always(ctx)
		fz_drop_buffer(ctx, buf);
	fz_catch(ctx)
		return fs_fail(d);
	return FS_OK;
}

void fs_free_text(fs_doc *d, char *p)
{
	fz_free(d->ctx, p);
}

int fs_search(fs_doc *d, int page, const char *needle, int *marks, fz_quad *quads, int max, int *n)
{
	fz_try(d->ctx)
		*n = fz_search_stext_page(d->ctx, fs_load_text(d, page), needle, marks, quads, max);
	fz_catch(d->ctx)
		return fs_fail(d);
	return FS_OK;
}

/* fs_line_in says whether a text line is part of a selection: its box
 * meets sel. */
static int fs_line_in(fz_stext_line *l, fz_rect sel)
{
	return !fz_is_empty_rect(fz_intersect_rect(l->bbox, sel));
}

/* fs_char_in says whether a character of the idx-th of count selected lines
 * is selected. Selection follows reading order, as dragging over text does:
 * the first line from the left edge of sel to its end, the lines between
 * whole, the last line from its start to the right edge of sel; a single
 * line only between the two edges. */
static int fs_char_in(fz_rect box, fz_rect sel, int idx, int count)
{
	if (count == 1)
		return box.x1 >= sel.x0 && box.x0 <= sel.x1;
	if (idx == 0)
		return box.x1 >= sel.x0;
	if (idx == count - 1)
		return box.x0 <= sel.x1;
	return 1;
}

/* fs_select collects the selected characters of a page (see fs_char_in):
 * their text, one line per text line, in *text (free it with
 * fs_free_text), and the rectangle each line's selected characters cover
 * in rects (at most max of them; *n says how many). */
int fs_select(fs_doc *d, int page, fz_rect sel, char **text, size_t *len, fz_rect *rects, int max, int *n)
{
	fz_context *ctx = d->ctx;
	fz_buffer *buf = NULL;
	fz_var(buf);
	*text = NULL;
	*n = 0;
	fz_try(ctx) {
		fz_stext_page *tp = fs_load_text(d, page);
		fz_stext_block *b;
		unsigned char *data;
		int count = 0, idx = 0;
		buf = fz_new_buffer(ctx, 256);
		for (b = tp->first_block; b; b = b->next) {
			fz_stext_line *l;
			if (b->type == FZ_STEXT_BLOCK_TEXT)
				for (l = b->u.t.first_line; l; l = l->next)
					count += fs_line_in(l, sel);
		}
		for (b = tp->first_block; b; b = b->next) {
			fz_stext_line *l;
			if (b->type != FZ_STEXT_BLOCK_TEXT)
				continue;
			for (l = b->u.t.first_line; l; l = l->next) {
				fz_stext_char *c;
				fz_rect line = fz_empty_rect;
				int any = 0;
				if (!fs_line_in(l, sel))
					continue;
				for (c = l->first_char; c; c = c->next) {
					fz_rect box = fz_rect_from_quad(c->quad);
					if (!fs_char_in(box, sel, idx, count))
						continue;
					fz_append_rune(ctx, buf, c->c);
					line = any ? fz_union_rect(line, box) : box;
					any = 1;
				}
				idx++;
				if (!any)
					continue;
				fz_append_byte(ctx, buf, '\n');
				if (*n < max)
					rects[(*n)++] = line;
			}
		}
		*len = fz_buffer_storage(ctx, buf, &data);
		*text = fz_malloc(ctx, *len + 1);
		memcpy(*text, data, *len);
		(*text)[*len] = 0;
	}
	fz_always(ctx)
		fz_drop_buffer(ctx, buf);
	fz_catch(ctx)
		return fs_fail(d);
	return FS_OK;
}

int fs_load_outline(fs_doc *d, fz_outline **out)
{
	*out = NULL;
	fz_try(d->ctx)
		*out = fz_load_outline(d->ctx, d->doc);
	fz_catch(d->ctx)
		return fs_fail(d);
	return FS_OK;
}

int fs_outline_page(fs_doc *d, fz_outline *o, float *y)
{
	int n = -1;
	float x = 0;
	*y = 0;
	fz_try(d->ctx) {
		if (o->page.page >= 0) {
			n = fz_page_number_from_location(d->ctx, d->doc, o->page);
			*y = o->y;
		} else if (o->uri && !fz_is_external_link(d->ctx, o->uri))
			n = fz_page_number_from_location(d->ctx, d->doc, fz_resolve_link(d->ctx, d->doc, o->uri, &x, y));
	}
	fz_catch(d->ctx)
		n = -1;
	return n;
}

void fs_drop_outline(fs_doc *d, fz_outline *o)
{
	fz_drop_outline(d->ctx, o);
}

int fs_load_links(fs_doc *d, int page, fz_link **out)
{
	*out = NULL;
	fz_try(d->ctx)
		*out = fz_load_links(d->ctx, fs_load_page(d, page));
	fz_catch(d->ctx)
		return fs_fail(d);
	return FS_OK;
}

int fs_link_page(fs_doc *d, const char *uri, float *y)
{
	int n = -1;
	float x = 0;
	*y = 0;
	fz_try(d->ctx) {
		if (!fz_is_external_link(d->ctx, uri))
			n = fz_page_number_from_location(d->ctx, d->doc, fz_resolve_link(d->ctx, d->doc, uri, &x, y));
	}
	fz_catch(d->ctx)
		n = -1;
	return n;
}

void fs_drop_links(fs_doc *d, fz_link *l)
{
	fz_drop_link(d->ctx, l);
}

int fs_metadata(fs_doc *d, const char *key, char *buf, int size)
{
	int n = -1;
	fz_try(d->ctx)
		n = fz_lookup_metadata(d->ctx, d->doc, key, buf, size);
	fz_catch(d->ctx)
		n = -1;
	return n;
}

void fs_crash(void)
{
	abort();
}

const char *fs_header_version(void)
{
	return FZ_VERSION;
}

/* fs_library_accepts says whether the linked library is the given version:
 * MuPDF refuses a context to code compiled with other headers. */
int fs_library_accepts(const char *version)
{
	fz_context *ctx = fz_new_context_imp(NULL, NULL, FZ_STORE_UNLIMITED, version);
	if (!ctx)
		return 0;
	fz_drop_context(ctx);
	return 1;
}
