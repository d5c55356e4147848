export * from "./legacy-keys";
export * from "./service-accounts";
export * from "./cloud-stack";
