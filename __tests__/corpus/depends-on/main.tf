terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

resource "grafana_api_key" "first" {
  name            = "first"
  role            = "Viewer"
  seconds_to_live = 600
}

resource "grafana_api_key" "second" {
  name            = "second"
  role            = "Viewer"
  seconds_to_live = 600
  depends_on      = [grafana_api_key.first]
}

resource "grafana_folder" "after_keys" {
  title = "After the keys" # KEEP
  depends_on = [
    # KEEP: ordering only
    grafana_api_key.first,
    grafana_api_key.second,
  ]
}
