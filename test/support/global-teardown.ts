import fs from "node:fs";
import path from "node:path";
import { onServer, PG_TEMPLATE_ENV, TEMPLATE_ENV } from "./global-setup";

export default async function globalTeardown(): Promise<void> {
  const file = process.env[TEMPLATE_ENV];
  if (file) fs.rmSync(path.dirname(file), { recursive: true, force: true });
  const template = process.env[PG_TEMPLATE_ENV];
  if (template && process.env.DATABASE_URL) await onServer(process.env.DATABASE_URL, (admin) => admin.query(`DROP DATABASE IF EXISTS ${template} WITH (FORCE)`));
}
