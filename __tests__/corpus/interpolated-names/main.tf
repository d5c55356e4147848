terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

variable "env" {
  type    = string
  default = "staging" # KEEP: default environment
}

locals {
  team = "platform"
}

resource "grafana_api_key" "ci" {
  name            = "${var.env}-ci"
  role            = "Editor"
  seconds_to_live = 3600
}

resource "grafana_api_key" "team" {
  name = "${local.team}-${var.env}-viewer"
  role = "Viewer"
}

resource "grafana_api_key" "deploy" {
  name            = format("%s-deploy", var.env)
  role            = "Admin"
  seconds_to_live = 600
}

output "ci_key" {
  value     = grafana_api_key.ci.key
  sensitive = true
}

output "deploy_header" {
  value     = "Authorization: Bearer ${grafana_api_key.deploy.key}"
  sensitive = true
}
