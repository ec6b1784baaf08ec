/* annots.c lists the annotations a PDF file carries itself: sticky notes
 * (Text annotations) with their authors, and form fields with their
 * values, read from the page objects without loading the pages.
 *
 * go-fitz ships MuPDF's fitz headers only, not its pdf ones, though its
 * libraries hold the pdf functions. The few this file calls are declared
 * here, by hand, as MuPDF 1.24 defines them (TestMuPDFVersion keeps the
 * linked library at the headers' version); pdf_document and pdf_obj stay
 * opaque. */
#include "fitz.h"
#include <string.h>

typedef struct pdf_document pdf_document;
typedef struct pdf_obj pdf_obj;

pdf_document *pdf_specifics(fz_context *ctx, fz_document *doc);
pdf_obj *pdf_lookup_page_obj(fz_context *ctx, pdf_document *doc, int needle);
void pdf_page_obj_transform(fz_context *ctx, pdf_obj *pageobj, fz_rect *outbox, fz_matrix *outctm);
pdf_obj *pdf_dict_gets(fz_context *ctx, pdf_obj *dict, const char *key);
int pdf_is_dict(fz_context *ctx, pdf_obj *obj);
int pdf_array_len(fz_context *ctx, pdf_obj *array);
pdf_obj *pdf_array_get(fz_context *ctx, pdf_obj *array, int i);
const char *pdf_to_name(fz_context *ctx, pdf_obj *obj);
const char *pdf_to_text_string(fz_context *ctx, pdf_obj *obj);
fz_rect pdf_to_rect(fz_context *ctx, pdf_obj *array);
char *pdf_load_field_name(fz_context *ctx, pdf_obj *field);
const char *pdf_field_value(fz_context *ctx, pdf_obj *field);
const char *pdf_field_type_string(fz_context *ctx, pdf_obj *field);

/* fs_copy copies a string into a fixed buffer, cut at a character's
 * start so that UTF-8 stays whole. */
static void fs_copy(char *dst, size_t size, const char *src)
{
	size_t n;
	if (!src)
		src = "";
	n = strlen(src);
	if (n >= size) {
		n = size - 1;
		while (n > 0 && ((unsigned char)src[n] & 0xc0) == 0x80)
			n--;
	}
	memcpy(dst, src, n);
	dst[n] = 0;
}

int fs_page_annots(fs_doc *d, int page, fs_annot *out, int max, int *n)
{
	fz_context *ctx = d->ctx;
	char *name = NULL;
	fz_var(name);
	*n = 0;
	fz_try(ctx) {
		pdf_document *pdf = pdf_specifics(ctx, d->doc);
		pdf_obj *pageobj, *annots;
		fz_matrix ctm;
		int i, len;
		if (!pdf)
			break;
		pageobj = pdf_lookup_page_obj(ctx, pdf, page);
		pdf_page_obj_transform(ctx, pageobj, NULL, &ctm);
		annots = pdf_dict_gets(ctx, pageobj, "Annots");
		len = pdf_array_len(ctx, annots);
		for (i = 0; i < len && *n < max; i++) {
			pdf_obj *a = pdf_array_get(ctx, annots, i);
			const char *subtype = pdf_to_name(ctx, pdf_dict_gets(ctx, a, "Subtype"));
			fs_annot *o = &out[*n];
			if (!pdf_is_dict(ctx, a))
				continue;
			memset(o, 0, sizeof *o);
			if (!strcmp(subtype, "Text")) {
				o->kind = FS_ANNOT_NOTE;
				fs_copy(o->author, sizeof o->author, pdf_to_text_string(ctx, pdf_dict_gets(ctx, a, "T")));
				fs_copy(o->text, sizeof o->text, pdf_to_text_string(ctx, pdf_dict_gets(ctx, a, "Contents")));
			} else if (!strcmp(subtype, "Widget")) {
				o->kind = FS_ANNOT_FIELD;
				name = pdf_load_field_name(ctx, a);
				fs_copy(o->author, sizeof o->author, name);
				fz_free(ctx, name);
				name = NULL;
				fs_copy(o->text, sizeof o->text, pdf_field_value(ctx, a));
				fs_copy(o->field_type, sizeof o->field_type, pdf_field_type_string(ctx, a));
			} else
				continue;
			o->rect = fz_transform_rect(pdf_to_rect(ctx, pdf_dict_gets(ctx, a, "Rect")), ctm);
			(*n)++;
		}
	}
	fz_catch(ctx) {
		fz_free(ctx, name);
		return fs_fail(d);
	}
	return FS_OK;
}
