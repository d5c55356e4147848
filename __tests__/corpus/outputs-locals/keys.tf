terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

resource "grafana_api_key" "reader" {
  name            = "reader"
  role            = "Viewer"
  seconds_to_live = 3600
}

resource "grafana_api_key" "writer" {
  name            = "writer"
  role            = "Editor"
  seconds_to_live = 3600
}
