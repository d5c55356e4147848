package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Environment knobs (all optional).
const (
	// LogEnv names a file to which every apply (create, update, delete) and import is appended
	// as one JSON line: {"op","type","name","id","start","end","pid"}. Never a secret.
	LogEnv = "GRAFANA_DOUBLE_LOG"
	// AccountsEnv is a JSON object of service account name -> ID ("1:42") or
	// {"id": "1:42", "role": "Admin", "is_disabled": false}: what the grafana_service_account
	// data source finds and what importing a grafana_service_account by ID yields.
	AccountsEnv = "GRAFANA_DOUBLE_SERVICE_ACCOUNTS"
	// DelayEnv: milliseconds every apply operation takes (to make concurrency observable).
	DelayEnv = "GRAFANA_DOUBLE_APPLY_DELAY_MS"
)

// Roles the real provider's validation accepts.
var roleSets = map[string][]string{
	"grafana_api_key":                     {"Viewer", "Editor", "Admin"},
	"grafana_cloud_stack_api_key":         {"Viewer", "Editor", "Admin"},
	"grafana_service_account":             {"Viewer", "Editor", "Admin", "None"},
	"grafana_cloud_stack_service_account": {"Viewer", "Editor", "Admin", "None"},
}

// forcesReplacementAlways: every argument of keys and tokens forces replacement, as in the real
// provider (they cannot be updated in place). For other resources only the org or stack moves them.
func forcesReplacementAlways(typeName string) bool {
	switch typeName {
	case "grafana_api_key", "grafana_cloud_stack_api_key", "grafana_cloud_api_key":
		return true
	}
	return strings.HasSuffix(typeName, "_token")
}

var replacingArguments = []string{"org_id", "stack_slug"}

type account struct {
	ID         string `json:"id"`
	Role       string `json:"role"`
	IsDisabled bool   `json:"is_disabled"`
}

type provider struct {
	schema  *Schema
	loadErr error
	ids     atomic.Int64
	logPath string
	logMu   sync.Mutex
	delay   time.Duration

	accountsOnce sync.Once
	accounts     map[string]account
	accountsErr  error
}

var _ tfprotov5.ProviderServer = (*provider)(nil)

func newProvider(schema *Schema, loadErr error) *provider {
	p := &provider{schema: schema, loadErr: loadErr, logPath: os.Getenv(LogEnv)}
	// IDs only need to be unique across the provider processes of one test run.
	p.ids.Store(time.Now().UnixMilli() % 1_000_000 * 100)
	if ms, err := strconv.Atoi(os.Getenv(DelayEnv)); err == nil && ms > 0 {
		p.delay = time.Duration(ms) * time.Millisecond
	}
	return p
}

// ---------------------------------------------------------------------------------------------
// diagnostics and value helpers
// ---------------------------------------------------------------------------------------------

func errorDiag(summary, detail string) []*tfprotov5.Diagnostic {
	return []*tfprotov5.Diagnostic{{Severity: tfprotov5.DiagnosticSeverityError, Summary: summary, Detail: detail}}
}

func (p *provider) notReady() []*tfprotov5.Diagnostic {
	if p.loadErr != nil {
		return errorDiag("Grafana provider test double has no schema", p.loadErr.Error())
	}
	return nil
}

func (p *provider) resource(typeName string) (*tfprotov5.Schema, []*tfprotov5.Diagnostic) {
	if d := p.notReady(); d != nil {
		return nil, d
	}
	if s, ok := p.schema.Resources[typeName]; ok {
		return s, nil
	}
	return nil, errorDiag("Unknown resource type", fmt.Sprintf("the Grafana provider test double's schema (%s) has no resource %q", p.schema.Path, typeName))
}

func (p *provider) dataSource(typeName string) (*tfprotov5.Schema, []*tfprotov5.Diagnostic) {
	if d := p.notReady(); d != nil {
		return nil, d
	}
	if s, ok := p.schema.DataSources[typeName]; ok {
		return s, nil
	}
	return nil, errorDiag("Unknown data source", fmt.Sprintf("the Grafana provider test double's schema (%s) has no data source %q", p.schema.Path, typeName))
}

