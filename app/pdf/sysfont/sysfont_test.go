package sysfont

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/image/font/sfnt"
)

func TestScriptOf(t *testing.T) {
	for _, c := range []struct {
		text string
		want Script
	}{
		{"Referral pathways 2024", Latin},
		{"", Latin},
		{"Русский язык", Cyrillic},
		{"Ελληνικά", Greek},
		{"ภาษาไทย 123", Thai},
		{"اللغة العربية", Arabic},
		{"עברית", Hebrew},
		{"हिन्दी", Devanagari},
		{"中文字体", ChineseSimplified},
		{"日本語のテキスト", Japanese},
		{"한국어 漢字", Korean},
		{"Report: ภาษาไทย and a few Latin words around it", Thai},
	} {
		if got := ScriptOf([]rune(c.text)); got != c.want {
			t.Errorf("ScriptOf(%q)=%v, want %v", c.text, got, c.want)
		}
	}
}

func TestSerifName(t *testing.T) {
	for name, want := range map[string]bool{"TimesNewRomanPS-BoldMT": true, "STSong-Light": true, "MS-Mincho": true,
		"Arial,Bold": false, "ABCDEF+Tahoma": false, "NotoSerifThai": true} {
		if got := SerifName(name); got != want {
			t.Errorf("SerifName(%q)=%v, want %v", name, got, want)
		}
	}
}

// TestParseFontconfig reads lines as fc-list prints them with fcFormat.
func TestParseFontconfig(t *testing.T) {
	out := "/f/NotoSansCJK-Regular.ttc\t2\tNoto Sans CJK SC,Noto Sans CJK SC Regular\tRegular\tNotoSansCJKsc-Regular\t80\t0\tja|ko|zh-cn\n" +
		"/f/DejaVuSans-BoldOblique.ttf\t0\tDejaVu Sans\tBold Oblique\tDejaVuSans-BoldOblique\t200\t110\ten|el|ru\n" +
		"/f/Inter.ttf\t65536\tInter\tThin\tInter-Thin\t[0 210]\t0\ten\n" +
		"/f/fixed.pcf.gz\t0\tFixed\tRegular\tFixed\t80\t0\ten\n" +
		"not a line\n"
	es := parseFontconfig(out)
	if len(es) != 3 {
		t.Fatalf("%d entries, want 3 (the bitmap font and the junk skipped)", len(es))
	}
	cjk, dv, inter := es[0], es[1], es[2]
	if cjk.Index != 2 || cjk.Family != "Noto Sans CJK SC" || cjk.ps != "notosanscjkscregular" ||
		!cjk.scripts.has(ChineseSimplified) || !cjk.scripts.has(Japanese) || !cjk.unsure.has(ChineseTraditional) {
		t.Errorf("CJK entry %+v", cjk)
	}
	if !weightFits(dv.weight, true) || !dv.italic || !dv.scripts.has(Greek) || !dv.scripts.has(Cyrillic) || dv.unsure != 0 {
		t.Errorf("DejaVu entry %+v", dv)
	}
	if inter.Index != 65536 || !weightFits(inter.weight, false) {
		t.Errorf("variable font entry %+v: want index 65536, regular", inter)
	}
}

// TestByName looks up faces of this computer by the names PDFs give them.
func TestByName(t *testing.T) {
	x := System()
	face, ok := x.ForScript(Latin, false, true, false)
	if !ok {
		t.Skip("no font on this computer")
	}
	ps := postScriptName(t, face)
	for _, name := range []string{ps, "ABCDEF+" + ps, face.Family + ",Bold"} {
		got, ok := x.ByName(name, false, false)
		if !ok || got.Path != face.Path {
			t.Errorf("ByName(%q)=%+v, %v; want %s", name, got, ok, face.Path)
		}
	}
	if got, ok := x.ByName("NoSuchFontAnywhere-Bold", false, false); ok {
		t.Errorf("ByName of a missing font: %+v", got)
	}
}

// TestForScriptCovers checks, in the files, that the faces found cover
// their scripts, through fontconfig and through reading the folders.
func TestForScriptCovers(t *testing.T) {
	indexes := map[string]*Index{"folders": Scan(FontDirs()...)}
	if _, err := exec.LookPath("fc-list"); err == nil {
		indexes["fontconfig"] = System()
	}
	for how, x := range indexes {
		found := 0
		for s := Latin; s < numScripts; s++ {
			face, ok := x.ForScript(s, false, false, false)
			if !ok {
				t.Logf("%s: no font for %v", how, s)
				continue
			}
			found++
			if got, err := probeFile(face.Path, face.Index, 1<<s); err != nil || !got.has(s) {
				t.Errorf("%s: %v face %+v lacks the script's letters (%v)", how, s, face, err)
			}
		}
		if found == 0 && x.Len() > 0 {
			t.Errorf("%s: %d faces and none for any script", how, x.Len())
		}
	}
}

// TestScanCopy reads a font copied to a folder of its own.
func TestScanCopy(t *testing.T) {
	face, ok := System().ForScript(Latin, false, false, false)
	if !ok {
		t.Skip("no font on this computer")
	}
	data, err := os.ReadFile(face.Path)
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "nested")
	os.MkdirAll(dir, 0o700)
	copyPath := filepath.Join(dir, "Copy.TTF")
	if err := os.WriteFile(copyPath, data, 0o600); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "broken.ttf"), []byte("not a font"), 0o600)
	x := Scan(filepath.Dir(dir), filepath.Join(dir, "missing"))
	if x.Len() != 1 {
		t.Fatalf("Scan found %d faces, want 1", x.Len())
	}
	got, ok := x.ByName(postScriptName(t, face), false, false)
	if !ok || got.Path != copyPath || got.Family != face.Family {
		t.Fatalf("ByName in the copy: %+v %v, want %s of family %s", got, ok, copyPath, face.Family)
	}
}

func TestDataIsMappedOnce(t *testing.T) {
	face, ok := System().ForScript(Latin, false, false, false)
	if !ok {
		t.Skip("no font on this computer")
	}
	a, err := face.Data()
	if err != nil {
		t.Fatal(err)
	}
	b, _ := face.Data()
	want, _ := os.ReadFile(face.Path)
	if string(a) != string(want) || &a[0] != &b[0] {
		t.Fatal("Data is not the file's bytes, mapped once")
	}
	if _, err := (Face{Path: filepath.Join(t.TempDir(), "none.ttf")}).Data(); err == nil {
		t.Error("Data of a missing file did not fail")
	}
}

// postScriptName reads a face's PostScript name from its file.
func postScriptName(t *testing.T, face Face) string {
	t.Helper()
	data, err := face.Data()
	if err != nil {
		t.Fatal(err)
	}
	c, err := sfnt.ParseCollection(data)
	if err != nil {
		t.Fatal(err)
	}
	f, err := c.Font(face.Index & 0xffff)
	if err != nil {
		t.Fatal(err)
	}
	name, err := f.Name(nil, sfnt.NameIDPostScript)
	if err != nil {
		t.Fatal(err)
	}
	return name
}
