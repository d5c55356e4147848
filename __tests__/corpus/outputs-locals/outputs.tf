output "reader_key" {
  description = "KEEP: the reader's secret"
  value       = grafana_api_key.reader.key
  sensitive   = true
}

output "writer_expiration" {
  value = grafana_api_key.writer.expiration
}

output "writer_id" {
  value = grafana_api_key.writer.id
}

output "headers" {
  value     = local.headers
  sensitive = true
}
