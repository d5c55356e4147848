terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
  }
}

# KEEP: provider 1.x made stack keys with cloud_stack_slug.

resource "grafana_api_key" "stack_editor" {
  cloud_stack_slug = "mystack"
  name             = "stack-editor"
  role             = "Editor"
  seconds_to_live  = 3600
}

output "stack_editor" {
  value     = grafana_api_key.stack_editor.key
  sensitive = true
}
