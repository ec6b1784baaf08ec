/* fonts.c: MuPDF's system font hooks, answered by Go (fonts.go) from the
 * fonts of this computer, and what the page's text tells of the fonts
 * MuPDF stood in for. Written for Fieldshelf against MuPDF's public API. */
#include <string.h>
#include "fitz.h"
#include "_cgo_export.h"

/* fs_font_of makes a MuPDF font of a face Go found; NULL when the file is
 * not a font MuPDF can read (MuPDF then uses its own). */
static fz_font *fs_font_of(fz_context *ctx, const char *name, const fs_face *f)
{
	fz_buffer *buf = NULL;
	fz_font *font = NULL;
	fz_var(buf);
	fz_var(font);
	fz_try(ctx) {
		buf = fz_new_buffer_from_shared_data(ctx, f->data, f->size);
		font = fz_new_font_from_buffer(ctx, name, buf, f->index, 0);
	}
	fz_always(ctx)
		fz_drop_buffer(ctx, buf);
	fz_catch(ctx)
		font = NULL;
	return font;
}

/* fs_system_font answers for a font the document names and does not
 * embed. */
static fz_font *fs_system_font(fz_context *ctx, const char *name, int bold, int italic, int exact)
{
	fs_doc *d = fz_user_context(ctx);
	fs_face f;
	switch (fsSystemFont(d->fonts, (char *)name, bold, italic, exact, &f)) {
	case FS_FONT_FOUND:
		return fs_font_of(ctx, name, &f);
	case FS_FONT_UNSURE:
		d->fonts_unsure = 1;
		break;
	}
	return NULL;
}

/* fs_system_cjk_font answers for a CID font of a Chinese, Japanese or
 * Korean collection (ordering is FZ_ADOBE_GB and the like). */
static fz_font *fs_system_cjk_font(fz_context *ctx, const char *name, int ordering, int serif)
{
	fs_face f;
	if (fsSystemCJKFont(ordering, serif, &f) == FS_FONT_FOUND)
		return fs_font_of(ctx, name, &f);
	return NULL;
}

/* fs_system_fallback_font answers for characters a font lacks, by script
 * (UCDN's numbers) and language (FZ_LANG_*). */
static fz_font *fs_system_fallback_font(fz_context *ctx, int script, int language, int serif, int bold, int italic)
{
	fs_face f;
	if (fsSystemFallbackFont(script, language, serif, bold, italic, &f) == FS_FONT_FOUND)
		return fs_font_of(ctx, NULL, &f);
	return NULL;
}

void fs_install_fonts(fz_context *ctx)
{
	fz_install_load_system_font_funcs(ctx, fs_system_font, fs_system_cjk_font, fs_system_fallback_font);
}

enum {
	FS_SAMPLE_FONTS = 16,   /* fonts of a page whose text is sampled */
	FS_SAMPLE_CHARS = 64,   /* characters sampled of each */
};

/* fs_settle_fonts tells Go the characters each font of the page shows
 * (beyond ASCII, a sample), so that it learns the scripts of the fonts MuPDF
 * stood in for. When Go then has a better font for one, the fonts loaded so
 * far are dropped, for the next run to load them again, and it returns 1. */
int fs_settle_fonts(fs_doc *d, int page)
{
	fz_font *fonts[FS_SAMPLE_FONTS];
	int text[FS_SAMPLE_FONTS][FS_SAMPLE_CHARS];
	int count[FS_SAMPLE_FONTS];
	int nf = 0, i, changed = 0;
	fz_stext_block *b;
	fz_stext_page *tp = fs_load_text(d, page);
	for (b = tp->first_block; b; b = b->next) {
		fz_stext_line *l;
		if (b->type != FZ_STEXT_BLOCK_TEXT)
			continue;
		for (l = b->u.t.first_line; l; l = l->next) {
			fz_stext_char *c;
			for (c = l->first_char; c; c = c->next) {
				for (i = 0; i < nf && fonts[i] != c->font; i++)
					;
				if (i == nf && nf < FS_SAMPLE_FONTS) {
					fonts[nf] = c->font;
					count[nf++] = 0;
				}
				if (i < nf && c->c >= 0x80 && count[i] < FS_SAMPLE_CHARS)
					text[i][count[i]++] = c->c;
			}
		}
	}
	for (i = 0; i < nf; i++)
		changed |= fsLearnScript(d->fonts, (char *)fz_font_name(d->ctx, fonts[i]), text[i], count[i]);
	d->fonts_unsure = 0;
	if (changed)
		fz_empty_store(d->ctx);
	return changed;
}

/* fs_fallback_font_name writes the name of the font MuPDF draws character c
 * with when a Latin font lacks it; 0 when there is none. */
int fs_fallback_font_name(fs_doc *d, int c, char *name, int size)
{
	fz_context *ctx = d->ctx;
	fz_font *latin = NULL, *out = NULL;
	int found = 0;
	fz_var(latin);
	fz_try(ctx) {
		latin = fz_new_base14_font(ctx, "Helvetica");
		if (fz_encode_character_with_fallback(ctx, latin, c, 0, 0, &out) && out != latin) {
			fz_strlcpy(name, fz_font_name(ctx, out), size);
			found = 1;
		}
	}
	fz_always(ctx)
		fz_drop_font(ctx, latin);
	fz_catch(ctx)
		found = 0;
	return found;
}
