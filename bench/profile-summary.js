#!/usr/bin/env node
// @ts-check
"use strict";
/**
 * Summarizes a V8 .cpuprofile (from node --cpu-prof or `node bench/run.js --profile DIR`):
 * the functions with the most self time, then with the most inclusive time.
 *   node bench/profile-summary.js FILE.cpuprofile [self rows = 25] [inclusive rows = 40]
 */
const { readFileSync } = require("fs");

const [file, selfRows = "25", inclusiveRows = "40"] = process.argv.slice(2);
if (!file) {
  console.error("usage: node bench/profile-summary.js FILE.cpuprofile [selfRows] [inclusiveRows]");
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, "utf8"));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
const sampled = new Map();
profile.samples.forEach((id, i) => sampled.set(id, (sampled.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const name = (n) => {
  const url = n.callFrame.url.replace(/^file:\/\//, "").replace(/.*node_modules\//, "~/").replace(/.*\/lib\/src\//, "lib/src/");
  return `${n.callFrame.functionName || "(anonymous)"} ${url}:${n.callFrame.lineNumber + 1}`;
};
const self = new Map();
const inclusive = new Map();
let total = 0;
for (const [id, us] of sampled) {
  total += us;
  const key = name(byId.get(id));
  self.set(key, (self.get(key) ?? 0) + us);
  const seen = new Set();
  for (let cur = id; cur !== undefined; cur = parent.get(cur)) {
    const k = name(byId.get(cur));
    if (!seen.has(k)) inclusive.set(k, (inclusive.get(k) ?? 0) + us);
    seen.add(k);
  }
}
const print = (title, map, rows) => {
  console.log(`--- ${title} (ms)`);
  for (const [k, us] of [...map].sort((a, b) => b[1] - a[1]).slice(0, Number(rows))) console.log(`${(us / 1000).toFixed(0).padStart(7)}  ${k}`);
};
console.log(`total sampled: ${(total / 1000).toFixed(0)} ms`);
print("self", self, selfRows);
print("inclusive", inclusive, inclusiveRows);
