/** Help topics, each a file help/cli/<topic>.txt. Apart from commands/index.ts, which loads the help command lazily. */
export const HELP_TOPICS = ["overview", "migrate", "verify", "finish", "inspect", "revert", "exit-codes", "templates", "safety"] as const;
