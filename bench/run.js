#!/usr/bin/env node
// @ts-check
"use strict";
/**
 * npm run bench: measures the compiled library and CLI (lib/, what users run) on generated
 * inputs and prints medians, ratios and PASS/FAIL against the targets of issue #5.
 *
 *   node bench/run.js [--reps 5] [--keys 10000] [--files 1000] [--lib lib]
 *                     [--only synth,migrate,verify,help] [--profile DIR] [--no-write] [--keep]
 *
 * Every measurement runs in a child process of its own, so wall time and peak RSS are those of
 * a whole process (peak RSS from /usr/bin/time -v when present, else the child's own
 * process.resourceUsage().maxRSS). Rounds are interleaved (each round runs every measurement
 * once) after one warm-up round that also checks the outputs, so drift on a shared machine hits
 * every row alike. Exits 0 whether targets pass or fail; exits 1 when a measurement crashes or
 * produces a wrong result.
 */
const { spawnSync } = require("child_process");
const { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } = require("fs");
const os = require("os");
const { join, relative, resolve } = require("path");
const { writeCorpus } = require("./corpus");

const ROOT = resolve(__dirname, "..");
const CHILDREN = join(__dirname, "children");

// ---------------------------------------------------------------------------------------------
// Options

function parseOptions(argv) {
  const opts = { reps: 5, keys: 10000, files: 1000, lib: "lib", only: ["synth", "migrate", "verify", "help"], profile: undefined, write: true, keep: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === "--reps") opts.reps = Number(value());
    else if (a === "--keys") opts.keys = Number(value());
    else if (a === "--files") opts.files = Number(value());
    else if (a === "--lib") opts.lib = value();
    else if (a === "--only") opts.only = value().split(",");
    else if (a === "--profile") opts.profile = resolve(value());
    else if (a === "--no-write") opts.write = false;
    else if (a === "--keep") opts.keep = true;
    else if (a === "--help" || a === "-h") {
      console.log(readFileSync(__filename, "utf8").split("\n").slice(4, 16).join("\n").replace(/^ \* ?/gm, ""));
      process.exit(0);
    } else throw new Error(`unknown option ${a}`);
  }
  if (!(opts.reps >= 1)) throw new Error("--reps must be at least 1");
  if (opts.keys % 10 !== 0 || opts.files % 10 !== 0 || opts.keys % opts.files !== 0) throw new Error("--keys and --files must be multiples of 10, keys a multiple of files");
  opts.lib = resolve(ROOT, opts.lib);
  return opts;
}

// ---------------------------------------------------------------------------------------------
// Running one measurement

const TIME = ["/usr/bin/time", "/bin/time"].find((p) => existsSync(p) && spawnSync(p, ["-v", "true"]).status === 0);

/**
 * Runs `node args...` once. Returns wall ms (spawn to exit, seen from here), peak RSS kB and
 * the child's stdout. Throws when the child fails.
 */
function runNode(args, { cwd = ROOT, env = {}, profileDir, okCodes = [0] } = {}) {
  const scratch = mkdtempSync(join(os.tmpdir(), "grafana-sa-bench-run-"));
  const rssFile = join(scratch, "rss");
  const timeFile = join(scratch, "time");
  const nodeArgs = [...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []), ...(TIME ? [] : ["-r", join(CHILDREN, "rss.js")]), ...args];
  const command = TIME ? TIME : process.execPath;
  const commandArgs = TIME ? ["-v", "-o", timeFile, process.execPath, ...nodeArgs] : nodeArgs;
  const start = process.hrtime.bigint();
  const r = spawnSync(command, commandArgs, { cwd, env: { ...process.env, ...env, BENCH_RSS_FILE: rssFile }, encoding: "utf8", maxBuffer: 256 * 1024 * 1024 });
  const wallMs = Number(process.hrtime.bigint() - start) / 1e6;
  try {
    if (r.error) throw r.error;
    if (!okCodes.includes(r.status ?? -1)) {
      throw new Error(`node ${args.map((a) => (a.includes(" ") ? JSON.stringify(a) : a)).join(" ")} exited with ${r.status ?? r.signal}\n${(r.stderr || "").slice(-4000)}`);
    }
    let rssKb;
    if (TIME) {
      const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(readFileSync(timeFile, "utf8"));
      rssKb = m ? Number(m[1]) : undefined;
    } else if (existsSync(rssFile)) rssKb = Number(readFileSync(rssFile, "utf8"));
    return { wallMs, rssKb, stdout: r.stdout, stderr: r.stderr, status: r.status };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

/**
 * @typedef {{ id: string, group: string, label: string, keys?: number, run: (check: boolean, profileDir?: string) => { wallMs: number, rssKb?: number, phases?: Record<string, number> } }} Measurement
 */

function lastJsonLine(stdout) {
  const line = stdout.trim().split("\n").pop();
  return JSON.parse(line ?? "{}");
}

/** Terraform JSON without cdktf's "//" metadata, which names construct paths. */
function stripMetadata(value) {
  if (Array.isArray(value)) return value.map(stripMetadata);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, stripMetadata(v)]));
  return value;
}

