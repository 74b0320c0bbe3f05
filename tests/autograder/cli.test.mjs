// npm run autograde's arguments and errors, and grading without the sandbox.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { fixtureCourse, fixtureSubmissions, readJson, repoRoot, runNode, temporaryDir } from "./helpers.mjs";

const autograde = (...args) => runNode(["autograder/bin/autograde.mjs", ...args]);

/**
 * The sockets folders apart in /tmp that the grading runs in `tmp` record for their jobs
 * (isolation.mjs), looked for every 50 ms until stop(): other runs' folders of the same form,
 * made by tests running beside this one, are not counted.
 * @param {string} tmp
 */
function watchApartSockets(tmp) {
  const found = new Set();
  const look = () => {
    for (const work of readdirSync(tmp).filter((name) => name.startsWith("neural-mi-grading-"))) {
      try {
        for (const record of readdirSync(join(tmp, work, "jobs")).filter((name) => name.endsWith(".sockets"))) {
          found.add(readFileSync(join(tmp, work, "jobs", record), "utf8").trim());
        }
      } catch {
        // not made yet, or removed at the run's end
      }
    }
  };
  const timer = setInterval(look, 50);
  return {
    stop() {
      clearInterval(timer);
      return [...found].filter(Boolean);
    },
  };
}

test("bad arguments get the usage and a message naming the problem", async () => {
  const unknown = await autograde("--jbos", "2");
  assert.equal(unknown.code, 2);
  assert.match(unknown.stderr, /Unknown option '--jbos'[\s\S]*Usage: npm run autograde/);
  const jobs = await autograde(fixtureSubmissions, "--jobs", "none");
  assert.equal(jobs.code, 1);
  assert.match(jobs.stderr, /--jobs must be a positive number, got "none"/);
  const two = await autograde("a", "b");
  assert.equal(two.code, 2);
  assert.match(two.stderr, /give at most one submissions folder/);
  const help = await autograde("--help");
  assert.equal(help.code, 0);
  assert.match(help.stdout, /one subfolder per student/);
  // asking a subcommand for its usage needs no folder
  const manualHelp = await autograde("manual", "--help");
  assert.equal(manualHelp.code, 0, manualHelp.stderr);
  assert.match(manualHelp.stdout, /Usage: npm run autograde -- manual/);
  const manualBare = await autograde("manual");
  assert.equal(manualBare.code, 2);
  assert.match(manualBare.stderr, /give the class report folder/);
});

test("a missing or empty submissions folder is an error that says what is expected", async () => {
  const missing = await autograde("/nonexistent/submissions");
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /the submissions folder \/nonexistent\/submissions does not exist/);
  // a relative folder is where the command was typed (npm runs it from the repository's root)
  const typedIn = temporaryDir();
  const relative = await runNode(["autograder/bin/autograde.mjs", "my-class"], { env: { INIT_CWD: typedIn } });
  assert.match(relative.stderr, new RegExp(`the submissions folder ${join(typedIn, "my-class")} does not exist`));
  const flat = temporaryDir();
  writeFileSync(join(flat, "arith.ipynb"), "{}");
  const noFolders = await autograde(flat, "--source", fixtureCourse, "--out", join(temporaryDir(), "out"));
  assert.equal(noFolders.code, 1);
  assert.match(noFolders.stderr, /no student folders in .*one folder per student.*found notebooks directly in it: arith.ipynb/);
  const badSource = await autograde(fixtureSubmissions, "--source", temporaryDir());
  assert.equal(badSource.code, 1);
  assert.match(badSource.stderr, /no notebooks \(\*.ipynb\) in the course folder/);
});

test("--no-isolation grades without the sandbox and says so in the report", async () => {
  const submissions = temporaryDir();
  mkdirSync(join(submissions, "perfect"));
  cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(submissions, "perfect", "arith.ipynb"));
  const out = join(temporaryDir(), "out");
  const run = await autograde(submissions, "--source", fixtureCourse, "--out", out, "--no-isolation", "--cell-timeout", "60");
  assert.equal(run.code, 0, run.stderr);
  const report = readJson(join(out, "report.json"));
  assert.equal(report.settings.isolated, false);
  assert.equal(report.students[0].score, 5);
  assert.match(run.stderr, /\(no sandbox\)/);
  assert.match(run.stderr, /^\[1\/1\] elapsed \d+ (s|min \d\d s), done; perfect: 5 \/ \d+ points/m, "the progress line: count, elapsed time, time left");
});

