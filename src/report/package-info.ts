/** The package's own files, found from here whether this runs as lib/src/report/*.js or src/report/*.ts. */
import { existsSync, readFileSync } from "fs";
import { dirname, join } from "path";

export function packageRoot(): string {
  for (let dir = __dirname; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json")) && existsSync(join(dir, "help", "cli"))) return dir;
    if (dirname(dir) === dir) throw new Error(`cannot find the package root (with help/cli/) above ${__dirname}`);
  }
}

/** The package version, as the reports name it. */
export function readVersion(): string {
  return JSON.parse(readFileSync(join(packageRoot(), "package.json"), "utf8")).version;
}
