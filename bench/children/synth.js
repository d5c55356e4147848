// @ts-check
"use strict";
/**
 * One synth measurement, run in its own process so wall time and peak RSS are the whole
 * process's. Prints one JSON line: phase times (ms) and maxRSS (kB).
 *
 *   node synth.js migration <libDir> <plan.json> <out.json>   MigrationStack, through synthesize()
 *   node synth.js raw       <libDir> <plan.json> <out.json>   the same resources from the raw generated L1 classes
 *   node synth.js floor     <libDir> <doc.json>  <out.json>   JSON.stringify of the final document
 *
 * Every variant writes the Terraform JSON it produced to <out.json>; the harness checks that
 * the three are the same document (cdktf's "//" metadata aside).
 */
const t0 = performance.now();
const { readFileSync, writeFileSync } = require("fs");
const { resolve } = require("path");

const [variant, libDir, input, out] = process.argv.slice(2);
const phases = {};
let mark = t0;
const lap = (name) => {
  const now = performance.now();
  phases[name] = (phases[name] ?? 0) + (now - mark);
  mark = now;
};

async function main() {
  if (variant === "floor") {
    const doc = JSON.parse(readFileSync(input, "utf8"));
    lap("load");
    const json = JSON.stringify(doc, null, 2);
    lap("synth");
    writeFileSync(out, json);
    lap("write");
    return;
  }
  const { TerraformStack } = require("cdktf");
  const { synthesize } = require(resolve(libDir, "src/synth/synthesize"));
  const build = variant === "migration" ? migration(require(resolve(libDir, "src"))) : variant === "raw" ? raw(require(resolve(libDir, "src/gen/providers/grafana")), require(resolve(libDir, "src/constructs/plan-rendering")), TerraformStack) : undefined;
  if (!build) throw new Error(`unknown variant ${variant}`);
  const plan = JSON.parse(readFileSync(input, "utf8"));
  lap("load");
  const stacks = await synthesize((app) => {
    lap("synth"); // App set-up counts as synth
    build(app, plan);
    lap("construct");
  }, ["json"]);
  lap("synth");
  writeFileSync(out, stacks[0].json);
  lap("write");
}

/** The library's own construct. */
function migration(lib) {
  return (app, plan) => new lib.MigrationStack(app, "migration", { plan });
}

/**
 * The baseline: what a user would write with the generated classes alone. Same resources,
 * logical IDs, arguments and meta-arguments; the removed blocks and required_version as raw
 * overrides, because cdktf has no removed element. The provider construct is the library's
 * ProviderRequirement (a bare generated GrafanaProvider that adds no provider block), which
 * cdktf requires for any resource.
 */
function raw(gen, rendering, TerraformStack) {
  class RawStack extends TerraformStack {
    ensureBackendExists() {
      return /** @type {any} */ (undefined);
    }
  }
  const meta = (resource, m) => {
    if (m.count !== undefined) resource.addOverride("count", m.count);
    if (m.forEach !== undefined) resource.addOverride("for_each", m.forEach);
    if (m.provider !== undefined) resource.addOverride("provider", m.provider);
    if (m.dependsOn !== undefined) resource.addOverride("depends_on", m.dependsOn);
    if (m.lifecycle !== undefined) resource.addOverride("lifecycle", m.lifecycle);
  };
  return (app, plan) => {
    const stack = new RawStack(app, "migration");
    // cdktf refuses resources without a provider construct; this one renders as the input's own.
    new rendering.ProviderRequirement(stack, "grafana", plan.declaresRequiredProviders);
    const accounts = new Map();
    for (const a of plan.accounts) {
      if (a.adopt) throw new Error("the raw baseline does not render adopted accounts");
      const sa =
        a.kind === "cloud-stack"
          ? new gen.cloudStackServiceAccount.CloudStackServiceAccount(stack, a.address, { name: a.name, role: a.role, stackSlug: a.stackSlug })
          : new gen.serviceAccount.ServiceAccount(stack, a.address, { name: a.name, role: a.role, orgId: a.orgId });
      sa.overrideLogicalId(a.resourceName);
      meta(sa, a.meta);
      accounts.set(a.address, sa);
    }
    for (const t of plan.tokens) {
      const sa = accounts.get(t.account);
      const secondsToLive = t.secondsToLive === 0 ? undefined : t.secondsToLive;
      const token =
        t.kind === "cloud-stack"
          ? new gen.cloudStackServiceAccountToken.CloudStackServiceAccountToken(stack, t.address, { name: t.name, serviceAccountId: sa.id, stackSlug: t.stackSlug, secondsToLive })
          : new gen.serviceAccountToken.ServiceAccountToken(stack, t.address, { name: t.name, serviceAccountId: sa.id, secondsToLive });
      token.overrideLogicalId(t.resourceName);
      meta(token, t.meta);
    }
    stack.addOverride("removed", plan.removals.map((r) => ({ from: r.from, lifecycle: { destroy: r.destroy } })));
    if (plan.requiredVersion) stack.addOverride("terraform.required_version", plan.requiredVersion);
  };
}

main()
  .then(() => {
    lap("exit");
    const total = performance.now() - t0;
    const usage = process.resourceUsage();
    process.stdout.write(`${JSON.stringify({ variant, phases, inProcessMs: total, cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000, maxRssKb: usage.maxRSS })}\n`);
  })
  .catch((err) => {
    console.error(err instanceof Error ? err.stack : err);
    process.exit(1);
  });
