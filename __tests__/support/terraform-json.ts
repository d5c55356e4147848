/**
 * Terraform JSON helpers: comparing it with HCL parsed by hcl2json, and looking for secrets.
 */
/** Arguments that hold a credential. */
const CREDENTIAL_ARGUMENTS = new Set(["auth", "cloud_api_key", "cloud_access_policy_token", "key", "token", "password", "tls_key", "http_headers", "sm_access_token", "oncall_access_token"]);

/**
 * Literal credentials in a configuration. References ("${var.x}") are fine; the only
 * literal allowed is the provider's basic auth "admin:admin", the docs' own example.
 */
export function secretFindings(config: any): string[] {
  const findings: string[] = [];
  const visit = (value: unknown, where: string, key: string): void => {
    if (typeof value === "string") {
      if (CREDENTIAL_ARGUMENTS.has(key) && !value.includes("${") && !(key === "auth" && value === "admin:admin")) findings.push(`${where}: literal credential`);
      return;
    }
    if (Array.isArray(value)) value.forEach((v, i) => visit(v, `${where}[${i}]`, key));
    else if (value && typeof value === "object") for (const [k, v] of Object.entries(value)) if (k !== "//") visit(v, `${where}.${k}`, CREDENTIAL_ARGUMENTS.has(key) ? key : k);
  };
  // Variables are declarations, not arguments: only a default could hold a secret.
  for (const [section, body] of Object.entries<any>(config)) if (section !== "variable" && section !== "//") visit(body, section, section);
  for (const [id, variable] of Object.entries<any>(config.variable ?? {})) {
    if ("default" in variable && (variable.sensitive || CREDENTIAL_ARGUMENTS.has(id))) findings.push(`variable.${id}: a secret variable has a default`);
  }
  for (const [id, output] of Object.entries<any>(config.output ?? {})) {
    if (/\.key\}$/.test(String(output.value)) && output.sensitive !== true) findings.push(`output.${id}: a key output is not sensitive`);
  }
  return findings;
}

/** Drops cdktf's "//" metadata, at any depth. */
function dropMetadata(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(dropMetadata);
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).filter(([k]) => k !== "//").map(([k, v]) => [k, dropMetadata(v)]));
  }
  return value;
}

/** hcl2json wraps each block in a one-element array; JSON usually does not. Unwrap on both sides. */
function unwrapBlocks(value: unknown): unknown {
  if (Array.isArray(value)) {
    if (value.length === 1 && value[0] && typeof value[0] === "object" && !Array.isArray(value[0])) return unwrapBlocks(value[0]);
    return value.map(unwrapBlocks);
  }
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, unwrapBlocks(v)]));
  return value;
}

const asReference = (value: unknown): unknown => (typeof value === "string" && !value.startsWith("${") ? `\${${value}}` : value);

/**
 * Terraform JSON in hcl2json's terms: the meta-arguments JSON writes as plain strings
 * (provider, depends_on, removed/moved `from`, a variable's type) are expressions in HCL,
 * which hcl2json returns as "${...}".
 */
export function normalizeJson(config: any): unknown {
  const c: any = dropMetadata(config);
  for (const kind of ["resource", "data"]) {
    for (const instances of Object.values<any>(c[kind] ?? {})) {
      for (const body of Object.values<any>(instances)) {
        if ("provider" in body) body.provider = asReference(body.provider);
        if (Array.isArray(body.depends_on)) body.depends_on = body.depends_on.map(asReference);
      }
    }
  }
  for (const variable of Object.values<any>(c.variable ?? {})) if ("type" in variable) variable.type = asReference(variable.type);
  for (const block of ["removed", "moved"]) for (const entry of c[block] ?? []) for (const k of ["from", "to"]) if (k in entry) entry[k] = asReference(entry[k]);
  return unwrapBlocks(c);
}

export function normalizeParsedHcl(parsed: unknown): unknown {
  return unwrapBlocks(parsed);
}
