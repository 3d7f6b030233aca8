import fs from "node:fs";
import v8 from "node:v8";

/** What Prisma's generated client gives its engine to load the query compiler (generated/prisma/internal/class.ts). */
interface CompilerWasm {
  getRuntime: () => Promise<unknown>;
  getQueryCompilerWasmModule: () => Promise<object>;
}

/** The global WebAssembly object (the project's type libraries do not declare it). */
const WebAssemblyModule = (globalThis as unknown as { WebAssembly: { Module: new (bytes: Uint8Array) => object } }).WebAssembly.Module;

const OWN_LOADER = Symbol("hub: the query compiler is read without Node's module loader");

/**
 * Prisma's generated client imports its query compiler (WebAssembly) from a module that exports it as one 4.6 MB
 * base64 string. Node's module loader keeps that module's source and its exported string for the life of the
 * process: 13 MB of V8's heap at start (its large-object space 15 → 2 MB) that nothing reads again once the
 * compiler is compiled (once per process). Reading the same file here leaves only short-lived strings.
 *
 * The compiler's JavaScript side (a CommonJS file) is required instead of imported: `import()` goes through Node's
 * ES module loader, whose asynchronous steps left the main thread waiting until V8's background threads had finished
 * every task they had (PGlite's functions being optimised): start-up spent idle (measured: docs/benchmarks.md, "Design decisions measured").
 *
 * The loader is shared by every client of the process, so it is replaced once; a generated client of another shape
 * keeps Prisma's own loading (the unit test on it then fails).
 */
export function loadQueryCompilerWithoutItsSource(client: object): void {
  const wasm = (client as { _engineConfig?: { compilerWasm?: CompilerWasm & { [OWN_LOADER]?: true } } })._engineConfig?.compilerWasm;
  if (!wasm || wasm[OWN_LOADER] || typeof wasm.getQueryCompilerWasmModule !== "function" || typeof wasm.getRuntime !== "function") return;
  const compiler = importedFile(wasm.getQueryCompilerWasmModule, ".wasm-base64.js");
  const runtime = importedFile(wasm.getRuntime, ".js");
  if (!compiler || !runtime) return;
  wasm.getQueryCompilerWasmModule = async () => compileBase64Module(compiler);
  wasm.getRuntime = async () => require(runtime) as unknown;
  wasm[OWN_LOADER] = true;
}

/**
 * The file a loader of Prisma's imports (`import("….js")` in its source, `require(…)` once a test's compiler has
 * rewritten it), if its name ends with `suffix`, resolved; null if it names none.
 */
export function importedFile(load: () => unknown, suffix: string): string | null {
  const specifier = /(?:import|require)\((["'])([^"']+)\1\)/.exec(load.toString())?.[2];
  if (!specifier?.endsWith(suffix)) return null;
  try {
    return require.resolve(specifier);
  } catch {
    return null;
  }
}

/** Compiles the WebAssembly a `module.exports = { wasm }` file holds as its only string literal (baseline code only). */
export function compileBase64Module(file: string): object {
  const source = fs.readFileSync(file, "latin1");
  const start = source.indexOf('"');
  const end = source.indexOf('"', start + 1);
  if (start < 0 || end < 0) throw new Error(`no base64 string in ${file}`);
  return compileBaselineOnly(Buffer.from(source.slice(start + 1, end), "base64"));
}

/**
 * Compiles a WebAssembly module whose functions never move up to V8's optimising tier. Prisma's query compiler
 * runs once per query shape (Prisma caches the plans), yet V8 optimised enough of its functions over the first
 * queries to hold twice the RSS (optimised code, and what its compilation left in the allocator's thread
 * arenas), for no CPU per request that we could measure (measured: docs/benchmarks.md, "Design decisions measured"). V8 fixes a module's tiers when it compiles it, so the flag is on only for this synchronous call;
 * PGlite's module, compiled before, keeps its optimising tier.
 */
export function compileBaselineOnly(bytes: Uint8Array): object {
  v8.setFlagsFromString("--liftoff-only");
  try {
    return new WebAssemblyModule(bytes);
  } finally {
    v8.setFlagsFromString("--no-liftoff-only");
  }
}
