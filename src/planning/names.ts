import { GrafanaValueError, quote } from "../model/errors";

export interface NameValues {
  readonly name: string;
  readonly role: string;
  readonly org?: string;
  readonly stack?: string;
}

const PLACEHOLDER = /\{(name|role|org|stack)\}/g;

/** Fills a name template; a placeholder with no value is an error naming the template. */
export function renderName(template: string, values: NameValues, what: string): string {
  const unknown = /\{(?!name\}|role\}|org\}|stack\})[^}]*\}/.exec(template.replace(/\$\{[^}]*\}/g, ""));
  if (unknown) throw new GrafanaValueError(`The ${what} template ${quote(template)} has an unknown placeholder ${unknown[0]}; use {name}, {role}, {org} or {stack}.`);
  return template.replace(PLACEHOLDER, (_, key: keyof NameValues) => {
    const value = key === "role" ? values.role.toLowerCase() : values[key];
    if (value === undefined) throw new GrafanaValueError(`The ${what} template ${quote(template)} uses {${key}}, which key ${quote(values.name)} does not have.`);
    return value;
  });
}