function synthMeasurements(opts, work, sizes) {
  /** @type {Measurement[]} */
  const out = [];
  for (const size of sizes) {
    const outDir = join(work, `synth-${size.keys}`);
    mkdirSync(outDir, { recursive: true });
    const docs = {};
    const variant = (name, label, input) => ({
      id: `synth-${name}-${size.keys}`,
      group: "synth",
      label,
      keys: size.keys,
      run: (check, profileDir) => {
        const target = join(outDir, `${name}.json`);
        const r = runNode([join(CHILDREN, "synth.js"), name, opts.lib, input(), target], { profileDir });
        const report = lastJsonLine(r.stdout);
        if (check) {
          const doc = JSON.parse(readFileSync(target, "utf8"));
          const resources = Object.values(doc.resource ?? {}).reduce((n, byName) => n + Object.keys(byName).length, 0);
          if (resources !== 2 * size.keys) throw new Error(`${label} (${size.keys} keys) made ${resources} resources, expected ${2 * size.keys}`);
          docs[name] = JSON.stringify(stripMetadata(doc));
          if (name !== "migration" && docs[name] !== docs.migration) throw new Error(`${label} (${size.keys} keys) did not produce the same Terraform JSON as MigrationStack; the comparison would be meaningless`);
        }
        return { wallMs: r.wallMs, rssKb: r.rssKb, phases: report.phases };
      },
    });
    out.push(variant("migration", "MigrationStack synth", () => size.plan));
    out.push(variant("raw", "raw generated L1 synth (baseline)", () => size.plan));
    out.push(variant("floor", "JSON.stringify of the final document (floor)", () => join(outDir, "migration.json")));
  }
  return out;
}

function cliPath(opts) {
  return join(opts.lib, "src", "cli", "index.js");
}

function migrateMeasurements(opts, work, sizes) {
  /** @type {Measurement[]} */
  const out = [];
  for (const size of sizes) {
    out.push({
      id: size.id ?? `migrate-${size.keys}`,
      group: "migrate",
      label: `grafana-sa migrate (${size.files} file${size.files === 1 ? "" : "s"})`,
      keys: size.keys,
      run: (check, profileDir) => {
        const outDir = join(work, `migrated-${size.keys}-${size.files}`);
        rmSync(outDir, { recursive: true, force: true });
        const r = runNode([cliPath(opts), "migrate", size.corpus, "--out", outDir], { profileDir, env: { GRAFANA_SA_DEBUG: "1" } });
        if (check) checkMigrated(outDir, size);
        return { wallMs: r.wallMs, rssKb: r.rssKb };
      },
    });
  }
  return out;
}

/** The migrated module must hold every input file, with no legacy key left, and the generated file. */
function checkMigrated(outDir, size) {
  const files = listFiles(outDir);
  const tf = files.filter((f) => /\.tf(\.json)?$/.test(f));
  if (tf.length < size.files) throw new Error(`migrate wrote ${tf.length} Terraform files to ${outDir}, expected at least the ${size.files} inputs`);
  let tokens = 0;
  for (const f of tf) {
    const text = readFileSync(f, "utf8");
    if (/^\s*resource\s+"grafana_(cloud_stack_)?api_key"/m.test(text)) throw new Error(`${relative(outDir, f)} still declares a legacy key after migrate`);
    tokens += (text.match(/resource\s+"grafana_(cloud_stack_)?service_account_token"|"grafana_(cloud_stack_)?service_account_token"\s*:/g) ?? []).length;
  }
  if (tokens === 0) throw new Error(`migrate wrote no service account token resources to ${outDir}`);
}

function listFiles(dir) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) out.push(...listFiles(p));
    else out.push(p);
  }
  return out;
}

