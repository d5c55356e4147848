// Command go-client-check drives the Grafana HTTP API TEST DOUBLE (e2e/grafana-double) with the
// very Go client that terraform-provider-grafana v2.19.0 is built with
// (github.com/grafana/grafana-openapi-client-go at the pseudo-version pinned in go.mod), the
// way that provider's grafana_api_key, grafana_service_account and
// grafana_service_account_token resources use it. It proves the double's status codes, JSON
// shapes and date formats are what the generated client accepts, on machines where the
// provider binary itself cannot be had.
//
// It prints one JSON object per step on stdout ({"step", "ok", "detail"|"error"}) and never
// prints a key or token value. Exit code 0 when every step passed, 1 otherwise.
//
// Usage: go-client-check -url http://127.0.0.1:PORT [-auth admin:admin] [-grafana 10|11.3|12.1]
//
// -grafana names the Grafana version the double plays: from 11.3 creating a key answers 410,
// and from 12.1 every /api/auth/keys call answers 404; the key steps check that instead.
package main

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"net/url"
	"os"
	"strings"

	"github.com/go-openapi/runtime"
	"github.com/go-openapi/strfmt"
	goapi "github.com/grafana/grafana-openapi-client-go/client"
	"github.com/grafana/grafana-openapi-client-go/client/api_keys"
	"github.com/grafana/grafana-openapi-client-go/client/service_accounts"
	"github.com/grafana/grafana-openapi-client-go/models"
)

type result struct {
	Step   string         `json:"step"`
	OK     bool           `json:"ok"`
	Detail map[string]any `json:"detail,omitempty"`
	Error  string         `json:"error,omitempty"`
}

var failed bool

func report(step string, detail map[string]any, err error) {
	r := result{Step: step, OK: err == nil, Detail: detail}
	if err != nil {
		r.Error = err.Error()
		failed = true
	}
	b, _ := json.Marshal(r)
	fmt.Println(string(b))
}

func isNotFound(err error) bool {
	var status runtime.ClientResponseStatus
	if errors.As(err, &status) {
		return status.IsCode(404)
	}
	return false
}

func isCode(err error, code int) bool {
	var status runtime.ClientResponseStatus
	if errors.As(err, &status) {
		return status.IsCode(code)
	}
	return false
}

// newClient builds the client the way the provider's configure step does for `url` + `auth`:
// "user:password" is basic auth with org 1 (the X-Grafana-Org-Id header), anything else is a
// bearer token with no org header. Retries are off so a wrong status shows at once.
func newClient(rawURL, auth string) *goapi.GrafanaHTTPAPI {
	u, err := url.Parse(rawURL)
	if err != nil {
		panic(err)
	}
	apiPath, _ := url.JoinPath(u.Path, "api")
	cfg := &goapi.TransportConfig{
		Host:        u.Host,
		BasePath:    apiPath,
		Schemes:     []string{u.Scheme},
		HTTPHeaders: map[string]string{"Grafana-Terraform-Provider": "true"},
	}
	if user, pass, ok := strings.Cut(auth, ":"); ok {
		cfg.BasicAuth = url.UserPassword(user, pass)
		cfg.OrgID = 1
	} else {
		cfg.APIKey = auth
	}
	return goapi.NewHTTPClientWithConfig(strfmt.Default, cfg)
}

func findKey(c *goapi.GrafanaHTTPAPI, id int64) (*models.APIKeyDTO, error) {
	includeExpired := true
	resp, err := c.APIKeys.GetAPIkeys(api_keys.NewGetAPIkeysParams().WithIncludeExpired(&includeExpired))
	if err != nil {
		return nil, err
	}
	for _, k := range resp.Payload {
		if k.ID == id {
			return k, nil
		}
	}
	return nil, nil
}

func findToken(c *goapi.GrafanaHTTPAPI, saID, tokenID int64) (*models.TokenDTO, error) {
	resp, err := c.ServiceAccounts.ListTokens(saID)
	if err != nil {
		return nil, err
	}
	for _, t := range resp.Payload {
		if t.ID == tokenID {
			return t, nil
		}
	}
	return nil, nil
}

// removedKeys checks the key calls of a Grafana that no longer creates (11.3) or knows (12.1) keys.
func removedKeys(c *goapi.GrafanaHTTPAPI, grafana string) {
	want := 410
	if grafana == "12.1" {
		want = 404
	}
	_, err := c.APIKeys.AddAPIkey(&models.AddAPIKeyCommand{Name: "gocheck_viewer", Role: "Viewer"})
	report("api_key.create_refused", map[string]any{"status": want, "matches": isCode(err, want)}, expect(isCode(err, want), "want %d, got %v", want, err))
	includeExpired := true
	_, err = c.APIKeys.GetAPIkeys(api_keys.NewGetAPIkeysParams().WithIncludeExpired(&includeExpired))
	if grafana == "12.1" {
		report("api_key.list_is_404", map[string]any{"notFound": isNotFound(err)}, expect(isNotFound(err), "want 404, got %v", err))
	} else {
		report("api_key.list", nil, err)
	}
}

