package main

// Imports and the grafana_service_account data source: what the served release finds, from
// GRAFANA_DOUBLE_SERVICE_ACCOUNTS, and how it fails when Grafana does not have it.

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

func nullObject(t tftypes.Type) map[string]tftypes.Value {
	vals := map[string]tftypes.Value{}
	if objType, ok := t.(tftypes.Object); ok {
		for name, at := range objType.AttributeTypes {
			vals[name] = tftypes.NewValue(at, nil)
		}
	}
	return vals
}

// splitImportID: "{scope}:{id}" (a bare "{id}" is org 1's for grafana_service_account).
func splitImportID(typeName, id string) (scope, n string, ok bool) {
	scope, n, found := strings.Cut(id, ":")
	if !found && typeName == "grafana_service_account" {
		scope, n = "1", id
	}
	_, err := strconv.ParseInt(n, 10, 64)
	return scope, n, err == nil && scope != ""
}

// ImportResourceState: keys and tokens have no importer (the SDK's "doesn't support import").
// The SDK service accounts (1.43.0, 2.19.0; Cloud stack ones at every version) pass the ID
// through and ReadResource looks the account up (readImported); 4.45.1's framework
// grafana_service_account looks it up here and fails with its own "Resource not found".
// Other resources: the id only (not modelled).
func (p *provider) ImportResourceState(_ context.Context, req *tfprotov5.ImportResourceStateRequest) (*tfprotov5.ImportResourceStateResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags != nil {
		return &tfprotov5.ImportResourceStateResponse{Diagnostics: diags}, nil
	}
	start := time.Now()
	t := p.schema.Type(sch)
	vals := nullObject(t)
	vals["id"] = str(req.ID)
	switch {
	case importable(req.TypeName):
		if _, _, ok := splitImportID(req.TypeName, req.ID); !ok {
			want := map[bool]string{true: "{stackSlug}:{serviceAccountID}", false: "{orgID}:{serviceAccountID} or {serviceAccountID}"}[req.TypeName != "grafana_service_account"]
			return &tfprotov5.ImportResourceStateResponse{Diagnostics: errorDiag("Invalid import ID", fmt.Sprintf("%s import IDs look like %q, got %q", req.TypeName, want, req.ID))}, nil
		}
		if importReadsInImport(req.TypeName) {
			found, diags := p.lookupImported(req.TypeName, t, req.ID)
			if diags != nil || found == nil {
				if diags == nil {
					diags = errorDiag("Resource not found", "Service account not found\n("+cite("internal/resources/grafana/resource_service_account.go")+" ImportState)")
				}
				return &tfprotov5.ImportResourceStateResponse{Diagnostics: diags}, nil
			}
			vals = found
		}
	case strings.HasSuffix(req.TypeName, "_token") || strings.Contains(req.TypeName, "api_key"):
		return &tfprotov5.ImportResourceStateResponse{Diagnostics: errorDiag(fmt.Sprintf("resource %s doesn't support import", req.TypeName),
			"its resource has no Importer in "+cite("internal/resources")+" (the secret is only shown when it is created)")}, nil
	}
	state := tftypes.NewValue(t, vals)
	p.logOp("import", req.TypeName, vals, start)
	dv, diags := marshal(t, state)
	return &tfprotov5.ImportResourceStateResponse{
		ImportedResources: []*tfprotov5.ImportedResource{{TypeName: req.TypeName, State: dv}},
		Diagnostics:       diags,
	}, nil
}

// lookupImported: the account with this import ID as the served release's read stores it, or nil
// when Grafana does not have it (not listed, or listed in GRAFANA_DOUBLE_GONE).
func (p *provider) lookupImported(typeName string, t tftypes.Type, importID string) (map[string]tftypes.Value, []*tfprotov5.Diagnostic) {
	scope, n, ok := splitImportID(typeName, importID)
	if !ok {
		return nil, errorDiag("Invalid import ID", fmt.Sprintf("%s cannot read the ID %q", typeName, importID))
	}
	if typeName == "grafana_cloud_stack_service_account" && servedVersion == v1 {
		// 1.43.0 reads stack_slug from state, which an import leaves empty, and keeps a bare ID.
		return nil, errorDiag("Cannot import a Cloud stack service account with provider 1.43.0",
			"its read takes the stack from stack_slug in state, which an import leaves empty ("+cite("internal/resources/cloud/resource_cloud_stack_service_account.go")+")")
	}
	accounts, err := loadAccounts()
	if err != nil {
		return nil, errorDiag("Invalid "+AccountsEnv, err.Error())
	}
	gone, err := loadGone()
	if err != nil {
		return nil, errorDiag("Invalid "+GoneEnv, err.Error())
	}
	a, found := findAccountByID(accounts, scope+":"+n)
	if !found || gone.has(a.ID, a.Name) {
		return nil, nil
	}
	vals := nullObject(t)
	vals["name"] = str(a.Name)
	vals["role"] = str(a.Role)
	vals["is_disabled"] = tftypes.NewValue(tftypes.Bool, a.IsDisabled)
	vals["id"] = str(scope + ":" + n)
	if typeName == "grafana_cloud_stack_service_account" {
		vals["stack_slug"] = str(scope)
	} else if servedVersion == v1 {
		vals["id"] = str(importID) // 1.43.0's ReadServiceAccount neither rewrites the ID nor sets org_id
	} else {
		vals["org_id"] = str(scope)
	}
	if a.Role == "" {
		vals["role"] = str("Viewer")
	}
	return vals, nil
}

