package main

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"slices"
	"strconv"
	"sync"
	"sync/atomic"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Environment knobs (all optional; GRAFANA_DOUBLE_SERVICE_ACCOUNTS and GRAFANA_DOUBLE_GONE are in
// accounts.go).
const (
	// LogEnv names a file to which every apply (create, update, delete) and import is appended
	// as one JSON line: {"op","type","name","id","start","end","pid"}. Never a secret.
	LogEnv = "GRAFANA_DOUBLE_LOG"
	// DelayEnv: milliseconds every apply operation takes (to make concurrency observable).
	DelayEnv = "GRAFANA_DOUBLE_APPLY_DELAY_MS"
)

// roles the real provider's validation accepts (StringInSlice in the SDK resources; 1.43.0's
// service accounts have no "None"): resource_api_key.go, resource_service_account.go,
// resource_cloud_stack_service_account.go at each tag.
func roles(typeName string) []string {
	switch typeName {
	case "grafana_api_key", "grafana_cloud_stack_api_key":
		return []string{"Viewer", "Editor", "Admin"}
	case "grafana_service_account", "grafana_cloud_stack_service_account":
		if servedVersion == v1 {
			return []string{"Viewer", "Editor", "Admin"}
		}
		return []string{"Viewer", "Editor", "Admin", "None"}
	}
	return nil
}

type provider struct {
	schema  *Schema
	loadErr error
	ids     atomic.Int64
	logPath string
	logMu   sync.Mutex
	delay   time.Duration
	// hasClient: whether the served release would have built its Grafana API client from the
	// provider configuration (client.go). One provider process serves one configuration.
	hasClient atomic.Bool
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

// versionNote ends every diagnostic's detail: which release the double models, and that it is one.
func versionNote() string {
	return fmt.Sprintf("(Grafana provider TEST DOUBLE modelling grafana/grafana v%s; not the Grafana provider)", servedVersion)
}

func withNote(detail string) string {
	if detail == "" {
		return versionNote()
	}
	return detail + "\n\n" + versionNote()
}

func errorDiag(summary, detail string) []*tfprotov5.Diagnostic {
	return []*tfprotov5.Diagnostic{{Severity: tfprotov5.DiagnosticSeverityError, Summary: summary, Detail: withNote(detail)}}
}

func warningDiag(summary, detail string) *tfprotov5.Diagnostic {
	return &tfprotov5.Diagnostic{Severity: tfprotov5.DiagnosticSeverityWarning, Summary: summary, Detail: withNote(detail)}
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

func (p *provider) ConfigureProvider(_ context.Context, req *tfprotov5.ConfigureProviderRequest) (*tfprotov5.ConfigureProviderResponse, error) {
	if d := p.notReady(); d != nil {
		return &tfprotov5.ConfigureProviderResponse{Diagnostics: d}, nil
	}
	config, err := unmarshal(req.Config, p.schema.Type(p.schema.Provider))
	p.hasClient.Store(err == nil && !config.IsNull() && configuredClient(attrs(config)))
	return &tfprotov5.ConfigureProviderResponse{}, nil
}

func (p *provider) StopProvider(context.Context, *tfprotov5.StopProviderRequest) (*tfprotov5.StopProviderResponse, error) {
	return &tfprotov5.StopProviderResponse{}, nil
}

// ---------------------------------------------------------------------------------------------
// resources
// ---------------------------------------------------------------------------------------------

// ValidateResourceTypeConfig: Terraform core checks attribute names, types and required
// arguments against the schema before calling this; the double adds the real provider's role
// validation, and grafana_cloud_stack's slug check (rules.go).
func (p *provider) ValidateResourceTypeConfig(_ context.Context, req *tfprotov5.ValidateResourceTypeConfigRequest) (*tfprotov5.ValidateResourceTypeConfigResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags != nil {
		return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: diags}, nil
	}
	allowed := roles(req.TypeName)
	if allowed == nil && req.TypeName != "grafana_cloud_stack" {
		return &tfprotov5.ValidateResourceTypeConfigResponse{}, nil
	}
	config, err := unmarshal(req.Config, p.schema.Type(sch))
	if err != nil {
		return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: errorDiag("Invalid configuration value", err.Error())}, nil
	}
	resp := &tfprotov5.ValidateResourceTypeConfigResponse{}
	if slug, ok := stringAttr(attrs(config), "slug"); ok {
		if problem := slugProblem(req.TypeName, slug); problem != "" {
			d := errorDiag(problem, "")[0]
			d.Attribute = tftypes.NewAttributePath().WithAttributeName("slug")
			return &tfprotov5.ValidateResourceTypeConfigResponse{Diagnostics: []*tfprotov5.Diagnostic{d}}, nil
		}
	}
	if allowed == nil {
		return resp, nil
	}
	role, ok := stringAttr(attrs(config), "role")
	if !ok || slices.Contains(allowed, role) {
		return resp, nil
	}
	// 4.45.1's grafana_service_account is a plugin-framework resource (stringvalidator.OneOf);
	// the others are SDK resources (validation.StringInSlice).
	summary, detail := fmt.Sprintf("expected role to be one of %q, got %s", allowed, role), ""
	if servedVersion == v4 && req.TypeName == "grafana_service_account" {
		quoted := make([]string, len(allowed))
		for i, r := range allowed {
			quoted[i] = strconv.Quote(r)
		}
		summary, detail = "Invalid Attribute Value Match", fmt.Sprintf("Attribute role value must be one of: %q, got: %q", quoted, role)
	}
	d := errorDiag(summary, detail)[0]
	d.Attribute = tftypes.NewAttributePath().WithAttributeName("role")
	resp.Diagnostics = append(resp.Diagnostics, d)
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

// ReadResource returns the prior state, unless Grafana no longer has the object
// (GRAFANA_DOUBLE_GONE): then what the served release does (rules.go goneOutcome). A service
// account the SDK importer passed through (its name still null) is looked up (lookups.go).
func (p *provider) ReadResource(_ context.Context, req *tfprotov5.ReadResourceRequest) (*tfprotov5.ReadResourceResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags == nil {
		diags = p.needsClient(req.TypeName)
	}
	if diags != nil {
		return &tfprotov5.ReadResourceResponse{Diagnostics: diags}, nil
	}
	t := p.schema.Type(sch)
	current, err := unmarshal(req.CurrentState, t)
	if err != nil || current.IsNull() {
		return &tfprotov5.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
	}
	obj := attrs(current)
	id, _ := stringAttr(obj, "id")
	name, _ := stringAttr(obj, "name")
	if importable(req.TypeName) && name == "" {
		return p.readImported(req, t, id), nil
	}
	gone, err := loadGone()
	if err != nil {
		return &tfprotov5.ReadResourceResponse{Diagnostics: errorDiag("Invalid "+GoneEnv, err.Error())}, nil
	}
	keysRemoved := gone.keysRemoved && (req.TypeName == "grafana_api_key" || req.TypeName == "grafana_cloud_stack_api_key")
	if !keysRemoved && !gone.has(id, name) {
		return &tfprotov5.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
	}
	o := goneOutcome(req.TypeName, id, keysRemoved)
	switch {
	case o.fatal != "":
		return &tfprotov5.ReadResourceResponse{Diagnostics: errorDiag(o.fatal, "as "+o.source+" reports it")}, nil
	case !o.drop:
		return &tfprotov5.ReadResourceResponse{NewState: req.CurrentState, Private: req.Private}, nil
	}
	resp := &tfprotov5.ReadResourceResponse{}
	resp.NewState, resp.Diagnostics = marshal(t, tftypes.NewValue(t, nil))
	if o.warning != "" {
		resp.Diagnostics = append(resp.Diagnostics, warningDiag(o.warning, fmt.Sprintf("%q will be recreated when you apply\n(%s)", id, o.source)))
	}
	return resp, nil
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
		all, args, _ := replacement(req.TypeName)
		for _, a := range sch.Block.Attributes {
			if (!a.Required && !a.Optional) || (!all && !slices.Contains(args, a.Name)) || before[a.Name].Equal(after[a.Name]) {
				continue
			}
			if a.Name == "org_id" && orgIDSuppressed(req.TypeName) && !a.Computed {
				if _, set := stringAttr(after, "org_id"); !set {
					// The SDK keeps the prior org_id (DiffSuppressFunc), which terraform accepts
					// from SDK providers only: they are flagged as using the legacy type system.
					after["org_id"] = before["org_id"]
					planned = tftypes.NewValue(t, after)
					resp.UnsafeToUseLegacyTypeSystem = true //nolint:staticcheck
					continue
				}
			}
			resp.RequiresReplace = append(resp.RequiresReplace, tftypes.NewAttributePath().WithAttributeName(a.Name))
		}
	}
	resp.PlannedState, resp.Diagnostics = marshal(t, planned)
	resp.PlannedPrivate = req.PriorPrivate
	return resp, nil
}

// ApplyResourceChange fills what the plan left unknown (IDs, secrets, expiration, ...).
func (p *provider) ApplyResourceChange(_ context.Context, req *tfprotov5.ApplyResourceChangeRequest) (*tfprotov5.ApplyResourceChangeResponse, error) {
	sch, diags := p.resource(req.TypeName)
	if diags == nil {
		diags = p.needsClient(req.TypeName)
	}
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
