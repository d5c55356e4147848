terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

variable "org2_auth" {
  type      = string
  sensitive = true
}

# KEEP: a provider for org 2.
provider "grafana" {
  alias  = "org2"
  url    = "https://grafana.example"
  auth   = var.org2_auth
  org_id = 2
}

resource "grafana_api_key" "reporting" {
  provider        = grafana.org2
  name            = "reporting"
  role            = "Viewer"
  seconds_to_live = 3600
}

resource "grafana_api_key" "default_org" {
  name            = "reporting"
  role            = "Viewer"
  seconds_to_live = 3600
}

output "reporting" {
  value     = grafana_api_key.reporting.key
  sensitive = true
}