/**
 * A saved plan of `keys` resource changes (terraform show -json) and the report it matches: per
 * legacy key a forget, an account and a token created, and a rewritten resource updated. Each
 * change carries attribute values, as real plans do, which verify must skip over.
 */
function writeVerifyInputs(dir, keys) {
  mkdirSync(dir, { recursive: true });
  const report = { keys: [], accounts: [], referencing: [] };
  const changes = [];
  const change = (address, actions) => ({ address, mode: "managed", type: address.split(".")[0], name: address.split(".")[1], change: { actions, before: { name: address, key: "x".repeat(40) }, after: { name: address, role: "Viewer" }, after_unknown: {}, before_sensitive: { key: true } } });
  for (let i = 0; i < keys / 4; i++) {
    const k = { legacy: `grafana_api_key.k${i}`, token: `grafana_service_account_token.k${i}`, account: `grafana_service_account.k${i}`, legacyKeyFate: "kept (forgotten by Terraform)" };
    report.keys.push(k);
    report.accounts.push({ address: k.account });
    report.referencing.push(`vault_generic_secret.k${i}`);
    changes.push(change(k.legacy, ["forget"]), change(k.account, ["create"]), change(k.token, ["create"]), change(`vault_generic_secret.k${i}`, ["update"]));
  }
  writeFileSync(join(dir, "plan.json"), JSON.stringify({ format_version: "1.2", terraform_version: "1.9.0", resource_changes: changes }));
  writeFileSync(join(dir, "migration-report.json"), JSON.stringify(report));
}

function verifyMeasurements(opts, work, keys) {
  const dir = join(work, `verify-${keys}`);
  writeVerifyInputs(dir, keys);
  /** @type {Measurement[]} */
  return [
    {
      id: `verify-${keys}`,
      group: "verify",
      label: "grafana-sa verify (saved plan)",
      keys,
      run: (check, profileDir) => {
        const r = runNode([cliPath(opts), "verify", join(dir, "plan.json"), "--report", join(dir, "migration-report.json")], { profileDir });
        if (check && !/Safe to apply/.test(r.stdout)) throw new Error(`grafana-sa verify did not find the plan safe:\n${r.stdout.slice(-2000)}`);
        return { wallMs: r.wallMs, rssKb: r.rssKb };
      },
    },
  ];
}

function helpMeasurements(opts) {
  /** @type {Measurement[]} */
  return [
    {
      id: "help",
      group: "help",
      label: "grafana-sa --help",
      run: (check, profileDir) => {
        const r = runNode([cliPath(opts), "--help"], { profileDir });
        if (check && !/migrate/.test(r.stdout)) throw new Error("grafana-sa --help printed no overview");
        return { wallMs: r.wallMs, rssKb: r.rssKb };
      },
    },
    {
      id: "node",
      group: "help",
      label: "node -e 0 (process start-up floor)",
      run: () => {
        const r = runNode(["-e", "0"]);
        return { wallMs: r.wallMs, rssKb: r.rssKb };
      },
    },
  ];
}

// ---------------------------------------------------------------------------------------------
// Statistics and report

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const sec = (ms) => (ms / 1000).toFixed(ms < 1000 ? 3 : 2);
const mb = (kb) => (kb === undefined ? "n/a" : (kb / 1024).toFixed(0));
const ratio = (a, b) => (a / b).toFixed(2);

function summarize(samples) {
  const walls = samples.map((s) => s.wallMs);
  const rss = samples.map((s) => s.rssKb).filter((x) => x !== undefined);
  const phaseNames = [...new Set(samples.flatMap((s) => Object.keys(s.phases ?? {})))];
  const phases = Object.fromEntries(phaseNames.map((p) => [p, median(samples.map((s) => s.phases?.[p] ?? 0))]));
  return { wall: median(walls), min: Math.min(...walls), max: Math.max(...walls), rss: rss.length ? median(rss) : undefined, phases, n: samples.length };
}

/** The machine's CPU time so far, from /proc/stat (Linux): steal and the total of all states, in ticks. */
function cpuTimes() {
  try {
    const fields = readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
    return { steal: fields[7] ?? 0, total: fields.reduce((a, b) => a + b, 0) };
  } catch {
    return undefined;
  }
}

/**
 * On a shared VM, time stolen by other guests slows every measurement; a run with much of it
 * says more about the host than about the code.
 */
