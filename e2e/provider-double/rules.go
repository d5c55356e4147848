package main

// Version-specific behaviour of the real grafana/grafana releases the double stands in for.
// Every rule cites the provider source it models, as "<path> @ <tag>" in
// github.com/grafana/terraform-provider-grafana. Nothing here is copied from that code: these are
// descriptions of what it does, checked by reading it at each tag.

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
)

// Versions the double serves (one schema file each, see schema/reference).
const (
	v1 = "1.43.0"
	v2 = "2.19.0"
	v4 = "4.45.1"
)

// servedVersion is the release this process models, from its schema file's name (see schema.go).
var servedVersion = "unknown"

func cite(path string) string { return path + " @ v" + servedVersion }

// replacement says which arguments force replacement for a type in the served version
// (all: every argument). Other resources: only org_id and stack_slug, a generic guess.
func replacement(typeName string) (all bool, args []string, source string) {
	switch typeName {
	case "grafana_api_key": // every argument ForceNew, no UpdateContext
		return true, nil, cite("internal/resources/grafana/resource_api_key.go")
	case "grafana_cloud_stack_api_key":
		return true, nil, cite("internal/resources/cloud/resource_cloud_stack_api_key.go")
	case "grafana_cloud_api_key":
		return true, nil, cite("internal/resources/cloud/resource_cloud_api_key.go")
	case "grafana_service_account_token":
		return true, nil, cite("internal/resources/grafana/resource_service_account_token.go")
	case "grafana_cloud_stack_service_account_token":
		return true, nil, cite("internal/resources/cloud/resource_cloud_stack_service_account_token.go")
	case "grafana_service_account":
		// 1.43.0: name is ForceNew, role and is_disabled update in place; 2.19.0 (SDK) and 4.45.1
		// (framework, stringplanmodifier.RequiresReplace on org_id only): name, role, is_disabled in place.
		src := cite("internal/resources/grafana/resource_service_account.go")
		if servedVersion == v1 {
			return false, []string{"name", "org_id"}, src
		}
		return false, []string{"org_id"}, src
	case "grafana_cloud_stack_service_account":
		// 1.43.0: stack_slug and name ForceNew, role and is_disabled updated in place;
		// 2.19.0 and 4.45.1: every argument ForceNew ("The grafana API does not support updating").
		src := cite("internal/resources/cloud/resource_cloud_stack_service_account.go")
		if servedVersion == v1 {
			return false, []string{"stack_slug", "name"}, src
		}
		return true, nil, src
	}
	if strings.HasSuffix(typeName, "_token") {
		return true, nil, "(not modelled: tokens cannot be updated)"
	}
	return false, []string{"org_id", "stack_slug"}, "(not modelled)"
}

// orgIDSuppressed: the SDK resources' org_id (orgIDAttribute in internal/resources/grafana/
// oss_org_id.go, all three tags) has a DiffSuppressFunc ignoring a change to "" (unset), so
// removing org_id from the configuration plans no replacement.
func orgIDSuppressed(typeName string) bool {
	return !(servedVersion == v4 && typeName == "grafana_service_account")
}

// readOutcome is what the real ReadResource does when Grafana no longer has an object.
type readOutcome struct {
	drop    bool   // removed from state (terraform then plans to create it again)
	warning string // diagnostic summary shown with the drop ("" = dropped silently)
	fatal   string // an error instead (the object stays in state)
	source  string
}

// warnMissing is common.WarnMissing (internal/common/errcheck.go @ v2.19.0, v4.45.1).
func warnMissing(kind, id string) readOutcome {
	return readOutcome{drop: true, warning: fmt.Sprintf("%s with ID %q is in Terraform state, but no longer exists in Grafana", kind, id)}
}

