#!/usr/bin/env node
// @ts-check
// node bench/nbgrader-class.mjs [students] [--hostile name] [--cell-timeout s] [--no-feedback] [--jobs 1,2]
//
// A class graded by real nbgrader with the course's config (autograder/nbgrader_config.py): N copies
// of the fixture course's `perfect` submission (tests/autograder/fixtures), `nbgrader autograde`
// then `nbgrader generate_feedback`. Each line nbgrader logs is stamped as it arrives; a student's
// time is from the first line naming them to the first line naming the next. Prints the mean
// seconds per student of the first 10 and of the last 10, the nbgrader process's own RSS (python:
// what the course's steps keep from student to student) sampled when each student starts, and the
// peak RSS of nbgrader's whole process tree (kernels and the persistent node reader included).
// --hostile <fixture,...> puts those fixture submissions (heap-hog, infinite-loop, huge-output...) in
// place of the middle students, to see whether one bad student delays or stops the others;
// --cell-timeout passes nbgrader --Execute.timeout=s (the course's is 600 s, for its training cells).
// --jobs 1,2 grades the class instead with autograder/bin/nbgrader-autograde.mjs (nbgrader processes side by side),
// once per number of students at a time given, each with --force, and prints each run's wall seconds, CPU seconds (the
// command and every process it waited for) and students per hour, and whether the gradebook is the same as the first run's.
// Needs JUPYTER_PATH naming the course's kernelspec (as the tests do). Not part of `npm test`.
//
// Figures (2 shared cores, other work running, so wall seconds follow the load more than the class):
// see bench/README.md, "nbgrader with a class".
import { spawn } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createCourseDir } from "../autograder/src/nbgrader/course-dir.mjs";
import { repoRoot, venvBin, venvBinDir } from "../scripts/lib/paths.mjs";
import { readNbgraderGradebook } from "../tests/autograder/helpers.mjs";

const args = process.argv.slice(2);
const size = Number(args.find((arg, i) => /^\d+$/.test(arg) && args[i - 1] !== "--cell-timeout" && args[i - 1] !== "--jobs") ?? 60);
const hostileAt = args.indexOf("--hostile");
const hostile = hostileAt >= 0 ? args[hostileAt + 1].split(",") : [];
const feedback = !args.includes("--no-feedback");
const cellTimeoutAt = args.indexOf("--cell-timeout");
const extra = cellTimeoutAt >= 0 ? [`--Execute.timeout=${Number(args[cellTimeoutAt + 1])}`] : [];
const jobsAt = args.indexOf("--jobs");
const jobsList = jobsAt >= 0 ? args[jobsAt + 1].split(",").map(Number) : [];
const fixtures = join(repoRoot, "tests", "autograder", "fixtures");
const students = Array.from({ length: size }, (_, i) => `s${String(i).padStart(4, "0")}`);

/** Bytes of resident memory of `pid` (0 once it is gone). */
function rss(pid) {
  try {
    const line = readFileSync(`/proc/${pid}/status`, "utf8").split("\n").find((l) => l.startsWith("VmRSS:"));
    return line ? Number(line.split(/\s+/)[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

/** CPU seconds (user + system) `pid` used so far, its ended children's not counted. */
function cpu(pid) {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").replace(/^.*\) /, "").split(" ");
    return (Number(fields[11]) + Number(fields[12])) / 100;
  } catch {
    return 0;
  }
}

/** The command line of `pid`. */
function readCmdline(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8");
  } catch {
    return "";
  }
}

/** The load average over the last minute. */
const load = () => Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);

/** `pid` and every process below it. */
function tree(pid) {
  const children = new Map();
  for (const name of readdirSync("/proc")) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const ppid = Number(readFileSync(`/proc/${name}/stat`, "utf8").replace(/^.*\) /, "").split(" ")[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), Number(name)]);
    } catch {
      // ended meanwhile
    }
  }
  const found = [pid];
  for (let i = 0; i < found.length; i++) found.push(...(children.get(found[i]) ?? []));
  return found;
}

