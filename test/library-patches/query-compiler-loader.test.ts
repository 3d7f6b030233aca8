// The query compiler is read by the hub itself, not through Node's module loader, which would keep its 4.6 MB
// base64 source for the life of the process, and its JavaScript side is required rather than imported (start-up
// time): infra/db/prisma-client.ts, loadQueryCompilerWithoutItsSource.
import v8 from "node:v8";
import { openDatabase } from "../../src/infra/db/database";
import { compileBase64Module, compileBaselineOnly, importedFile, loadQueryCompilerWithoutItsSource } from "../../src/infra/library-patches/query-compiler";
import { createLogger } from "../../src/infra/logger";

const Wasm = (globalThis as unknown as { WebAssembly: { Module: { exports(module: object): Array<{ name: string; kind: string }> } } }).WebAssembly;
const PRISMA_COMPILER = "@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.js";
const PRISMA_RUNTIME = "@prisma/client/runtime/query_compiler_fast_bg.postgresql.js";

describe("Prisma's query compiler, loaded without its source", () => {
  it("finds the files the generated loaders import", () => {
    // The specifiers are literals, as in Prisma's generated client (generated/prisma/internal/class.ts).
    const compiler = async () => require("@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.js");
    const runtime = async () => require("@prisma/client/runtime/query_compiler_fast_bg.postgresql.js");
    expect(importedFile(compiler, ".wasm-base64.js")).toBe(require.resolve(PRISMA_COMPILER));
    expect(importedFile(runtime, ".js")).toBe(require.resolve(PRISMA_RUNTIME));
    expect(importedFile(runtime, ".wasm-base64.js")).toBeNull();
  });

  it("leaves loaders that import no such modules alone", () => {
    expect(importedFile(async () => await import("node:fs"), ".js")).toBeNull();
    const compilerWasm = { getRuntime: async () => ({}), getQueryCompilerWasmModule: async () => ({}) };
    const original = { ...compilerWasm };
    loadQueryCompilerWithoutItsSource({ _engineConfig: { compilerWasm } });
    expect(compilerWasm).toEqual(original);
    expect(compilerWasm.getRuntime).toBe(original.getRuntime);
  });

  it("gives Prisma the runtime's exports as importing it would", async () => {
    const imported = (await import(PRISMA_RUNTIME)) as Record<string, unknown>;
    const required = require(PRISMA_RUNTIME) as Record<string, unknown>;
    // What Prisma's engine uses: the module as the WebAssembly's imports, its setter and the compiler's class.
    for (const name of ["QueryCompiler", "__wbg_set_wasm"]) expect(typeof required[name]).toBe("function");
    for (const name of Object.keys(imported).filter((n) => n !== "default")) expect(required[name]).toBe(imported[name]);
  });

  it("compiles the same WebAssembly as the module's exported string", async () => {
    const { wasm } = (await import(PRISMA_COMPILER)) as { wasm: string };
    const theirs = new (globalThis as unknown as { WebAssembly: { Module: new (b: Uint8Array) => object } }).WebAssembly.Module(Buffer.from(wasm, "base64"));
    const ours = compileBase64Module(require.resolve(PRISMA_COMPILER));
    expect(Wasm.Module.exports(ours)).toEqual(Wasm.Module.exports(theirs));
    expect(Wasm.Module.exports(ours).length).toBeGreaterThan(0);
  });

  it("compiles it for V8's baseline tier only, and gives the flag back even when compiling fails", () => {
    const flags = jest.spyOn(v8, "setFlagsFromString");
    try {
      compileBase64Module(require.resolve(PRISMA_COMPILER));
      expect(flags.mock.calls).toEqual([["--liftoff-only"], ["--no-liftoff-only"]]);
      flags.mockClear();
      expect(() => compileBaselineOnly(new Uint8Array([0, 97, 115, 109, 9, 9, 9, 9]))).toThrow();
      expect(flags.mock.calls).toEqual([["--liftoff-only"], ["--no-liftoff-only"]]);
    } finally {
      flags.mockRestore();
    }
  });

  it("replaces the generated loader once, and the client still answers queries", async () => {
    const db = await openDatabase({ databaseUrl: null, dataDir: "memory://", log: createLogger("silent") });
    try {
      const compilerWasm = (db.prisma as unknown as { _engineConfig: { compilerWasm: { getQueryCompilerWasmModule: () => unknown } } })._engineConfig.compilerWasm;
      expect(compilerWasm.getQueryCompilerWasmModule.toString()).not.toContain("wasm-base64");
      expect((compilerWasm as unknown as { getRuntime: () => unknown }).getRuntime.toString()).not.toContain("query_compiler");
      const loader = compilerWasm.getQueryCompilerWasmModule;
      loadQueryCompilerWithoutItsSource(db.prisma);
      expect(compilerWasm.getQueryCompilerWasmModule).toBe(loader);
      expect(await db.prisma.industryChain.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await db.close();
    }
  });
});
