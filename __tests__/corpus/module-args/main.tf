terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

resource "grafana_api_key" "deployer" {
  name            = "dashboard-deployer"
  role            = "Editor"
  seconds_to_live = 2592000
}

# KEEP: the dashboards module gets the key and its role.
module "dashboards" {
  source        = "./modules/dashboards"
  grafana_token = grafana_api_key.deployer.key
  grafana_role  = grafana_api_key.deployer.role
  label         = "deployed by grafana_api_key.deployer" # KEEP: not a reference
}
