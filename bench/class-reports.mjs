// @ts-nocheck
// The class reports (report.json, gradebook.csv, summary.md) as grade-class.mjs writes them: once
// before grading, then after every student. No kernels: each student is the course's notebooks
// ungraded. Prints the bytes written in all, the milliseconds of one rewrite at students 10 to
// 300, the final sizes and the peak RSS. node bench/class-reports.mjs [students]
import { tmpdir } from "node:os";
import { fileURLToPath } from "node:url";
import { rmSync } from "node:fs";
import { loadCourse } from "../autograder/src/grade/course.mjs";
import { loadStubs } from "../autograder/src/release/stubs.mjs";
import { classReport, writeClassReports } from "../autograder/src/report/write-reports.mjs";
import { ungradedNotebook } from "../autograder/src/grade/grade-notebook.mjs";
import { mkdtempSync, statSync } from "node:fs";
import { join } from "node:path";
const n = Number(process.argv[2] ?? 300);
const course = loadCourse(fileURLToPath(new URL("../notebooks", import.meta.url)), loadStubs());
const out = mkdtempSync(join(tmpdir(), "neural-mi-class-reports-"));
const names = Array.from({ length: n }, (_, i) => `student-${String(i).padStart(3, "0")}`);
const results = new Map();
let bytes = 0; const t0 = Date.now(); let tAt = {};
const write = (complete) => {
  const r = writeClassReports(out, classReport({ course, submissionsDir: "/x", settings: { isolated: false, limits: {} }, sandbox: null, otherFiles: [], complete,
    students: names.map((s) => results.get(s) ?? { student: s, status: "pending", message: "not graded yet" }) }));
  for (const f of ["report.json", "gradebook.csv", "summary.md"]) bytes += statSync(join(out, f)).size;
};
write(false);
for (const [i, s] of names.entries()) {
  const t = Date.now();
  results.set(s, { student: s, folder: s, status: "graded", message: "", score: 0, maxScore: course.maxScore, pendingManual: 0, notes: [],
    notebooks: course.notebooks.map((nb) => ungradedNotebook(nb, "graded", "ok", "failed")), key: "k", gradedAt: new Date().toISOString(), seconds: 1 });
  write(results.size === n);
  if ([9, 99, 199, 299].includes(i)) tAt[i + 1] = Date.now() - t;
}
const final = ["report.json", "gradebook.csv", "summary.md"].map((f) => `${f}=${statSync(join(out, f)).size}`).join(" ");
console.log(JSON.stringify({ n, totalMs: Date.now() - t0, msPerWriteAt: tAt, bytesWritten: bytes, final, rssMb: Math.round(process.memoryUsage().rss / 1e6) }));
rmSync(out, { recursive: true, force: true });