test("when the grader itself fails, the student is marked as a grader error, not given a zero, and the run fails", async () => {
  const submissions = temporaryDir();
  mkdirSync(join(submissions, "perfect"));
  cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(submissions, "perfect", "arith.ipynb"));
  const out = join(temporaryDir(), "out");
  const run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out], {
    env: { NEURAL_MI_PYTHON: "/nonexistent/python" },
  });
  assert.equal(run.code, 1, "a grader error fails the run");
  const [result] = readJson(join(out, "report.json")).students;
  assert.equal(result.status, "grader-error");
  assert.match(result.notebooks[0].message, /not the student's fault.*could not start \/nonexistent\/python/);
  const again = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out], {
    env: { NEURAL_MI_PYTHON: "/nonexistent/python" },
  });
  assert.match(again.stdout, /1 graded, 0 unchanged/, "a grader error is graded again, not kept");
});

test("a kernel that cannot start is started once more, then the student is a grader error with the kernel's own words", async () => {
  const submissions = temporaryDir();
  mkdirSync(join(submissions, "perfect"));
  cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(submissions, "perfect", "arith.ipynb"));
  const out = join(temporaryDir(), "out");
  // 40 MB is too little for the TypeScript compiler inside the kernel: it dies on start-up
  const run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--memory-mb", "40"]);
  assert.equal(run.code, 1, "a grader error fails the run");
  const [result] = readJson(join(out, "report.json")).students;
  assert.equal(result.status, "grader-error");
  const { message } = result.notebooks[0];
  assert.match(message, /could not start a kernel, twice \(not the student's fault\)/);
  assert.match(message, /heap out of memory/, "the kernel's log says why");
  assert.doesNotMatch(message, /0x[0-9a-f]{6,}/, "no native stack frames");
  assert.match(message, /raise them/);
});

test("under a TMPDIR too long for Unix sockets, kernels listen on sockets in a private folder in /tmp, not on TCP, and it is removed", async () => {
  const submissions = temporaryDir();
  mkdirSync(join(submissions, "perfect"));
  cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(submissions, "perfect", "arith.ipynb"));
  const long = join(temporaryDir(), "a-temporary-folder-of-a-long-name".repeat(3));
  mkdirSync(long);
  chmodSync(long, 0o711);
  chmodSync(join(long, ".."), 0o711);
  const out = join(temporaryDir(), "out");
  const watch = watchApartSockets(long);
  const run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--cell-timeout", "60"], { env: { TMPDIR: long } });
  const apart = watch.stop();
  assert.equal(run.code, 0, run.stderr);
  assert.equal(readJson(join(out, "report.json")).students[0].score, 5);
  assert.ok(apart.length >= 1, "the kernel's sockets were in a folder apart");
  for (const folder of apart) assert.match(folder, /^\/tmp\/neural-mi-sockets-[0-9a-f]{24}$/);
  assert.deepEqual(apart.filter((folder) => existsSync(folder)), [], "and it is gone");
});

// one sandboxed run for both (a kernel start less): the compile table's switch and the temporary
// folder's name touch different steps, the kernel's compiling and how the runners start
test("with the compile table off (NEURAL_MI_COMPILE_TABLE=0) the sandboxed kernels start and compile every cell; a temporary folder whose name holds a tab is graded as any other (its runners start directly, not from the server's line)", async () => {
  const submissions = temporaryDir();
  mkdirSync(join(submissions, "perfect"));
  cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(submissions, "perfect", "arith.ipynb"));
  const odd = join(temporaryDir(), "odd\ttmp");
  mkdirSync(odd);
  chmodSync(odd, 0o711); // kernels of their own users pass through it
  chmodSync(join(odd, ".."), 0o711);
  const out = join(temporaryDir(), "out");
  const run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--cell-timeout", "60"], {
    env: { TMPDIR: odd, NEURAL_MI_COMPILE_TABLE: "0" },
  });
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /compile table: off \(NEURAL_MI_COMPILE_TABLE=0\)/);
  const report = readJson(join(out, "report.json"));
  const arith = report.students[0].notebooks.find((item) => item.notebook === "arith.ipynb");
  assert.equal(arith.status, "graded", JSON.stringify(arith));
  assert.equal(arith.run.outcome, "completed");
  assert.equal(report.students[0].score, 5, JSON.stringify(report.students[0]));
});

