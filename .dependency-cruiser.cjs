/**
 * The hub's boundaries (issue 23, item 2), checked inside `npm test` by test/unit/boundaries.test.ts:
 * - a module's public face is its index.ts: no module imports another module's other files;
 * - src/infra is the layer below the features: it imports no module and no request context;
 * - no import circles, type-only imports included (tsPreCompilationDeps).
 * Allowed exceptions, with their reasons, are `knownViolations` below; nothing else may break a rule.
 */

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "no-circular",
      severity: "error",
      comment: "An import circle (type-only imports count): the files in it can only be understood, loaded and changed together.",
      from: { path: "^src/" },
      to: { circular: true },
    },
    {
      name: "infra-imports-no-feature",
      severity: "error",
      comment: "src/infra is below the modules: it may not import a module or the request context (the feature layer).",
      from: { path: "^src/infra/" },
      to: { path: "^src/(modules|context)/" },
    },
    {
      name: "module-public-face",
      severity: "error",
      comment: "A module is used through its index.ts only: reach the public face, not another module's files.",
      from: { path: "^src/modules/([^/]+)/" },
      to: { path: "^src/modules/[^/]+/", pathNot: ["^src/modules/$1/", "^src/modules/[^/]+/index\\.ts$"] },
    },
  ],
  options: {
    /**
     * Allowed exceptions, each an edge (from, to, rule), made by `npx depcruise-baseline src --config
     * .dependency-cruiser.cjs --output-to .dependency-cruiser-known-violations.json`. Reason: they are the deep
     * imports between modules that were there when the rule came (issue 23: 277 edges, none of them in a circle).
     * Each module's index.ts is to take them over module by module; the list may only shrink: regenerate it after
     * removing some, never to let a new one in. Circles and infra → module/context edges have no exception.
     */
    knownViolations: require("./.dependency-cruiser-known-violations.json"),
    doNotFollow: { path: "node_modules" },
    exclude: { path: ["^src/generated/", "\\.test\\.ts$"] },
    includeOnly: "^src/",
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: { extensions: [".ts", ".js", ".json"] },
    moduleSystems: ["cjs", "es6"],
  },
};
