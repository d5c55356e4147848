/**
 * HashiCorp's own tools, compiled to WebAssembly: hcl2json's `parse` (@cdktf/hcl2json) and
 * hclwrite's `format` (@cdktf/hcl-tools). The only module that loads them. Each is loaded on
 * first use, since each set-up costs about 0.3 s; the CLI's worker thread calls the same
 * functions, so the tools read text the same way in either thread.
 */

/** Reads HCL as hcl2json does: Terraform JSON's shape, or hcl2json's error. */
export type ParseTool = (file: string, text: string) => Promise<Record<string, unknown>>;

/** Formats HCL as hclwrite (`terraform fmt`) does. */
export type FormatTool = (text: string) => Promise<string>;

export const hcl2json: ParseTool = async (file, text) => (await import("@cdktf/hcl2json")).parse(file, text);

export const hclwrite: FormatTool = async (text) => (await import("@cdktf/hcl-tools")).format(text);

/** Starts hcl2json's set-up, for a caller that parses later. */
export async function prepareHcl2json(): Promise<void> {
  await import("@cdktf/hcl2json");
}

/** Starts hclwrite's set-up, for a caller that formats later. */
export async function prepareHclwrite(): Promise<void> {
  await import("@cdktf/hcl-tools");
}