func unmarshal(dv *tfprotov5.DynamicValue, t tftypes.Type) (tftypes.Value, error) {
	if dv == nil {
		return tftypes.NewValue(t, nil), nil
	}
	return dv.Unmarshal(t)
}

func marshal(t tftypes.Type, v tftypes.Value) (*tfprotov5.DynamicValue, []*tfprotov5.Diagnostic) {
	dv, err := tfprotov5.NewDynamicValue(t, v)
	if err != nil {
		return nil, errorDiag("Grafana provider test double: cannot encode a value", err.Error())
	}
	return &dv, nil
}

func attrs(v tftypes.Value) map[string]tftypes.Value {
	m := map[string]tftypes.Value{}
	if !v.IsNull() && v.IsKnown() {
		_ = v.As(&m)
	}
	return m
}

func (p *provider) loadAccounts() (map[string]account, error) {
	p.accountsOnce.Do(func() {
		p.accounts = map[string]account{}
		raw := os.Getenv(AccountsEnv)
		if raw == "" {
			return
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal([]byte(raw), &m); err != nil {
			p.accountsErr = fmt.Errorf("%s is not a JSON object: %w", AccountsEnv, err)
			return
		}
		for name, v := range m {
			var id string
			if json.Unmarshal(v, &id) == nil {
				p.accounts[name] = account{ID: id}
				continue
			}
			var a account
			if err := json.Unmarshal(v, &a); err != nil {
				p.accountsErr = fmt.Errorf("%s[%q]: want an ID string or {id, role, is_disabled}: %w", AccountsEnv, name, err)
				return
			}
			p.accounts[name] = a
		}
	})
	return p.accounts, p.accountsErr
}

// ---------------------------------------------------------------------------------------------
// the operation log
// ---------------------------------------------------------------------------------------------

type logEntry struct {
	Op    string `json:"op"`
	Type  string `json:"type"`
	Name  string `json:"name,omitempty"`
	ID    string `json:"id,omitempty"`
	Start string `json:"start"`
	End   string `json:"end"`
	PID   int    `json:"pid"`
}

func (p *provider) logOp(op, typeName string, obj map[string]tftypes.Value, start time.Time) {
	if p.logPath == "" {
		return
	}
	e := logEntry{Op: op, Type: typeName, Start: start.UTC().Format(time.RFC3339Nano), End: time.Now().UTC().Format(time.RFC3339Nano), PID: os.Getpid()}
	e.Name, _ = stringAttr(obj, "name")
	e.ID, _ = stringAttr(obj, "id")
	line, _ := json.Marshal(e)
	p.logMu.Lock()
	defer p.logMu.Unlock()
	f, err := os.OpenFile(p.logPath, os.O_APPEND|os.O_CREATE|os.O_WRONLY, 0o644)
	if err != nil {
		return
	}
	defer f.Close()
	_, _ = f.Write(append(line, '\n'))
}

// ---------------------------------------------------------------------------------------------
// provider-level RPCs
// ---------------------------------------------------------------------------------------------

func (p *provider) GetMetadata(_ context.Context, _ *tfprotov5.GetMetadataRequest) (*tfprotov5.GetMetadataResponse, error) {
	resp := &tfprotov5.GetMetadataResponse{ServerCapabilities: &tfprotov5.ServerCapabilities{}}
	if d := p.notReady(); d != nil {
		resp.Diagnostics = d
		return resp, nil
	}
	for _, name := range sortedKeys(p.schema.Resources) {
		resp.Resources = append(resp.Resources, tfprotov5.ResourceMetadata{TypeName: name})
	}
	for _, name := range sortedKeys(p.schema.DataSources) {
		resp.DataSources = append(resp.DataSources, tfprotov5.DataSourceMetadata{TypeName: name})
	}
	return resp, nil
}

func (p *provider) GetProviderSchema(_ context.Context, _ *tfprotov5.GetProviderSchemaRequest) (*tfprotov5.GetProviderSchemaResponse, error) {
	if d := p.notReady(); d != nil {
		return &tfprotov5.GetProviderSchemaResponse{Diagnostics: d}, nil
	}
	return &tfprotov5.GetProviderSchemaResponse{
		ServerCapabilities: &tfprotov5.ServerCapabilities{},
		Provider:           p.schema.Provider,
		ResourceSchemas:    p.schema.Resources,
		DataSourceSchemas:  p.schema.DataSources,
	}, nil
}

func (p *provider) GetResourceIdentitySchemas(context.Context, *tfprotov5.GetResourceIdentitySchemasRequest) (*tfprotov5.GetResourceIdentitySchemasResponse, error) {
	return &tfprotov5.GetResourceIdentitySchemasResponse{IdentitySchemas: map[string]*tfprotov5.ResourceIdentitySchema{}}, nil
}

// PrepareProviderConfig and ConfigureProvider accept any configuration (Terraform core has
// already checked it against the provider block's schema): the double talks to no server.
func (p *provider) PrepareProviderConfig(_ context.Context, req *tfprotov5.PrepareProviderConfigRequest) (*tfprotov5.PrepareProviderConfigResponse, error) {
	return &tfprotov5.PrepareProviderConfigResponse{PreparedConfig: req.Config, Diagnostics: p.notReady()}, nil
}

func (p *provider) ConfigureProvider(context.Context, *tfprotov5.ConfigureProviderRequest) (*tfprotov5.ConfigureProviderResponse, error) {
	return &tfprotov5.ConfigureProviderResponse{Diagnostics: p.notReady()}, nil
}

func (p *provider) StopProvider(context.Context, *tfprotov5.StopProviderRequest) (*tfprotov5.StopProviderResponse, error) {
	return &tfprotov5.StopProviderResponse{}, nil
}

// ---------------------------------------------------------------------------------------------
// resources
// ---------------------------------------------------------------------------------------------

// ValidateResourceTypeConfig: Terraform core checks attribute names, types and required
// arguments against the schema before calling this; the double adds the real provider's role
// validation.
func (p *provider) ValidateResourceTypeConfig(_ context.Context, req *tfprotov5.ValidateResourceTypeConfigRequest) (*tfprotov5.ValidateResourceTypeConfigResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags != nil {
		return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: diags}, nil
	}
	roles, ok := roleSets[req.TypeName]
	if !ok {
		return &tfprotov5.ValidateResourceTypeConfigResponse{}, nil
	}
	config, err := unmarshal(req.Config, p.schema.Type(sch))
	if err != nil {
		return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: errorDiag("Invalid configuration value", err.Error())}, nil
	}
	resp := &tfprotov5.ValidateResourceTypeConfigResponse{}
	if role, ok := stringAttr(attrs(config), "role"); ok && !slices.Contains(roles, role) {
		resp.Diagnostics = append(resp.Diagnostics, &tfprotov5.Diagnostic{
			Severity:  tfprotov5.DiagnosticSeverityError,
			Summary:   fmt.Sprintf("expected role to be one of %q, got %s", roles, role),
			Attribute: tftypes.NewAttributePath().WithAttributeName("role"),
		})
	}
	return resp, nil
}

