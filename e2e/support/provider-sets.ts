/**
 * Provider sets: the Grafana providers an e2e scenario runs against. Every scenario suite
 * (describeEachProviderSet) runs once per available set, with no change to its tests:
 *
 *   - "double": the Grafana provider TEST DOUBLE (e2e/provider-double) as 1.43.0, 2.19.0 and
 *     4.45.1, from .toolchain/double-mirror with .toolchain/terraformrc-double. Always expected.
 *   - "real": the real releases install-toolchain.sh checked and listed in
 *     .toolchain/real-providers.json, from .toolchain/plugin-mirror with .toolchain/terraformrc.
 *     They talk to the Grafana API double (prepareDoubleWorkdir points them at one).
 *
 * Missing pieces: no real release at all skips exactly the real runs (the one console line saying
 * how to enable them comes from global-setup.ts); with CI set that fails instead, unless
 * E2E_OPTIONAL lists "provider". A real set that is listed but incomplete always fails. A missing
 * double skips outside CI and fails in CI unless E2E_OPTIONAL lists "double".
 */
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "fs";
import { join, relative } from "path";
import { GrafanaDouble } from "../grafana-double";
import { DOUBLE_VERSIONS } from "./double-pin";
import {
  describeE2E,
  INSTALL_COMMAND,
  listedRealReleases,
  PROJECT_ROOT,
  providerMirrorFile,
  terraformPlatform,
  Toolchain,
  TOOLCHAIN_DIR,
  toolchainStatus,
} from "./terraform";

export { listedRealReleases } from "./terraform";

export const DOUBLE_MIRROR = join(TOOLCHAIN_DIR, "double-mirror");
export const DOUBLE_CLI_CONFIG = join(TOOLCHAIN_DIR, "terraformrc-double");
export const doubleSchemaFile = (version: string): string => `grafana-provider-schema.v${version}.json`;
export const DOUBLE_SOURCE_DIR = join(PROJECT_ROOT, "e2e", "provider-double");
export const REAL_PROVIDERS_FILE = "real-providers.json";
/** The command that installs real releases (and so enables the real runs). */
export const ENABLE_REAL_COMMAND = `TOOLCHAIN_GRAFANA_PROVIDERS="2.19.0=/path/to/terraform-provider-grafana_2.19.0_${terraformPlatform()}.zip 4.45.1=..." ${INSTALL_COMMAND}`;

/** The tool that runs the scenarios: terraform, or OpenTofu (`tofu`, with migrate --engine opentofu). */
export type Engine = "terraform" | "opentofu";

export interface ProviderSet {
  kind: "double" | "real";
  /** terraform, or opentofu: then toolchain.terraform is the tofu binary. */
  engine: Engine;
  /** For test names, e.g. "provider double 1.43.0, 2.19.0, 4.45.1". */
  label: string;
  /** terraform with this set's mirror and CLI config. */
  toolchain: Toolchain;
  versions: string[];
}

type Status<T> = { ok: true; value: T } | { ok: false; reason: string };

export type DoubleStatus =
  | { ok: true; toolchain: Toolchain; binary: string }
  | { ok: false; reason: string; install: string };

/** Whether terraform and the double (a binary and a schema per release) are installed. */
export function doubleStatus(): DoubleStatus {
  const s = toolchainStatus({ providerVersion: null });
  const why = (): string => {
    const f = join(TOOLCHAIN_DIR, "provider-double-missing");
    return existsSync(f) ? ` (install-toolchain.sh said: ${readFileSync(f, "utf8").trim().split("\n")[0]})` : "";
  };
  const fail = (reason: string): DoubleStatus => ({ ok: false, reason: reason + why(), install: INSTALL_COMMAND });
  if (!s.ok) return fail(s.reason);
  if (!existsSync(DOUBLE_CLI_CONFIG)) return fail(`no ${relative(PROJECT_ROOT, DOUBLE_CLI_CONFIG)}`);
  for (const v of DOUBLE_VERSIONS) {
    const binary = providerMirrorFile(v, DOUBLE_MIRROR);
    if (!existsSync(binary)) return fail(`the provider double ${v} is not in ${relative(PROJECT_ROOT, DOUBLE_MIRROR)}`);
    if (!existsSync(join(binary, "..", doubleSchemaFile(v)))) return fail(`the provider double ${v} has no schema file beside ${binary}`);
  }
  const toolchain: Toolchain = { ...s.toolchain, cliConfig: DOUBLE_CLI_CONFIG, mirror: DOUBLE_MIRROR, providerVersions: [...DOUBLE_VERSIONS] };
  return { ok: true, toolchain, binary: providerMirrorFile("4.45.1", DOUBLE_MIRROR) };
}

/** True when a source of the double is newer than the installed binary (re-run the install). */
export function doubleIsStale(status: DoubleStatus): boolean {
  if (!status.ok) return false;
  const built = statSync(status.binary).mtimeMs;
  const walk = (dir: string): boolean =>
    readdirSync(dir, { withFileTypes: true }).some((e) =>
      e.isDirectory() ? walk(join(dir, e.name)) : /\.(go|mod|sum)$/.test(e.name) && statSync(join(dir, e.name)).mtimeMs > built,
    );
  return existsSync(DOUBLE_SOURCE_DIR) && walk(DOUBLE_SOURCE_DIR);
}