function stealShare(before, after) {
  if (!before || !after || after.total <= before.total) return "n/a (no /proc/stat)";
  return `${((100 * (after.steal - before.steal)) / (after.total - before.total)).toFixed(1)}%`;
}

function machineInfo(opts) {
  const cpus = os.cpus();
  const git = (args) => spawnSync("git", args, { cwd: ROOT, encoding: "utf8" }).stdout.trim();
  const dirty = git(["status", "--porcelain", "--", "src"]) !== "";
  return {
    date: new Date().toISOString().replace(/\.\d+Z$/, "Z"),
    machine: os.hostname(),
    cpu: `${cpus[0]?.model ?? "unknown"} x ${cpus.length}`,
    memory: `${(os.totalmem() / 2 ** 30).toFixed(1)} GiB`,
    os: `${os.type()} ${os.release()} ${os.arch()}`,
    node: process.version,
    commit: `${git(["rev-parse", "--short", "HEAD"])}${dirty ? " + uncommitted changes in src/" : ""}`,
    load: os.loadavg().map((l) => l.toFixed(2)).join(" "),
    rssSource: TIME ? `${TIME} -v` : "process.resourceUsage().maxRSS in the child",
    reps: opts.reps,
    lib: relative(ROOT, opts.lib) || ".",
  };
}

function report(opts, info, stats, sizes) {
  const get = (id) => stats.get(id);
  const lines = [];
  const { small, large } = sizes;
  lines.push(`Machine \`${info.machine}\` (${info.cpu}, ${info.memory}, ${info.os}), Node ${info.node}, ${info.date}, commit ${info.commit}.`);
  lines.push(`Medians of ${info.reps} runs after one warm-up run; each run is a fresh process running compiled JS from \`${info.lib}/\`. Peak RSS: ${info.rssSource}. Load average at the end: ${info.load}. CPU time the hypervisor gave to other guests during the measured rounds (steal): ${info.steal}.`);
  lines.push("");
  lines.push("| Measurement | keys | wall median (s) | min-max (s) | peak RSS (MB) | ratio |");
  lines.push("|---|---:|---:|---:|---:|---|");
  const row = (id, extra = "") => {
    const s = get(id);
    if (!s) return;
    const m = measurementsById.get(id);
    lines.push(`| ${m.label} | ${m.keys ?? ""} | ${sec(s.wall)} | ${sec(s.min)}-${sec(s.max)} | ${mb(s.rss)} | ${extra} |`);
  };
  for (const size of [small, large]) {
    const mig = get(`synth-migration-${size.keys}`);
    const raw = get(`synth-raw-${size.keys}`);
    const floor = get(`synth-floor-${size.keys}`);
    if (!mig) continue;
    row(`synth-migration-${size.keys}`, raw && floor ? `${ratio(mig.wall, raw.wall)}x raw L1, ${ratio(mig.wall, floor.wall)}x floor` : "");
    row(`synth-raw-${size.keys}`, floor ? `${ratio(raw.wall, floor.wall)}x floor` : "");
    row(`synth-floor-${size.keys}`);
  }
  for (const size of [small, large]) {
    const s = get(`migrate-${size.keys}`);
    if (s) row(`migrate-${size.keys}`, `${Math.round(size.keys / (s.wall / 1000)).toLocaleString("en-US")} keys/s`);
  }
  const one = get(`migrate-${small.keys}-one-file`);
  const spread = get(`migrate-${small.keys}`);
  if (one) row(`migrate-${small.keys}-one-file`, `${Math.round(small.keys / (one.wall / 1000)).toLocaleString("en-US")} keys/s${spread ? `, ${ratio(one.wall, spread.wall)}x the ${small.files} files` : ""}`);
  row(`verify-${large.keys}`, "resource changes in the plan");
  row("help");
  row("node");

  const phased = [...stats].filter(([id, s]) => id.startsWith("synth-") && Object.keys(s.phases).length);
  if (phased.length) {
    lines.push("");
    lines.push("In-process phases of the synth runs (medians, ms): load = require + read input, construct = building the construct tree, synth = App set-up + app.synth() (cdktf's resolve and merge) or JSON.stringify, write = writing the result.");
    lines.push("");
    lines.push("| Measurement | keys | load | construct | synth | write |");
    lines.push("|---|---:|---:|---:|---:|---:|");
    for (const [id, s] of phased) {
      const m = measurementsById.get(id);
      const p = (k) => (s.phases[k] === undefined ? "" : s.phases[k].toFixed(0));
      lines.push(`| ${m.label} | ${m.keys} | ${p("load")} | ${p("construct")} | ${p("synth")} | ${p("write")} |`);
    }
  }

  // Targets
  const targets = [];
  const target = (name, ok, detail) => targets.push({ name, verdict: ok === undefined ? "n/a" : ok ? "PASS" : "FAIL", detail });
  const mig = get(`synth-migration-${large.keys}`);
  const raw = get(`synth-raw-${large.keys}`);
  target(`MigrationStack synth of ${large.keys.toLocaleString("en-US")} keys <= 1.1x raw L1`, mig && raw ? mig.wall <= 1.1 * raw.wall : undefined, mig && raw ? `${ratio(mig.wall, raw.wall)}x (${sec(mig.wall)} s vs ${sec(raw.wall)} s)` : "not measured");
  const migrate = get(`migrate-${large.keys}`);
  target(`migrate of ${large.files.toLocaleString("en-US")} files / ${large.keys.toLocaleString("en-US")} keys <= 3 s wall`, migrate ? migrate.wall <= 3000 : undefined, migrate ? `${sec(migrate.wall)} s` : "not measured");
  target(`migrate of ${large.files.toLocaleString("en-US")} files / ${large.keys.toLocaleString("en-US")} keys <= 600 MB peak RSS`, migrate?.rss !== undefined ? migrate.rss <= 600 * 1024 : undefined, migrate?.rss !== undefined ? `${mb(migrate.rss)} MB` : "not measured");
  const help = get("help");
  const verify = get(`verify-${large.keys}`);
  target(`verify of a ${large.keys.toLocaleString("en-US")}-resource plan <= 2 s wall`, verify ? verify.wall <= 2000 : undefined, verify ? `${sec(verify.wall)} s` : "not measured");
  target("`--help` <= 0.3 s", help ? help.wall <= 300 : undefined, help ? `${sec(help.wall)} s` : "not measured");
  const growth = (id, what) => {
    const a = get(`${id}-${small.keys}`);
    const b = get(`${id}-${large.keys}`);
    target(`${what}: 10x the keys <= 11x the time`, a && b ? b.wall <= 11 * a.wall : undefined, a && b ? `${ratio(b.wall, a.wall)}x (${sec(a.wall)} s -> ${sec(b.wall)} s)` : "not measured");
  };
  growth("synth-migration", "MigrationStack synth growth");
  growth("migrate", "migrate growth");
  lines.push("");
  lines.push("| Target (2-core machine) | result | measured |");
  lines.push("|---|---|---|");
  for (const t of targets) lines.push(`| ${t.name} | ${t.verdict} | ${t.detail} |`);
  return { markdown: lines.join("\n"), targets };
}

