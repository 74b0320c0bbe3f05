// npm run autograde -- <folder> --shard K/N and npm run autograde -- merge: a class
// graded in parts and merged gives the report of a single run, apart from timings.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { chmodSync, cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { DEFAULT_LIMITS } from "../../autograder/src/execute/execute-notebook.mjs";
import { gradeClass } from "../../autograder/src/grade/grade-class.mjs";
import { parseShard } from "../../autograder/src/grade/shards.mjs";
import { mergeShards } from "../../autograder/src/report/merge-shards.mjs";
import { manualMain } from "../../autograder/bin/manual-grades.mjs";
import { startTicks } from "../../autograder/src/grade/work-folders.mjs";
import { writeFilesAtomic } from "../../autograder/src/util/atomic-write.mjs";
import { fixtureCourse, fixtureSubmissions, readJson, runNode, temporaryDir } from "./helpers.mjs";
import { assertSameReports, smallClass } from "./shard-helpers.mjs";

const autograde = (...args) => runNode(["autograder/bin/autograde.mjs", ...args]);

/** A class whose entries start no kernel: what merge refuses, in no time. */
function kernelFreeClass() {
  const dir = temporaryDir();
  cpSync(join(fixtureSubmissions, "no-notebooks"), join(dir, "no-notebooks"), { recursive: true });
  writeFileSync(join(dir, "notes.zip"), "PK\n");
  return dir;
}

test("a class graded in two shards and merged gives the single run's report; re-running a shard duplicates nobody", async () => {
  const submissions = smallClass();
  const out = temporaryDir();
  const single = join(out, "single");
  const sharded = join(out, "sharded");
  const common = ["--source", fixtureCourse, "--jobs", "1", "--cell-timeout", "60"];
  const runs = await Promise.all([
    autograde(submissions, ...common, "--out", single),
    autograde(submissions, ...common, "--out", sharded, "--shard", "1/2"),
    autograde(submissions, ...common, "--out", sharded, "--shard", "2/2"),
  ]);
  for (const run of runs) assert.equal(run.code, 0, run.stderr);
  // hand grading is pointed at the class's folder, which merge writes, not at a part's
  assert.match(runs[1].stdout, /Answers worth \d+ points in this part wait for grading by hand: once the parts are merged, npm run autograde -- manual \S*sharded\n/);
  const part = (k) => join(sharded, "shards", `${k}-of-2`);
  assert.deepEqual(readJson(join(part(1), "report.json")).students.map((s) => s.student), ["ann", "notes.zip"]);
  assert.deepEqual(readJson(join(part(2), "report.json")).students.map((s) => s.student), ["bob"]);

  const merge = await autograde("merge", part(1), part(2));
  assert.equal(merge.code, 0, merge.stderr);
  assert.match(merge.stdout, /merged 2 shards: 3 entries/);
  assertSameReports(sharded, single);
  const report = readJson(join(sharded, "report.json"));
  assert.equal(report.complete, true);
  assert.equal(report.shard, undefined, "the merged report is a class report, not a shard's");
  assert.equal(report.students.find((s) => s.student === "ann").score, 5);

  const again = await autograde(submissions, ...common, "--out", sharded, "--shard", "1/2");
  assert.equal(again.code, 0, again.stderr);
  assert.match(again.stdout, /0 graded, 1 unchanged/);
  assert.deepEqual(readJson(join(part(1), "report.json")).students.map((s) => s.student), ["ann", "notes.zip"]);
  const twice = await autograde("merge", part(1), part(2), part(1));
  assert.equal(twice.code, 0, twice.stderr);
  assertSameReports(sharded, single);

  const intoPart = await autograde("merge", part(1), part(2), "--out", part(1));
  assert.equal(intoPart.code, 2);
  assert.match(intoPart.stderr, /give another --out: .* would put the class report into or over the shard folder .*1-of-2; the class report goes in the folder above shards\//);
  const missing = await autograde("merge", part(2));
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /merge refused: missing shard 1\/2 of 2: grade it \(npm run autograde -- <folder> --shard 1\/2\)/);

  // a student added first moves every other one to the next part: what another part graded is kept
  cpSync(join(submissions, "bob"), join(submissions, "aaa"), { recursive: true });
  const moved = await Promise.all([1, 2].map((k) => autograde(submissions, ...common, "--out", sharded, "--shard", `${k}/2`)));
  for (const run of moved) assert.equal(run.code, 0, run.stderr);
  assert.match(moved[0].stdout, /1 graded, 1 unchanged/, "aaa is new; bob was graded in part 2");
  assert.match(moved[1].stdout, /0 graded, 1 unchanged/, "ann was graded in part 1: no kernel runs for it again");
  const annNow = readJson(join(part(2), "students", "ann", "result.json"));
  assert.equal(annNow.score, 5);
  assert.ok(existsSync(join(part(2), "students", "ann", "arith.ipynb")), "its executed notebook came along");
});

