// The example app: `npx cdktf synth` (or `--hcl`) runs this file; `npm run synth` writes both forms.
import { App, AppConfig } from "cdktf";
import { CloudLegacyStack, CloudServiceAccountsStack, LegacyKeysStack, ServiceAccountsStack } from "./stacks";

/** Every example stack, by the name it synthesizes under. */
export const EXAMPLE_STACKS = {
  "legacy-keys": LegacyKeysStack,
  "service-accounts": ServiceAccountsStack,
  "cloud-legacy": CloudLegacyStack,
  "cloud-service-accounts": CloudServiceAccountsStack,
} as const;

/** Adds the example stacks to `app`, or to a new App built from `config`. */
export function buildApp(config?: AppConfig, app: App = new App(config)): App {
  for (const [name, Stack] of Object.entries(EXAMPLE_STACKS)) new Stack(app, name);
  return app;
}

if (require.main === module) buildApp().synth();
