// Import from spreadsheets at the programme's scale and beyond (issue 26): 10,000 enterprises and 20,000 experts
// (`--enterprises N --experts N`), written as xlsx files with exceljs first, then imported by the CLI that
// administrators run (`npm run import`), on a fresh database each; then the same files again (nothing changes).
// Rows/s is the import's own time as the CLI reports it (the database's opening apart); peak RSS is the CLI
// process's high-water mark (VmHWM, Linux).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import ExcelJS from "exceljs";
import { Client } from "pg";
import { makeCreditCode, makeOrganisationCode } from "../src/modules/enterprise/credit-code";
import { COLUMNS } from "../src/modules/import/import.columns";
import { hubEnv, mb, option, progress, table, type BenchOptions } from "./lib/common";

const CLI = path.join(__dirname, "..", "src", "scripts", "import.js");
const ADMIN = { HUB_ADMIN_EMAIL: "bench-admin@hub.bench", HUB_ADMIN_PASSWORD: "Bench-Admin-Passw0rd" };
const COUNTIES = ["411302", "411303", "411321", "411322", "411323", "411324", "411325", "411326", "411327", "411328", "411329", "411330", "411381"];
const CHAINS = ["AUTO_PARTS", "EQUIPMENT", "BIO", "OPTOELECTRONICS", "NEW_ENERGY", "TEXTILE", "NEW_MATERIALS", "AGRI_FOOD", "TCM_HEALTH"];
const TOPICS = ["储能电池热管理", "电机控制器", "光学镜头镀膜", "中药材提取工艺", "纺织印染废水处理", "新型耐火材料", "汽车制动系统", "农产品冷链保鲜", "防爆电机设计", "生物发酵工艺", "超硬材料加工", "智能传感器"];
const METHODS = ["液冷系统设计", "故障诊断", "工艺优化", "可靠性试验", "数值仿真", "检测标准制定", "自动化产线改造", "节能降耗"];
const DESIGNATIONS = ["", "高新技术企业", "科技型中小企业", "专精特新企业", "规上工业企业", "瞪羚企业"];

const pick = <T>(xs: readonly T[], i: number): T => xs[i % xs.length]!;

async function adminQuery(url: string, sql: string) {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A sheet with the template's headers and `n` generated rows, streamed to `file`; a progress line every 5,000 rows. */
async function writeSheet(file: string, kind: "enterprises" | "experts", n: number, row: (i: number) => Record<string, string>) {
  const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: file, useSharedStrings: false, useStyles: false });
  const sheet = workbook.addWorksheet(kind);
  const headers = COLUMNS[kind].map((c) => c.header);
  sheet.addRow(headers).commit();
  for (let i = 0; i < n; i++) {
    const cells = row(i);
    sheet.addRow(headers.map((h) => cells[h] ?? "")).commit();
    if ((i + 1) % 5000 === 0 || i + 1 === n) progress(`xlsx ${kind}: ${i + 1}/${n} rows`);
  }
  sheet.commit();
  await workbook.commit();
}

const enterpriseRow = (i: number) => {
  const county = pick(COUNTIES, i);
  return {
    企业名称: `南阳基准${i + 1}号科技有限公司`,
    统一社会信用代码: makeCreditCode(`91${county}${makeOrganisationCode(`BN${String(i + 1).padStart(6, "0")}`)}`),
    所在县区: county,
    产业链: i % 4 === 0 ? `${pick(CHAINS, i)}、${pick(CHAINS, i + 3)}` : pick(CHAINS, i),
    企业称号: pick(DESIGNATIONS, i),
    研发专账: i % 3 === 0 ? "是" : "否",
    科创中国: i % 10 === 0 ? "是" : "否",
    联系人: `联系人${i + 1}`,
    联系电话: `139${String(i + 1).padStart(8, "0")}`,
    联系邮箱: `contact${i + 1}@enterprise.bench`,
  };
};

const expertRow = (i: number) => ({
  姓名: `基准专家${i + 1}`,
  职称: pick(["教授", "研究员", "高级工程师", "副教授"], i),
  工作单位: pick(["南阳理工学院", "南阳师范学院", "河南省科学院", "南阳市农科院"], i),
  研究方向: `从事${pick(TOPICS, i)}与${pick(METHODS, i * 7 + 3)}研究，服务${pick(TOPICS, i + 5)}相关企业。`,
  关键词: `${pick(TOPICS, i)}、${pick(METHODS, i * 7 + 3)}`,
  产业链: pick(CHAINS, i * 5 + 1),
  电子邮箱: `expert${i + 1}@expert.bench`,
  电话: `137${String(i + 1).padStart(8, "0")}`,
  青年人才: i % 5 === 0 ? "是" : "否",
  同时服务上限: String(1 + (i % 5)),
});

