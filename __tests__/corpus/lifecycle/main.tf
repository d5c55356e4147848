terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

# Never destroy this one by accident.
resource "grafana_api_key" "keep" {
  name            = "keep"
  role            = "Viewer"
  seconds_to_live = 3600

  lifecycle {
    prevent_destroy = true
  }
}

resource "grafana_api_key" "rotate" {
  name            = "rotate"
  role            = "Editor"
  seconds_to_live = 3600

  lifecycle {
    create_before_destroy = true
    ignore_changes        = [name]
    replace_triggered_by  = [grafana_api_key.keep]
  }
}

# KEEP: consumers of the keys.
output "keep" {
  value     = grafana_api_key.keep.key
  sensitive = true
}
