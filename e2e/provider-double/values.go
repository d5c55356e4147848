package main

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math/big"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-go/tfprotov5"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// fillMode says which computed values fill() replaces.
type fillMode int

const (
	// planCreate: a computed attribute the config leaves null becomes unknown ("known after apply").
	planCreate fillMode = iota
	// applyValues: an unknown computed attribute gets a value.
	applyValues
	// readValues: a null computed attribute gets a value (data sources).
	readValues
)

// fill walks a resource or data source object and replaces computed attribute values (top-level
// and inside nested blocks) as the mode says. Arguments (non-computed attributes) are never
// touched: Terraform requires planned and applied arguments to equal the configuration.
// overrides give values for top-level attributes by name (used before the generic rules).
func (p *provider) fill(typeName string, sch *tfprotov5.Schema, val tftypes.Value, mode fillMode, overrides map[string]tftypes.Value) (tftypes.Value, error) {
	if val.IsNull() || !val.IsKnown() {
		return val, nil
	}
	top := map[string]tftypes.Value{}
	if err := val.As(&top); err != nil {
		return val, err
	}
	return tftypes.Transform(val, func(path *tftypes.AttributePath, v tftypes.Value) (tftypes.Value, error) {
		if len(path.Steps()) == 0 {
			return v, nil
		}
		a := p.schema.AttributeAt(sch.Block, path)
		if a == nil || !a.Computed {
			return v, nil
		}
		isTop := len(path.Steps()) == 1
		switch mode {
		case planCreate:
			if v.IsNull() {
				return tftypes.NewValue(v.Type(), tftypes.UnknownValue), nil
			}
		case applyValues:
			if !v.IsKnown() {
				return p.concrete(typeName, a, isTop, top, overrides), nil
			}
		case readValues:
			if v.IsNull() {
				return p.concrete(typeName, a, isTop, top, overrides), nil
			}
		}
		return v, nil
	})
}

// concrete is the value the double gives a computed attribute.
func (p *provider) concrete(typeName string, a *tfprotov5.SchemaAttribute, isTop bool, obj, overrides map[string]tftypes.Value) tftypes.Value {
	if isTop {
		if v, ok := overrides[a.Name]; ok {
			return v
		}
		if a.Type.Is(tftypes.String) {
			switch a.Name {
			case "id":
				return str(p.newID(typeName, obj))
			case "key":
				return str(newSecret(typeName, obj))
			case "expiration":
				return str(expiration(obj))
			case "org_id":
				if typeName == "grafana_organization" {
					return str(fmt.Sprint(p.nextID()))
				}
				return str("1")
			case "url":
				if slug, ok := stringAttr(obj, "slug"); ok {
					return str("https://" + slug + ".grafana.net")
				}
			case "status":
				return str("active")
			}
		}
		if a.Name == "has_expired" && a.Type.Is(tftypes.Bool) {
			return tftypes.NewValue(tftypes.Bool, false)
		}
	}
	return zero(a.Type)
}

// zero is an empty but known value of a type ("" / 0 / false / empty collection / null).
func zero(t tftypes.Type) tftypes.Value {
	switch {
	case t.Is(tftypes.String):
		return tftypes.NewValue(t, "")
	case t.Is(tftypes.Number):
		return tftypes.NewValue(t, big.NewFloat(0))
	case t.Is(tftypes.Bool):
		return tftypes.NewValue(t, false)
	}
	switch t.(type) {
	case tftypes.List, tftypes.Set:
		return tftypes.NewValue(t, []tftypes.Value{})
	case tftypes.Map:
		return tftypes.NewValue(t, map[string]tftypes.Value{})
	}
	return tftypes.NewValue(t, nil)
}