/**
 * The real set: undefined when no real release is listed; an error when one is listed but a
 * piece is missing (the install is broken: that must fail, never skip).
 */
export function realSetStatus(toolchainDir = TOOLCHAIN_DIR): Status<ProviderSet> | undefined {
  const versions = listedRealReleases(toolchainDir);
  if (!versions.length) return undefined;
  const fail = (reason: string): Status<ProviderSet> => ({ ok: false, reason: `${reason}; run ${ENABLE_REAL_COMMAND}` });
  const terraform = toolchainStatus({ providerVersion: null }, toolchainDir);
  if (!terraform.ok) return fail(terraform.reason);
  const mirror = join(toolchainDir, "plugin-mirror");
  const cliConfig = join(toolchainDir, "terraformrc");
  if (!existsSync(cliConfig)) return fail(`${REAL_PROVIDERS_FILE} lists ${versions.join(", ")} but there is no ${cliConfig}`);
  const absent = versions.filter((v) => !terraform.toolchain.providerVersions.includes(v));
  if (absent.length) return fail(`${REAL_PROVIDERS_FILE} lists ${absent.join(", ")}, not in ${mirror}`);
  const toolchain: Toolchain = { ...terraform.toolchain, cliConfig, mirror, providerVersions: versions };
  return { ok: true, value: { kind: "real", engine: "terraform", label: `real provider ${versions.join(", ")}`, toolchain, versions } };
}

let current: ProviderSet | undefined;

/** The set the running scenario uses (the double outside describeEachProviderSet). */
export function currentProviderSet(): ProviderSet {
  if (current) return current;
  const s = doubleStatus();
  if (!s.ok) throw new Error(`provider double missing: ${s.reason}. Install it with: ${s.install}`);
  return { kind: "double", engine: "terraform", label: `provider double ${DOUBLE_VERSIONS.join(", ")}`, toolchain: s.toolchain, versions: [...DOUBLE_VERSIONS] };
}

/** The command the running set's engine is run as: terraform or tofu. */
export const engineCommand = (): string => (currentProviderSet().engine === "opentofu" ? "tofu" : "terraform");

/** What enables the OpenTofu runs: install-toolchain.sh builds tofu once (section 1b). */
export const ENABLE_OPENTOFU_COMMAND = `${INSTALL_COMMAND} (builds OpenTofu from the Go module proxy once, about 15 minutes on 2 cores; or put a tofu >= 1.10 on PATH first)`;

/** OpenTofu as install-toolchain.sh recorded it (.toolchain/tofu-path), or why not. */
export function openTofuStatus(toolchainDir = TOOLCHAIN_DIR): Status<string> {
  const file = join(toolchainDir, "tofu-path");
  const missing = join(toolchainDir, "opentofu-missing");
  const said = existsSync(missing) ? ` (install-toolchain.sh said: ${readFileSync(missing, "utf8").trim().split("\n")[0]})` : "";
  if (!existsSync(file)) return { ok: false, reason: `no ${relative(PROJECT_ROOT, file)}${said}` };
  const tofu = readFileSync(file, "utf8").trim();
  return existsSync(tofu) ? { ok: true, value: tofu } : { ok: false, reason: `${tofu} (from ${relative(PROJECT_ROOT, file)}) does not exist` };
}

const optional = (need: string): boolean => (process.env.E2E_OPTIONAL ?? "").split(",").map((x) => x.trim()).includes(need);

function failing(name: string, message: string): void {
  describe(name, () => {
    test("has the provider set it needs", () => {
      throw new Error(`E2E TOOLCHAIN MISSING: ${message}`);
    });
  });
}

/** Run `fn`'s suite under `set`: every workdir it prepares uses the set's mirror and CLI config. */
function describeUnder(set: ProviderSet, fn: (set: ProviderSet) => void): void {
  describe(set.label, () => {
    beforeAll(() => {
      current = set;
    });
    afterAll(() => {
      current = undefined;
    });
    fn(set);
  });
}

const warned = new Set<string>();

/**
 * describe() for scenario suites: once per provider set (see the header), and with
 * `engines: ["terraform", "opentofu"]` the double's set once more run by tofu. Without tofu
 * those runs skip with one line saying how to enable them; with CI set they fail, unless
 * E2E_OPTIONAL lists "opentofu".
 */
