resource "grafana_api_key" "ci" {
  name = "ci"
  role = "admin"
}
