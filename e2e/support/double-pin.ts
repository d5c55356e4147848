/**
 * Which release of the Grafana provider TEST DOUBLE (e2e/provider-double: 1.43.0, 2.19.0, 4.45.1,
 * each with exactly that release's schema) a configuration must be pinned to, and the override
 * file that pins it. Shared by the e2e tier and the migration harness's terraform validate.
 */
import { readdirSync, readFileSync } from "fs";
import { join } from "path";

export const DOUBLE_VERSIONS = ["1.43.0", "2.19.0", "4.45.1"] as const;
export type DoubleVersion = (typeof DOUBLE_VERSIONS)[number];
export const DOUBLE_OVERRIDE_FILE = "zz_double_override.tf";

const isTerraformFile = (name: string): boolean => name.endsWith(".tf") || name.endsWith(".tf.json");

/** The texts of a module's Terraform files and its local modules' (override files left out). */
export function moduleTexts(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory()
      ? e.name.startsWith(".") || e.name === "expected" ? [] : moduleTexts(join(dir, e.name))
      : isTerraformFile(e.name) && e.name !== DOUBLE_OVERRIDE_FILE ? [readFileSync(join(dir, e.name), "utf8")] : [],
  );
}

/**
 * The release files must be pinned to, or undefined when their own constraint (or none: the
 * newest, 4.45.1) will do. Legacy keys (and the provider's cloud_api_key) were removed in 3.0.0,
 * so a configuration holding or naming them (a migration's `removed` blocks do) only works with
 * a pin or lock file on 2.x: 2.19.0, the last release with both keys and service accounts; 1.x's
 * grafana_api_key.cloud_stack_slug needs 1.43.0. Until the migration writes its own pin (another
 * issue), a user would have to pin too; this stands in for that pin.
 */
export function legacyPinOf(texts: string[]): DoubleVersion | undefined {
  const text = texts.join("\n");
  if (/\bcloud_stack_slug\b/.test(text)) return "1.43.0";
  if (/\b(grafana_api_key|grafana_cloud_stack_api_key|grafana_cloud_api_key|cloud_api_key)\b/.test(text)) return "2.19.0";
  return undefined;
}

/** An override file pinning grafana/grafana to exactly `version`. */
export function doubleOverride(version: string): string {
  return `# Written by the tests: pins the Grafana provider TEST DOUBLE (e2e/provider-double) to
# ${version}, as the module's user would have to pin the real provider (see legacyPinOf).
terraform {
  required_providers {
    grafana = {
      source  = "grafana/grafana"
      version = "${version}"
    }
  }
}
`;
}
