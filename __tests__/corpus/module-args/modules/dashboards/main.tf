variable "grafana_token" {
  type      = string
  sensitive = true
}

variable "grafana_role" {
  type = string
}

variable "label" {
  type = string
}

output "label" {
  value = "${var.label} (${var.grafana_role})"
}
