/* fitz.h declares Fieldshelf's small C layer over MuPDF: every call into
 * MuPDF runs inside fz_try/fz_catch here, so a MuPDF error becomes a status
 * code and a message instead of a longjmp across Go frames. */
#ifndef FIELDSHELF_FITZ_H
#define FIELDSHELF_FITZ_H

/* MuPDF's headers are those of the go-fitz module that go.mod names, whose
 * static libraries go-fitz links: the Makefile puts them on the include
 * path and defines FIELDSHELF_GOFITZ. Without them stop here, in one line,
 * rather than compile against another MuPDF or not at all. */
#ifndef FIELDSHELF_GOFITZ
#error "app/pdf needs the MuPDF headers of go-fitz: build with make (make build, make test, make run), or eval \"$(make -s env)\" first"
#else

#include <mupdf/fitz.h>

enum {
	FS_OK = 0,
	FS_ERROR = 1,         /* MuPDF reported an error; see msg */
	FS_NEEDS_PASSWORD = 2,
	FS_BAD_PASSWORD = 3,
	FS_ABORTED = 4,       /* the render's cookie was aborted */
};

/* fs_face is a font file found on this computer for a font a PDF names
 * without embedding it: bytes that stay mapped for the life of the
 * process, and the index of the face in them. */
typedef struct fs_face {
	const unsigned char *data;
	size_t size;
	int index;
} fs_face;

/* What Go answers when MuPDF asks for a system font. */
enum {
	FS_FONT_NONE = 0,     /* none: MuPDF uses its own */
	FS_FONT_FOUND = 1,    /* the fs_face is filled in */
	FS_FONT_UNSURE = 2,   /* none for now: the script of the font's text is not known yet */
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
	fz_cookie cookie;       /* of the render in progress: abort cancels it */
	uintptr_t fonts;        /* Go's handle of the document's font choices */
	int fonts_unsure;       /* MuPDF stood in for a font whose script is not known yet */
	FILE *file;             /* the file of a document opened from a descriptor, or NULL */
	char msg[256];          /* the last error message */
} fs_doc;

/* fs_annot is an annotation the file carries itself (annots.c): a sticky
 * note with its author and text, or a form field with its full name (in
 * author), its value (in text) and its type. Strings are cut to fit. */
enum {
	FS_ANNOT_NOTE = 1,
	FS_ANNOT_FIELD = 2,
};

typedef struct fs_annot {
	int kind;
	fz_rect rect;           /* on the page, in points from its top left */
	char author[256];
	char text[4096];
	char field_type[32];
} fs_annot;

fs_doc *fs_new(size_t store, uintptr_t fonts);
void fs_free(fs_doc *d);
int fs_open(fs_doc *d, const char *path);
int fs_open_fd(fs_doc *d, int fd, const char *name);
int fs_authenticate(fs_doc *d, const char *password);
int fs_count_pages(fs_doc *d, int *n);
int fs_page_bounds(fs_doc *d, int page, fz_rect *r);
int fs_render(fs_doc *d, int page, float sx, float sy, int w, int h, unsigned char *samples, int night);
void fs_reset_cookie(fs_doc *d);
void fs_abort(fs_doc *d);
int fs_page_text(fs_doc *d, int page, char **text, size_t *len);
int fs_search(fs_doc *d, int page, const char *needle, int *marks, fz_quad *quads, int max, int *n);
int fs_select(fs_doc *d, int page, fz_rect sel, char **text, size_t *len, fz_rect *rects, int max, int *n);
int fs_load_outline(fs_doc *d, fz_outline **out);
/* fs_outline_page and fs_link_page return the target page (from 0; -1
 * for none or an external link) and set *y to the place on it, in points
 * from its top (0 when the target names none). */
int fs_outline_page(fs_doc *d, fz_outline *o, float *y);
void fs_drop_outline(fs_doc *d, fz_outline *o);
int fs_load_links(fs_doc *d, int page, fz_link **out);
int fs_link_page(fs_doc *d, const char *uri, float *y);
void fs_drop_links(fs_doc *d, fz_link *l);
int fs_metadata(fs_doc *d, const char *key, char *buf, int size);
int fs_page_annots(fs_doc *d, int page, fs_annot *out, int max, int *n);
void fs_free_text(fs_doc *d, char *p);
void fs_crash(void);
const char *fs_header_version(void);
int fs_library_accepts(const char *version);

/* fs_fail records the error caught and returns FS_ERROR (call it in
 * fz_catch). */
int fs_fail(fs_doc *d);

/* Shared by fitz.c and fonts.c; they throw, so call them inside fz_try. */
fz_stext_page *fs_load_text(fs_doc *d, int page);
void fs_install_fonts(fz_context *ctx);
int fs_settle_fonts(fs_doc *d, int page);

/* fonts.c, for tests: the font MuPDF falls back on for a character that
 * font lacks. */
int fs_fallback_font_name(fs_doc *d, int c, char *name, int size);

#endif /* FIELDSHELF_GOFITZ */
#endif
