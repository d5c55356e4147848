/** How paths and failed fs calls read in messages, and how paths relate; for reading and writing alike. */
import { dirname, isAbsolute, relative, sep } from "path";

/** Why an fs call failed, in words (the common codes), or the error's message. */
export function reason(err: unknown): string {
  const code = (err as { code?: string }).code;
  const known: Record<string, string> = { ENOENT: "no such file or directory", EACCES: "permission denied", ENOTDIR: "not a directory", EISDIR: "is a directory", ELOOP: "too many levels of symbolic links" };
  return (code && known[code]) ?? (err as Error).message;
}

/** Whether `path` is strictly inside `dir`. */
export function isInside(path: string, dir: string): boolean {
  const rel = relative(dir, path);
  return rel !== "" && !rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel);
}

/** The deepest directory holding all of `dirs`. */
export function commonDir(dirs: string[]): string {
  return dirs.reduce((common, dir) => {
    while (common !== dir && !isInside(dir, common)) common = dirname(common);
    return common;
  });
}

/** `abs` relative to `cwd` when it is under it, else absolute. */
export function shown(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel === "" ? "." : rel.startsWith("..") ? abs : rel;
}
