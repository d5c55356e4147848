/** The generated file's text, rendered from plain config blocks (no cdktf) and formatted by hclwrite. */
import { ConfigBlock, toHcl, toTerraformJson } from "../planning/config-blocks";
import type { Format } from "./layout";

export async function renderGenerated(blocks: readonly ConfigBlock[], format: Format): Promise<{ hcl: string; json: string }> {
  const json = format === "hcl" ? "" : `${JSON.stringify(toTerraformJson(blocks), null, 2)}\n`;
  if (format === "json") return { hcl: "", json };
  // Loaded only here: the formatter's WebAssembly set-up costs about 0.3 s.
  const { formatHcl } = await import("../synth/format");
  return { hcl: await formatHcl(toHcl(blocks)), json };
}
