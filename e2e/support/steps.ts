/** The report's steps as an operator runs them, for the e2e tests: each command as written, in the module directory. */
import { spawnSync } from "child_process";
import { writeFileSync } from "fs";
import { join } from "path";
import { CLI_ENTRY, DoubleWorkdir } from "./provider-double";
import { engineCommand } from "./provider-sets";

export interface Step {
  readonly phase: number;
  readonly command: string;
  readonly why: string;
}

/** POSIX shell words of a command line: quotes removed, no expansion (the steps use none). */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      if (end < 0) throw new Error(`unbalanced ${c} in: ${line}`);
      word = (word ?? "") + line.slice(i + 1, end).replace(c === '"' ? /\\(["\\$`])/g : /$^/, "$1");
      i = end;
    } else if (c === "\\") word = (word ?? "") + line[++i];
    else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else word = (word ?? "") + c;
  }
  if (word !== undefined) words.push(word);
  return words;
}

export function grafanaSa(wd: DoubleWorkdir, args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI_ENTRY, ...args], { cwd: wd.dir, encoding: "utf8" });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

/** Runs one step as the report writes it; returns what a person would see. */
export async function runStep(wd: DoubleWorkdir, step: Step, env?: Record<string, string>): Promise<string> {
  const words = shellWords(step.command);
  const redirect = words.indexOf(">");
  const [tool, ...args] = redirect >= 0 ? words.slice(0, redirect) : words;
  if (tool === "grafana-sa") {
    const r = grafanaSa(wd, args);
    if (r.code !== 0) throw new Error(`step "${step.command}" exited ${r.code}:\n${r.stdout}\n${r.stderr}`);
    return r.stdout;
  }
  // The running set's engine: terraform, or tofu for the OpenTofu runs (migrated with --engine opentofu).
  if (tool !== engineCommand()) throw new Error(`step "${step.command}": not a ${engineCommand()} or grafana-sa command`);
  const unattended = args[0] === "apply" && !args.some((a) => a.endsWith("tfplan")) ? ["-auto-approve"] : [];
  const input = ["init", "plan", "apply"].includes(args[0]) ? ["-input=false"] : [];
  // Options go before a saved plan's file name, as terraform wants them.
  const r = await wd.runOk([args[0], ...unattended, ...input, ...args.slice(1)], { env });
  if (redirect >= 0) writeFileSync(join(wd.dir, words[redirect + 1]), r.raw.stdout);
  return r.stdout;
}

