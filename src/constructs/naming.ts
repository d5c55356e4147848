import { TerraformElement, TerraformProvider, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";

/**
 * Names Grafana keeps unique. API keys and service account tokens live in one table with a
 * unique (org, name) index, so a key and a token may not share a name in one org.
 */
export type NameKind = "credential" | "service account";

interface Claim {
  readonly kind: NameKind;
  readonly where: string;
  readonly name: string;
  /** The claiming construct; its path is only worked out for an error message. */
  readonly scope: IConstruct;
}

const registries = new WeakMap<TerraformStack, Claim[]>();

/** Above zero while `withoutNameClaims` runs. */
let unclaimed = 0;

/**
 * Builds constructs whose names are not recorded for the duplicate check, for names checked
 * elsewhere: a migration plan checks them per provider alias, which this check cannot see.
 */
export function withoutNameClaims<T>(build: () => T): T {
  unclaimed++;
  try {
    return build();
  } finally {
    unclaimed--;
  }
}

/**
 * Records a name for the duplicate check. The check runs once per stack at synth, so names
 * of constructs added later still count. Unresolved names cannot be checked and are skipped.
 */
export function claimName(scope: Construct, claim: { kind: NameKind; name: string; org?: string; stackSlug?: string; provider?: TerraformProvider }): void {
  if (unclaimed > 0 || Token.isUnresolved(claim.name) || Token.isUnresolved(claim.org) || Token.isUnresolved(claim.stackSlug)) return;
  const stack = TerraformStack.of(scope);
  let claims = registries.get(stack);
  if (!claims) {
    const list: Claim[] = [];
    registries.set(stack, list);
    stack.node.addValidation({ validate: () => duplicateErrors(list) });
    claims = list;
  }
  const target = claim.stackSlug !== undefined ? `Cloud stack "${claim.stackSlug}"` : claim.org !== undefined ? `org ${claim.org}` : "the provider's default org";
  // A provider passed without an alias is the default provider: same place as none at all.
  const provider = claim.provider?.alias ? ` via provider ${claim.provider.fqn}` : "";
  claims.push({ kind: claim.kind, where: `${target}${provider}`, name: claim.name, scope });
}

function duplicateErrors(claims: Claim[]): string[] {
  const first = new Map<string, Claim>();
  const errors: string[] = [];
  for (const claim of claims) {
    const key = JSON.stringify([claim.kind, claim.where, claim.name]);
    const earlier = first.get(key);
    if (!earlier) {
      first.set(key, claim);
      continue;
    }
    const what = claim.kind === "credential" ? "API key or token" : "service account";
    errors.push(
      `GRAFANA-DUPLICATE-NAME: ${earlier.scope.node.path} and ${claim.scope.node.path} both create the ${what} named "${claim.name}" in ${claim.where}. Grafana refuses the second one: give each a unique name.`,
    );
  }
  return errors;
}

/**
 * Gives a generated element the logical ID a person would write: the construct path below
 * the stack, joined with "_" ("admin/bar" becomes "admin_bar"), without cdktf's hash suffix.
 */
export function useReadableLogicalId(element: TerraformElement, owner: IConstruct): void {
  const stack = TerraformStack.of(owner);
  // The ids from below the stack down to the owner, walked up from the owner.
  let below = "";
  for (let c: IConstruct | undefined = owner; c !== undefined && c !== stack; c = c.node.scope) below = below === "" ? c.node.id : `${c.node.id}_${below}`;
  element.overrideLogicalId(below.replace(/[^A-Za-z0-9_-]/g, "_").replace(/^([^A-Za-z_])/, "_$1"));
  if (!addressChecked.has(stack)) {
    addressChecked.add(stack);
    stack.node.addValidation({ validate: () => addressCollisions(stack) });
  }
}

const addressChecked = new WeakSet<TerraformStack>();

/**
 * Without cdktf's hash suffix two paths can give one address ("a/b" and "a_b" both give
 * "a_b"); Terraform JSON would silently keep only one of the two resources.
 */
function addressCollisions(stack: TerraformStack): string[] {
  // Constructs, not paths: a path is only worked out for an error message.
  const first = new Map<string, IConstruct>();
  const errors: string[] = [];
  for (const c of stack.node.findAll()) {
    if (!TerraformResource.isTerraformResource(c)) continue;
    const address = `${c.terraformResourceType}.${c.friendlyUniqueId}`;
    const earlier = first.get(address);
    if (earlier === undefined) first.set(address, c);
    else errors.push(`GRAFANA-DUPLICATE-ADDRESS: ${earlier.node.path} and ${c.node.path} both synthesize as ${address}, so one would overwrite the other. Give one of them another construct id.`);
  }
  return errors;
}