export function describeEachProviderSet(name: string, fn: (set: ProviderSet) => void, opts: { engines?: readonly Engine[] } = {}): void {
  const double = doubleStatus();
  if (double.ok) {
    if (doubleIsStale(double) && !warned.has("stale")) {
      warned.add("stale");
      // eslint-disable-next-line no-console
      console.warn(`[e2e] the provider double's sources are newer than ${double.binary}; run ${INSTALL_COMMAND}`);
    }
    describeE2E(name, () => describeUnder(currentProviderSet(), fn), { needs: ["terraform"] });
    if (opts.engines?.includes("opentofu")) describeOpenTofu(name, fn);
  } else {
    const message = `provider double: ${double.reason}. Install with: ${double.install}`;
    if (process.env.CI && !optional("double")) failing(`${name} [provider double]`, `${message} (CI is set, so this fails; E2E_OPTIONAL=double skips it)`);
    else {
      if (!warned.has(message)) {
        warned.add(message);
        // eslint-disable-next-line no-console
        console.warn(`[e2e] skipping "${name}": ${message}`);
      }
      describe.skip(`${name} [provider double: missing; run ${INSTALL_COMMAND}]`, () => fn(currentProviderSetPlaceholder()));
    }
  }
  const real = realSetStatus();
  if (real?.ok) describe(name, () => describeUnder(real.value, fn));
  else if (real) failing(`${name} [real provider]`, real.reason);
  else if (process.env.CI && !optional("provider")) {
    failing(`${name} [real provider]`, `no real release in ${REAL_PROVIDERS_FILE} (CI is set, so this fails; E2E_OPTIONAL=provider skips it). Enable: ${ENABLE_REAL_COMMAND}`);
  } else describe.skip(`${name} [real provider: none installed]`, () => fn(currentProviderSetPlaceholder()));
}

/** The double's set run by tofu (its CLI config serves the double under registry.opentofu.org too). */
function describeOpenTofu(name: string, fn: (set: ProviderSet) => void): void {
  const tofu = openTofuStatus();
  if (tofu.ok) {
    const set = currentProviderSet();
    describeE2E(name, () => describeUnder({ ...set, engine: "opentofu", label: `${set.label}, run by OpenTofu`, toolchain: { ...set.toolchain, terraform: tofu.value } }, fn), { needs: ["terraform"] });
  } else if (process.env.CI && !optional("opentofu")) {
    failing(`${name} [OpenTofu]`, `no OpenTofu: ${tofu.reason} (CI is set, so this fails; E2E_OPTIONAL=opentofu skips it). Enable: ${ENABLE_OPENTOFU_COMMAND}`);
  } else {
    if (!warned.has("opentofu")) {
      warned.add("opentofu");
      // eslint-disable-next-line no-console
      console.warn(`[e2e] skipping the OpenTofu runs (${tofu.reason}); enable them with: ${ENABLE_OPENTOFU_COMMAND}`);
    }
    describe.skip(`${name} [OpenTofu: not installed]`, () => fn(currentProviderSetPlaceholder()));
  }
}

/** For skipped suites: jest still collects their tests, which must not touch the toolchain. */
function currentProviderSetPlaceholder(): ProviderSet {
  const toolchain: Toolchain = { terraform: "terraform", cliConfig: "", mirror: "", providerVersions: [] };
  return { kind: "real", engine: "terraform", label: "skipped", toolchain, versions: [] };
}

export const REAL_PROVIDER_OVERRIDE_FILE = "zz_real_provider_override.tf";

/**
 * A real release talks to Grafana: a Grafana API double (Grafana 10, which still creates keys)
 * for one workdir. Terraform gets it through the provider's GRAFANA_URL/GRAFANA_AUTH, and through
 * an override of the root's default `provider "grafana"` block where the configuration sets its
 * own url (an override with no block to merge into would be an error).
 */
export async function startGrafanaFor(set: ProviderSet): Promise<{ env: Record<string, string>; writeOverride(dir: string): void; stop(): Promise<void> }> {
  const grafana = await new GrafanaDouble({ grafana: "10" }).start();
  return {
    env: { GRAFANA_URL: grafana.url, GRAFANA_AUTH: grafana.adminAuth },
    writeOverride: (dir: string) => {
      const override = join(dir, REAL_PROVIDER_OVERRIDE_FILE);
      rmSync(override, { force: true });
      if (!hasDefaultGrafanaProvider(dir)) return;
      writeFileSync(
        override,
        `# Written by the tests (${set.label}): the real provider talks to the Grafana API double.\n` +
          `provider "grafana" {\n  url  = "${grafana.url}"\n  auth = "${grafana.adminAuth}"\n}\n`,
      );
    },
    stop: () => grafana.stop(),
  };
}

function hasDefaultGrafanaProvider(dir: string): boolean {
  return readdirSync(dir).some((name) => {
    if (name === REAL_PROVIDER_OVERRIDE_FILE) return false;
    const text = name.endsWith(".tf") || name.endsWith(".tf.json") ? readFileSync(join(dir, name), "utf8") : "";
    if (name.endsWith(".tf.json")) {
      const blocks = (JSON.parse(text) as { provider?: { grafana?: unknown } }).provider?.grafana;
      return [blocks ?? []].flat().some((b) => typeof b === "object" && b !== null && !("alias" in b));
    }
    // HCL: a provider "grafana" block whose body (up to its closing brace at line start) has no alias.
    return [...text.matchAll(/^provider\s+"grafana"\s*\{([\s\S]*?)^\}/gm)].some((m) => !/^\s*alias\s*=/m.test(m[1]));
  });
}