func str(s string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// stringAttr is a known, non-null, non-empty string attribute of an object's attribute map.
func stringAttr(obj map[string]tftypes.Value, name string) (string, bool) {
	v, ok := obj[name]
	if !ok || v.IsNull() || !v.IsKnown() || !v.Type().Is(tftypes.String) {
		return "", false
	}
	var s string
	if err := v.As(&s); err != nil || s == "" {
		return "", false
	}
	return s, true
}

func numberAttr(obj map[string]tftypes.Value, name string) (*big.Float, bool) {
	v, ok := obj[name]
	if !ok || v.IsNull() || !v.IsKnown() || !v.Type().Is(tftypes.Number) {
		return nil, false
	}
	var f big.Float
	if err := v.As(&f); err != nil {
		return nil, false
	}
	return &f, true
}

func (p *provider) nextID() int64 { return p.ids.Add(1) }

// newID shapes a new object's ID as the served release does (SetId in each resource's create):
//   - grafana_api_key "{orgID}:{id}" (MakeOrgResourceID; 1.43.0 with cloud_stack_slug "0:{id}",
//     since its temporary stack client leaves orgID zero): resource_api_key.go @ v1.43.0, v2.19.0
//   - grafana_cloud_stack_api_key the bare id: resource_cloud_stack_api_key.go @ v1.43.0, v2.19.0
//   - grafana_cloud_api_key "{cloud_org_slug}-{name}" (1.43.0), "{cloud_org_slug}:{name}" (2.19.0):
//     resource_cloud_api_key.go
//   - grafana_service_account "{orgID}:{id}": resource_service_account.go @ all three
//   - grafana_cloud_stack_service_account the bare id (1.43.0), "{stackSlug}:{id}" (2.19.0,
//     4.45.1): resource_cloud_stack_service_account.go
//   - tokens, Cloud stack ones included, the bare id: resource_*service_account_token.go @ all three
//
// Other resources: a bare number for organizations and stacks, "{orgID}:{n}" otherwise (a guess).
func (p *provider) newID(typeName string, obj map[string]tftypes.Value) string {
	n := p.nextID()
	org, ok := stringAttr(obj, "org_id")
	if !ok {
		org = "1"
	}
	switch {
	case typeName == "grafana_api_key":
		if _, v1Stack := stringAttr(obj, "cloud_stack_slug"); v1Stack && servedVersion == v1 {
			org = "0"
		}
	case typeName == "grafana_cloud_api_key":
		slug, _ := stringAttr(obj, "cloud_org_slug")
		name, _ := stringAttr(obj, "name")
		sep := ":"
		if servedVersion == v1 {
			sep = "-"
		}
		return slug + sep + name
	case typeName == "grafana_cloud_stack_service_account" && servedVersion != v1:
		slug, _ := stringAttr(obj, "stack_slug")
		return fmt.Sprintf("%s:%d", slug, n)
	case typeName == "grafana_cloud_stack_service_account", typeName == "grafana_cloud_stack_api_key",
		strings.HasSuffix(typeName, "_token"), typeName == "grafana_organization", typeName == "grafana_cloud_stack":
		return fmt.Sprint(n)
	}
	return fmt.Sprintf("%s:%d", org, n)
}

// deterministicID is the ID the double reports for an object it did not create and knows only by
// name (the grafana_cloud_stack data source).
func deterministicID(prefix, name string) string {
	h := fnv.New32a()
	_, _ = h.Write([]byte(name))
	return fmt.Sprintf("%s:%d", prefix, 1000+h.Sum32()%9000)
}

const alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

func randomAlnum(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	for i := range b {
		b[i] = alnum[int(b[i])%len(alnum)]
	}
	return string(b)
}

func randomHex(n int) string {
	b := make([]byte, (n+1)/2)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)[:n]
}

// newSecret is a fake secret shaped like the real one: glsa_<32 alnum>_<8 hex> for service
// account tokens, base64 JSON ("eyJ...") for legacy API keys. Never logged.
func newSecret(typeName string, obj map[string]tftypes.Value) string {
	if strings.Contains(typeName, "api_key") {
		name, _ := stringAttr(obj, "name")
		j, _ := json.Marshal(map[string]any{"k": randomAlnum(32), "n": name, "id": 1})
		return base64.StdEncoding.EncodeToString(j)
	}
	return "glsa_" + randomAlnum(32) + "_" + randomHex(8)
}

// expiration is now + seconds_to_live (RFC 3339), or "" when the object never expires.
func expiration(obj map[string]tftypes.Value) string {
	ttl, ok := numberAttr(obj, "seconds_to_live")
	if !ok || ttl.Sign() <= 0 {
		return ""
	}
	secs, _ := ttl.Int64()
	return time.Now().UTC().Add(time.Duration(secs) * time.Second).Format(time.RFC3339)
}
