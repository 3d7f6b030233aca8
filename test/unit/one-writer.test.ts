// Audit rows and status history each have one writer (issue 23): a second way to write them drifts (a column
// forgotten, an actor written differently) and the failure-injection tests (test/integration/rollback.test.ts)
// only guard the writer they spy on. Every write of these tables in src/ goes through the writer's file.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

const ROOT = join(__dirname, "../..");
const SRC = join(ROOT, "src");

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (name === "generated") return [];
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith(".ts") && !name.endsWith(".test.ts") ? [path] : [];
  });
}

const TABLES = [
  { table: "AuditEvent", writer: "src/modules/audit/audit.service.ts", writes: [/\.auditEvent\.(create|createMany|createManyAndReturn|upsert|update|updateMany)\b/, /INSERT\s+INTO\s+"AuditEvent"/i] },
  { table: "StatusChange", writer: "src/modules/workflow/status-log.ts", writes: [/\.statusChange\.(create|createMany|createManyAndReturn|upsert|update|updateMany)\b/, /INSERT\s+INTO\s+"StatusChange"/i] },
];

test.each(TABLES)("$table is written by $writer only", ({ writer, writes }) => {
  const writers = sources(SRC)
    .filter((file) => writes.some((pattern) => pattern.test(readFileSync(file, "utf8"))))
    .map((file) => relative(ROOT, file));
  expect(writers).toEqual([writer]);
});

// Likewise transactions: every one goes through the unit of work (src/infra/db/unit-of-work.ts), which publishes
// the events it collected after commit and never after a rollback.
test("every transaction is a unitOfWork", () => {
  const direct = sources(SRC)
    .filter((file) => /\.\$transaction\(/.test(readFileSync(file, "utf8")))
    .map((file) => relative(ROOT, file));
  expect(direct).toEqual(["src/infra/db/unit-of-work.ts"]);
});
