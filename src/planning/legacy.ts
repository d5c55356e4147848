import { GrafanaValueError, quote } from "../model/errors";
import { API_KEY_ROLES, CLOUD_ONLY_KEY_ROLES, isApiKeyRole } from "../model/role";
import { Ttl } from "../model/ttl";
import { blocks, isObject, TfDocument, TfObject, TfValue } from "../hcl/tf-json";
import { isDynamic, soleExpression } from "../hcl/template";

/** Resource types that hold legacy API keys; provider 3.0 removed all of them. */
export const LEGACY_KEY_TYPES = ["grafana_api_key", "grafana_cloud_stack_api_key"] as const;
export type LegacyKeyType = (typeof LEGACY_KEY_TYPES)[number];

/** An organization-level Grafana Cloud key: not a stack key, and not ours to migrate. */
export const CLOUD_ORG_KEY_TYPE = "grafana_cloud_api_key";

/** Terraform meta-arguments carried from a key to what replaces it. */
export interface MetaArguments {
  readonly count?: TfValue;
  readonly forEach?: TfValue;
  /** Addresses, as written in Terraform JSON ("grafana_api_key.bar"). */
  readonly dependsOn?: string[];
  /** The lifecycle block, without prevent_destroy (which is reported instead). */
  readonly lifecycle?: TfObject;
  /** "grafana.alias" */
  readonly provider?: string;
}

/** Where a definition came from, for messages. */
export interface SourceRef {
  readonly file: string;
  readonly line?: number;
}

/** A declared key the migration cannot carry over: the message leads with file, line and address. */
export interface InvalidKey {
  readonly address: string;
  readonly message: string;
  readonly source: SourceRef;
}

/** One legacy key, as the configuration declares it. Values may be Terraform expressions. */
export interface LegacyKey {
  readonly type: LegacyKeyType;
  /** The resource name in the address. */
  readonly resourceName: string;
  readonly address: string;
  /** The key's `name` argument. */
  readonly name: string;
  /** Viewer | Editor | Admin, or an expression that cannot be checked statically. */
  readonly role: string;
  readonly secondsToLive?: number | string;
  readonly orgId?: string;
  /** stack_slug of a Cloud stack key, or the 1.x cloud_stack_slug. */
  readonly stackSlug?: string;
  /** True for the 1.x form (grafana_api_key with cloud_stack_slug). */
  readonly providerV1CloudForm: boolean;
  readonly meta: MetaArguments;
  readonly preventDestroy: boolean;
  readonly source: SourceRef;
}

/** A key the migration leaves alone, with the reason. */
export interface IgnoredKey {
  readonly address: string;
  readonly reason: string;
  readonly source: SourceRef;
}

const META = new Set(["count", "for_each", "depends_on", "lifecycle", "provider", "provisioner", "connection", "//"]);
const ARGUMENTS: Record<LegacyKeyType, string[]> = {
  grafana_api_key: ["name", "role", "seconds_to_live", "org_id", "cloud_stack_slug"],
  grafana_cloud_stack_api_key: ["name", "role", "seconds_to_live", "stack_slug"],
};

/**
 * Finds the legacy keys of one configuration file. A key the migration cannot carry over
 * faithfully is `invalid`, with a message naming the file, address and fix; the other keys are
 * still read, so one run reports every invalid key.
 */
export function findLegacyKeys(doc: TfDocument, file: string, lineOf: (address: string) => number | undefined = () => undefined): { keys: LegacyKey[]; ignored: IgnoredKey[]; invalid: InvalidKey[] } {
  const keys: LegacyKey[] = [];
  const ignored: IgnoredKey[] = [];
  const invalid: InvalidKey[] = [];
  const resources = isObject(doc.resource) ? doc.resource : {};
  for (const [type, byName] of Object.entries(resources)) {
    if (!isObject(byName)) continue;
    for (const [resourceName, body] of Object.entries(byName)) {
      const address = `${type}.${resourceName}`;
      const source = { file, line: lineOf(address) };
      if (type === CLOUD_ORG_KEY_TYPE) {
        for (const block of blocks(body)) ignored.push({ address, source, reason: cloudOrgKeyReason(address, block) });
        continue;
      }
      if (!(LEGACY_KEY_TYPES as readonly string[]).includes(type)) continue;
      for (const block of blocks(body)) {
        try {
          keys.push(toLegacyKey(type as LegacyKeyType, resourceName, block, source));
        } catch (err) {
          if (!(err instanceof GrafanaValueError)) throw err;
          invalid.push({ address, source, message: err.message });
        }
      }
    }
  }
  return { keys, ignored, invalid };
}

