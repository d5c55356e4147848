// Public API of cdktf-grafana-service-accounts.
// First: it decides whether "cdktf" means cdktf or CDK Terrain (cdktn) for everything below.
export { CDK_MODULE } from "./cdk-runtime";
export * from "./model/errors";
export * from "./model/role";
export * from "./model/ttl";
export * from "./constructs/lifetime";
export * from "./constructs/api-key";
export * from "./constructs/service-account";
export * from "./constructs/service-account-ref";
export * from "./constructs/service-account-token";
export * from "./constructs/cloud-stack-service-account";
export * from "./constructs/outputs";
/** The generated L1 bindings, for what the constructs do not cover. */
export * as grafana from "./gen/providers/grafana";
export * from "./constructs/removed";
export * from "./constructs/migration-stack";
export * from "./planning/plan";
export { ENGINES, engineFromLock } from "./planning/engine";
export type { Engine } from "./planning/engine";
export { planMigration } from "./planning/plan-migration";
export { definitionsToDocument, LegacyKeyDefinition, LEGACY_KEY_TYPES } from "./planning/legacy";
export * from "./constructs/revert-stack";
export { planRevert, RevertPlan, RevertOptions, RevertedToken } from "./planning/plan-revert";
export * from "./constructs/aspects/no-legacy-api-keys";
export * from "./constructs/tree-input";
export * from "./constructs/migrate-legacy-keys";