test("each assignment graded from one collected folder gets a report folder of its own by default", async () => {
  // nbgrader collects every assignment into submitted/: grading two of them must not overwrite one report with the other
  const submitted = join(temporaryDir(), "submitted");
  mkdirSync(join(submitted, "ann"), { recursive: true });
  const course = join(temporaryDir(), "01-chapter");
  cpSync(fixtureCourse, course, { recursive: true });
  const run = await autograde(submitted, "--source", course, "--jobs", "1");
  const out = join(repoRoot, "grading", "submitted-01-chapter");
  try {
    assert.equal(run.code, 0, run.stderr);
    assert.equal(readJson(join(out, "report.json")).students[0].student, "ann");
    assert.match(run.stdout, /Reports in .*grading\/submitted-01-chapter\//);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
});

test("a second run on a report folder another live run writes to is refused, and so is grading by hand there; a lock a killed run left is taken over, with its half-written files", async () => {
  const submissions = temporaryDir();
  mkdirSync(join(submissions, "ann"));
  const out = join(temporaryDir(), "grading");
  mkdirSync(out);
  const { startTicks } = await import("../../autograder/src/grade/work-folders.mjs");
  // this test's own process stands for the live run
  writeFileSync(join(out, ".grading.lock"), JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: "2026-12-03T10:00:00Z" }));
  const refused = await autograde(submissions, "--source", fixtureCourse, "--out", out);
  assert.equal(refused.code, 1);
  assert.match(refused.stderr, new RegExp(`another grading run \\(process ${process.pid}, started 2026-12-03T10:00:00Z\\) is writing to .*grading: wait for it to end, or give another --out`));
  // a process that has ended
  const ended = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"], { encoding: "utf8" });
  const endedPid = Number(ended.stdout);
  writeFileSync(join(out, ".grading.lock"), JSON.stringify({ pid: endedPid, started: "2026-12-03T09:00:00Z" }));
  // what that run was writing when it was killed (atomic-write.mjs's temporary names): never renamed into place
  const litter = join(out, `.report.json.${endedPid}.0123456789abcdef.tmp`);
  writeFileSync(litter, '{"students": [');
  const taken = await autograde(submissions, "--source", fixtureCourse, "--out", out);
  assert.equal(taken.code, 0, taken.stderr);
  assert.match(taken.stderr, new RegExp(`the grading run that last wrote here \\(process ${endedPid}, started 2026-12-03T09:00:00Z\\) ended without releasing the folder \\(killed\\); its lock is taken over, and the 1 unfinished temporary file it left removed`));
  assert.equal(existsSync(litter), false, "the killed run's half-written file is gone");
  assert.equal(existsSync(join(out, ".grading.lock")), false, "released when the run ends");
  // the work folder a run killed after its last student left (as root, with its sandbox's tmpfs mounted): removed by the
  // next run even when it finds every student graded (that run returned before it looked, and the folder stayed)
  const tmp = temporaryDir();
  chmodSync(tmp, 0o711); // as root, kernels of their own users pass through it, so the run's work folders go there
  mkdirSync(join(tmp, "neural-mi-grading-killed"));
  writeFileSync(join(tmp, "neural-mi-grading-killed", "owner.json"), JSON.stringify({ pid: endedPid }));
  const unchanged = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out], { env: { TMPDIR: tmp } });
  assert.equal(unchanged.code, 0, unchanged.stderr);
  assert.match(unchanged.stdout, /0 graded, 1 unchanged/);
  assert.match(unchanged.stderr, /removed the work folders of earlier runs that were killed before they could: neural-mi-grading-killed/);
  assert.equal(existsSync(join(tmp, "neural-mi-grading-killed")), false);
  // grading by hand writes the class reports too: while a live run rewrites them after every student, its list
  // would go over the run's newer one (or the run's over the points just entered), so it is refused, naming the run
  writeFileSync(join(out, ".grading.lock"), JSON.stringify({ pid: process.pid, startTicks: startTicks(process.pid), started: "2026-12-03T10:00:00Z" }));
  const before = readFileSync(join(out, "report.json"), "utf8");
  const manual = await autograde("manual", out);
  assert.equal(manual.code, 1);
  assert.match(manual.stderr, new RegExp(`another grading run \\(process ${process.pid}, started 2026-12-03T10:00:00Z\\) is writing to .*grading: wait for it to end, then run \`npm run autograde -- manual\` again`));
  assert.equal(readFileSync(join(out, "report.json"), "utf8"), before);
  assert.equal(existsSync(join(out, "manual-grades.json")), false, "nothing written");
  rmSync(join(out, ".grading.lock"));
});

