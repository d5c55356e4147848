/**
 * What a token needs of its account. A module of its own: service-account.ts makes tokens and
 * service-account-token.ts names the account, so neither can hold it without importing the other.
 */
import type { TerraformMetaArguments } from "cdktf";
import type { ServiceAccountRole } from "../model/role";

/** A Grafana service account, made here or already existing. */
export interface IServiceAccount {
  /** The provider's `id` attribute of the account ("{orgID}:{id}" or "{id}"). */
  readonly serviceAccountId: string;
  /** @default the provider's org */
  readonly orgId?: string;
  /** The account's role, when known; tokens inherit it. */
  readonly role?: ServiceAccountRole;
  /** Meta-arguments handed to the tokens made with `addToken()` (provider alias, for one). */
  readonly tokenDefaults?: TerraformMetaArguments;
}