test("merge refuses a missing shard, a student graded differently in two reports, and shards of other settings or another class; keeps a stopped shard's students as not graded yet", async () => {
  const submissions = kernelFreeClass();
  const out = temporaryDir();
  const dir = (k) => join(out, "shards", `${k}-of-3`);
  const shard = (k, limits = DEFAULT_LIMITS) =>
    gradeClass({ submissionsDir: submissions, sourceDir: fixtureCourse, outDir: dir(k), jobs: 1, redo: false, isolate: false, limits, shard: { index: k, count: 3 } });
  for (const k of [1, 2, 3]) await shard(k);
  assert.deepEqual(readJson(join(dir(3), "report.json")).students, [], "a part with no entries is an empty report, not an error");
  const merged = join(out, "merged");
  assert.deepEqual(mergeShards([dir(1), dir(2), dir(3)], merged).report.students.map((s) => s.student), ["no-notebooks", "notes.zip"]);

  assert.throws(() => mergeShards([dir(3), dir(1)], merged), /missing shard 2\/3 of 3: grade it/);
  assert.throws(() => mergeShards([dir(1), dir(2), join(out, "shards")], merged), /holds no report.json: give the folders/);

  // a report cut short (a full disk, an editor) or written by an older autograder: named, with the fix, and nothing merged
  const damaged = join(out, "damaged", "2-of-3");
  cpSync(dir(2), damaged, { recursive: true });
  writeFileSync(join(damaged, "report.json"), readFileSync(join(dir(2), "report.json"), "utf8").slice(0, 40));
  assert.throws(() => mergeShards([dir(1), damaged, dir(3)], join(out, "not-merged")), /2-of-3\/report.json is not a report \(.*\): grade that shard again/);
  const older = readJson(join(dir(2), "report.json"));
  delete older.shard.entries;
  writeFileSync(join(damaged, "report.json"), JSON.stringify(older));
  assert.throws(() => mergeShards([dir(1), damaged, dir(3)], join(out, "not-merged")), /has no shard record this autograder can check .*grade that shard again with this version/);
  writeFileSync(join(damaged, "report.json"), "[]");
  assert.throws(() => mergeShards([dir(1), damaged, dir(3)], join(out, "not-merged")), /is not a report the autograder writes/);
  assert.equal(existsSync(join(out, "not-merged")), false, "a refused merge writes nothing");
  // a shard still being graded (its lock held by a live process): not read while it changes
  const lock = join(dir(2), ".grading.lock");
  writeFileSync(lock, JSON.stringify({ pid: process.ppid, startTicks: startTicks(process.ppid), started: "now" }));
  assert.throws(() => mergeShards([dir(1), dir(2), dir(3)], join(out, "not-merged")), new RegExp(`2-of-3 is still being graded \\(process ${process.ppid}, started now\\): wait for that run to end, then merge again`));
  rmSync(lock);
  assert.equal(existsSync(join(out, "not-merged")), false, "a refused merge writes nothing");
  // nor into a class report folder a live run writes to (a grading run on the whole class, `manual`, another merge)
  const busy = join(out, "busy");
  mkdirSync(busy);
  writeFileSync(join(busy, ".grading.lock"), JSON.stringify({ pid: process.ppid, startTicks: startTicks(process.ppid), started: "now", command: "manual" }));
  assert.throws(() => mergeShards([dir(1), dir(2), dir(3)], busy), new RegExp(`another \`npm run autograde -- manual\` \\(process ${process.ppid}, started now\\) is writing to .*busy: wait for it to end, then merge again`));
  assert.deepEqual(readdirSync(busy), [".grading.lock"], "nothing written there");
  rmSync(busy, { recursive: true });
  // into the class folder, the next run would grade the merged students/ as a student
  assert.throws(() => mergeShards([dir(1), dir(2), dir(3)], join(submissions, "merged")), /the report folder .*merged lies inside the class folder .* choose --out outside it/);
  assert.throws(() => mergeShards([dir(1), dir(2), dir(3)], submissions), /lies inside the class folder/);
  assert.equal(existsSync(join(submissions, "merged")) || existsSync(join(submissions, "report.json")), false, "nothing is written there");

  const copy = join(out, "copy", "1-of-3");
  cpSync(dir(1), copy, { recursive: true });
  const edited = readJson(join(copy, "report.json"));
  edited.students[0].score = 4;
  writeFileSync(join(copy, "report.json"), JSON.stringify(edited));
  assert.throws(() => mergeShards([dir(1), dir(2), dir(3), copy], merged), /"no-notebooks" is in .*1-of-3 and in .*1-of-3 with different results: keep one/);

  // a shard stopped before its last student: merged as "not graded yet", and named
  const stopped = join(out, "stopped", "1-of-3");
  cpSync(dir(1), stopped, { recursive: true });
  const partial = readJson(join(stopped, "report.json"));
  partial.complete = false;
  partial.students[0] = { student: "no-notebooks", status: "pending", message: "not graded yet" };
  writeFileSync(join(stopped, "report.json"), JSON.stringify(partial));
  const { report, incomplete } = mergeShards([stopped, dir(2), dir(3)], merged);
  assert.equal(report.complete, false);
  assert.deepEqual(report.students.map((s) => [s.student, s.status]), [["no-notebooks", "pending"], ["notes.zip", "skipped"]]);
  assert.deepEqual(incomplete, [`1-of-3 (${stopped})`]);

  await shard(2, { ...DEFAULT_LIMITS, cellTimeout: 99 });
  assert.throws(() => mergeShards([dir(1), dir(2), dir(3)], merged), /graded with a different course, grader, settings or class folder/);

  mkdirSync(join(submissions, "late"));
  await shard(2);
  assert.throws(() => mergeShards([dir(1), dir(2), dir(3)], merged), /the class folder changed between .*1-of-3 and .*2-of-3 \(\+late\).*grade every shard again/);
});