// UpgradeResourceState passes the stored JSON through (the double has schema version 0 only),
// dropping attributes the schema does not have.
func (p *provider) UpgradeResourceState(_ context.Context, req *tfprotov5.UpgradeResourceStateRequest) (*tfprotov5.UpgradeResourceStateResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags != nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: diags}, nil
	}
	if req.RawState == nil || req.RawState.JSON == nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: errorDiag("Unsupported state format", "the Grafana provider test double reads JSON state only (no flatmap)")}, nil
	}
	t := p.schema.Type(sch)
	v, err := req.RawState.UnmarshalWithOpts(t, tfprotov5.UnmarshalOpts{ValueFromJSONOpts: tftypes.ValueFromJSONOpts{IgnoreUndefinedAttributes: true}})
	if err != nil {
		return &tfprotov5.UpgradeResourceStateResponse{Diagnostics: errorDiag("Cannot read the stored state", err.Error())}, nil
	}
	dv, diags := marshal(t, v)
	return &tfprotov5.UpgradeResourceStateResponse{UpgradedState: dv, Diagnostics: diags}, nil
}

// ReadResource returns the prior state: nothing changes behind Terraform's back.
func (p *provider) ReadResource(_ context.Context, req *tfprotov5.ReadResourceRequest) (*tfprotov5.ReadResourceResponse, error) {
	if _, diags := p.resource(req.TypeName); diags != nil {
		return &tfprotov5.ReadResourceResponse{Diagnostics: diags}, nil
	}
	return &tfprotov5.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
}

