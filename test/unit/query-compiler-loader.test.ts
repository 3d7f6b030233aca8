// The query compiler is read by the hub itself, not through Node's module loader, which would keep its 4.6 MB
// base64 source for the life of the process (infra/db/prisma-client.ts, loadQueryCompilerWithoutItsSource).
import v8 from "node:v8";
import { openDatabase } from "../../src/infra/db/database";
import { compileBase64Module, compileBaselineOnly, compilerModuleFile, loadQueryCompilerWithoutItsSource } from "../../src/infra/db/prisma-client";
import { createLogger } from "../../src/infra/logger";

const Wasm = (globalThis as unknown as { WebAssembly: { Module: { exports(module: object): Array<{ name: string; kind: string }> } } }).WebAssembly;
const PRISMA_COMPILER = "@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.js";

describe("Prisma's query compiler, loaded without its source", () => {
  it("finds the file the generated loader imports", () => {
    // The specifier is a literal, as in Prisma's generated client (generated/prisma/internal/class.ts).
    const generated = async () => require("@prisma/client/runtime/query_compiler_fast_bg.postgresql.wasm-base64.js");
    expect(compilerModuleFile(generated)).toBe(require.resolve(PRISMA_COMPILER));
  });

  it("leaves a loader that imports no base64 module alone", () => {
    expect(compilerModuleFile(async () => await import("node:fs"))).toBeNull();
    const compilerWasm = { getQueryCompilerWasmModule: async () => ({}) };
    const original = compilerWasm.getQueryCompilerWasmModule;
    loadQueryCompilerWithoutItsSource({ _engineConfig: { compilerWasm } });
    expect(compilerWasm.getQueryCompilerWasmModule).toBe(original);
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
      const loader = compilerWasm.getQueryCompilerWasmModule;
      loadQueryCompilerWithoutItsSource(db.prisma);
      expect(compilerWasm.getQueryCompilerWasmModule).toBe(loader);
      expect(await db.prisma.industryChain.count()).toBeGreaterThanOrEqual(0);
    } finally {
      await db.close();
    }
  });
});