/**
 * What to do about an organization-level Cloud key. Its replacement, an access policy, grants
 * scopes rather than a role, so which scopes its consumers need is a choice the migration
 * cannot make: it says what to create instead of writing it.
 */
function cloudOrgKeyReason(address: string, body: TfObject): string {
  const arg = (name: string) => (typeof body[name] === "string" || typeof body[name] === "number" ? String(body[name]) : "?");
  return (
    `grafana_cloud_api_key is an organization-level Grafana Cloud key, not a stack key: it is left as it is. Provider 3.0 removed it too; replace it by hand: ` +
    `a grafana_cloud_access_policy with realm { type = "org" } for the organization ${arg("cloud_org_slug")} (its ID from the grafana_cloud_organization data source) and the scopes its consumers need (the key, named ${arg("name")}, had role ${arg("role")}: grant no more), ` +
    `and a grafana_cloud_access_policy_token for that policy. Point the consumers of ${address}.key at the token's .token, then take the key out of the configuration (a removed block with destroy = false forgets it) and revoke it in Grafana Cloud once nothing uses it.`
  );
}

function toLegacyKey(type: LegacyKeyType, resourceName: string, body: TfObject, source: SourceRef): LegacyKey {
  const address = `${type}.${resourceName}`;
  const where = `${source.file}${source.line ? `:${source.line}` : ""}: ${address}`;
  const fail = (msg: string) => {
    throw new GrafanaValueError(`${where}: ${msg}`);
  };
  for (const attr of Object.keys(body)) {
    if (!META.has(attr) && !ARGUMENTS[type].includes(attr)) {
      fail(`unknown argument ${quote(attr)} on ${type}; it accepts ${ARGUMENTS[type].join(", ")}. Remove or fix it, then run the migration again.`);
    }
  }
  if (body.provisioner !== undefined || body.connection !== undefined) fail("provisioners cannot be carried over to a token. Move them to a terraform_data resource first.");
  const name = stringArg(body, "name", fail, true) as string;
  const role = stringArg(body, "role", fail, true) as string;
  if (!isDynamic(role) && !isApiKeyRole(role)) {
    const cloud = CLOUD_ONLY_KEY_ROLES.find((r) => r.toLowerCase() === role.toLowerCase());
    if (cloud) {
      fail(
        `role ${quote(role)} is a Grafana Cloud API key role: such a key belongs to a Grafana Cloud access policy (grafana_cloud_access_policy with a grafana_cloud_access_policy_token), not to a stack service account. Replace it with an access policy that has only the scopes its consumers need, and take it out of these inputs; or, if it really is a stack key, give it one of ${API_KEY_ROLES.join(", ")}.`,
      );
    }
    const fix = API_KEY_ROLES.find((r) => r.toLowerCase() === role.toLowerCase());
    fail(`role ${quote(role)} is not an API key role; use one of ${API_KEY_ROLES.join(", ")}${fix ? ` (roles are case-sensitive: "${fix}")` : ""}.`);
  }
  const secondsToLive = body.seconds_to_live;
  if (secondsToLive !== undefined && !isDynamic(secondsToLive)) {
    const seconds = typeof secondsToLive === "string" ? Number(secondsToLive) : secondsToLive;
    if (typeof seconds !== "number" || !Number.isSafeInteger(seconds) || seconds < 0) fail(`seconds_to_live ${quote(secondsToLive)} is not a whole number of seconds.`);
  }
  const stackSlug = type === "grafana_cloud_stack_api_key" ? stringArg(body, "stack_slug", fail, true) : stringArg(body, "cloud_stack_slug", fail, false);
  const lifecycle = blocks(body.lifecycle)[0];
  const { prevent_destroy: preventDestroy, ...restLifecycle } = lifecycle ?? {};
  // hcl2json writes these as "${name}"; Terraform JSON wants bare names and addresses there.
  for (const attr of ["ignore_changes", "replace_triggered_by"]) if (restLifecycle[attr] !== undefined) restLifecycle[attr] = bareReferences(restLifecycle[attr]);
  return {
    type,
    resourceName,
    address,
    name,
    role,
    // seconds_to_live = "30" is a number to Terraform; the token's attribute is a number too.
    secondsToLive: secondsToLive === undefined ? undefined : typeof secondsToLive === "string" && !isDynamic(secondsToLive) ? Number(secondsToLive) : (secondsToLive as number | string),
    orgId: stringArg(body, "org_id", fail, false),
    stackSlug,
    providerV1CloudForm: type === "grafana_api_key" && stackSlug !== undefined,
    meta: {
      count: body.count,
      forEach: body.for_each,
      dependsOn: body.depends_on === undefined ? undefined : referenceList(body.depends_on, fail),
      lifecycle: Object.keys(restLifecycle).length > 0 ? restLifecycle : undefined,
      provider: body.provider === undefined ? undefined : bareReference(body.provider, fail),
    },
    preventDestroy: preventDestroy === true || preventDestroy === "true",
    source,
  };
}

