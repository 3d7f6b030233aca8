import fs from "node:fs";
import path from "node:path";
import { printSchema } from "graphql";
import { PROJECT_ROOT } from "../infra/paths";
import { hubSchema } from "../schema/build-schema";

export const SCHEMA_FILE = path.join(PROJECT_ROOT, "schema", "schema.graphql");

/** Writes the SDL the code defines to schema/schema.graphql (checked in; a test fails when it is stale). */
export async function emittedSchema(): Promise<string> {
  return `# Generated from the code by \`npm run schema:emit\`; do not edit.\n\n${printSchema(await hubSchema())}\n`;
}

if (require.main === module) {
  emittedSchema().then((sdl) => {
    fs.mkdirSync(path.dirname(SCHEMA_FILE), { recursive: true });
    fs.writeFileSync(SCHEMA_FILE, sdl);
    console.log(`wrote ${path.relative(PROJECT_ROOT, SCHEMA_FILE)}`);
  });
}
