/** End-to-end tier (npm run test:e2e): terraform, the provider double and real releases; see e2e/README.md. */
module.exports = {
  preset: "ts-jest",
  testEnvironment: "node",
  roots: ["<rootDir>/e2e"],
  testMatch: ["**/*.e2e.test.ts"],
  transform: { "^.+\\.ts$": ["ts-jest", { isolatedModules: true }] },
  globalSetup: "<rootDir>/e2e/support/global-setup.ts",
  setupFilesAfterEnv: ["<rootDir>/__tests__/setup.ts"],
  testTimeout: 600000,
  maxWorkers: 1,
};
