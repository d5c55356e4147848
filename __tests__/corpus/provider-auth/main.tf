# KEEP: a stack that bootstraps an automation provider with a legacy key.
terraform {
  required_providers {
    grafana = {
      source  = "grafana/grafana"
      version = ">= 2.0.0"
    }
  }
}

variable "grafana_url" {
  type = string
}

variable "admin_auth" {
  type      = string
  sensitive = true
}

# The admin provider creates the bootstrap key.
provider "grafana" {
  url  = var.grafana_url
  auth = var.admin_auth
}

# KEEP: the automation provider authenticates with the bootstrap key.
provider "grafana" {
  alias = "sa"
  url   = var.grafana_url
  auth  = grafana_api_key.bootstrap.key
}

# The key the "sa" provider uses.
resource "grafana_api_key" "bootstrap" {
  name            = "terraform-bootstrap"
  role            = "Admin"
  seconds_to_live = 86400
}

resource "grafana_folder" "team" {
  provider = grafana.sa
  title    = "Team folder (made with grafana_api_key.bootstrap)" # KEEP: literal text stays
}

resource "grafana_dashboard" "overview" {
  provider    = grafana.sa
  folder      = grafana_folder.team.id
  config_json = jsonencode({ title = "Overview", uid = "overview" })
}