// PlanResourceChange: on create, computed attributes the configuration leaves null are unknown;
// on update the proposed state is the plan, and changed arguments that the real provider cannot
// update in place are reported in RequiresReplace (Terraform core then plans a replacement and
// asks again with a null prior state).
func (p *provider) PlanResourceChange(_ context.Context, req *tfprotov5.PlanResourceChangeRequest) (*tfprotov5.PlanResourceChangeResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags != nil {
		return &tfprotov5.PlanResourceChangeResponse{Diagnostics: diags}, nil
	}
	t := p.schema.Type(sch)
	prior, err := unmarshal(req.PriorState, t)
	if err != nil {
		return &tfprotov5.PlanResourceChangeResponse{Diagnostics: errorDiag("Cannot read the prior state", err.Error())}, nil
	}
	proposed, err := unmarshal(req.ProposedNewState, t)
	if err != nil {
		return &tfprotov5.PlanResourceChangeResponse{Diagnostics: errorDiag("Cannot read the proposed state", err.Error())}, nil
	}
	if proposed.IsNull() { // destroy
		return &tfprotov5.PlanResourceChangeResponse{PlannedState: req.ProposedNewState, PlannedPrivate: req.PriorPrivate}, nil
	}
	resp := &tfprotov5.PlanResourceChangeResponse{}
	planned := proposed
	if prior.IsNull() {
		if planned, err = p.fill(req.TypeName, sch, proposed, planCreate, nil); err != nil {
			return &tfprotov5.PlanResourceChangeResponse{Diagnostics: errorDiag("Cannot plan", err.Error())}, nil
		}
	} else {
		before, after := attrs(prior), attrs(proposed)
		for _, a := range sch.Block.Attributes {
			if !a.Required && !a.Optional {
				continue
			}
			if !forcesReplacementAlways(req.TypeName) && !slices.Contains(replacingArguments, a.Name) {
				continue
			}
			if !before[a.Name].Equal(after[a.Name]) {
				resp.RequiresReplace = append(resp.RequiresReplace, tftypes.NewAttributePath().WithAttributeName(a.Name))
			}
		}
	}
	resp.PlannedState, resp.Diagnostics = marshal(t, planned)
	resp.PlannedPrivate = req.PriorPrivate
	return resp, nil
}

// ApplyResourceChange fills what the plan left unknown (IDs, secrets, expiration, ...).
func (p *provider) ApplyResourceChange(_ context.Context, req *tfprotov5.ApplyResourceChangeRequest) (*tfprotov5.ApplyResourceChangeResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags != nil {
		return &tfprotov5.ApplyResourceChangeResponse{Diagnostics: diags}, nil
	}
	start := time.Now()
	t := p.schema.Type(sch)
	prior, err := unmarshal(req.PriorState, t)
	if err != nil {
		return &tfprotov5.ApplyResourceChangeResponse{Diagnostics: errorDiag("Cannot read the prior state", err.Error())}, nil
	}
	planned, err := unmarshal(req.PlannedState, t)
	if err != nil {
		return &tfprotov5.ApplyResourceChangeResponse{Diagnostics: errorDiag("Cannot read the planned state", err.Error())}, nil
	}
	if p.delay > 0 {
		time.Sleep(p.delay)
	}
	if planned.IsNull() {
		p.logOp("delete", req.TypeName, attrs(prior), start)
		dv, diags := marshal(t, planned)
		return &tfprotov5.ApplyResourceChangeResponse{NewState: dv, Diagnostics: diags}, nil
	}
	newState, err := p.fill(req.TypeName, sch, planned, applyValues, nil)
	if err != nil {
		return &tfprotov5.ApplyResourceChangeResponse{Diagnostics: errorDiag("Cannot apply", err.Error())}, nil
	}
	op := "update"
	if prior.IsNull() {
		op = "create"
	}
	p.logOp(op, req.TypeName, attrs(newState), start)
	dv, diags := marshal(t, newState)
	return &tfprotov5.ApplyResourceChangeResponse{NewState: dv, Private: req.PlannedPrivate, Diagnostics: diags}, nil
}

