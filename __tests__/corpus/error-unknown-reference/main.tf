resource "grafana_api_key" "here" {
  name = "here"
  role = "Viewer"
}

# grafana_api_key.elsewhere is declared in a file that was not passed.
output "elsewhere" {
  value     = grafana_api_key.elsewhere.key
  sensitive = true
}
