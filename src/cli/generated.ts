/** The generated file's text, rendered from plain config blocks (no cdktf) and formatted by hclwrite. */
import { ConfigBlock, toTerraformJson } from "../hcl/config-blocks";
import { formatBlocks } from "../hcl/format-blocks";
import type { Format } from "./layout";

export async function renderGenerated(blocks: Iterable<ConfigBlock>, format: Format): Promise<{ hcl: string; json: string }> {
  // One form reads the blocks as they come; both need them twice.
  const all = format === "both" ? [...blocks] : blocks;
  const json = format === "hcl" ? "" : `${JSON.stringify(toTerraformJson(all), null, 2)}\n`;
  return { hcl: format === "json" ? "" : await formatBlocks(all, await workerFormatter()), json };
}

let formatter: ((text: string) => Promise<string>) | undefined;

/** The CLI's formatter: hclwrite in the worker thread, memoized per block shape for the process. */
async function workerFormatter(): Promise<(text: string) => Promise<string>> {
  if (!formatter) {
    const [{ hclFormatter }, { workerFormat }] = await Promise.all([import("../hcl/format"), import("./worker")]);
    formatter = hclFormatter(workerFormat);
  }
  return formatter;
}
