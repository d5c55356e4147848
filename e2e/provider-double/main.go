// Command terraform-provider-grafana (provider-double) is a TEST DOUBLE of the Grafana Terraform
// provider, NOT the Grafana provider. It talks to no Grafana: it serves the real provider's schema
// (read at start-up from a JSON file, see schema.go) over plugin protocol 5 and keeps every object
// in Terraform state only, so that `terraform validate`, `plan` and `apply` run for real against
// the real schema on machines that cannot install the real provider. See README.md.
//
// scripts/install-toolchain.sh installs one copy per modelled release (1.43.0, 2.19.0, 4.45.1)
// into a mirror of its own (.toolchain/double-mirror), each next to that release's schema file,
// whose name tells the double which release it models (rules.go holds the version-specific
// behaviour). A configuration's own version constraint picks one, as it would a real release.
//
// Flags (for people, not Terraform): -self-check loads the schema and prints what it serves.
package main

import (
	"fmt"
	"os"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tfprotov5/tf5server"
)

const providerAddress = "registry.terraform.io/grafana/grafana"

func main() {
	if len(os.Args) > 1 {
		switch os.Args[1] {
		case "-self-check", "--self-check":
			os.Exit(selfCheck())
		case "-version", "--version":
			path, err := SchemaPath()
			if err == nil {
				servedVersion, err = VersionOf(path)
			}
			fmt.Printf("Grafana provider TEST DOUBLE modelling grafana/grafana %s (not the Grafana provider)\n", servedVersion)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
			}
			return
		}
	}
	schema, err := load()
	if err := tf5server.Serve(providerAddress, func() tfprotov5.ProviderServer { return newProvider(schema, err) }); err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
}

// load finds the schema file, sets servedVersion from its name and reads it.
func load() (*Schema, error) {
	path, err := SchemaPath()
	if err != nil {
		return nil, err
	}
	if servedVersion, err = VersionOf(path); err != nil {
		return nil, err
	}
	return LoadSchema(path)
}

func selfCheck() int {
	s, err := load()
	if err != nil {
		fmt.Fprintf(os.Stderr, "provider-double: %v\n", err)
		return 1
	}
	want := []string{"grafana_service_account", "grafana_service_account_token"}
	if servedVersion != v4 {
		want = append(want, "grafana_api_key", "grafana_cloud_stack_api_key", "grafana_cloud_api_key")
	}
	for _, name := range want {
		if _, ok := s.Resources[name]; !ok {
			fmt.Fprintf(os.Stderr, "provider-double: %s has no resource %s\n", s.Path, name)
			return 1
		}
	}
	fmt.Printf("provider-double modelling %s: %d resources, %d data sources from %s\n", servedVersion, len(s.Resources), len(s.DataSources), s.Path)
	return 0
}