func apiKeys(c *goapi.GrafanaHTTPAPI, grafana string) {
	if grafana == "11.3" || grafana == "12.1" {
		removedKeys(c, grafana)
		return
	}
	// grafana_api_key create: POST /api/auth/keys, then read with includeExpired=true.
	created, err := c.APIKeys.AddAPIkey(&models.AddAPIKeyCommand{Name: "gocheck_viewer", Role: "Viewer"})
	if err != nil {
		report("api_key.create", nil, err)
		return
	}
	k := created.Payload
	report("api_key.create", map[string]any{"id": k.ID, "name": k.Name, "keyIssued": k.Key != ""}, nil)

	dto, err := findKey(c, k.ID)
	switch {
	case err != nil:
		report("api_key.read", nil, err)
	case dto == nil:
		report("api_key.read", nil, fmt.Errorf("key %d not listed", k.ID))
	default:
		report("api_key.read", map[string]any{"name": dto.Name, "role": dto.Role, "expirationZero": dto.Expiration.IsZero()}, nil)
	}

	ttl, err := c.APIKeys.AddAPIkey(&models.AddAPIKeyCommand{Name: "gocheck_ttl", Role: "Admin", SecondsToLive: 30})
	if err != nil {
		report("api_key.create_ttl", nil, err)
	} else if dto, err := findKey(c, ttl.Payload.ID); err != nil || dto == nil {
		report("api_key.create_ttl", nil, fmt.Errorf("read back failed: %v", err))
	} else {
		report("api_key.create_ttl", map[string]any{"role": dto.Role, "expirationZero": dto.Expiration.IsZero(), "expiration": dto.Expiration.String()}, nil)
		_, err = c.APIKeys.DeleteAPIkey(ttl.Payload.ID)
		report("api_key.delete_ttl", nil, err)
	}

	_, err = c.APIKeys.AddAPIkey(&models.AddAPIKeyCommand{Name: "gocheck_viewer", Role: "Viewer"})
	report("api_key.duplicate_is_409", map[string]any{"is409": isCode(err, 409)}, expect(isCode(err, 409), "want 409 for a duplicate name, got %v", err))

	_, err = c.APIKeys.DeleteAPIkey(k.ID)
	report("api_key.delete", nil, err)
	dto, err = findKey(c, k.ID)
	report("api_key.gone_after_delete", map[string]any{"listed": dto != nil}, firstErr(err, expect(dto == nil, "key still listed")))

	_, err = c.APIKeys.DeleteAPIkey(k.ID)
	report("api_key.delete_again_is_404", map[string]any{"notFound": isNotFound(err)}, expect(isNotFound(err), "want 404, got %v", err))
}

