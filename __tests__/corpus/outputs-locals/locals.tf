locals {
  # KEEP: headers for the API client, built from grafana_api_key.reader.key
  headers = {
    Authorization = "Bearer ${grafana_api_key.reader.key}"
  }
  all_keys = [grafana_api_key.reader.key, grafana_api_key.writer.key]
  escaped  = "$${grafana_api_key.reader.key} is a literal" # KEEP: escaped, not a reference
  script   = <<-EOT
    # KEEP: heredoc text grafana_api_key.writer.key
    curl -H "Authorization: Bearer ${grafana_api_key.writer.key}" https://grafana.example/api/health


    echo "C:\${grafana_api_key.writer.expiration}"
  EOT
}
