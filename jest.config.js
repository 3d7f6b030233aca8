// swc ignores tsconfig, so decorators and commonjs are set here (PLATFORM-NOTES.md).
/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: "node",
  roots: ["<rootDir>/src", "<rootDir>/test"],
  testMatch: ["**/*.test.ts"],
  transform: {
    "^.+\\.ts$": [
      "@swc/jest",
      {
        jsc: {
          parser: { syntax: "typescript", decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: "es2022",
        },
        module: { type: "commonjs" },
      },
    ],
  },
  maxWorkers: 2,
  // Every test file loads the app afresh (schema, Prisma, PGlite) and jest's worker keeps much of it reachable: over
  // the embedded suite each worker grew to 4.8 GB, and V8's garbage collector, marking that heap again and again,
  // spent about half the suite's CPU. A worker whose heap is past this after a file is replaced by a fresh one.
  workerIdleMemoryLimit: "512MB",
  // The embedded suite's hubs start from one migrated database made here (test/support/global-setup.ts).
  globalSetup: "<rootDir>/test/support/global-setup.ts",
  globalTeardown: "<rootDir>/test/support/global-teardown.ts",
  testTimeout: 60000,
};
