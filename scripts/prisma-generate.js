// Generates the Prisma client offline. `prisma generate` needs no schema engine, but the CLI insists on
// downloading one unless PRISMA_SCHEMA_ENGINE_BINARY points at an existing file (PLATFORM-NOTES.md).
const { execFileSync } = require("node:child_process");
const path = require("node:path");

const env = { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || __filename, PRISMA_HIDE_UPDATE_MESSAGE: "1" };
const cli = require.resolve("prisma/build/index.js");
execFileSync(process.execPath, [cli, "generate", "--schema", path.join(__dirname, "..", "prisma", "schema.prisma")], { stdio: "inherit", env });
