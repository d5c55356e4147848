/** The help texts, help/cli/*.txt, from the package's own files. Light: `--help` loads no more. */
import { readFileSync } from "fs";
import { join } from "path";
import { packageRoot } from "../report/package-info";

export function readHelp(topic: string): string {
  return readFileSync(join(packageRoot(), "help", "cli", `${topic}.txt`), "utf8");
}
