package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
)

// Setting returns a stored setting, or def when it is not set.
func (s *Store) Setting(ctx context.Context, key, def string) (string, error) {
	var v string
	err := s.db.QueryRowContext(ctx, `SELECT value FROM settings WHERE key = ?`, key).Scan(&v)
	if errors.Is(err, sql.ErrNoRows) {
		return def, nil
	}
	if err != nil {
		return def, fmt.Errorf("storage: setting %s: %w", key, err)
	}
	return v, nil
}

// SetSetting stores a setting.
func (s *Store) SetSetting(ctx context.Context, key, value string) error {
	_, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?)
		ON CONFLICT (key) DO UPDATE SET value = excluded.value`, key, value)
	if err != nil {
		return fmt.Errorf("storage: set %s: %w", key, err)
	}
	return nil
}

// ClaimSetting stores a setting unless it is set already, in one
// statement, and reports whether it did: of several processes claiming the
// same key at once, exactly one gets it.
func (s *Store) ClaimSetting(ctx context.Context, key, value string) (bool, error) {
	res, err := s.db.ExecContext(ctx, `INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
		key, value)
	if err != nil {
		return false, fmt.Errorf("storage: set %s: %w", key, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}