// the class report holds every student's answers and grades: merge made a new --out 0755 with 0644 files,
// and the Slurm script's `mkdir -p "$out/slurm"` had made <out> so, where the merge then wrote the class's
// report, readable by every account of the cluster's file system or the hub's machine
test("the class report's folder is its grader's alone: made so by merge and grading, and closed when it was open to other accounts", async () => {
  const submissions = kernelFreeClass();
  const out = temporaryDir();
  const privateMode = (path) => statSync(path).mode & 0o077;
  const open = (path) => {
    mkdirSync(path, { recursive: true });
    chmodSync(path, 0o755);
    return path;
  };
  const classOut = open(join(out, "class"));
  open(join(classOut, "slurm"));
  const dir = (k) => join(classOut, "shards", `${k}-of-2`);
  for (const k of [1, 2]) {
    await gradeClass({ submissionsDir: submissions, sourceDir: fixtureCourse, outDir: dir(k), jobs: 1, redo: false, isolate: false, limits: DEFAULT_LIMITS, shard: { index: k, count: 2 } });
  }
  const merged = mergeShards([dir(1), dir(2)], classOut);
  assert.equal(privateMode(classOut), 0, "the open <out> is closed");
  assert.match(merged.closed ?? "", /the report folder .*class was open to other accounts \(mode 755\), who could read every student's answers and grades there: it is now 700/);
  // written answers beside the course's reference answers, by hand grading, in a report folder opened since
  chmodSync(classOut, 0o755);
  assert.equal(manualMain([classOut]), 0);
  assert.equal(privateMode(classOut), 0, "npm run autograde -- manual closes the report folder too");
  const fresh = join(out, "new", "merged");
  assert.equal(mergeShards([dir(1), dir(2)], fresh).closed, null, "a folder merge makes has nothing to close");
  assert.equal(privateMode(fresh), 0, "merge makes its --out for its user alone");
  assert.equal(privateMode(join(out, "new")), 0, "and the folders above it that it makes");
  const lines = [];
  const graded = open(join(out, "graded"));
  await gradeClass({ submissionsDir: submissions, sourceDir: fixtureCourse, outDir: graded, jobs: 1, redo: false, isolate: false, limits: DEFAULT_LIMITS, log: (line) => lines.push(line) });
  assert.equal(privateMode(graded), 0, "a grading run's --out open to others is closed");
  assert.ok(lines.some((line) => /^note: the report folder .*graded was open to other accounts \(mode 755\)/.test(line)), lines.join("\n"));
});

test("bad --shard values are refused with the form to use", async () => {
  for (const value of ["0/3", "4/3", "1/0", "a/b", "2", "1/3/5"]) {
    assert.throws(() => parseShard(value), /--shard .*give --shard K\/N with whole numbers 1 ≤ K ≤ N/, value);
  }
  assert.deepEqual(parseShard("2/3"), { index: 2, count: 3 });
  const run = await autograde(fixtureSubmissions, "--source", fixtureCourse, "--shard", "4/3");
  assert.equal(run.code, 1);
  assert.match(run.stderr, /--shard 4\/3: K must be between 1 and 3: give --shard K\/N/);
  const none = await autograde("merge");
  assert.equal(none.code, 2);
  assert.match(none.stderr, /give the shard folders to merge/);
});

// merge on a full disk had said a bare ENOSPC, and report.json could be written new beside the
// gradebook.csv of the merge before
test("merge on a full disk names the folder and the fix, and the class report's files stay the earlier ones together", async () => {
  const submissions = kernelFreeClass();
  const out = temporaryDir();
  const dir = (k) => join(out, "shards", `${k}-of-2`);
  for (const k of [1, 2]) {
    await gradeClass({ submissionsDir: submissions, sourceDir: fixtureCourse, outDir: dir(k), jobs: 1, redo: false, isolate: false, limits: DEFAULT_LIMITS, shard: { index: k, count: 2 } });
  }
  const disk = temporaryDir();
  assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=200k", "neural-mi-full-merge", disk]).status, 0, "mount");
  try {
    const merged = join(disk, "class");
    const first = await autograde("merge", dir(1), dir(2), "--out", merged);
    assert.equal(first.code, 0, first.stderr);
    const before = ["report.json", "gradebook.csv", "summary.md"].map((name) => readFileSync(join(merged, name), "utf8"));
    // the disk filled by something else, and a shard graded again (its report is new)
    const filler = join(disk, "filler");
    try {
      writeFileSync(filler, Buffer.alloc(400 * 1024));
    } catch {
      // what fitted is kept: the disk is full
    }
    const again = await autograde("merge", dir(1), dir(2), "--out", merged);
    assert.equal(again.code, 1);
    assert.match(again.stderr, new RegExp(`merge stopped: the disk is full \\(ENOSPC.*\\): the class report goes to ${merged}; free some space there \\(or choose another --out\\) and merge again`));
    assert.deepEqual(["report.json", "gradebook.csv", "summary.md"].map((name) => readFileSync(join(merged, name), "utf8")), before);
    assert.deepEqual(readdirSync(merged).filter((name) => name.endsWith(".tmp")), [], "no temporary files left");
  } finally {
    spawnSync("umount", [disk]);
  }
});

test("the class report's three files are written together: one that cannot be written leaves the others as they were", () => {
  const folder = temporaryDir();
  writeFileSync(join(folder, "report.json"), "earlier");
  writeFileSync(join(folder, "blocked"), "a file where a folder should be");
  assert.throws(() => writeFilesAtomic([[join(folder, "report.json"), "new"], [join(folder, "blocked", "gradebook.csv"), "new"]]), /ENOTDIR|EEXIST/);
  assert.equal(readFileSync(join(folder, "report.json"), "utf8"), "earlier");
  assert.deepEqual(readdirSync(folder).sort(), ["blocked", "report.json"]);
});