test("the notebooks as graded, hidden tests in, are the grader's alone in its work folder: no other account can open them by path", async () => {
  const submissions = temporaryDir();
  mkdirSync(join(submissions, "perfect"));
  cpSync(join(fixtureSubmissions, "perfect", "arith.ipynb"), join(submissions, "perfect", "arith.ipynb"));
  // a long TMPDIR: the kernel's sockets go to a folder apart in /tmp, which --keep-work does not keep
  const tmp = join(temporaryDir(), "a-temporary-folder-of-a-long-name".repeat(3));
  mkdirSync(tmp);
  chmodSync(tmp, 0o711); // kernels of their own users pass through it
  chmodSync(join(tmp, ".."), 0o711);
  const out = join(temporaryDir(), "out");
  const watch = watchApartSockets(tmp);
  const run = await runNode(["autograder/bin/autograde.mjs", submissions, "--source", fixtureCourse, "--out", out, "--cell-timeout", "60", "--keep-work"], { env: { TMPDIR: tmp } });
  const apart = watch.stop();
  assert.equal(run.code, 0, run.stderr);
  assert.ok(apart.length >= 1, "the kernel's sockets were in a folder apart");
  assert.deepEqual(apart.filter((folder) => existsSync(folder)), [], "not kept: nothing in it to inspect once the kernel has ended");
  const [work] = readdirSync(tmp).filter((name) => name.startsWith("neural-mi-grading-"));
  const graded = join(tmp, work, "private", "perfect-0", "input.ipynb");
  assert.ok(existsSync(graded), `the kept work folder holds ${graded}`);
  assert.equal(statSync(join(tmp, work, "private")).mode & 0o777, 0o700);
  // the kept sandboxes' own file systems (as root), so that the folder can be removed
  const mounts = readFileSync("/proc/self/mounts", "utf8").split("\n").map((line) => line.split(" ")[1]);
  for (const point of mounts.filter((p) => p?.startsWith(join(tmp, work)))) spawnSync("umount", ["-l", point]);
});

test("as root, a report folder on a full disk or a read-only one stops the run with the folder and the fix; what was written stays whole", async () => {
  if (process.getuid?.() !== 0) return; // mounting a small file system takes root
  const submissions = temporaryDir();
  for (let i = 1; i <= 6; i++) cpSync(join(fixtureSubmissions, "no-notebooks"), join(submissions, `s${i}`), { recursive: true });
  const disk = temporaryDir();
  assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=40k", "neural-mi-full-disk", disk]).status, 0, "mount");
  try {
    const out = join(disk, "out");
    const args = [submissions, "--source", fixtureCourse, "--out", out, "--jobs", "1", "--no-isolation"];
    const full = await autograde(...args);
    assert.equal(full.code, 1);
    assert.match(full.stderr, new RegExp(`the disk is full \\(ENOSPC.*\\): the reports go to ${out}.*free some space there .*run the same command again \\(the students graded so far are kept\\)`));
    const earlier = readJson(join(out, "report.json")); // whole, if not every student's
    assert.equal(earlier.students.length, 6);
    assert.equal(readdirSync(out).filter((name) => name.endsWith(".tmp")).length, 0, "no temporary files left");

    assert.equal(spawnSync("mount", ["-o", "remount,size=4m", disk]).status, 0, "remount");
    const again = await autograde(...args);
    assert.equal(again.code, 0, again.stderr);
    assert.deepEqual(readJson(join(out, "report.json")).students.map((s) => s.status), Array(6).fill("no-notebooks"));

    assert.equal(spawnSync("mount", ["-o", "remount,ro", disk]).status, 0, "remount read-only");
    const readOnly = await autograde(submissions, "--source", fixtureCourse, "--out", join(disk, "elsewhere"), "--no-isolation");
    assert.equal(readOnly.code, 1);
    assert.match(readOnly.stderr, /the reports cannot be written to .*elsewhere \(.*\): choose --out a folder this user can write/);
    const stillThere = await autograde(...args);
    assert.equal(stillThere.code, 1);
    assert.match(stillThere.stderr, new RegExp(`the reports cannot be written to ${out} \\(EROFS.*\\): choose --out a folder this user can write`));
  } finally {
    spawnSync("umount", [disk]);
  }
});
