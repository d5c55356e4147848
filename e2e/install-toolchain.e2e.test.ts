/**
 * scripts/install-toolchain.sh with real provider releases, without a real release: the provider
 * TEST DOUBLE's binary is a real plugin that serves the schema file beside it, so a zip holding
 * it as terraform-provider-grafana_v<ver> plus a schema file stands in for a release zip. The
 * script installs into a scratch TOOLCHAIN_DIR (never the project's .toolchain) with a scratch
 * HOME (no ~/.terraform.d/plugins), reusing the project's terraform and Go caches.
 */
import { spawnSync } from "child_process";
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from "fs";
import { tmpdir } from "os";
import { dirname, join } from "path";
import { doubleStatus, DOUBLE_MIRROR, doubleSchemaFile, openTofuStatus, realSetStatus } from "./support/provider-sets";
import { describeE2E, PROJECT_ROOT, providerMirrorFile, requireToolchain } from "./support/terraform";

const SCRIPT = join(PROJECT_ROOT, "scripts", "install-toolchain.sh");

function goEnv(name: string): string {
  return spawnSync("go", ["env", name], { encoding: "utf8" }).stdout.trim();
}

describeE2E(
  "install-toolchain.sh with real releases (fake ones made from the provider double)",
  () => {
    let root: string;
    let toolchainDir: string;
    let env: NodeJS.ProcessEnv;

    beforeAll(() => {
      if (!doubleStatus().ok) throw new Error("the provider double is not installed: run bash scripts/install-toolchain.sh");
      root = mkdtempSync(join(tmpdir(), "grafana-e2e-install-"));
      toolchainDir = join(root, "toolchain");
      mkdirSync(join(root, "home"));
      const terraformDir = dirname(requireToolchain(null).terraform);
      env = { PATH: `${terraformDir}:${process.env.PATH}`, HOME: join(root, "home"), TOOLCHAIN_DIR: toolchainDir };
      // The project's tofu, put on PATH so the script reuses it rather than building OpenTofu again.
      const tofu = openTofuStatus();
      if (tofu.ok) {
        mkdirSync(join(root, "tofu-bin"));
        symlinkSync(tofu.value, join(root, "tofu-bin", "tofu"));
        env.PATH = `${join(root, "tofu-bin")}:${env.PATH}`;
      } else env.TOOLCHAIN_SKIP_OPENTOFU = "1";
      for (const name of ["GOPATH", "GOMODCACHE", "GOCACHE", "GOPROXY", "GOFLAGS"]) env[name] = goEnv(name);
    });
    afterAll(() => {
      if (!process.env.E2E_KEEP_DIRS) rmSync(root, { recursive: true, force: true });
    });

    /** A zip holding the double as `binaryVersion` beside the schema of `schemaVersion`. */
    function fakeRelease(binaryVersion: string, schemaVersion: string): string {
      const dir = mkdtempSync(join(root, "release-"));
      const double = providerMirrorFile(schemaVersion, DOUBLE_MIRROR);
      copyFileSync(double, join(dir, `terraform-provider-grafana_v${binaryVersion}`));
      copyFileSync(join(dirname(double), doubleSchemaFile(schemaVersion)), join(dir, doubleSchemaFile(schemaVersion)));
      const zip = join(root, `terraform-provider-grafana_${binaryVersion}-as-${schemaVersion}.zip`);
      const r = spawnSync("zip", ["-q", "-j", zip, ...[`terraform-provider-grafana_v${binaryVersion}`, doubleSchemaFile(schemaVersion)].map((f) => join(dir, f))]);
      if (r.status !== 0) throw new Error(`zip failed: ${r.stderr}`);
      return zip;
    }

    function install(providers: string, extra: Record<string, string> = {}): { code: number | null; out: string } {
      const r = spawnSync("bash", [SCRIPT], {
        cwd: PROJECT_ROOT,
        env: { ...env, TOOLCHAIN_GRAFANA_PROVIDERS: providers, ...extra },
        encoding: "utf8",
        timeout: 10 * 60 * 1000,
      });
      return { code: r.status, out: `${r.stdout}\n${r.stderr}` };
    }

    const realList = (): { releases: { version: string; legacyKeys: boolean }[] } | undefined => {
      const f = join(toolchainDir, "real-providers.json");
      return existsSync(f) ? JSON.parse(readFileSync(f, "utf8")) : undefined;
    };
    const inRealMirror = (v: string): boolean => existsSync(providerMirrorFile(v, join(toolchainDir, "plugin-mirror")));

    test("no release given: exit 2 saying why the provider cannot be built here and how to pass one; 0 with TOOLCHAIN_ALLOW_MISSING_PROVIDER", () => {
      const r = install("");
      expect(r.code).toBe(2);
      expect(r.out).toContain("the Go module proxy answers 403 for the provider's module");
      expect(r.out).toContain('TOOLCHAIN_GRAFANA_PROVIDERS="2.19.0=');
      expect(r.out).not.toMatch(/go install github.com\/grafana/);
      expect(realList()).toEqual(expect.objectContaining({ releases: [] }));
      expect(install("", { TOOLCHAIN_ALLOW_MISSING_PROVIDER: "1" }).code).toBe(0);
    });

    test("OpenTofu: a tofu >= 1.10 on PATH is reused (tofu-path); the double's mirror and CLI config serve registry.opentofu.org too", () => {
      expect(install("", { TOOLCHAIN_ALLOW_MISSING_PROVIDER: "1" }).code).toBe(0);
      const tofu = openTofuStatus();
      if (tofu.ok) expect(readFileSync(join(toolchainDir, "tofu-path"), "utf8").trim()).toBe(realpathSync(tofu.value));
      else expect(readFileSync(join(toolchainDir, "opentofu-missing"), "utf8")).toContain("TOOLCHAIN_SKIP_OPENTOFU");
      const mirror = join(toolchainDir, "double-mirror");
      expect(existsSync(providerMirrorFile("2.19.0", mirror).replace("registry.terraform.io", "registry.opentofu.org"))).toBe(true);
      expect(readFileSync(join(toolchainDir, "terraformrc-double"), "utf8")).toContain('"registry.opentofu.org/grafana/grafana"');
    });

    test("4.45.1's schema passed as 2.19.0: refused, naming the version claimed and what the schema shows; nothing installed", () => {
      const r = install(`2.19.0=${fakeRelease("2.19.0", "4.45.1")}`);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/ERROR: grafana 2\.19\.0 from \S+\.zip: claimed as 2\.19\.0 \(before 3\.0\.0, which has grafana_api_key\), but its schema \(121 resources\) has no grafana_api_key, as releases from 3\.0\.0 on/);
      expect(inRealMirror("2.19.0")).toBe(false);
      expect(realList()).toBeUndefined();
      expect(realSetStatus(toolchainDir)).toBeUndefined(); // so the e2e tier has no real set
    });

    test("2.19.0's schema passed as 4.45.1: refused the other way round", () => {
      const r = install(`4.45.1=${fakeRelease("4.45.1", "2.19.0")}`);
      expect(r.code).toBe(1);
      expect(r.out).toMatch(/claimed as 4\.45\.1 \(3\.0\.0 or later, where grafana_api_key is gone\), but its schema \(54 resources\) has grafana_api_key, as releases before 3\.0\.0/);
      expect(inRealMirror("4.45.1")).toBe(false);
    });

    test("a binary that does not serve a schema: refused as not usable", () => {
      const broken = join(root, "broken");
      writeFileSync(broken, "#!/bin/sh\necho not a provider >&2\nexit 1\n", { mode: 0o755 });
      const r = install(`2.19.0=${broken}`);
      expect(r.code).toBe(1);
      expect(r.out).toContain(`ERROR: grafana 2.19.0 from ${broken} is not usable: it did not start or serve a schema`);
      expect(inRealMirror("2.19.0")).toBe(false);
    });

    test("consistent releases (2.19.0 and 4.45.1): installed with what their zips hold, checked, listed in real-providers.json", () => {
      const r = install(`2.19.0=${fakeRelease("2.19.0", "2.19.0")} 4.45.1=${fakeRelease("4.45.1", "4.45.1")}`);
      expect(r.code).toBe(0);
      expect(r.out).toContain("provider: grafana 2.19.0 checked: starts, serves 54 resources, grafana_api_key: true");
      expect(r.out).toContain("provider: grafana 4.45.1 checked: starts, serves 121 resources, grafana_api_key: false");
      expect(existsSync(join(dirname(providerMirrorFile("2.19.0", join(toolchainDir, "plugin-mirror"))), doubleSchemaFile("2.19.0")))).toBe(true);
      expect(realList()?.releases).toEqual([
        { version: "2.19.0", resources: 54, legacyKeys: true },
        { version: "4.45.1", resources: 121, legacyKeys: false },
      ]);
      // The e2e tier's real provider set: this mirror and CLI config, these versions.
      const set = realSetStatus(toolchainDir);
      expect(set?.ok && { versions: set.value.versions, cliConfig: set.value.toolchain.cliConfig }).toEqual({
        versions: ["2.19.0", "4.45.1"],
        cliConfig: join(toolchainDir, "terraformrc"),
      });
      // A second run keeps them without checking again.
      const again = install("");
      expect(again.code).toBe(0);
      expect(again.out).toContain("provider: grafana 2.19.0 already in the mirror (checked)");
      expect(realList()?.releases.map((x) => x.version)).toEqual(["2.19.0", "4.45.1"]);
      // A listed release whose binary went missing is a broken install: it fails, never skips.
      rmSync(providerMirrorFile("4.45.1", join(toolchainDir, "plugin-mirror")));
      const broken = realSetStatus(toolchainDir);
      expect(broken?.ok === false && broken.reason).toMatch(/real-providers\.json lists 4\.45\.1, not in .*plugin-mirror; run TOOLCHAIN_GRAFANA_PROVIDERS=/);
    });
  },
  { needs: ["terraform", "go"] },
);
