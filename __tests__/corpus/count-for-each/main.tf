terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

variable "teams" {
  type    = set(string)
  default = ["a", "b"]
}

# KEEP: a comment with a blank line under it is not the key's.

# One CI key per runner (goes with the key).
resource "grafana_api_key" "x" {
  count           = 2
  name            = "ci-${count.index}"
  role            = "Editor"
  seconds_to_live = 3600
}

resource "grafana_api_key" "y" {
  for_each        = var.teams
  name            = "team-${each.key}"
  role            = "Viewer"
  seconds_to_live = 7200
}

output "first_ci" {
  value     = grafana_api_key.x[0].key
  sensitive = true
}

output "team_a" {
  value     = grafana_api_key.y["a"].key
  sensitive = true
}

output "all_ci" {
  value     = grafana_api_key.x[*].key
  sensitive = true
}

output "team_keys" {
  value     = { for team, key in grafana_api_key.y : team => key.key }
  sensitive = true
}

output "ci_roles" {
  value = grafana_api_key.x[*].role
}

output "team_a_role" {
  value = grafana_api_key.y["a"].role
}