// ImportResourceState: service accounts ("{orgID}:{id}" or "{id}"; Cloud stack ones
// "{stackSlug}:{id}") come back with the name, role and state GRAFANA_DOUBLE_SERVICE_ACCOUNTS
// gives for that ID (name and role stay null for an ID it does not list, so the next plan
// updates them in place). Keys and tokens cannot be imported (their secret is shown once);
// other resources come back with their id only.
func (p *provider) ImportResourceState(_ context.Context, req *tfprotov5.ImportResourceStateRequest) (*tfprotov5.ImportResourceStateResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags != nil {
		return &tfprotov5.ImportResourceStateResponse{Diagnostics: diags}, nil
	}
	start := time.Now()
	t := p.schema.Type(sch)
	objType, _ := t.(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, at := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(at, nil)
	}
	switch {
	case req.TypeName == "grafana_service_account" || req.TypeName == "grafana_cloud_stack_service_account":
		scope, id, found := strings.Cut(req.ID, ":")
		if !found {
			scope, id = "1", req.ID
		}
		if _, err := strconv.ParseInt(id, 10, 64); err != nil || scope == "" {
			return &tfprotov5.ImportResourceStateResponse{Diagnostics: errorDiag("Invalid import ID",
				fmt.Sprintf("%s import IDs look like %q, got %q", req.TypeName, map[bool]string{true: "{stackSlug}:{serviceAccountID}", false: "{orgID}:{serviceAccountID} or {serviceAccountID}"}[req.TypeName != "grafana_service_account"], req.ID))}, nil
		}
		full := scope + ":" + id
		vals["id"] = str(full)
		if req.TypeName == "grafana_service_account" {
			vals["org_id"] = str(scope)
		} else {
			vals["stack_slug"] = str(scope)
		}
		vals["is_disabled"] = tftypes.NewValue(tftypes.Bool, false)
		accounts, err := p.loadAccounts()
		if err != nil {
			return &tfprotov5.ImportResourceStateResponse{Diagnostics: errorDiag("Invalid "+AccountsEnv, err.Error())}, nil
		}
		for _, name := range sortedKeys(accounts) {
			a := accounts[name]
			if a.ID == full || (req.TypeName == "grafana_service_account" && a.ID == id && scope == "1") {
				vals["name"] = str(name)
				if a.Role != "" {
					vals["role"] = str(a.Role)
				}
				vals["is_disabled"] = tftypes.NewValue(tftypes.Bool, a.IsDisabled)
				break
			}
		}
	case forcesReplacementAlways(req.TypeName):
		return &tfprotov5.ImportResourceStateResponse{Diagnostics: errorDiag("Resource cannot be imported",
			req.TypeName+" cannot be imported: its secret is only shown when it is created")}, nil
	default:
		vals["id"] = str(req.ID)
	}
	state := tftypes.NewValue(t, vals)
	p.logOp("import", req.TypeName, vals, start)
	dv, diags := marshal(t, state)
	return &tfprotov5.ImportResourceStateResponse{
		ImportedResources: []*tfprotov5.ImportedResource{{TypeName: req.TypeName, State: dv}},
		Diagnostics:       diags,
	}, nil
}

func (p *provider) MoveResourceState(_ context.Context, req *tfprotov5.MoveResourceStateRequest) (*tfprotov5.MoveResourceStateResponse, error) {
	return &tfprotov5.MoveResourceStateResponse{Diagnostics: errorDiag("Unable to Move Resource State",
		fmt.Sprintf("The Grafana provider (and this test double) cannot move %s state to %s.", req.SourceTypeName, req.TargetTypeName))}, nil
}

func (p *provider) UpgradeResourceIdentity(context.Context, *tfprotov5.UpgradeResourceIdentityRequest) (*tfprotov5.UpgradeResourceIdentityResponse, error) {
	return &tfprotov5.UpgradeResourceIdentityResponse{Diagnostics: errorDiag("Unsupported", "the Grafana provider test double has no resource identities")}, nil
}