// readImported: terraform's read after an SDK passthrough import. Not found: null state, which
// terraform reports as "Cannot import non-existent remote object" (with the served release's
// not-found warning where it has one).
func (p *provider) readImported(req *tfprotov5.ReadResourceRequest, t tftypes.Type, id string) *tfprotov5.ReadResourceResponse {
	found, diags := p.lookupImported(req.TypeName, t, id)
	if diags != nil {
		return &tfprotov5.ReadResourceResponse{Diagnostics: diags}
	}
	resp := &tfprotov5.ReadResourceResponse{Private: req.Private}
	if found != nil {
		resp.NewState, resp.Diagnostics = marshal(t, tftypes.NewValue(t, found))
		return resp
	}
	resp.NewState, resp.Diagnostics = marshal(t, tftypes.NewValue(t, nil))
	if o := goneOutcome(req.TypeName, id, false); o.warning != "" {
		resp.Diagnostics = append(resp.Diagnostics, warningDiag(o.warning, fmt.Sprintf("%q will be recreated when you apply\n(%s)", id, o.source)))
	}
	return resp
}

func (p *provider) ValidateDataSourceConfig(_ context.Context, req *tfprotov5.ValidateDataSourceConfigRequest) (*tfprotov5.ValidateDataSourceConfigResponse, error) {
	_, diags := p.dataSource(req.TypeName)
	return &tfprotov5.ValidateDataSourceConfigResponse{Diagnostics: diags}, nil
}

// ReadDataSource fills every computed attribute; grafana_service_account is looked up by name as
// the served release does (findServiceAccount).
func (p *provider) ReadDataSource(_ context.Context, req *tfprotov5.ReadDataSourceRequest) (*tfprotov5.ReadDataSourceResponse, error) {
	sch, diags := p.dataSource(req.TypeName)
	if diags == nil {
		diags = p.needsClient(req.TypeName)
	}
	if diags != nil {
		return &tfprotov5.ReadDataSourceResponse{Diagnostics: diags}, nil
	}
	t := p.schema.Type(sch)
	config, err := unmarshal(req.Config, t)
	if err != nil {
		return &tfprotov5.ReadDataSourceResponse{Diagnostics: errorDiag("Cannot read the configuration", err.Error())}, nil
	}
	obj := attrs(config)
	overrides := map[string]tftypes.Value{}
	switch req.TypeName {
	case "grafana_service_account":
		name, _ := stringAttr(obj, "name")
		org, ok := stringAttr(obj, "org_id")
		if !ok {
			org = "1"
		}
		a, diags := findServiceAccount(name, org)
		if diags != nil {
			return &tfprotov5.ReadDataSourceResponse{Diagnostics: diags}, nil
		}
		_, n, _ := strings.Cut(a.ID, ":")
		if n == "" {
			n = a.ID
		}
		if a.Role == "" {
			a.Role = "Viewer"
		}
		overrides["id"] = str(org + ":" + n)
		overrides["role"] = str(a.Role)
		overrides["is_disabled"] = tftypes.NewValue(tftypes.Bool, a.IsDisabled)
	case "grafana_cloud_stack":
		if slug, ok := stringAttr(obj, "slug"); ok {
			overrides["id"] = str(deterministicID("stack", slug)[len("stack:"):])
			overrides["name"] = str(slug)
			overrides["url"] = str("https://" + slug + ".grafana.net")
		}
	}
	state, err := p.fill(req.TypeName, sch, config, readValues, overrides)
	if err != nil {
		return &tfprotov5.ReadDataSourceResponse{Diagnostics: errorDiag("Cannot read", err.Error())}, nil
	}
	dv, diags := marshal(t, state)
	return &tfprotov5.ReadDataSourceResponse{State: dv, Diagnostics: diags}, nil
}

// findServiceAccount is findServiceAccountByName in data_source_service_account.go of the served
// release (see rules.go): 4.45.1 pages to the end; 2.19.0 sees the first page only.
func findServiceAccount(name, org string) (account, []*tfprotov5.Diagnostic) {
	all, err := loadAccounts()
	if err != nil {
		return account{}, errorDiag("Invalid "+AccountsEnv, err.Error())
	}
	gone, err := loadGone()
	if err != nil {
		return account{}, errorDiag("Invalid "+GoneEnv, err.Error())
	}
	var accounts []account
	for _, a := range orgAccounts(all, org) {
		if !gone.has(a.ID, a.Name) {
			accounts = append(accounts, a)
		}
	}
	src := cite("internal/resources/grafana/data_source_service_account.go")
	if servedVersion == v2 && len(accounts) > grafanaDefaultPageSize {
		accounts = accounts[:grafanaDefaultPageSize]
	}
	for _, a := range accounts {
		if a.Name == name {
			return a, nil
		}
	}
	if servedVersion == v2 && len(accounts) > 0 {
		return account{}, errorDiag(fmt.Sprintf("service account %q is not on Grafana's first page of service accounts: the real provider 2.19.0 would loop forever here", name),
			fmt.Sprintf("%s: findServiceAccountByName asks for page 0 again and again (it never increments the page; fixed in v4.22.0), and Grafana answers every such request with its first page (%d accounts by default), so a name that is not there is never found and the lookup never ends. The double stops instead of hanging.", src, grafanaDefaultPageSize))
	}
	return account{}, errorDiag(fmt.Sprintf("service account %q not found", name), "from "+src)
}
