package ui

import (
	"fmt"
	"testing"
	"time"
)

// TestLanguageFormats renders counted sentences, numbers, sizes and dates
// through Fyne's lang in several languages, as the screens do.
func TestLanguageFormats(t *testing.T) {
	t.Cleanup(func() { SetLanguage("en") })
	date := time.Date(2026, time.March, 2, 12, 0, 0, 0, time.UTC)
	cases := []struct {
		code                  string
		one, many, size, date string
	}{
		{"en", "1 publication", "12,345 publications", "2.5 MB", "2 March 2026"},
		{"fr", "1 publication", "12\u00a0345 publications", "2,5 Mo", "2 mars 2026"},
		{"es", "1 publicación", "12.345 publicaciones", "2,5 MB", "2 de marzo de 2026"},
		{"ru", "1 публикация", "12\u00a0345 публикаций", "2,5 МБ", "2 марта 2026 г."},
		{"th", "1 สิ่งพิมพ์", "12,345 สิ่งพิมพ์", "2.5 MB", "2 มีนาคม 2026"},
		{"vi", "1 ấn phẩm", "12.345 ấn phẩm", "2,5 MB", "ngày 2 tháng 3 năm 2026"},
		{"zh-Hans", "1 个出版物", "12,345 个出版物", "2.5 MB", "2026年3月2日"},
	}
	for _, c := range cases {
		if got := SetLanguage(c.code); got.Code != c.code {
			t.Fatalf("SetLanguage(%q) chose %q", c.code, got.Code)
		}
		if got := countText(1, false); got != c.one {
			t.Errorf("%s: countText(1)=%q, want %q", c.code, got, c.one)
		}
		if got := countText(12345, false); got != c.many {
			t.Errorf("%s: countText(12345)=%q, want %q", c.code, got, c.many)
		}
		if got := sizeText(2_500_000); got != c.size {
			t.Errorf("%s: sizeText=%q, want %q", c.code, got, c.size)
		}
		if got := dateText(date); got != c.date {
			t.Errorf("%s: dateText=%q, want %q", c.code, got, c.date)
		}
	}
}

// TestSystemLanguage follows the locale variables as gettext does, and
// falls back to English for C and for languages Fieldshelf lacks.
func TestSystemLanguage(t *testing.T) {
	cases := []struct{ lcAll, lang, language, want string }{
		{"", "fr_FR.UTF-8", "", "fr"},
		{"", "C.UTF-8", "ru", "en"},
		{"th_TH.UTF-8", "en_GB.UTF-8", "", "th"},
		{"", "zh_CN.UTF-8", "", "zh-Hans"},
		{"", "de_DE.UTF-8", "", "en"},
		{"", "en_US.UTF-8", "vi:en", "vi"},
		{"", "", "", "en"},
	}
	for _, c := range cases {
		t.Setenv("LC_ALL", c.lcAll)
		t.Setenv("LC_MESSAGES", "")
		t.Setenv("LANG", c.lang)
		t.Setenv("LANGUAGE", c.language)
		if got := matchLanguage(systemLanguage()).Code; got != c.want {
			t.Errorf("LC_ALL=%q LANG=%q LANGUAGE=%q: %q, want %q", c.lcAll, c.lang, c.language, got, c.want)
		}
	}
}

// BenchmarkCountText measures a counted sentence through Fyne's lang
// (go-i18n: plural form, template, number formatting in French) against
// formatting it with fmt, as the screens did before translation.
func BenchmarkCountText(b *testing.B) {
	SetLanguage("fr")
	b.Cleanup(func() { SetLanguage("en") })
	b.Run("baseline", func(b *testing.B) {
		for i := range b.N {
			_ = fmt.Sprintf("%d publications", i)
		}
	})
	b.Run("fieldshelf", func(b *testing.B) {
		for i := range b.N {
			_ = countText(i, false)
		}
	})
}
