// @ts-check
"use strict";
// Preloaded (node -r) when /usr/bin/time is missing: writes the process's peak RSS (kB) to
// $BENCH_RSS_FILE as it exits, however it exits.
const { writeFileSync } = require("fs");
process.on("exit", () => {
  if (process.env.BENCH_RSS_FILE) writeFileSync(process.env.BENCH_RSS_FILE, String(process.resourceUsage().maxRSS));
});