// goneOutcome: the object (not its whole API) is gone. keysRemoved: the legacy key API itself
// answers 404 (Grafana 12.1 removed API keys).
func goneOutcome(typeName, id string, keysRemoved bool) readOutcome {
	var o readOutcome
	silent := readOutcome{drop: true}
	switch typeName {
	case "grafana_api_key":
		// 2.19.0 lists /api/auth/keys?includeExpired=true: a 404 goes through common.CheckReadError
		// (warning, dropped); a key not listed is dropped silently. 1.43.0: any list error is fatal.
		o = silent
		if keysRemoved {
			o = warnMissing("API key", id)
			if servedVersion == v1 {
				o = readOutcome{fatal: `status: 404, body: {"message":"Not found"}`}
			}
		}
		o.source = cite("internal/resources/grafana/resource_api_key.go")
	case "grafana_cloud_stack_api_key":
		// Through a temporary stack client made with the Cloud API: any error listing keys is
		// returned as is (fatal; the 2.19.0 text is grafana-openapi-client-go's GetAPIkeysNotFound,
		// the 1.43.0 one grafana-api-golang-client's); a key not listed is dropped silently.
		o = silent
		if keysRemoved {
			o = readOutcome{fatal: `[GET /auth/keys][404] getAPIkeysNotFound {"message":"Not found"}`}
			if servedVersion == v1 {
				o = readOutcome{fatal: `status: 404, body: {"message":"Not found"}`}
			}
		}
		o.source = cite("internal/resources/cloud/resource_cloud_stack_api_key.go")
	case "grafana_service_account":
		// 2.19.0: RetrieveServiceAccount 404 -> CheckReadError (warning); 4.45.1: RemoveResource,
		// no diagnostic; 1.43.0: not in GetServiceAccounts -> dropped with a log line only.
		o = silent
		if servedVersion == v2 {
			o = warnMissing("service account", id)
		}
		o.source = cite("internal/resources/grafana/resource_service_account.go")
	case "grafana_cloud_stack_service_account":
		o = silent // 1.43.0 and 2.19.0: SetId("") on 404; 4.45.1: common.WarnMissing
		if servedVersion == v4 {
			o = warnMissing("stack service account", id)
		}
		o.source = cite("internal/resources/cloud/resource_cloud_stack_service_account.go")
	case "grafana_service_account_token":
		o = silent // not in ListTokens: 1.43.0 and 2.19.0 drop it with a log line; 4.45.1 WarnMissing
		if servedVersion == v4 {
			o = warnMissing("service account token", id)
		}
		o.source = cite("internal/resources/grafana/resource_service_account_token.go")
	case "grafana_cloud_stack_service_account_token":
		o = silent
		if servedVersion == v4 {
			o = warnMissing("stack service account token", id)
		}
		o.source = cite("internal/resources/cloud/resource_cloud_stack_service_account_token.go")
	default:
		return readOutcome{}
	}
	return o
}

// importable: which types have an importer (schema.ImportStatePassthroughContext in the SDK
// resources, ImportState in the 4.45.1 framework service account). Keys and tokens have none.
func importable(typeName string) bool {
	return slices.Contains([]string{"grafana_service_account", "grafana_cloud_stack_service_account"}, typeName)
}

// importReadsInImport: 4.45.1's framework grafana_service_account reads the account inside
// ImportState and fails there ("Resource not found"); the SDK importers pass the ID through and
// terraform's read afterwards finds nothing ("Cannot import non-existent remote object").
func importReadsInImport(typeName string) bool {
	return servedVersion == v4 && typeName == "grafana_service_account"
}

// The grafana_service_account data source (internal/resources/grafana/data_source_service_account.go):
// 4.45.1 pages until an empty page; 2.19.0 asks for page 0 in a loop that never increments it, so
// it only ever sees Grafana's first page (Grafana treats page 0 as 1) and loops forever when the
// name is not there and that page is not empty; fixed in v4.22.0. 1.43.0 has no such data source.
// The client sends no perpage (grafana-openapi-client-go SearchOrgServiceAccountsWithPagingParams
// has no defaults), so Grafana's default page size applies.
const grafanaDefaultPageSize = 1000

// stackSlug is the check on grafana_cloud_stack's slug: validation.StringMatch with this pattern
// and message, in internal/resources/cloud/resource_cloud_stack.go @ v1.43.0 (line 64), v2.19.0
// (line 74) and v4.45.1 (line 109). The SDK's StringMatch reports "invalid value for <key>
// (<message>)". The Grafana docs' own example slug, "my_stack", fails it.
var stackSlug = regexp.MustCompile(`^[a-z][a-z0-9]+$`)

// slugProblem is the error a real release gives for a grafana_cloud_stack slug, or "".
func slugProblem(typeName, slug string) string {
	if typeName != "grafana_cloud_stack" || stackSlug.MatchString(slug) {
		return ""
	}
	return "invalid value for slug (must be a lowercase alphanumeric string and must start with a letter.)"
}
