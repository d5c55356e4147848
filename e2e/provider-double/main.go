// Command terraform-provider-grafana (provider-double) is a TEST DOUBLE of the Grafana Terraform
// provider, NOT the Grafana provider. It talks to no Grafana: it serves the real provider's schema
// (read at start-up from a JSON file, see schema.go) over plugin protocol 5 and keeps every object
// in Terraform state only, so that `terraform validate`, `plan` and `apply` run for real against
// the real schema on machines that cannot install the real provider. See README.md.
//
// It is installed into the toolchain's filesystem mirror under the version 0.0.1-double, which no
// real release has, so a configuration only ever gets it when it asks for exactly that version.
//
// Flags (for people, not Terraform): -self-check loads the schema and prints what it serves.
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5/tf5server"
)

const (
	providerAddress = "registry.terraform.io/grafana/grafana"
	// Version is the double's version in the mirror: a prerelease of 0.0.1, never a real release.
	Version = "0.0.1-double"
)

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "-self-check", "--self-check":
			os.Exit(selfCheck())
		case "-version", "--version":
			fmt.Printf("Grafana provider TEST DOUBLE %s (not the Grafana provider)\n", Version)
			return
		}
	}
	schema, err := LoadSchema(SchemaPath())
	if err := tf5server.Serve(providerAddress, func() tfprotov5.ProviderServer { return newProvider(schema, err) }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

func selfCheck() int {
	path := SchemaPath()
	s, err := LoadSchema(path)
	if err != nil {
		fmt.Fprintf(os.Stderr, "provider-double: %v\n", err)
		return 1
	}
	for _, name := range []string{"grafana_api_key", "grafana_cloud_stack_api_key", "grafana_cloud_api_key", "grafana_service_account", "grafana_service_account_token"} {
		if _, ok := s.Resources[name]; !ok {
			fmt.Fprintf(os.Stderr, "provider-double: %s has no resource %s\n", path, name)
			return 1
		}
	}
	fmt.Printf("provider-double %s: %d resources, %d data sources from %s\n", Version, len(s.Resources), len(s.DataSources), path)
	return 0
}
