terraform {
  required_providers {
    grafana = {
      source = "grafana/grafana"
    }
    vault = {
      source = "hashicorp/vault"
    }
    aws = {
      source = "hashicorp/aws"
    }
  }
}

resource "grafana_api_key" "ci" {
  name            = "ci"
  role            = "Editor"
  seconds_to_live = 86400
}

# KEEP: the key is stored in Vault and in AWS Secrets Manager.
resource "vault_generic_secret" "grafana_ci" {
  path = "secret/grafana/ci"
  data_json = jsonencode({
    token   = grafana_api_key.ci.key
    expires = grafana_api_key.ci.expiration
    note    = "KEEP: rotated from grafana_api_key.ci by hand"
  })
}

resource "aws_secretsmanager_secret" "grafana" {
  name = "grafana-ci" # KEEP
}

resource "aws_secretsmanager_secret_version" "grafana" {
  secret_id     = aws_secretsmanager_secret.grafana.id
  secret_string = grafana_api_key.ci.key
}
