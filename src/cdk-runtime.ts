/**
 * cdktf or CDK Terrain (cdktn, its maintained fork since cdktf was archived): the library and
 * its generated bindings import "cdktf". In an app that has cdktn and no cdktf, those imports
 * resolve to cdktn, so the app's constructs and the library's are one copy (cdktn keeps cdktf's
 * construct markers, but tokens and instanceof checks want one copy). Only requests from this
 * package's own files are redirected; the app's own imports are left alone.
 */
import Module = require("module");
import { sep } from "path";
import { packageRoot } from "./report/package-info";

const resolvable = (name: string): boolean => {
  try {
    require.resolve(name);
    return true;
  } catch {
    return false;
  }
};

/** Which construct library this process uses: "cdktf" when installed, else "cdktn". */
export const CDK_MODULE: "cdktf" | "cdktn" = resolvable("cdktf") ? "cdktf" : "cdktn";

if (CDK_MODULE === "cdktn") {
  const PACKAGE_DIR = packageRoot() + sep;
  if (!resolvable("cdktn")) throw new Error("cdktf-grafana-service-accounts needs cdktf 0.21 or CDK Terrain (cdktn): install one of them in your app (npm install cdktf@0.21.0, or npm install cdktn).");
  type Resolve = (request: string, parent: { filename?: string } | undefined, ...rest: unknown[]) => string;
  const host = Module as unknown as { _resolveFilename: Resolve };
  const resolve = host._resolveFilename;
  host._resolveFilename = function (request, parent, ...rest) {
    const ours = parent?.filename?.startsWith(PACKAGE_DIR) === true && !parent.filename.includes(`${sep}node_modules${sep}`, PACKAGE_DIR.length);
    const redirected = ours && (request === "cdktf" || request.startsWith("cdktf/")) ? `cdktn${request.slice("cdktf".length)}` : request;
    return resolve.call(this, redirected, parent, ...rest);
  };
}
