// Command merge-schema writes the schema file the Grafana provider TEST DOUBLE serves.
//
// It merges two files in `terraform providers schema -json` format (the repository's facts-only
// copies in schema/reference, made by scripts/reference-facts.ts: no descriptions):
//
//   - the current schema (grafana/grafana v4.45.1): provider block, all resources and data sources;
//   - the legacy schema facts (v2.19.0): grafana_api_key, grafana_cloud_stack_api_key and
//     grafana_cloud_api_key (all removed in v3.0.0), the provider attribute cloud_api_key, and the
//     1.x attribute cloud_stack_slug of grafana_api_key (given under "grafana_api_key@1.x").
//
// The result is one provider schema that accepts both the legacy configurations a migration
// starts from and the service account configurations it produces. Provider functions are left
// out (the double does not implement them). Output is deterministic (sorted keys).
//
// Usage: merge-schema -current FILE -legacy FILE -out FILE
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
)

const providerAddr = "registry.terraform.io/grafana/grafana"

// Resources taken from the legacy file, and the 1.x attributes folded into them.
var legacyResources = []string{"grafana_api_key", "grafana_cloud_stack_api_key", "grafana_cloud_api_key"}

var legacyExtraAttributes = map[string]struct{ from, attr string }{
	"grafana_api_key": {from: "grafana_api_key@1.x", attr: "cloud_stack_slug"},
}

var legacyProviderAttributes = []string{"cloud_api_key"}

type obj = map[string]any

func main() {
	current := flag.String("current", "", "schema JSON of the current provider (v4.45.1)")
	legacy := flag.String("legacy", "", "schema JSON of the legacy resources (v2.19.0)")
	out := flag.String("out", "", "where to write the merged schema JSON")
	flag.Parse()
	if *current == "" || *legacy == "" || *out == "" {
		fmt.Fprintln(os.Stderr, "usage: merge-schema -current FILE -legacy FILE -out FILE")
		os.Exit(2)
	}
	merged, summary, err := merge(*current, *legacy)
	if err != nil {
		fmt.Fprintf(os.Stderr, "merge-schema: %v\n", err)
		os.Exit(1)
	}
	data, err := json.MarshalIndent(merged, "", " ")
	if err == nil {
		err = writeAtomic(*out, append(data, '\n'))
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "merge-schema: %v\n", err)
		os.Exit(1)
	}
	fmt.Printf("merge-schema: wrote %s (%s)\n", *out, summary)
}

func merge(currentPath, legacyPath string) (obj, string, error) {
	cur, err := providerSchema(currentPath)
	if err != nil {
		return nil, "", err
	}
	leg, err := providerSchema(legacyPath)
	if err != nil {
		return nil, "", err
	}
	curResources, err := child(cur, "resource_schemas", currentPath)
	if err != nil {
		return nil, "", err
	}
	legResources, err := child(leg, "resource_schemas", legacyPath)
	if err != nil {
		return nil, "", err
	}
	for _, name := range legacyResources {
		if _, clash := curResources[name]; clash {
			return nil, "", fmt.Errorf("%s already has %s; is it really the current schema?", currentPath, name)
		}
		r, ok := legResources[name].(obj)
		if !ok {
			return nil, "", fmt.Errorf("%s has no resource %s", legacyPath, name)
		}
		curResources[name] = r
	}
	for name, extra := range legacyExtraAttributes {
		src, err := attributes(legResources[extra.from], legacyPath+" "+extra.from)
		if err != nil {
			return nil, "", err
		}
		dst, err := attributes(curResources[name], "merged "+name)
		if err != nil {
			return nil, "", err
		}
		a, ok := src[extra.attr]
		if !ok {
			return nil, "", fmt.Errorf("%s %s has no attribute %s", legacyPath, extra.from, extra.attr)
		}
		dst[extra.attr] = a
	}
	curProvider, err := attributes(cur["provider"], currentPath+" provider")
	if err != nil {
		return nil, "", err
	}
	legProvider, err := attributes(leg["provider"], legacyPath+" provider")
	if err != nil {
		return nil, "", err
	}
	for _, name := range legacyProviderAttributes {
		a, ok := legProvider[name]
		if !ok {
			return nil, "", fmt.Errorf("%s provider block has no attribute %s", legacyPath, name)
		}
		curProvider[name] = a
	}
	delete(cur, "functions")
	dataSources, _ := cur["data_source_schemas"].(obj)
	merged := obj{
		"//": "Generated at install time by e2e/provider-double/cmd/merge-schema for the Grafana provider " +
			"TEST DOUBLE (not the Grafana provider): the v4.45.1 schema plus the legacy resources " +
			"grafana_api_key (with the 1.x cloud_stack_slug), grafana_cloud_stack_api_key, grafana_cloud_api_key " +
			"and the provider attribute cloud_api_key from the v2.19.0 facts. Provider functions are omitted.",
		"format_version":   "1.0",
		"provider_schemas": obj{providerAddr: cur},
	}
	summary := fmt.Sprintf("%d resources, %d data sources", len(curResources), len(dataSources))
	return merged, summary, nil
}

func providerSchema(path string) (obj, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, err
	}
	var doc obj
	if err := json.Unmarshal(data, &doc); err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	schemas, err := child(doc, "provider_schemas", path)
	if err != nil {
		return nil, err
	}
	p, ok := schemas[providerAddr].(obj)
	if !ok {
		return nil, fmt.Errorf("%s has no provider_schemas[%q]", path, providerAddr)
	}
	return p, nil
}

func child(o obj, key, where string) (obj, error) {
	c, ok := o[key].(obj)
	if !ok {
		return nil, fmt.Errorf("%s: no object %q", where, key)
	}
	return c, nil
}

// attributes returns schema.block.attributes of a schema object.
func attributes(schema any, where string) (obj, error) {
	s, ok := schema.(obj)
	if !ok {
		return nil, fmt.Errorf("%s: missing", where)
	}
	block, err := child(s, "block", where)
	if err != nil {
		return nil, err
	}
	return child(block, "attributes", where)
}

func writeAtomic(path string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		return err
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, data, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
