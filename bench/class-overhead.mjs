#!/usr/bin/env node
// node bench/class-overhead.mjs [sizes…]: the run's own overhead as a class grows. Classes of
// N empty submissions (folders without notebooks: no kernel starts) are graded with --jobs 2
// and --no-isolation; what is left is the grader's bookkeeping: a result per student and the
// class reports (report.json, gradebook.csv, summary.md) rewritten after every student. Prints
// the wall and CPU seconds per class size and per student, to see whether it grows faster than
// the class.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
const empty = path.join(root, "tests", "autograder", "fixtures", "submissions", "no-notebooks");
const course = path.join(root, "tests", "autograder", "fixtures", "course");

console.log("students  wall s  CPU s  CPU ms per student");
for (const size of sizes.length > 0 ? sizes : [100, 200, 300]) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-overhead-"));
  try {
    for (let i = 0; i < size; i++) fs.cpSync(empty, path.join(dir, "class", `student-${String(i).padStart(4, "0")}`), { recursive: true });
    const began = process.hrtime.bigint();
    const run = spawnSync(
      "/usr/bin/time",
      ["-f", "%U %S", process.execPath, "autograder/bin/autograde.mjs", path.join(dir, "class"), "--source", course, "--out", path.join(dir, "out"), "--jobs", "2", "--no-isolation"],
      { cwd: root, encoding: "utf8" },
    );
    const wall = Number(process.hrtime.bigint() - began) / 1e9;
    if (run.status !== 0) throw new Error(`grading ${size} students failed:\n${run.stderr}`);
    const [user, system] = run.stderr.trim().split("\n").at(-1).split(" ").map(Number);
    const cpu = user + system;
    console.log(`${String(size).padStart(8)}  ${wall.toFixed(1).padStart(6)}  ${cpu.toFixed(1).padStart(5)}  ${((cpu / size) * 1000).toFixed(1).padStart(6)}`);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
