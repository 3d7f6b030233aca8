// Bundles the explorer (GraphiQL), the dashboard (ECharts) and the workbench into dist/web with esbuild, so the hub serves
// every byte itself (no CDN: it must work on a closed network). Part of `npm run build`.
const fs = require("node:fs");
const path = require("node:path");
const esbuild = require("esbuild");

const root = path.join(__dirname, "..");
const client = path.join(root, "src", "modules", "web", "client");
const outdir = path.join(root, "dist", "web");

// The operations files the pages themselves import (web.graphql, workbench*.graphql, …): how the pages talk to the
// API, not examples for an analyst, so the explorer does not offer them.
function pageOperationFiles() {
  const files = new Set();
  for (const f of fs.readdirSync(client)) {
    if (!/\.(js|jsx)$/.test(f)) continue;
    for (const m of fs.readFileSync(path.join(client, f), "utf8").matchAll(/from\s+["'][./]*schema\/operations\/([\w-]+\.graphql)["']/g)) files.add(m[1]);
  }
  return files;
}

// schema/operations/*.graphql but the pages' own, offered in the explorer's 示例查询 panel as the core operations.
const coreOperations = {
  name: "core-operations",
  setup(build) {
    build.onResolve({ filter: /core-operations\.generated\.js$/ }, () => ({ path: "core-operations", namespace: "core-operations" }));
    build.onLoad({ filter: /.*/, namespace: "core-operations" }, () => {
      const dir = path.join(root, "schema", "operations");
      const pageFiles = pageOperationFiles();
      const ops = fs
        .readdirSync(dir)
        .filter((f) => f.endsWith(".graphql") && !pageFiles.has(f))
        .sort()
        .map((f) => {
          const query = fs.readFileSync(path.join(dir, f), "utf8");
          const names = [...query.matchAll(/^\s*(query|mutation|subscription)\s+(\w+)/gm)].map((m) => m[2]);
          return { title: f, description: names.join("、"), query, variables: "{}" };
        });
      return { contents: `export const CORE_OPERATIONS = ${JSON.stringify(ops)};`, loader: "js" };
    });
  },
};

async function main() {
  const started = Date.now();
  fs.rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: {
      explorer: path.join(client, "explorer.jsx"),
      dashboard: path.join(client, "dashboard.js"),
      workbench: path.join(client, "workbench.js"),
      // The pages for joining the programme: /join (apply) and /review (ADMIN).
      join: path.join(client, "join.js"),
      review: path.join(client, "review.js"),
    },
    outdir,
    bundle: true,
    minify: true,
    format: "iife",
    platform: "browser",
    target: ["chrome100", "firefox100", "safari15", "edge100"],
    jsx: "automatic",
    define: { "process.env.NODE_ENV": '"production"', global: "globalThis" },
    loader: { ".graphql": "text", ".woff": "file", ".woff2": "file", ".ttf": "file", ".eot": "file", ".svg": "dataurl", ".png": "dataurl", ".gif": "dataurl" },
    assetNames: "[name]-[hash]",
    legalComments: "linked",
    logLevel: "warning",
    metafile: true,
    plugins: [coreOperations],
  });
  const sizes = Object.entries(result.metafile.outputs)
    .filter(([file]) => /\.(js|css)$/.test(file))
    .map(([file, out]) => `${path.basename(file)} ${(out.bytes / 1024).toFixed(0)} KiB`);
  console.log(`web assets → ${path.relative(root, outdir)} (${sizes.join(", ")}) in ${Date.now() - started} ms`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
