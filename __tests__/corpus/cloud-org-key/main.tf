terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

# KEEP: an organization-level Cloud key; not a stack key, so it stays.
resource "grafana_cloud_api_key" "org" {
  cloud_org_slug = "myorg" # KEEP
  name           = "org-admin" # KEEP
  role           = "Admin" # KEEP
}

resource "grafana_api_key" "viewer" {
  name            = "viewer"
  role            = "Viewer"
  seconds_to_live = 60
}

output "org_key" {
  value     = grafana_cloud_api_key.org.key # KEEP: untouched reference
  sensitive = true
}

output "viewer_key" {
  value     = grafana_api_key.viewer.key
  sensitive = true
}
