// The hub's import boundaries (issue 23): .dependency-cruiser.cjs states them (module public faces, infra below
// the features, no circles with type-only imports counted); this runs dependency-cruiser over src/ through its API,
// so that `npm test` fails on a new offending edge and names it.
import path from "node:path";

const ROOT = path.resolve(__dirname, "../..");

interface Violation {
  from: string;
  to: string;
  rule: { name: string; severity: string };
  cycle?: Array<{ name: string } | string>;
}

// dependency-cruiser is an ES module; swc compiles this file to CommonJS, which would turn `import()` into require.
const importEsm = new Function("specifier", "return import(specifier)") as (specifier: string) => Promise<any>;

async function cruiseSrc(): Promise<{ violations: Violation[]; modules: number }> {
  const { cruise } = await importEsm("dependency-cruiser");
  const { default: extractDepcruiseOptions } = await importEsm("dependency-cruiser/config-utl/extract-depcruise-options");
  const { default: extractTSConfig } = await importEsm("dependency-cruiser/config-utl/extract-ts-config");
  const cwd = process.cwd();
  process.chdir(ROOT); // the config's paths (src/…, tsconfig.json) are the project's
  try {
    const options = await extractDepcruiseOptions(path.join(ROOT, ".dependency-cruiser.cjs"));
    const result = await cruise(["src"], { ...options, validate: true }, {}, { tsConfig: extractTSConfig(path.join(ROOT, "tsconfig.json")) });
    return { violations: result.output.summary.violations as Violation[], modules: result.output.summary.totalCruised as number };
  } finally {
    process.chdir(cwd);
  }
}

const describeEdge = (v: Violation) =>
  v.cycle?.length ? `${v.rule.name}: ${v.from} -> ${v.cycle.map((c) => (typeof c === "string" ? c : c.name)).join(" -> ")}` : `${v.rule.name}: ${v.from} -> ${v.to}`;

test("no import crosses the hub's boundaries (.dependency-cruiser.cjs), apart from the listed exceptions", async () => {
  const { violations, modules } = await cruiseSrc();
  expect(modules).toBeGreaterThan(200); // it did read src/
  const offending = violations.filter((v) => v.rule.severity === "error").map(describeEdge);
  expect(offending).toEqual([]);
}, 120_000);
