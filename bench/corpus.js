// @ts-check
"use strict";
/**
 * Generated benchmark inputs: a Terraform module of `files` .tf files holding `keys` legacy
 * keys, shaped like real stacks (aliased providers authenticating with a key, outputs and
 * locals reading keys, a reference across files, Cloud stack keys, prevent_destroy, a literal
 * mention of a key that must not be rewritten). Deterministic: the same arguments give the
 * same bytes, so runs on different days compare.
 */
const { mkdirSync, writeFileSync } = require("fs");
const { join } = require("path");

const ROLES = ["Viewer", "Editor", "Admin"];

/** The text of file `f` (0-based) of a corpus with `perFile` keys per file and `files` files. */
function fileText(f, perFile, files) {
  const t = `t${String(f).padStart(4, "0")}`;
  const out = [];
  if (f === 0) {
    out.push(`terraform {\n  required_providers {\n    grafana = {\n      source  = "grafana/grafana"\n      version = "~> 2.19"\n    }\n  }\n}\n`);
  }
  out.push(`# Team ${t}: a bootstrap Admin key, and a provider that authenticates with it.`);
  out.push(`provider "grafana" {\n  alias = "${t}"\n  url   = "https://grafana.example.com"\n  auth  = grafana_api_key.${t}_bootstrap.key\n}\n`);
  for (let k = 0; k < perFile; k++) {
    const name = k === 0 ? `${t}_bootstrap` : `${t}_k${k}`;
    const cloud = k > 0 && k % 10 === 9;
    const type = cloud ? "grafana_cloud_stack_api_key" : "grafana_api_key";
    const role = k === 0 ? "Admin" : ROLES[(f + k) % 2];
    const body = [];
    if (k > 0 && !cloud) body.push(`  provider        = grafana.${t}`);
    if (cloud) body.push(`  stack_slug      = "stack${f % 50}"`);
    body.push(`  name            = "${name.replace(/_/g, "-")}"`);
    body.push(`  role            = "${role}"`);
    if (k % 4 !== 3) body.push(`  seconds_to_live = ${[86400, 604800, 2592000][k % 3]}`);
    if (k % 7 === 5) body.push(`\n  lifecycle {\n    prevent_destroy = true\n  }`);
    out.push(`# Key ${k} of ${t}`);
    out.push(`resource "${type}" "${name}" {\n${body.join("\n")}\n}\n`);
  }
  out.push(`resource "grafana_folder" "${t}" {\n  provider = grafana.${t}\n  # Mentions grafana_api_key.${t}_bootstrap.key in a comment and a string: literal text stays.\n  title    = "Team ${t} (was grafana_api_key.${t}_bootstrap)"\n}\n`);
  const keyRef = (k) => (k > 0 && k % 10 === 9 ? `grafana_cloud_stack_api_key.${t}_k${k}` : k === 0 ? `grafana_api_key.${t}_bootstrap` : `grafana_api_key.${t}_k${k}`);
  for (let k = 1; k < perFile; k++) {
    out.push(`output "${t}_k${k}_key" {\n  value     = ${keyRef(k)}.key\n  sensitive = true\n}\n`);
  }
  const locals = [];
  if (perFile > 1) locals.push(`  ${t}_label = "\${${keyRef(1)}.name} (\${${keyRef(1)}.role})"`);
  if (f > 0) locals.push(`  ${t}_upstream = grafana_api_key.t${String(f - 1).padStart(4, "0")}_bootstrap.expiration`);
  if (locals.length) out.push(`locals {\n${locals.join("\n")}\n}\n`);
  void files;
  return out.join("\n");
}

/** Writes the corpus to `dir` and returns the file paths in order. */
function writeCorpus(dir, files, keys) {
  if (keys % files !== 0) throw new Error(`keys (${keys}) must be a multiple of files (${files})`);
  const perFile = keys / files;
  mkdirSync(dir, { recursive: true });
  const paths = [];
  for (let f = 0; f < files; f++) {
    const path = join(dir, `team-${String(f).padStart(4, "0")}.tf`);
    writeFileSync(path, fileText(f, perFile, files));
    paths.push(path);
  }
  return paths;
}

module.exports = { writeCorpus, fileText };
