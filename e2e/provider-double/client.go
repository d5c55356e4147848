package main

// Whether the served release would have a Grafana API client, and what it says when it has none.
//
// Every release builds its Grafana client only when the provider's `auth` and `url` are both set,
// each falling back to GRAFANA_AUTH / GRAFANA_URL when null (pkg/provider/configure_clients.go
// CreateClients and pkg/provider/framework_provider.go SetDefaults @ v2.19.0 and v4.45.1;
// internal/provider/configure_clients.go @ v1.43.0). The SDK reads an argument whose value is
// still unknown (a token created in the same apply) as unset, so a provider authenticated by a
// token the plan has yet to create has no client while the plan runs. Without a client, reading,
// creating, updating or deleting any Grafana-instance resource, and reading its data sources,
// fails (internal/resources/grafana/resources.go @ v2.19.0 and v4.45.1,
// internal/provider/provider_validation.go @ v1.43.0). Cloud, Synthetic Monitoring, OnCall, ML
// and SLO resources use other clients and are not checked.

import (
	"os"
	"strings"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// configuredClient reads the provider configuration: true when both auth and url are known and
// set, in the configuration or in the environment.
func configuredClient(config map[string]tftypes.Value) bool {
	set := func(name, env string) bool {
		if v, ok := config[name]; ok && v.IsKnown() && !v.IsNull() {
			var s string
			return v.As(&s) == nil && s != ""
		}
		return os.Getenv(env) != ""
	}
	return set("auth", "GRAFANA_AUTH") && set("url", "GRAFANA_URL")
}

// otherClients: resource families that talk to other APIs than the Grafana instance's.
var otherClients = []string{"grafana_cloud_", "grafana_synthetic_monitoring_", "grafana_oncall_", "grafana_machine_learning_", "grafana_slo", "grafana_k6_", "grafana_frontend_o11y_", "grafana_fleet_management_", "grafana_connections_", "grafana_asserts_"}

// needsClient reports an error diagnostic when typeName needs the Grafana client and the
// provider was configured without one.
func (p *provider) needsClient(typeName string) []*tfprotov5.Diagnostic {
	if p.hasClient.Load() {
		return nil
	}
	for _, prefix := range otherClients {
		if strings.HasPrefix(typeName, prefix) {
			return nil
		}
	}
	if servedVersion == v1 {
		return errorDiag("the Grafana client is required for `"+typeName+"`. Set the auth and url provider attributes", "as "+cite("internal/provider/provider_validation.go")+" reports it")
	}
	return errorDiag("the Grafana client is required for this resource. Set the auth and url provider attributes", "as "+cite("internal/resources/grafana/resources.go")+" reports it")
}
