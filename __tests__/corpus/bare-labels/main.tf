terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

# Labels without quotes are valid HCL.
resource grafana_api_key legacy {
  name            = "legacy"
  role            = "Viewer"
  seconds_to_live = 60

  lifecycle {
    create_before_destroy = true
  }
}

output legacy { # KEEP
  value     = grafana_api_key.legacy.key
  sensitive = true
}
