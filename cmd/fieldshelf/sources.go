package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"text/tabwriter"
	"time"

	"fieldshelf/app"
)

func cmdSources(ctx context.Context, e *env, args []string) error {
	if len(args) == 0 {
		return errUsage
	}
	switch args[0] {
	case "add":
		return sourcesAdd(ctx, e, args[1:])
	case "list", "ls":
		return sourcesList(ctx, e, args[1:])
	case "remove", "rm":
		return sourcesRemove(ctx, e, args[1:])
	}
	return errUsage
}

func sourcesAdd(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sources add", flag.ContinueOnError)
	name := fs.String("name", "", "a name for the catalogue")
	user := fs.String("user", "", "HTTP Basic user name")
	passEnv := fs.String("password-env", "", "the environment variable that holds the password")
	pos, err := parseFlags(fs, args)
	if err != nil || len(pos) != 1 {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	src, err := lib.AddSource(ctx, app.Source{URL: pos[0], Name: *name, Username: *user, PasswordEnv: *passEnv})
	if err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "added source %d: %s\n", src.ID, src.Label())
	return nil
}

// sourceJSON is a source in --json output. Credentials appear only as the
// user name and the name of the password variable.
type sourceJSON struct {
	ID          int64   `json:"id"`
	URL         string  `json:"url"`
	Name        string  `json:"name"`
	User        string  `json:"user,omitempty"`
	PasswordEnv string  `json:"password_env,omitempty"`
	Entries     int     `json:"entries"`
	LastSync    *string `json:"last_sync"`
	LastError   string  `json:"last_error"`
	CutShort    bool    `json:"cut_short"` // the last sync stopped at the cap on pages
}

func sourcesList(ctx context.Context, e *env, args []string) error {
	fs := flag.NewFlagSet("sources list", flag.ContinueOnError)
	asJSON := fs.Bool("json", false, "print JSON")
	if pos, err := parseFlags(fs, args); err != nil || len(pos) != 0 {
		return errUsage
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	sources, err := lib.Sources(ctx)
	if err != nil {
		return err
	}
	if *asJSON {
		out := []sourceJSON{}
		for _, s := range sources {
			j := sourceJSON{ID: s.ID, URL: s.URL, Name: s.Name, User: s.Username, PasswordEnv: s.PasswordEnv,
				Entries: s.Entries, LastError: s.LastError, CutShort: s.CutShort()}
			if !s.LastSync.IsZero() {
				t := s.LastSync.UTC().Format(time.RFC3339)
				j.LastSync = &t
			}
			out = append(out, j)
		}
		return writeJSON(e, out)
	}
	tw := tabwriter.NewWriter(e.stdout, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "ID\tNAME\tENTRIES\tLAST SYNC\tURL")
	for _, s := range sources {
		last := "never"
		if !s.LastSync.IsZero() {
			last = s.LastSync.Local().Format("2006-01-02 15:04")
		}
		switch {
		case s.CutShort():
			last += " (" + app.ListingCutShort + ")"
		case s.LastError != "":
			last += " (last attempt failed)"
		}
		fmt.Fprintf(tw, "%d\t%s\t%d\t%s\t%s\n", s.ID, s.Name, s.Entries, last, s.URL)
	}
	return tw.Flush()
}

func sourcesRemove(ctx context.Context, e *env, args []string) error {
	if len(args) != 1 {
		return errUsage
	}
	id, err := parseID(args[0], "source")
	if err != nil {
		return err
	}
	lib, err := e.library(ctx)
	if err != nil {
		return err
	}
	if err := lib.RemoveSource(ctx, id); err != nil {
		return err
	}
	fmt.Fprintf(e.stdout, "removed source %d (documents with a cached file or your notes stay in the library)\n", id)
	return nil
}

func writeJSON(e *env, v any) error {
	enc := json.NewEncoder(e.stdout)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