/** Runs nbgrader; resolves { code, seconds, lines: [{ at, text }], peakTree, peakSelf, selfAtStudent }. */
function run(command, courseDir) {
  return new Promise((resolvePromise) => {
    const began = Date.now();
    const child = spawn(venvBin("nbgrader"), [command, "fixture", "--force", ...(command === "autograde" ? extra : [])], {
      cwd: courseDir,
      env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const lines = [];
    /** @type {Map<string, number>} */
    const selfAtStudent = new Map();
    /** @type {Map<string, { cpu: number, load: number }>} */
    const cpuAtStudent = new Map();
    let peakTree = 0;
    let peakSelf = 0;
    let peakReader = 0;
    let partial = "";
    const take = (chunk) => {
      const parts = (partial + chunk).split("\n");
      partial = parts.pop() ?? "";
      for (const text of parts) {
        lines.push({ at: (Date.now() - began) / 1000, text });
        const student = /[/\\](s\d{4})[/\\]fixture/.exec(text)?.[1];
        if (student && !selfAtStudent.has(student) && child.pid) {
          selfAtStudent.set(student, rss(child.pid));
          cpuAtStudent.set(student, { cpu: cpu(child.pid), load: load() });
        }
      }
    };
    child.stdout.on("data", take);
    child.stderr.on("data", take);
    const sampler = setInterval(() => {
      if (!child.pid) return;
      peakSelf = Math.max(peakSelf, rss(child.pid));
      const pids = tree(child.pid);
      peakTree = Math.max(peakTree, pids.reduce((sum, pid) => sum + rss(pid), 0));
      // the persistent node reader of rejected_cells.py
      for (const pid of pids) if (readCmdline(pid).includes("inspect-cells.mjs")) peakReader = Math.max(peakReader, rss(pid));
    }, 250);
    child.on("close", (code) => {
      clearInterval(sampler);
      resolvePromise({ code, seconds: (Date.now() - began) / 1000, lines, peakTree, peakSelf, peakReader, selfAtStudent, cpuAtStudent });
    });
  });
}

/** The class graded by nbgrader-autograde.mjs `jobs` at a time (--force); resolves { code, seconds, cpu, summary }. */
function side(jobs, courseDir) {
  return new Promise((resolvePromise) => {
    const began = Date.now();
    const command = `${JSON.stringify(process.execPath)} autograder/bin/nbgrader-autograde.mjs fixture --force --jobs ${jobs} --course ${JSON.stringify(courseDir)} ${extra.length ? `-- ${extra.join(" ")}` : ""}; code=$?; times; exit $code`;
    // bash's `times`: the CPU of every process the command waited for, nbgrader's and its kernels'
    const child = spawn("bash", ["-c", command], { cwd: repoRoot, env: process.env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.on("close", (code) => {
      const times = out.trim().split("\n").at(-1) ?? "";
      const cpu = [...times.matchAll(/(\d+)m([\d.]+)s/g)].reduce((sum, [, min, sec]) => sum + Number(min) * 60 + Number(sec), 0);
      resolvePromise({ code, seconds: (Date.now() - began) / 1000, cpu, summary: /^(Done|Stopped) .*$/m.exec(out)?.[0] ?? out.slice(-500) });
    });
  });
}

/** Seconds per student from the log: first line naming each student to the first naming the next (the last to the end). */
function perStudent(lines, seconds) {
  /** @type {Map<string, number>} */
  const first = new Map();
  for (const { at, text } of lines) {
    const student = /[/\\](s\d{4})[/\\]fixture/.exec(text)?.[1];
    if (student && !first.has(student)) first.set(student, at);
  }
  const order = [...first.entries()].sort((a, b) => a[1] - b[1]);
  return order.map(([student, at], i) => ({ student, seconds: (order[i + 1]?.[1] ?? seconds) - at }));
}

const mean = (/** @type {number[]} */ values) => values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
const mb = (/** @type {number} */ bytes) => Math.round(bytes / 2 ** 20);

const dir = mkdtempSync(join(tmpdir(), "neural-mi-nbgrader-class-"));
try {
  const { courseDir } = createCourseDir({ courseDir: join(dir, "course"), sourceDir: join(fixtures, "course"), assignment: "fixture" });
  const generated = await run("generate_assignment", courseDir);
  if (generated.code !== 0) throw new Error(`generate_assignment failed:\n${generated.lines.map((l) => l.text).join("\n")}`);
  const middle = Math.floor(size / 2);
  for (const [i, student] of students.entries()) {
    const target = join(courseDir, "submitted", student, "fixture");
    mkdirSync(target, { recursive: true });
    cpSync(join(fixtures, "submissions", hostile[i - middle] ?? "perfect"), target, { recursive: true });
  }
  const result = { students: size, hostile: hostile.map((name, k) => `${name} as ${students[middle + k]}`) };
  if (jobsList.length) {
    /** @type {string | null} */
    let firstGradebook = null;
    for (const jobs of jobsList) {
      const ran = await side(jobs, courseDir);
      const gradebook = JSON.stringify(readNbgraderGradebook(courseDir, "fixture"));
      firstGradebook ??= gradebook;
      const row = { jobs, code: ran.code, seconds: +ran.seconds.toFixed(1), cpuSeconds: +ran.cpu.toFixed(1), studentsPerHour: Math.round((size * 3600) / ran.seconds), summary: ran.summary, sameGradebook: gradebook === firstGradebook };
      console.log(JSON.stringify(row));
    }
  }
  for (const command of jobsList.length ? [] : feedback ? ["autograde", "generate_feedback"] : ["autograde"]) {
    const ran = await run(command, courseDir);
    const times = perStudent(ran.lines, ran.seconds);
    const self = [...ran.selfAtStudent.values()];
    // nbgrader's own python process: CPU seconds from one student's start to the next's (its steps and bookkeeping, no kernel)
    const marks = [...ran.cpuAtStudent.values()];
    const cpuPer = marks.slice(1).map((mark, i) => mark.cpu - marks[i].cpu);
    result[command] = {
      code: ran.code,
      seconds: Math.round(ran.seconds),
      studentsSeen: times.length,
      first10: +mean(times.slice(0, 10).map((t) => t.seconds)).toFixed(2),
      last10: +mean(times.slice(-10).map((t) => t.seconds)).toFixed(2),
      selfCpuFirst10: +mean(cpuPer.slice(0, 10)).toFixed(3),
      selfCpuLast10: +mean(cpuPer.slice(-10)).toFixed(3),
      loadFirst10: +mean(marks.slice(0, 10).map((m) => m.load)).toFixed(1),
      loadLast10: +mean(marks.slice(-10).map((m) => m.load)).toFixed(1),
      slowest: times.toSorted((a, b) => b.seconds - a.seconds).slice(0, 3).map((t) => `${t.student} ${t.seconds.toFixed(1)} s`),
      selfRssMbAtStudent10: mb(self[9] ?? 0),
      selfRssMbAtLast: mb(self.at(-1) ?? 0),
      peakSelfRssMb: mb(ran.peakSelf),
      peakTreeRssMb: mb(ran.peakTree),
      peakReaderRssMb: mb(ran.peakReader),
      notebooksConverted: ran.lines.filter((l) => /Converting notebook/.test(l.text)).length,
      errors: ran.lines.filter((l) => /\| ERROR\]/.test(l.text)).length,
    };
    if (ran.code !== 0) result[command].tail = ran.lines.slice(-15).map((l) => l.text);
    console.log(JSON.stringify({ [command]: result[command] }));
  }
  if (!jobsList.length) console.log(JSON.stringify(result, null, 1));
} finally {
  rmSync(dir, { recursive: true, force: true });
}
