/** Runs `fn` and returns what it threw; fails the test when it throws nothing. */
export function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (err) {
    if (err instanceof Error) return err;
    throw new Error(`expected an Error, got ${String(err)}`);
  }
  throw new Error("expected an error, but nothing was thrown");
}

/** The message of the error `fn` throws, which must be a `kind`. */
export function messageOf(fn: () => unknown, kind: new (...args: any[]) => Error): string {
  const err = thrown(fn);
  expect(err).toBeInstanceOf(kind);
  return err.message;
}
