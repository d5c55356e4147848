/**
 * The shapes of the CLI's commands: what a command declares (commands/index.ts) and what its
 * handler gets. Types only, so the command files and the table of commands need not import
 * each other to share them.
 */

export interface OptionSpec {
  readonly type: "string" | "boolean";
  readonly short?: string;
  readonly multiple?: boolean;
  /** Placeholder for the value in usage lines. */
  readonly value?: string;
  readonly description: string;
}

export type OptionValues = Record<string, string | boolean | string[] | undefined>;

/** What a handler gets: parsed arguments and where to print. It never exits the process. */
export interface CommandContext {
  readonly positionals: string[];
  readonly values: OptionValues;
  readonly cwd: string;
  readonly env: NodeJS.ProcessEnv;
  readonly stdout: (text: string) => void;
  readonly stderr: (text: string) => void;
  /** Whether stdout may be coloured: a terminal, no NO_COLOR, no --no-color (index.ts decides). */
  readonly color: boolean;
}

export interface CommandHandler {
  /** Returns the exit code of a run that went as planned (0, or 3 for --check); throws ExitError otherwise. */
  run(ctx: CommandContext): Promise<number>;
}

export interface Command {
  readonly name: string;
  readonly summary: string;
  readonly usage: string;
  readonly options: Readonly<Record<string, OptionSpec>>;
  readonly examples: readonly string[];
  readonly load: () => Promise<CommandHandler>;
}