/** @type {Map<string, Measurement>} */
const measurementsById = new Map();

// ---------------------------------------------------------------------------------------------

function main() {
  const opts = parseOptions(process.argv.slice(2));
  if (!existsSync(join(opts.lib, "src", "index.js"))) throw new Error(`${opts.lib}/src/index.js is missing: run npm run build first`);
  const wantCli = opts.only.includes("migrate") || opts.only.includes("verify") || opts.only.includes("help");
  if (wantCli && !existsSync(cliPath(opts))) throw new Error(`${cliPath(opts)} is missing: run npm run build first (or pass --only synth)`);
  const started = Date.now();
  const work = mkdtempSync(join(os.tmpdir(), "grafana-sa-bench-"));
  const log = (msg) => process.stderr.write(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${msg}\n`);
  let failed = false;
  try {
    const large = { keys: opts.keys, files: opts.files };
    const small = { keys: opts.keys / 10, files: opts.files / 10 };
    for (const size of [small, large]) {
      size.corpus = join(work, `corpus-${size.keys}`);
      writeCorpus(size.corpus, size.files, size.keys);
      log(`generated ${size.files} files with ${size.keys} keys in ${size.corpus}`);
      if (opts.only.includes("synth")) {
        size.plan = join(work, `plan-${size.keys}.json`);
        const r = runNode([join(CHILDREN, "plan.js"), opts.lib, size.corpus, size.plan]);
        log(`planned ${size.keys} keys (${sec(r.wallMs)} s, not measured): ${r.stdout.trim()}`);
      }
    }
    // The same keys as the small corpus in one file: what grows with a file's length shows here.
    const oneFile = { id: `migrate-${small.keys}-one-file`, keys: small.keys, files: 1, corpus: join(work, `corpus-${small.keys}-one-file`) };
    if (opts.only.includes("migrate")) {
      writeCorpus(oneFile.corpus, 1, oneFile.keys);
      log(`generated 1 file with ${oneFile.keys} keys in ${oneFile.corpus}`);
    }
    /** @type {Measurement[]} */
    const measurements = [
      ...(opts.only.includes("synth") ? synthMeasurements(opts, work, [small, large]) : []),
      ...(opts.only.includes("migrate") ? migrateMeasurements(opts, work, [small, large, oneFile]) : []),
      ...(opts.only.includes("verify") ? verifyMeasurements(opts, work, opts.keys) : []),
      ...(opts.only.includes("help") ? helpMeasurements(opts) : []),
    ];
    for (const m of measurements) measurementsById.set(m.id, m);

    if (opts.profile) {
      mkdirSync(opts.profile, { recursive: true });
      for (const m of measurements) {
        const dir = join(opts.profile, m.id);
        rmSync(dir, { recursive: true, force: true });
        const r = m.run(true, dir);
        log(`${m.id}: ${sec(r.wallMs)} s, profile in ${relative(ROOT, dir)}`);
      }
      log(`summarize a profile with: node bench/profile-summary.js ${relative(ROOT, opts.profile)}/<id>/*.cpuprofile`);
      return;
    }

    /** @type {Map<string, any[]>} */
    const samples = new Map(measurements.map((m) => [m.id, []]));
    let cpuBefore;
    for (let round = 0; round <= opts.reps; round++) {
      if (round === 1) cpuBefore = cpuTimes();
      for (const m of measurements) {
        const r = m.run(round === 0);
        if (round > 0) samples.get(m.id)?.push(r);
      }
      log(round === 0 ? "warm-up round done, outputs checked" : `round ${round}/${opts.reps} done`);
    }
    const stats = new Map([...samples].map(([id, s]) => [id, summarize(s)]));
    const info = { ...machineInfo(opts), steal: stealShare(cpuBefore, cpuTimes()) };
    const { markdown, targets } = report(opts, info, stats, { small, large });
    process.stdout.write(`\n${markdown}\n\n`);
    const fails = targets.filter((t) => t.verdict === "FAIL");
    process.stdout.write(`${targets.length - fails.length - targets.filter((t) => t.verdict === "n/a").length} of ${targets.length} targets pass${fails.length ? `; FAIL: ${fails.map((t) => t.name).join("; ")}` : ""}. (Targets are reported, not enforced: the exit code is 0.)\n`);
    if (opts.write) writeResults(info, markdown);
    log(`done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    failed = true;
    process.stderr.write(`bench: a measurement failed: ${err instanceof Error ? err.stack : err}\n`);
  } finally {
    if (opts.keep) log(`inputs and outputs kept in ${work}`);
    else rmSync(work, { recursive: true, force: true });
  }
  if (failed) process.exitCode = 1;
}

/** bench/results/<date>-<machine>.md for this run, and the latest table in BENCHMARKS.md. */
function writeResults(info, markdown) {
  const machine = info.machine.replace(/[^A-Za-z0-9_.-]/g, "_");
  const file = join(__dirname, "results", `${info.date.slice(0, 10)}-${machine}.md`);
  mkdirSync(join(__dirname, "results"), { recursive: true });
  writeFileSync(file, `# Benchmark run ${info.date} on ${info.machine}\n\n- Machine: ${info.machine}, ${info.cpu}, ${info.memory}, ${info.os}\n- Node: ${info.node}\n- Date: ${info.date}\n- Commit: ${info.commit}\n- Command: \`${["node bench/run.js", ...process.argv.slice(2)].join(" ")}\`\n\n${markdown}\n`);
  process.stderr.write(`wrote ${relative(ROOT, file)}\n`);
  const doc = join(ROOT, "BENCHMARKS.md");
  const start = "<!-- bench:latest:start -->";
  const end = "<!-- bench:latest:end -->";
  if (!existsSync(doc)) return;
  const text = readFileSync(doc, "utf8");
  const a = text.indexOf(start);
  const b = text.indexOf(end);
  if (a === -1 || b < a) return;
  writeFileSync(doc, `${text.slice(0, a + start.length)}\n${markdown}\n\nFull run: [${relative(ROOT, file)}](${relative(ROOT, file)}).\n${text.slice(b)}`);
  process.stderr.write("updated the latest table in BENCHMARKS.md\n");
}

main();
