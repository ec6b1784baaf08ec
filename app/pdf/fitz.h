/* fitz.h declares Fieldshelf's small C layer over MuPDF: every call into
 * MuPDF runs inside fz_try/fz_catch here, so a MuPDF error becomes a status
 * code and a message instead of a longjmp across Go frames. */
#ifndef FIELDSHELF_FITZ_H
#define FIELDSHELF_FITZ_H

#include <mupdf/fitz.h>

enum {
	FS_OK = 0,
	FS_ERROR = 1,         /* MuPDF reported an error; see msg */
	FS_NEEDS_PASSWORD = 2,
	FS_BAD_PASSWORD = 3,
};

/* fs_doc is one open document with its own MuPDF context: a context is
 * used by one thread at a time, and documents never share one. */
typedef struct fs_doc {
	fz_context *ctx;
	fz_document *doc;
	fz_page *page;          /* the last page loaded, or NULL */
	int page_no;
	fz_stext_page *text;    /* the last page's text, or NULL */
	int text_no;
	char msg[256];          /* the last error message */
} fs_doc;

fs_doc *fs_new(size_t store);
void fs_free(fs_doc *d);
int fs_open(fs_doc *d, const char *path);
int fs_authenticate(fs_doc *d, const char *password);
int fs_count_pages(fs_doc *d, int *n);
int fs_page_bounds(fs_doc *d, int page, fz_rect *r);
int fs_render(fs_doc *d, int page, float sx, float sy, int w, int h, unsigned char *samples, int night);
int fs_page_text(fs_doc *d, int page, char **text, size_t *len);
int fs_search(fs_doc *d, int page, const char *needle, int *marks, fz_quad *quads, int max, int *n);
int fs_select(fs_doc *d, int page, fz_rect sel, char **text, size_t *len, fz_rect *rects, int max, int *n);
int fs_load_outline(fs_doc *d, fz_outline **out);
int fs_outline_page(fs_doc *d, fz_outline *o);
void fs_drop_outline(fs_doc *d, fz_outline *o);
int fs_load_links(fs_doc *d, int page, fz_link **out);
int fs_link_page(fs_doc *d, const char *uri);
void fs_drop_links(fs_doc *d, fz_link *l);
int fs_metadata(fs_doc *d, const char *key, char *buf, int size);
void fs_free_text(fs_doc *d, char *p);
void fs_crash(void);

#endif
