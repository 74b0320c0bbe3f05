// A runner killed or frozen from outside while its notebook runs (what a notebook did to it
// before the course's kernel refused to signal other processes, and what a bug in node, an
// operator or the machine's OOM killer can still do): the grader notices it (at once when
// killed, within 10 s when frozen), gives that notebook 0 points with a message saying so,
// kills its kernel, grades the student's other notebooks and the other students, and writes
// a complete report; the run exits 0, since nothing failed in the grader itself. On both
// sandbox paths: own-user (as root) and same-user.
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { chmodSync, existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { fixtureCourse, fixtureSubmissions, readJson, repoRoot, temporaryDir } from "./helpers.mjs";

const perfect = (name) => parseNotebook(readFileSync(join(fixtureSubmissions, "perfect", name), "utf8"));
const codeCell = (source) => ({ cell_type: "code", execution_count: null, id: `stopped-${Math.random().toString(16).slice(2, 10)}`, metadata: {}, outputs: [], source });
// the cell during which the test signals the runner; it would wait 40 s otherwise. It first
// gives its kernel another command line (node's process.title writes over it), which the grader
// once read to tell its kernel from a process given the same id later: the kernel of a runner killed
// on the same-user path was then left running.
const waiting = (marker) =>
  codeCell(`// ${marker}\n(process as any)["title"] = "idle";\nawait new Promise((resolve) => setTimeout(resolve, 40_000));`);
const SIGNALS = { "KILL-THIS-RUNNER": "SIGKILL", "FREEZE-THIS-RUNNER": "SIGSTOP" };

function makeClass(root) {
  for (const [student, marker] of [["killed", "KILL-THIS-RUNNER"], ["frozen", "FREEZE-THIS-RUNNER"], ["honest", null]]) {
    mkdirSync(join(root, student), { recursive: true });
    const arith = perfect("arith.ipynb");
    if (marker) arith.cells.splice(2, 0, waiting(marker));
    writeFileSync(join(root, student, "arith.ipynb"), serializeNotebook(arith));
    writeFileSync(join(root, student, "strings.ipynb"), serializeNotebook(perfect("strings.ipynb")));
  }
}

/** Each process's arguments, by pid. */
function processes() {
  /** @type {Map<number, string[]>} */
  const found = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      found.set(Number(entry), readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0"));
    } catch {
      // ended meanwhile
    }
  }
  return found;
}

/** When a process started, from /proc (null when it is gone). @param {number} pid */
/** Whether process `pid` has ended but for its entry (a zombie, or dead), or is gone. */
function ended(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return /^[ZX]/.test(stat.slice(stat.lastIndexOf(")") + 2));
  } catch {
    return true;
  }
}

function startOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19];
  } catch {
    return null;
  }
}

/** A process's parent, from /proc (null when it is gone). @param {number} pid */
function parentOf(pid) {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
  } catch {
    return null;
  }
}

/**
 * Signals each runner whose notebook holds a marker, once its kernel runs that notebook
 * (the runner has written the kernel's pid), as its notebook's kernel did before. Only the
 * runners of the grading run whose temporary folder is `tmp`: each job's folder names its
 * notebook and its kernel's pid, and the runner is the kernel's parent (runners forked from
 * the run's runner server all carry the server's command line).
 */
function signalRunners(signalled, tmp, kernels) {
  for (const run of readdirSync(tmp).filter((name) => name.startsWith("neural-mi-grading-"))) {
    const privateDir = join(tmp, run, "private");
    let jobs = [];
    try {
      jobs = readdirSync(privateDir);
    } catch {
      continue; // not made yet
    }
    for (const name of jobs) {
      try {
        const job = JSON.parse(readFileSync(join(privateDir, name, "job.json"), "utf8"));
        if (!existsSync(job.pid_file)) continue;
        if (signalled.has(job.notebook)) continue;
        const kernel = Number(readFileSync(job.pid_file, "utf8"));
        const pid = parentOf(kernel);
        // the runner, not whoever adopted its kernel after it ended
        if (pid === null || !readFileSync(`/proc/${pid}/cmdline`, "utf8").includes("run_notebook.py")) continue;
        const text = readFileSync(job.notebook, "utf8");
        const marker = Object.keys(SIGNALS).find((key) => text.includes(key));
        if (!marker) continue;
        signalled.set(job.notebook, SIGNALS[marker]);
        kernels.push({ pid: kernel, start: startOf(kernel) });
        // a moment later: the cell that waits is running by then
        setTimeout(() => process.kill(pid, SIGNALS[marker]), 1500);
      } catch {
        // not yet written, or the runner ended
      }
    }
  }
}

// far longer than a run takes: a run that lasts it waited for a cell's limit, not for its stopped runner
const CELL_TIMEOUT = 600;

