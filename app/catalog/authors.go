package catalog

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nameParticles may start with a lower-case letter inside a personal name.
var nameParticles = setOf(
	"de", "da", "di", "du", "del", "della", "der", "den", "des", "van", "von",
	"la", "le", "bin", "ibn", "al", "el", "y", "dos", "das", "ten", "ter", "zu",
)

// firmWords, standing alone after '&', name a firm rather than a person.
var firmWords = setOf(
	"sons", "son", "co", "co.", "company", "partners", "associates",
	"brothers", "bros", "bros.", "others", "friends", "family",
)

// addAuthors appends the names in raw to list, splitting lists that a
// server packed into one author (see splitAuthors) and skipping repeats.
func addAuthors(list []string, raw string) []string {
	name := oneLine(raw)
	if strings.IndexByte(name, ';') < 0 && !strings.Contains(name, " & ") {
		// One name, as most are: what splitAuthors would give, unsplit.
		if name != "" && !contains(list, name) {
			list = append(list, name)
		}
		return list
	}
	for _, name := range splitAuthors(name) {
		if name != "" && !contains(list, name) {
			list = append(list, name)
		}
	}
	return list
}

// splitAuthors splits one author string that holds several names.
//
// The heuristic: a string is split on ";" when every part has one to six
// words (semicolons separate list items in catalogue data; "Smith, John;
// Doe, Jane" splits). It is split on " & " only when every part looks like a
// personal name: one to four words, word counts differing by at most one,
// each word capitalised (name particles such as "van" or "de" aside), and no
// part a firm word such as "Sons" or "Co". So "John Smith & Jane Doe" and
// "Smith & Jones" split, while "Investors Against Slavery & Trafficking"
// (three words against one), "Médecins Sans Frontières & Oxfam" and "Dombey
// & Son" stay whole. Commas never split: "Ellis, Edward Sylvester" is one
// name.
func splitAuthors(s string) []string {
	if strings.IndexByte(s, ';') >= 0 {
		parts := nonEmpty(splitTrim(s, ";"))
		if len(parts) == 1 {
			s = parts[0]
		} else if partsFit(parts, 6) {
			var out []string
			for _, p := range parts {
				out = append(out, splitAmpersand(p)...)
			}
			return out
		}
	}
	return splitAmpersand(s)
}

func splitAmpersand(s string) []string {
	if !strings.Contains(s, " & ") {
		return []string{s}
	}
	parts := splitTrim(s, " & ")
	if !partsFit(parts, 4) {
		return []string{s}
	}
	lo, hi := 99, 0
	for _, p := range parts {
		words := strings.Fields(p)
		lo, hi = min(lo, len(words)), max(hi, len(words))
		if len(words) == 1 && firmWords[strings.ToLower(words[0])] {
			return []string{s}
		}
		for _, w := range words {
			if !nameWord(w) {
				return []string{s}
			}
		}
	}
	if hi-lo > 1 {
		return []string{s}
	}
	return parts
}

// partsFit reports whether there are several parts, each of one to
// maxWords words.
func partsFit(parts []string, maxWords int) bool {
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if n := len(strings.Fields(p)); n == 0 || n > maxWords {
			return false
		}
	}
	return true
}

// nameWord reports whether w can be a word of a personal name: it does not
// start with a lower-case letter, unless it is a particle such as "van".
func nameWord(w string) bool {
	r, _ := utf8.DecodeRuneInString(w)
	return !unicode.IsLower(r) || nameParticles[w]
}

func splitTrim(s, sep string) []string {
	parts := strings.Split(s, sep)
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return parts
}

func nonEmpty(parts []string) []string {
	out := parts[:0]
	for _, p := range parts {
		if p != "" {
			out = append(out, p)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