interface CliRun {
  wallSeconds: number;
  importSeconds: number;
  rows: number;
  peakRss: number;
  result: { created: number; updated: number; unchanged: number; errors: unknown[] };
}

/** `node dist/src/scripts/import.js --kind KIND FILE` as `npm run import` runs it; its progress lines go to our stderr. */
function runCli(kind: string, file: string, env: Record<string, string>): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [CLI, "--kind", kind, file], { env: { PATH: process.env.PATH, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    let peakRss = 0;
    const sample = setInterval(() => {
      try {
        const hwm = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${child.pid}/status`, "utf8"));
        if (hwm) peakRss = Math.max(peakRss, Number(hwm[1]) * 1024);
      } catch {
        /* exited */
      }
    }, 100);
    child.stdout!.on("data", (d) => (stdout += String(d)));
    child.stderr!.on("data", (d) => {
      stderr += String(d);
      for (const line of String(d).split("\n").filter(Boolean)) progress(`  ${kind}: ${line}`);
    });
    child.on("error", reject);
    child.on("exit", (code) => {
      clearInterval(sample);
      const timed = /导入用时 ([\d.]+) s：(\d+) 行/.exec(stderr);
      if (code !== 0 || !timed) return reject(new Error(`import ${kind} exited ${code}: ${stderr.slice(-2000)}\n${stdout.slice(0, 2000)}`));
      resolve({ wallSeconds: (performance.now() - started) / 1000, importSeconds: Number(timed[1]), rows: Number(timed[2]), peakRss, result: JSON.parse(stdout) });
    });
  });
}

export async function importBench(opts: BenchOptions): Promise<string> {
  const enterprises = Number(option(opts.args, "enterprises") ?? 10_000);
  const experts = Number(option(opts.args, "experts") ?? 20_000);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "hub-bench-import-"));
  const files = { enterprises: path.join(dir, "enterprises.xlsx"), experts: path.join(dir, "experts.xlsx") };
  const rows: Array<Array<string | number>> = [];
  try {
    let t0 = performance.now();
    await writeSheet(files.enterprises, "enterprises", enterprises, enterpriseRow);
    await writeSheet(files.experts, "experts", experts, expertRow);
    const generated = `${enterprises} enterprises (${(fs.statSync(files.enterprises).size / 2 ** 20).toFixed(1)} MB) and ${experts} experts (${(fs.statSync(files.experts).size / 2 ** 20).toFixed(1)} MB) written as xlsx in ${((performance.now() - t0) / 1000).toFixed(1)} s`;
    progress(generated);
    for (const db of opts.dbs) {
      const name = `hub_bench_import_${process.pid}`;
      const url = new URL(opts.databaseUrl);
      url.pathname = `/${name}`;
      const scratch = { ...opts, pgliteDir: path.join(dir, "pglite"), databaseUrl: url.toString() };
      if (db === "postgresql") await adminQuery(opts.databaseUrl, `CREATE DATABASE ${name}`);
      try {
        const env = { ...hubEnv(scratch, db), ...ADMIN };
        for (const pass of ["new database", "same file again"]) {
          for (const kind of ["enterprises", "experts"] as const) {
            progress(`${db}: importing ${kind} (${pass})`);
            t0 = performance.now();
            const run = await runCli(kind, files[kind], env);
            const { created, updated, unchanged, errors } = run.result;
            if (errors.length) throw new Error(`${kind}: ${JSON.stringify(errors.slice(0, 5))}`);
            rows.push([db, kind, pass, `${created} / ${updated} / ${unchanged}`, run.importSeconds.toFixed(1), (run.rows / run.importSeconds).toFixed(0), run.wallSeconds.toFixed(1), mb(run.peakRss)]);
          }
        }
      } finally {
        if (db === "postgresql") await adminQuery(opts.databaseUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        fs.rmSync(scratch.pgliteDir, { recursive: true, force: true });
      }
    }
    return [
      `${generated}. Each database is new; the first CLI run on it also migrates it (in the wall time, not in the import's).`,
      "",
      table(["database", "file", "pass", "created / updated / unchanged", "import s", "rows/s", "CLI wall s", "peak RSS MB"], rows),
    ].join("\n");
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
