terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

resource "grafana_organization" "team" {
  name = "Team" # KEEP: the team's org
}

resource "grafana_api_key" "team_admin" {
  org_id          = grafana_organization.team.org_id
  name            = "team-admin"
  role            = "Admin"
  seconds_to_live = 3600
}

resource "grafana_api_key" "org3" {
  org_id          = 3
  name            = "org3-viewer"
  role            = "Viewer"
  seconds_to_live = 60
}

output "team_org" {
  value = grafana_api_key.team_admin.org_id
}

output "org3_role" {
  value = grafana_api_key.org3.role
}
