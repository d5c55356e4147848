import { declaresBackend, lockedGrafanaVersion } from "../../src/planning/terraform-files";
import type { SourceFile } from "../../src/planning/plan";

const source = (doc: object): SourceFile => ({ path: "main.tf", format: "json", text: JSON.stringify(doc), doc } as SourceFile);

test("GIVEN a lock file WHEN read THEN the grafana provider's locked version comes out, from either registry", () => {
  const lock = (host: string) => `provider "registry.terraform.io/hashicorp/random" {\n  version = "3.6.0"\n}\n\nprovider "${host}/grafana/grafana" {\n  version     = "2.19.0"\n  constraints = "~> 2.19"\n  hashes = [\n    "h1:x=",\n  ]\n}\n`;
  expect(lockedGrafanaVersion(lock("registry.terraform.io"))).toBe("2.19.0");
  expect(lockedGrafanaVersion(lock("registry.opentofu.org"))).toBe("2.19.0");
  expect(lockedGrafanaVersion(`provider "registry.terraform.io/hashicorp/random" {\n  version = "3.6.0"\n}\n`)).toBeUndefined();
});

test("GIVEN terraform blocks WHEN asked for a backend THEN a backend or cloud block counts, required_providers does not", () => {
  expect(declaresBackend([source({ terraform: [{ backend: { s3: [{ bucket: "b" }] } }] })])).toBe(true);
  expect(declaresBackend([source({ terraform: { cloud: { organization: "o" } } })])).toBe(true);
  expect(declaresBackend([source({ terraform: [{ required_providers: [{}] }] }), source({ resource: {} })])).toBe(false);
});
