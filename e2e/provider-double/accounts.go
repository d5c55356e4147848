package main

// What "Grafana" holds, as far as the double needs to know: the service accounts that exist
// (GRAFANA_DOUBLE_SERVICE_ACCOUNTS, in order, for the data source's paging) and the objects it no
// longer has (GRAFANA_DOUBLE_GONE).

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strings"
)

const (
	// AccountsEnv: the service accounts Grafana has, in Grafana's order. A JSON object of
	// name -> ID ("1:42", Cloud stack ones "stack:42") or {"id", "role", "is_disabled"} (key
	// order kept), or a JSON array of {"name", "id", "role", "is_disabled"}.
	AccountsEnv = "GRAFANA_DOUBLE_SERVICE_ACCOUNTS"
	// GoneEnv: a JSON array of IDs or names Grafana no longer has; the entry "keys-removed" (or
	// the plain value keys-removed) models Grafana 12.1, where the legacy API key API answers 404.
	GoneEnv = "GRAFANA_DOUBLE_GONE"
	// KeysRemoved is the GoneEnv mode for Grafana 12.1.
	KeysRemoved = "keys-removed"
)

type account struct {
	Name       string `json:"name"`
	ID         string `json:"id"`
	Role       string `json:"role"`
	IsDisabled bool   `json:"is_disabled"`
}

// loadAccounts parses AccountsEnv, keeping its order.
func loadAccounts() ([]account, error) {
	raw := strings.TrimSpace(os.Getenv(AccountsEnv))
	if raw == "" {
		return nil, nil
	}
	if strings.HasPrefix(raw, "[") {
		var list []account
		if err := json.Unmarshal([]byte(raw), &list); err != nil {
			return nil, fmt.Errorf("%s: want a JSON array of {name, id, role, is_disabled}: %w", AccountsEnv, err)
		}
		return list, nil
	}
	dec := json.NewDecoder(bytes.NewReader([]byte(raw)))
	if t, err := dec.Token(); err != nil || t != json.Delim('{') {
		return nil, fmt.Errorf("%s is neither a JSON object nor an array", AccountsEnv)
	}
	var out []account
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return nil, fmt.Errorf("%s: %w", AccountsEnv, err)
		}
		name, _ := t.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, fmt.Errorf("%s[%q]: %w", AccountsEnv, name, err)
		}
		a := account{Name: name}
		if json.Unmarshal(v, &a.ID) != nil {
			if err := json.Unmarshal(v, &a); err != nil {
				return nil, fmt.Errorf("%s[%q]: want an ID string or {id, role, is_disabled}: %w", AccountsEnv, name, err)
			}
			a.Name = name
		}
		out = append(out, a)
	}
	return out, nil
}

// findAccountByID: full is "{scope}:{id}"; a bare listed ID counts as org 1's.
func findAccountByID(accounts []account, full string) (account, bool) {
	for _, a := range accounts {
		if a.ID == full || (!strings.Contains(a.ID, ":") && "1:"+a.ID == full) {
			return a, true
		}
	}
	return account{}, false
}

// orgAccounts: the accounts of one organization (Cloud stack accounts have a non-numeric scope).
func orgAccounts(accounts []account, org string) []account {
	var out []account
	for _, a := range accounts {
		scope, _, found := strings.Cut(a.ID, ":")
		if (!found && org == "1") || scope == org {
			out = append(out, a)
		}
	}
	return out
}

type goneSet struct {
	entries     []string
	keysRemoved bool
}

func loadGone() (goneSet, error) {
	raw := strings.TrimSpace(os.Getenv(GoneEnv))
	if raw == "" {
		return goneSet{}, nil
	}
	if raw == KeysRemoved {
		return goneSet{keysRemoved: true}, nil
	}
	var list []string
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return goneSet{}, fmt.Errorf("%s: want a JSON array of IDs or names (or %q): %w", GoneEnv, KeysRemoved, err)
	}
	return goneSet{entries: list, keysRemoved: slices.Contains(list, KeysRemoved)}, nil
}

// has: whether Grafana no longer has the object with this ID or name.
func (g goneSet) has(id, name string) bool {
	return (id != "" && slices.Contains(g.entries, id)) || (name != "" && slices.Contains(g.entries, name))
}
