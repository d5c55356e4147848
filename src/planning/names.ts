import { GrafanaValueError, quote } from "../model/errors";

export interface NameValues {
  readonly name: string;
  readonly role: string;
  readonly org?: string;
  readonly stack?: string;
}

const PLACEHOLDER = /\{(name|role|org|stack)\}/g;

/** Why a token may not be named like its key. */
export const SAME_NAME_REASON =
  'Grafana keeps keys and tokens in one table, unique per org and name, and the key still exists, so Terraform would fail to create it. Choose a token name template that differs, such as "{name}-token".';

function unknownPlaceholder(template: string): string | undefined {
  const unknown = /\{(?!name\}|role\}|org\}|stack\})[^}]*\}/.exec(template.replace(/\$\{[^}]*\}/g, ""));
  return unknown ? `has an unknown placeholder ${unknown[0]}; use {name}, {role}, {org} or {stack}.` : undefined;
}

/**
 * What is wrong with a template whatever key it names ("has an unknown placeholder ..."), or
 * undefined. Checked once before planning, so a bad template is one error, not one per key.
 */
export function templateProblem(template: string, of: "account" | "token"): string | undefined {
  if (of === "token" && template === "{name}") return `gives every token its key's name. ${SAME_NAME_REASON}`;
  return unknownPlaceholder(template);
}

/** Fills a name template; a placeholder with no value is an error naming the template. */
export function renderName(template: string, values: NameValues, what: string): string {
  const unknown = unknownPlaceholder(template);
  if (unknown) throw new GrafanaValueError(`The ${what} template ${quote(template)} ${unknown}`);
  return template.replace(PLACEHOLDER, (_, key: keyof NameValues) => {
    const value = key === "role" ? values.role.toLowerCase() : values[key];
    if (value === undefined) throw new GrafanaValueError(`The ${what} template ${quote(template)} uses {${key}}, which key ${quote(values.name)} does not have.`);
    return value;
  });
}
