package publish

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
)

// CSVName is the name of the catalogue's metadata file in the folder.
const CSVName = "catalogue.csv"

// Columns are the columns of catalogue.csv, in the order of its header.
// Only file is required; the header may leave others out or give them in
// another order. Several values in one cell (authors, types, regions,
// tags) are separated by ";".
var Columns = []string{"file", "title", "summary", "authors", "publisher", "year", "type", "regions", "tags", "language"}

// Row is one publication as catalogue.csv describes it; an empty field
// is filled from the PDF where it can be.
type Row struct {
	File      string // relative to the folder, with '/' between names
	Title     string
	Summary   string
	Authors   []string
	Publisher string
	Year      int
	Types     []string
	Regions   []string
	Tags      []string
	Language  string
}

// ReadCSV reads a catalogue.csv: its rows by file, and what in it could
// not be used, in sentences (a row that names no file, a year that is not
// one, a file named twice). A header that is not catalogue.csv's is an
// error.
func ReadCSV(r io.Reader) (map[string]Row, []string, error) {
	cr := csv.NewReader(r)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	head, err := cr.Read()
	if errors.Is(err, io.EOF) {
		return map[string]Row{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("publish: %s: %w", CSVName, err)
	}
	cols, err := header(head)
	if err != nil {
		return nil, nil, err
	}
	rows := map[string]Row{}
	var problems []string
	for line := 2; ; line++ {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			return rows, problems, nil
		}
		if err != nil {
			return nil, nil, fmt.Errorf("publish: %s: %w", CSVName, err)
		}
		if strings.TrimSpace(strings.Join(rec, "")) == "" {
			continue // an empty line
		}
		row, problem := readRow(rec, cols)
		if problem != "" {
			problems = append(problems, fmt.Sprintf("%s line %d: %s", CSVName, line, problem))
			if row.File == "" {
				continue
			}
		}
		if _, twice := rows[row.File]; twice {
			problems = append(problems, fmt.Sprintf("%s line %d: %s is described twice; the first row counts", CSVName, line, row.File))
			continue
		}
		rows[row.File] = row
	}
}

// header maps the columns of catalogue.csv to their place in a record.
func header(head []string) (map[string]int, error) {
	cols := map[string]int{}
	for i, h := range head {
		name := strings.ToLower(strings.TrimSpace(strings.TrimPrefix(h, "\ufeff")))
		known := false
		for _, c := range Columns {
			known = known || c == name
		}
		if !known {
			return nil, fmt.Errorf("publish: %s: unknown column %q: the header is %s", CSVName, h, strings.Join(Columns, ","))
		}
		cols[name] = i
	}
	if _, ok := cols["file"]; !ok {
		return nil, fmt.Errorf("publish: %s has no column file: the header is %s", CSVName, strings.Join(Columns, ","))
	}
	return cols, nil
}

// readRow reads one record; problem says what in it is not usable.
func readRow(rec []string, cols map[string]int) (Row, string) {
	get := func(name string) string {
		if i, ok := cols[name]; ok && i < len(rec) {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	row := Row{Title: oneLine(get("title")), Summary: get("summary"), Authors: values(get("authors")),
		Publisher: oneLine(get("publisher")), Types: values(get("type")), Regions: values(get("regions")),
		Tags: values(get("tags")), Language: oneLine(get("language"))}
	file, problem := relPath(get("file"))
	row.File = file
	if problem != "" {
		return row, problem
	}
	if y := get("year"); y != "" {
		n, err := strconv.Atoi(y)
		if err != nil || n < 1000 || n > 9999 {
			return row, fmt.Sprintf("the year of %s, %q, is not a year: left out", file, y)
		}
		row.Year = n
	}
	return row, ""
}

// relPath checks a file named by the CSV: a path relative to the folder
// that stays inside it.
func relPath(p string) (string, string) {
	if p == "" {
		return "", "the row names no file"
	}
	slash := filepath.ToSlash(p)
	clean := path.Clean(slash)
	if path.IsAbs(slash) || filepath.IsAbs(p) || clean == ".." || strings.HasPrefix(clean, "../") {
		return "", fmt.Sprintf("%q is not a file inside the folder", p)
	}
	return clean, ""
}

// values splits a cell of several values at ";".
func values(cell string) []string {
	var out []string
	for _, v := range strings.Split(cell, ";") {
		if v = oneLine(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// oneLine collapses runs of white space into one space.
func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

// readCSVFile reads Dir's catalogue.csv; a folder without one has no rows.
func readCSVFile(dir string) (map[string]Row, []string, error) {
	b, err := os.ReadFile(filepath.Join(dir, CSVName))
	if errors.Is(err, os.ErrNotExist) {
		return map[string]Row{}, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("publish: %w", err)
	}
	return ReadCSV(bytes.NewReader(b))
}
