#!/usr/bin/env node
/**
 * grafana-sa: parses the command line, runs one command, and exits once its output is out. The
 * only module that exits the process: handlers throw ExitError for expected failures, and anything else is an
 * internal error.
 */
import { parseArgs } from "util";
import { setFlagsFromString } from "v8";
import type { Command, CommandContext, OptionValues } from "./command-types";
import { closest, COMMANDS, findCommand } from "./commands";
import { EXIT, ExitError, usageError } from "./errors";
import { readHelp } from "./help-text";
import { readVersion } from "../report/package-info";

type Streams = Pick<CommandContext, "stdout" | "stderr" | "cwd" | "env"> & {
  /** Whether stdout is a terminal: colour is for people, never for pipes, files or CI logs. */
  readonly isTTY?: boolean;
};

export async function main(argv: string[], streams: Streams): Promise<number> {
  try {
    return await dispatch(argv, streams);
  } catch (err) {
    if (err instanceof ExitError) {
      streams.stderr(`grafana-sa: ${err.message}\n`);
      return err.code;
    }
    const debug = streams.env.GRAFANA_SA_DEBUG === "1";
    const detail = debug && err instanceof Error && err.stack ? err.stack : String(err instanceof Error ? err.message : err);
    streams.stderr(`grafana-sa: internal error: ${detail}\nThis is a bug in grafana-sa; please report it${debug ? "" : " (run again with GRAFANA_SA_DEBUG=1 for the stack trace)"}.\n`);
    return EXIT.internal;
  }
}

async function dispatch(argv: string[], streams: Streams): Promise<number> {
  const [first, ...rest] = argv;
  if (first === undefined) {
    streams.stderr(readHelp("overview"));
    return EXIT.usage;
  }
  if (first === "--help" || first === "-h") {
    streams.stdout(readHelp("overview"));
    return EXIT.ok;
  }
  if (first === "--version" || first === "-V") {
    streams.stdout(`${readVersion()}\n`);
    return EXIT.ok;
  }
  const command = findCommand(first);
  if (!command) {
    const what = first.startsWith("-") ? `unknown option ${first}` : `unknown command "${first}"`;
    const guess = closest(first.replace(/^-+/, ""), COMMANDS.map((c) => c.name));
    throw usageError(`${what}.${guess ? ` Did you mean "${guess}"?` : ""} Commands: ${COMMANDS.map((c) => c.name).join(", ")}. Run grafana-sa --help.`);
  }
  const { values, positionals } = parse(command, rest);
  if (values.help) {
    streams.stdout(readHelp(command.name === "help" ? "overview" : command.name));
    return EXIT.ok;
  }
  const handler = await command.load();
  // NO_COLOR (https://no-color.org): any non-empty value turns colour off.
  const color = streams.isTTY === true && !streams.env.NO_COLOR && values["no-color"] !== true;
  return handler.run({ cwd: streams.cwd, env: streams.env, stdout: streams.stdout, stderr: streams.stderr, color, values, positionals });
}

function parse(command: Command, args: string[]): { values: OptionValues; positionals: string[] } {
  const options = { ...command.options, help: { type: "boolean" as const, short: "h" } };
  try {
    const { values, positionals } = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: values as OptionValues, positionals };
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (!code?.startsWith("ERR_PARSE_ARGS")) throw err;
    const option = /'(-[^' ]+)/.exec((err as Error).message)?.[1] ?? "";
    const known = Object.keys(options).map((o) => `--${o}`);
    const guess = closest(option, known);
    const hint = `Run grafana-sa ${command.name} --help.`;
    if (code === "ERR_PARSE_ARGS_UNKNOWN_OPTION") throw usageError(`${command.name}: unknown option ${option}.${guess ? ` Did you mean ${guess}?` : ""} ${hint}`);
    if (code === "ERR_PARSE_ARGS_INVALID_OPTION_VALUE") {
      const spec = command.options[option.replace(/^-+/, "")];
      if (spec?.type === "boolean") throw usageError(`${command.name}: ${option} takes no value. ${hint}`);
      throw usageError(`${command.name}: ${option} needs a value${spec?.value ? ` (${spec.value})` : ""}. ${hint}`);
    }
    throw usageError(`${command.name}: ${(err as Error).message} ${hint}`);
  }
}

if (require.main === module) {
  // hcl2json and hclwrite are Go programs compiled to WebAssembly, megabytes of code. A run is
  // short, and V8's optimizing tier spends more time compiling them than it saves: with the
  // baseline compiler only, migrating 10,000 keys takes 2-3 s less. Set before either loads.
  setFlagsFromString("--liftoff-only");
  // TurboFan still optimizes the hot JavaScript, on background threads that share the two
  // cores with the work; without inlining that costs 0.8 s less CPU at 10,000 keys, and the
  // main thread is no slower (bench/, BENCHMARKS.md).
  setFlagsFromString("--no-turbo-inlining");
  main(process.argv.slice(2), {
    cwd: process.cwd(),
    env: process.env,
    isTTY: process.stdout.isTTY,
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
  }).then(async (code) => {
    process.exitCode = code;
    await Promise.all([drained(process.stdout), drained(process.stderr)]);
    // Every byte is out. The worker thread is unref'd when idle, but a call still in flight (the
    // formatter's set-up, started early) would keep the process waiting for nothing.
    process.exit(code);
  });
}

/**
 * Resolves once everything written to `stream` has been handed to the system. A pipe takes
 * 64 KiB at a time and Node queues the rest: exiting earlier cuts output short in `| less` or
 * a CI log.
 */
function drained(stream: NodeJS.WriteStream): Promise<void> {
  return new Promise((resolve) => {
    // EPIPE and the like: the reader is gone (`| head`), nothing more can reach it.
    stream.on("error", () => resolve());
    stream.write("", () => resolve());
  });
}
