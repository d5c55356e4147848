/**
 * Waits for every write, then fails with the first failure: a caller that removes a directory
 * on failure must not do it while other writes into it are still going. Its own module: both
 * write-outputs.ts and worker.ts use it, and read-inputs.ts loads the worker lazily.
 */
export async function settleAll(writes: readonly Promise<unknown>[]): Promise<void> {
  const failed = (await Promise.allSettled(writes)).find((r) => r.status === "rejected");
  if (failed) throw failed.reason;
}