function autograde(submissions, out, env) {
  const tmp = env.TMPDIR;
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--jobs", "2", "--cell-timeout", String(CELL_TIMEOUT)],
      { cwd: repoRoot, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    /** @type {Map<string, string>} the signal sent to each notebook's runner */
    const signalled = new Map();
    /** @type {{ pid: number, start: string | null }[]} the kernels of the signalled runners */
    const kernels = [];
    const watch = setInterval(() => signalRunners(signalled, tmp, kernels), 200);
    child.on("close", (code) => {
      clearInterval(watch);
      resolve({ code, stdout, stderr, signalled: [...signalled.values()].sort(), kernels });
    });
  });
}

const runs = {};
before(async () => {
  const base = temporaryDir();
  chmodSync(base, 0o711); // kernels of their own users pass through it to the packages
  const paths = { own: {}, same: { NEURAL_MI_SAME_USER: "1" } };
  await Promise.all(
    Object.entries(paths).map(async ([kind, env]) => {
      const submissions = join(base, `${kind} class`);
      makeClass(submissions);
      const tmp = join(base, `${kind} tmp`);
      mkdirSync(tmp, { mode: 0o711 });
      const out = join(base, `${kind} grading`);
      const began = Date.now();
      const run = await autograde(submissions, out, { ...env, TMPDIR: tmp });
      runs[kind] = { ...run, tmp, seconds: (Date.now() - began) / 1000, report: existsSync(join(out, "report.json")) ? readJson(join(out, "report.json")) : null };
    }),
  );
});

for (const kind of ["own", "same"]) {
  test(`${kind}-user path: a killed and a frozen runner cost their notebook its points, nothing else`, async () => {
    const run = runs[kind];
    assert.equal(run.code, 0, `${run.stdout}\n${run.stderr.slice(-3000)}`);
    assert.deepEqual(run.signalled, ["SIGKILL", "SIGSTOP"], "both runners were signalled while their notebook ran");
    assert.equal(run.report.sandbox.kind, kind === "own" && process.getuid?.() === 0 ? "own-user" : "same-user");
    assert.ok(run.report.complete, "the class report is complete");
    const student = (name) => run.report.students.find((item) => item.student === name);
    const notebook = (name, file) => student(name).notebooks.find((item) => item.notebook === file);
    const reasons = { killed: /it was killed \(SIGKILL\)/, frozen: /it stopped answering for 10 s \(frozen\)/ };
    for (const [name, reason] of Object.entries(reasons)) {
      const arith = notebook(name, "arith.ipynb");
      assert.equal(arith.status, "stopped", name);
      assert.match(arith.message, /^the notebook stopped the grader \(the process running it: /, name);
      assert.match(arith.message, reason, name);
      assert.match(arith.message, /0 points for this notebook/, name);
      assert.equal(arith.score, 0, name);
      assert.equal(student(name).status, "graded-with-problems", name);
      // its other notebook is graded as usual
      assert.equal(notebook(name, "strings.ipynb").status, "graded", name);
      assert.equal(student(name).score, notebook(name, "strings.ipynb").score, name);
      assert.ok(notebook(name, "strings.ipynb").score > 0, name);
    }
    assert.equal(student("honest").status, "graded");
    assert.equal(student("honest").score, notebook("killed", "strings.ipynb").score + 5);
    assert.deepEqual(run.report.students.filter((item) => item.status === "grader-error"), []);
    // the stopped runners' kernels did not outlive them
    const left = [...processes()].filter(([pid, argv]) => pid !== process.pid && argv.some((arg) => arg.includes(run.tmp)));
    assert.deepEqual(left, [], "no process of the grading run is left");
    // nor those kernels, whose command lines no longer name the run
    // killed with their runner (its parent-death signal), each ends as the system gets to it: on a loaded
    // machine it may still be exiting, or be a zombie not yet reaped, as the run ends
    const living = () => run.kernels.filter((kernel) => kernel.start !== null && startOf(kernel.pid) === kernel.start && !ended(kernel.pid));
    for (const until = Date.now() + 10_000; living().length > 0 && Date.now() < until; ) await new Promise((resolve) => setTimeout(resolve, 100));
    const alive = living();
    assert.equal(run.kernels.length, 2, "both kernels were seen");
    assert.deepEqual(alive, [], "the kernels of the stopped runners ended, their command lines changed");
    // what ended the stopped notebooks was their runner's end, never the cell time limit (a run of about 25 s took 127 s
    // on a loaded machine: a bound near the usual time failed for the load, not for a wait)
    assert.ok(run.seconds < CELL_TIMEOUT, `the run took ${run.seconds} s: a stopped runner's notebook waited for the cell time limit`);
  });
}
