/** grafana-sa help [topic]: prints help/cli/<topic>.txt. */
import type { CommandContext } from "../command-types";
import { HELP_TOPICS } from "../help-topics";
import { EXIT, usageError } from "../errors";
import { readHelp } from "../help-text";

export async function run(ctx: CommandContext): Promise<number> {
  if (ctx.positionals.length > 1) throw usageError("help takes one topic. Run grafana-sa help.");
  const topic = ctx.positionals[0] ?? "overview";
  const name = topic === "help" ? "overview" : topic;
  if (!(HELP_TOPICS as readonly string[]).includes(name)) throw usageError(`no help topic "${topic}". Topics: ${HELP_TOPICS.join(", ")}.`);
  ctx.stdout(readHelp(name));
  return EXIT.ok;
}