function stringArg(body: TfObject, attr: string, fail: (m: string) => never, required: boolean): string | undefined {
  const value = body[attr];
  if (value === undefined || value === null) {
    if (required) fail(`the required argument ${quote(attr)} is missing.`);
    return undefined;
  }
  if (typeof value === "number") return String(value);
  if (typeof value !== "string") fail(`${attr} must be a string, got ${quote(JSON.stringify(value))}.`);
  return value as string;
}

/** "${grafana.x}" (hcl2json) or "grafana.x" (Terraform JSON) to "grafana.x". */
function bareReference(value: TfValue, fail: (m: string) => never): string {
  if (typeof value !== "string") fail(`expected a reference, got ${quote(JSON.stringify(value))}.`);
  return soleExpression(value) ?? (value as string);
}

/** `"${x}"` to `"x"`, in a string or a list of them; `all` and bare values pass as they are. */
function bareReferences(value: TfValue): TfValue {
  if (Array.isArray(value)) return value.map(bareReferences);
  return soleExpression(value) ?? value;
}

function referenceList(value: TfValue, fail: (m: string) => never): string[] {
  if (!Array.isArray(value)) fail("depends_on must be a list of references.");
  return (value as TfValue[]).map((v) => bareReference(v, fail));
}

/** A key described in TypeScript rather than found in a configuration. */
export interface LegacyKeyDefinition {
  readonly name: string;
  readonly role: string;
  readonly ttl?: Ttl | string;
  readonly secondsToLive?: number;
  readonly orgId?: string;
  /** A Cloud stack key (grafana_cloud_stack_api_key). */
  readonly stackSlug?: string;
  /** "grafana.alias" */
  readonly provider?: string;
  /** The key's Terraform address. @default grafana_api_key.<name>, or the Cloud type */
  readonly address?: string;
}

/** Turns TypeScript definitions into the configuration they stand for. */
export function definitionsToDocument(definitions: LegacyKeyDefinition[], file = "<definitions>"): TfDocument {
  const resource: Record<string, Record<string, TfObject>> = {};
  definitions.forEach((def, index) => {
    const where = `${file}[${index}] (${quote(def?.name)})`;
    if (!isObject(def)) throw new GrafanaValueError(`${file}[${index}]: expected an object like { name, role, ttl }.`);
    if (def.ttl !== undefined && def.secondsToLive !== undefined) throw new GrafanaValueError(`${where}: set either ttl or secondsToLive, not both.`);
    let seconds: number | undefined = def.secondsToLive;
    if (def.ttl !== undefined) {
      try {
        seconds = Ttl.from(def.ttl).toSeconds();
      } catch (err) {
        throw new GrafanaValueError(`${where}: ${(err as Error).message}`);
      }
    }
    const type: LegacyKeyType = def.stackSlug !== undefined ? "grafana_cloud_stack_api_key" : "grafana_api_key";
    const [addrType, addrName] = (def.address ?? `${type}.${toIdentifier(def.name)}`).split(".");
    if (addrType !== type || !addrName) throw new GrafanaValueError(`${where}: address ${quote(def.address)} must look like "${type}.<name>".`);
    const body: TfObject = { name: def.name, role: def.role };
    if (seconds !== undefined) body.seconds_to_live = seconds;
    if (def.orgId !== undefined) body.org_id = def.orgId;
    if (def.stackSlug !== undefined) body.stack_slug = def.stackSlug;
    if (def.provider !== undefined) body.provider = def.provider;
    resource[type] = resource[type] ?? {};
    if (resource[type][addrName]) throw new GrafanaValueError(`${where}: two definitions share the address ${type}.${addrName}; give one an explicit address.`);
    resource[type][addrName] = body;
  });
  return { resource };
}

/** A Terraform identifier made from a free-form name. */
export function toIdentifier(name: string): string {
  const id = String(name).replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(id) ? id : `_${id}`;
}
