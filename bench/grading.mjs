#!/usr/bin/env node
// npm run bench:grading [-- options]: grading throughput, today's grader against an earlier
// commit's, side by side in one run. Each grades its own commit's example class (the same
// students, made from that commit's course), or both the class that --class names; each repetition runs
// both, alternating which goes first, and the CPU seconds each spent (user + system of the
// grader and everything it waited for: runners and kernels) give submissions per core-hour.
// The scores must be identical. Writes bench/grading-results.{json,md}; see bench/README.md.
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { benchOptions, positiveInteger } from "./options.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
// The last commit before the throughput work (issue 13): "today's path" of the comparison.
const BASELINE = "4e73fc7";

const usage = `Usage: npm run bench:grading -- [options]

  --base <git ref>   the grader to compare with (default ${BASELINE}, before the throughput work)
  --class <dir>      the class folder both grade (default: each its own commit's autograder/examples/,
                     the same students made from that commit's course)
  --reps <n>         repetitions, each grading the class with both (default 2)
  --jobs <n>         submissions at once, for both (default 2)
  --out <dir>        where grading-results.json and .md go (default bench/)
  -h, --help`;

function options() {
  const values = benchOptions(
    {
      base: { type: "string" },
      class: { type: "string" },
      reps: { type: "string" },
      jobs: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    usage,
  );
  const count = (name, fallback) => positiveInteger(values, name, fallback);
  return {
    base: values.base ?? BASELINE,
    classDir: values.class === undefined ? undefined : path.resolve(values.class),
    reps: count("reps", 2),
    jobs: count("jobs", 2),
    out: path.resolve(values.out ?? here),
  };
}

/**
 * The grader and library of `ref` in `dir`, set up against this checkout's packages and Python:
 * its own lib/ (compiled here) as neural-mi, every other package linked from node_modules/.
 */
function checkoutBaseline(ref, dir) {
  const commit = execFileSync("git", ["rev-parse", "--short", `${ref}^{commit}`], { cwd: root, encoding: "utf8" }).trim();
  fs.mkdirSync(dir, { recursive: true });
  const archive = spawnSync("git", ["archive", "--format=tar", commit, "autograder", "lib", "notebooks", "package.json"], { cwd: root, maxBuffer: 1 << 30 });
  if (archive.status !== 0) throw new Error(`git archive ${commit} failed: ${archive.stderr}`);
  execFileSync("tar", ["-x", "-C", dir], { input: archive.stdout });
  const modules = path.join(dir, "node_modules");
  fs.mkdirSync(modules);
  for (const entry of fs.readdirSync(path.join(root, "node_modules"))) {
    const target = entry === "neural-mi" ? path.join("..", "lib") : path.join(root, "node_modules", entry);
    fs.symlinkSync(target, path.join(modules, entry));
  }
  fs.symlinkSync(path.join(root, ".venv"), path.join(dir, ".venv"));
  execFileSync(process.execPath, [path.join(root, "node_modules", "typescript", "bin", "tsc"), "-b", path.join(dir, "lib")], { stdio: "inherit" });
  // the fused WebAssembly kernel: the same build when its source did not change
  if (spawnSync("git", ["diff", "--quiet", commit, "HEAD", "--", "lib/assembly"], { cwd: root }).status !== 0) {
    throw new Error(`lib/assembly changed since ${commit}: build its kernel (npm run build:fast -w lib) in ${dir}/lib first`);
  }
  fs.mkdirSync(path.join(dir, "lib", "dist", "fast"), { recursive: true });
  fs.copyFileSync(path.join(root, "lib", "dist", "fast", "mlp.wasm"), path.join(dir, "lib", "dist", "fast", "mlp.wasm"));
  return commit;
}

/** One grading of the class by the tree at `tree`, timed by /usr/bin/time (CPU of every process it waited for). */
function gradeOnce(tree, classDir, outDir, jobs) {
  const timing = path.join(outDir, "time.txt");
  fs.mkdirSync(outDir, { recursive: true });
  const run = spawnSync(
    "/usr/bin/time",
    ["-f", "%U %S %e", "-o", timing, process.execPath, path.join(tree, "autograder", "bin", "autograde.mjs"), classDir, "--out", outDir, "--jobs", String(jobs), "--redo"],
    { cwd: tree, encoding: "utf8", maxBuffer: 1 << 28 },
  );
  if (run.status !== 0) throw new Error(`grading with ${tree} failed (${run.status}):\n${run.stderr.slice(-3000)}`);
  const [user, system, wall] = fs.readFileSync(timing, "utf8").trim().split(/\s+/).slice(-3).map(Number);
  const report = JSON.parse(fs.readFileSync(path.join(outDir, "report.json"), "utf8"));
  return { cpuSeconds: user + system, wallSeconds: wall, scores: scoresOf(report), estimates: estimatesOf(report), log: run.stderr };
}

/** What must not change: every student's score and status, and every exercise's points and status. */
function scoresOf(report) {
  return report.students.map((student) => ({
    student: student.student,
    score: student.score,
    status: student.status,
    exercises: (student.notebooks ?? []).flatMap((notebook) =>
      notebook.exercises.map((exercise) => `${notebook.notebook}:${exercise.id} ${exercise.status} ${exercise.points}`),
    ),
  }));
}

function estimatesOf(report) {
  const estimates = new Map();
  for (const student of report.students) {
    for (const notebook of student.notebooks ?? []) {
      for (const exercise of notebook.exercises) {
        if (typeof exercise.estimate === "number") estimates.set(`${student.student}/${notebook.notebook}:${exercise.id}`, exercise.estimate);
      }
    }
  }
  return estimates;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
};

function render(results) {
  const { sides, ratio, students, identical, maxEstimateDifference } = results;
  const row = (label, side) =>
    `| ${label} | ${side.cpuPerSubmission.toFixed(1)} | ${side.perCoreHour.toFixed(0)} | ${side.wallPerSubmission.toFixed(1)} |`;
  return [
    "# Grading throughput: today's grader against an earlier one",
    "",
    `Command: \`${results.command}\`, ${results.started}; ${results.machine.cpus} cores (${results.machine.cpuModel}), ` +
      `load average ${results.machine.loadAverage.map((value) => value.toFixed(1)).join(", ")} at the start.`,
    "",
    `Class: \`${results.classDir}\`${results.ownClasses ? " as each commit made it" : ""} (${students} submissions), ${results.options.jobs} at a time, ${results.options.reps} repetition${results.options.reps === 1 ? "" : "s"}; ` +
      "CPU is user + system time of `npm run autograde` and every process it waited for (runners, kernels), median over repetitions.",
    "",
    "| grader | CPU s per submission | submissions per core-hour | wall s per submission |",
    "| --- | ---: | ---: | ---: |",
    row(`before (${results.baseCommit})`, sides.base),
    row("now", sides.now),
    "",
    `**${ratio.toFixed(2)}×** submissions per core-hour (ratio of CPU per submission, taken within each repetition: ` +
      `${results.ratios.map((value) => value.toFixed(2)).join(", ")}).`,
    "",
    identical
      ? `Scores identical: every student's score and status and every exercise's points and status (largest difference of a reported estimate: ${maxEstimateDifference.toExponential(1)}).`
      : "**Scores differ** between the two graders: see grading-results.json.",
    "",
  ].join("\n");
}

function main() {
  let opts;
  try {
    opts = options();
  } catch (error) {
    console.error(`bench:grading: ${error.message}\n\n${usage}`);
    process.exit(2);
  }
  const started = new Date();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-bench-grading-"));
  try {
    const baseTree = path.join(work, "baseline");
    console.log(`setting up the grader of ${opts.base} in ${baseTree}…`);
    const baseCommit = checkoutBaseline(opts.base, baseTree);
    const trees = { base: baseTree, now: root };
    // a course's example submissions call that course's library (e.g. demonstrationLength),
    // so by default each grader grades the class its own commit made
    const classes = { base: opts.classDir ?? path.join(baseTree, "autograder", "examples"), now: opts.classDir ?? path.join(root, "autograder", "examples") };
    const runs = { base: [], now: [] };
    for (let rep = 0; rep < opts.reps; rep++) {
      const order = rep % 2 === 0 ? ["base", "now"] : ["now", "base"];
      for (const side of order) {
        console.log(`repetition ${rep + 1}/${opts.reps}: grading with ${side === "base" ? baseCommit : "this checkout"}…`);
        const run = gradeOnce(trees[side], classes[side], path.join(work, `${side}-${rep}`), opts.jobs);
        console.log(`  ${run.cpuSeconds.toFixed(1)} CPU s, ${run.wallSeconds.toFixed(1)} s wall`);
        runs[side].push(run);
      }
    }
    const students = runs.now[0].scores.filter((student) => student.status !== "skipped").length;
    const summarise = (list) => ({
      cpuPerSubmission: median(list.map((run) => run.cpuSeconds)) / students,
      wallPerSubmission: median(list.map((run) => run.wallSeconds)) / students,
      perCoreHour: (3600 * students) / median(list.map((run) => run.cpuSeconds)),
      runs: list.map(({ cpuSeconds, wallSeconds }) => ({ cpuSeconds, wallSeconds })),
    });
    const reference = JSON.stringify(runs.base[0].scores);
    const identical = [...runs.base, ...runs.now].every((run) => JSON.stringify(run.scores) === reference);
    let maxEstimateDifference = 0;
    for (const run of [...runs.base, ...runs.now]) {
      for (const [key, value] of run.estimates) {
        const other = runs.base[0].estimates.get(key);
        if (other !== undefined) maxEstimateDifference = Math.max(maxEstimateDifference, Math.abs(value - other));
      }
    }
    const ratios = runs.base.map((run, rep) => run.cpuSeconds / runs.now[rep].cpuSeconds);
    const results = {
      command: `npm run bench:grading${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(" ")}` : ""}`,
      started: started.toISOString(),
      machine: { cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadAverage: os.loadavg() },
      options: opts,
      classDir: opts.classDir === undefined ? "autograder/examples" : path.relative(root, opts.classDir) || ".",
      ownClasses: opts.classDir === undefined,
      baseCommit,
      students,
      sides: { base: summarise(runs.base), now: summarise(runs.now) },
      ratios,
      ratio: median(ratios),
      identical,
      maxEstimateDifference,
      scores: { base: runs.base[0].scores, now: runs.now[0].scores },
    };
    fs.mkdirSync(opts.out, { recursive: true });
    fs.writeFileSync(path.join(opts.out, "grading-results.json"), JSON.stringify(results, null, 1) + "\n");
    const markdown = render(results);
    fs.writeFileSync(path.join(opts.out, "grading-results.md"), markdown);
    console.log(`\n${markdown}`);
    if (!identical) process.exitCode = 1;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main();