func (p *provider) GenerateResourceConfig(context.Context, *tfprotov5.GenerateResourceConfigRequest) (*tfprotov5.GenerateResourceConfigResponse, error) {
	return &tfprotov5.GenerateResourceConfigResponse{Diagnostics: errorDiag("Unsupported", "the Grafana provider test double does not generate configuration")}, nil
}

// ---------------------------------------------------------------------------------------------
// data sources
// ---------------------------------------------------------------------------------------------

func (p *provider) ValidateDataSourceConfig(_ context.Context, req *tfprotov5.ValidateDataSourceConfigRequest) (*tfprotov5.ValidateDataSourceConfigResponse, error) {
	_, diags := p.dataSource(req.TypeName)
	return &tfprotov5.ValidateDataSourceConfigResponse{Diagnostics: diags}, nil
}

// ReadDataSource fills every computed attribute. grafana_service_account is looked up by name in
// GRAFANA_DOUBLE_SERVICE_ACCOUNTS (else a deterministic ID from its name, role Viewer).
func (p *provider) ReadDataSource(_ context.Context, req *tfprotov5.ReadDataSourceRequest) (*tfprotov5.ReadDataSourceResponse, error) {
	sch, diags := p.dataSource(req.TypeName)
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
	case "grafana_service_account", "grafana_cloud_stack_service_account":
		name, _ := stringAttr(obj, "name")
		accounts, err := p.loadAccounts()
		if err != nil {
			return &tfprotov5.ReadDataSourceResponse{Diagnostics: errorDiag("Invalid "+AccountsEnv, err.Error())}, nil
		}
		prefix, ok := stringAttr(obj, "org_id")
		if !ok {
			prefix, ok = stringAttr(obj, "stack_slug")
		}
		if !ok {
			prefix = "1"
		}
		a, found := accounts[name]
		if !found {
			a = account{ID: deterministicID(prefix, name)}
		}
		if a.Role == "" {
			a.Role = "Viewer"
		}
		overrides["id"] = str(a.ID)
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

// ---------------------------------------------------------------------------------------------
// functions and ephemeral resources: none
// ---------------------------------------------------------------------------------------------

func (p *provider) GetFunctions(context.Context, *tfprotov5.GetFunctionsRequest) (*tfprotov5.GetFunctionsResponse, error) {
	return &tfprotov5.GetFunctionsResponse{Functions: map[string]*tfprotov5.Function{}}, nil
}

func (p *provider) CallFunction(_ context.Context, req *tfprotov5.CallFunctionRequest) (*tfprotov5.CallFunctionResponse, error) {
	return &tfprotov5.CallFunctionResponse{Error: &tfprotov5.FunctionError{Text: "the Grafana provider test double has no functions (" + req.Name + ")"}}, nil
}

func (p *provider) ValidateEphemeralResourceConfig(context.Context, *tfprotov5.ValidateEphemeralResourceConfigRequest) (*tfprotov5.ValidateEphemeralResourceConfigResponse, error) {
	return &tfprotov5.ValidateEphemeralResourceConfigResponse{Diagnostics: errorDiag("Unsupported", "the Grafana provider test double has no ephemeral resources")}, nil
}

func (p *provider) OpenEphemeralResource(context.Context, *tfprotov5.OpenEphemeralResourceRequest) (*tfprotov5.OpenEphemeralResourceResponse, error) {
	return &tfprotov5.OpenEphemeralResourceResponse{Diagnostics: errorDiag("Unsupported", "the Grafana provider test double has no ephemeral resources")}, nil
}

func (p *provider) RenewEphemeralResource(context.Context, *tfprotov5.RenewEphemeralResourceRequest) (*tfprotov5.RenewEphemeralResourceResponse, error) {
	return &tfprotov5.RenewEphemeralResourceResponse{}, nil
}

func (p *provider) CloseEphemeralResource(context.Context, *tfprotov5.CloseEphemeralResourceRequest) (*tfprotov5.CloseEphemeralResourceResponse, error) {
	return &tfprotov5.CloseEphemeralResourceResponse{}, nil
}