func serviceAccounts(c *goapi.GrafanaHTTPAPI, rawURL string) {
	// grafana_service_account create disables retries and expects 201.
	noRetry := c.Clone().WithRetries(0, 0)
	created, err := noRetry.ServiceAccounts.CreateServiceAccount(service_accounts.NewCreateServiceAccountParams().
		WithBody(&models.CreateServiceAccountForm{Name: "gocheck-sa", Role: "Admin"}))
	if err != nil {
		report("service_account.create", nil, err)
		return
	}
	sa := created.Payload
	report("service_account.create", map[string]any{"id": sa.ID, "orgId": sa.OrgID, "login": sa.Login, "role": sa.Role}, nil)

	got, err := c.ServiceAccounts.RetrieveServiceAccount(sa.ID)
	if err != nil {
		report("service_account.read", nil, err)
	} else {
		p := got.Payload
		report("service_account.read", map[string]any{"name": p.Name, "role": p.Role, "isDisabled": p.IsDisabled, "orgId": p.OrgID}, nil)
	}

	var page int64 // the provider's name lookup starts at page 0
	query := "gocheck"
	found, err := c.ServiceAccounts.SearchOrgServiceAccountsWithPaging(service_accounts.NewSearchOrgServiceAccountsWithPagingParams().WithPage(&page).WithQuery(&query))
	if err != nil {
		report("service_account.search", nil, err)
	} else {
		names := []string{}
		for _, s := range found.Payload.ServiceAccounts {
			names = append(names, s.Name)
		}
		report("service_account.search", map[string]any{"names": names, "totalCount": found.Payload.TotalCount, "page": found.Payload.Page}, nil)
	}

	// grafana_service_account_token: the org comes from "orgID:saID" and is set explicitly.
	tc := c.Clone().WithOrgID(1)
	tok, err := tc.ServiceAccounts.CreateToken(service_accounts.NewCreateTokenParams().
		WithServiceAccountID(sa.ID).WithBody(&models.AddServiceAccountTokenCommand{Name: "gocheck-token"}))
	if err != nil {
		report("token.create", nil, err)
		return
	}
	secret := tok.Payload.Key
	report("token.create", map[string]any{"id": tok.Payload.ID, "name": tok.Payload.Name, "glsaShaped": strings.HasPrefix(secret, "glsa_") && len(secret) == 46}, nil)

	t, err := findToken(tc, sa.ID, tok.Payload.ID)
	if err != nil || t == nil {
		report("token.read", nil, firstErr(err, fmt.Errorf("token not listed")))
	} else {
		report("token.read", map[string]any{"name": t.Name, "hasExpired": t.HasExpired, "expirationZero": t.Expiration.IsZero(), "createdZero": t.Created.IsZero()}, nil)
	}

	ttlTok, err := tc.ServiceAccounts.CreateToken(service_accounts.NewCreateTokenParams().
		WithServiceAccountID(sa.ID).WithBody(&models.AddServiceAccountTokenCommand{Name: "gocheck-token-ttl", SecondsToLive: 3600}))
	if err != nil {
		report("token.create_ttl", nil, err)
	} else if t, err := findToken(tc, sa.ID, ttlTok.Payload.ID); err != nil || t == nil {
		report("token.create_ttl", nil, firstErr(err, fmt.Errorf("token not listed")))
	} else {
		report("token.create_ttl", map[string]any{"expirationZero": t.Expiration.IsZero(), "expiration": t.Expiration.String(), "hasExpired": t.HasExpired}, nil)
	}

	// The token authenticates (the service account is an Admin) and lists its own tokens.
	bearer := newClient(rawURL, secret)
	list, err := bearer.ServiceAccounts.ListTokens(sa.ID)
	n := 0
	if list != nil {
		n = len(list.Payload)
	}
	report("token.bearer_auth", map[string]any{"tokens": n}, err)

	_, err = c.ServiceAccounts.UpdateServiceAccount(service_accounts.NewUpdateServiceAccountParams().
		WithServiceAccountID(sa.ID).
		WithBody(&models.UpdateServiceAccountForm{Name: "gocheck-sa", Role: "Editor", IsDisabled: true}))
	if err != nil {
		report("service_account.update", nil, err)
	} else if got, err := c.ServiceAccounts.RetrieveServiceAccount(sa.ID); err != nil {
		report("service_account.update", nil, err)
	} else {
		report("service_account.update", map[string]any{"role": got.Payload.Role, "isDisabled": got.Payload.IsDisabled}, nil)
	}
	// Re-enable it (isDisabled=false is dropped by omitempty, exactly as with the provider).
	_, err = c.ServiceAccounts.UpdateServiceAccount(service_accounts.NewUpdateServiceAccountParams().
		WithServiceAccountID(sa.ID).
		WithBody(&models.UpdateServiceAccountForm{Name: "gocheck-sa", Role: "Editor", IsDisabled: false}))
	if got, err2 := c.ServiceAccounts.RetrieveServiceAccount(sa.ID); err == nil && err2 == nil {
		report("service_account.update_false_is_omitted", map[string]any{"isDisabled": got.Payload.IsDisabled}, nil)
	} else {
		report("service_account.update_false_is_omitted", nil, firstErr(err, err2))
	}

	_, err = bearer.ServiceAccounts.ListTokens(sa.ID)
	report("token.disabled_account_is_401", map[string]any{"is401": isCode(err, 401)}, expect(isCode(err, 401), "want 401 for a token of a disabled service account, got %v", err))

	if ttlTok != nil {
		_, err = tc.ServiceAccounts.DeleteToken(ttlTok.Payload.ID, sa.ID)
		report("token.delete_ttl", nil, err)
	}
	_, err = tc.ServiceAccounts.DeleteToken(tok.Payload.ID, sa.ID)
	report("token.delete", nil, err)
	t, err = findToken(tc, sa.ID, tok.Payload.ID)
	report("token.gone_after_delete", map[string]any{"listed": t != nil}, firstErr(err, expect(t == nil, "token still listed")))

	_, err = bearer.ServiceAccounts.ListTokens(sa.ID)
	report("token.deleted_is_401", map[string]any{"is401": isCode(err, 401)}, expect(isCode(err, 401), "want 401 for a deleted token, got %v", err))

	_, err = c.ServiceAccounts.DeleteServiceAccount(sa.ID)
	report("service_account.delete", nil, err)
	_, err = c.ServiceAccounts.RetrieveServiceAccount(sa.ID)
	report("service_account.read_after_delete_is_404", map[string]any{"notFound": isNotFound(err)}, expect(isNotFound(err), "want 404, got %v", err))
}

func expect(cond bool, format string, args ...any) error {
	if cond {
		return nil
	}
	return fmt.Errorf(format, args...)
}

func firstErr(errs ...error) error {
	for _, e := range errs {
		if e != nil {
			return e
		}
	}
	return nil
}

func main() {
	rawURL := flag.String("url", "", "base URL of the Grafana double, e.g. http://127.0.0.1:3000")
	auth := flag.String("auth", "admin:admin", "provider-style auth: user:password or a bearer token")
	grafana := flag.String("grafana", "10", "Grafana version the double plays: 9.4, 10, 11.3 or 12.1")
	flag.Parse()
	if *rawURL == "" {
		fmt.Fprintln(os.Stderr, "go-client-check: -url is required")
		os.Exit(2)
	}
	c := newClient(*rawURL, *auth)
	apiKeys(c, *grafana)
	serviceAccounts(c, *rawURL)
	if failed {
		os.Exit(1)
	}
}
