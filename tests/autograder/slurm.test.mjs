// autograder/batch/slurm-autograde.sh on a real one-node Slurm cluster: the array job and
// its merge job give the report of a single run. Where Slurm cannot be installed or started
// (not root, no apt, no network, daemons refused) the test says why and checks nothing more.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fixtureCourse, readJson, repoRoot, runNode, temporaryDir } from "./helpers.mjs";
import { assertSameReports, smallClass } from "./shard-helpers.mjs";
import { startOneNodeCluster } from "./slurm-cluster.mjs";

test("the script's task, run outside a Slurm job array, says how to submit instead of failing on an unset variable", () => {
  const env = { ...process.env };
  delete env.SLURM_ARRAY_TASK_ID;
  const run = spawnSync(join(repoRoot, "autograder/batch/slurm-autograde.sh"), ["task", repoRoot, "class", "out", "2"], { encoding: "utf8", env });
  assert.equal(run.status, 2);
  assert.match(run.stderr, /"task" is what each task of the Slurm job array runs \(SLURM_ARRAY_TASK_ID is not set\): submit the class with .*slurm-autograde\.sh <class folder> <N>/);
});

test("a Slurm array job grades a class in two shards and its merge job writes the single run's report", async (t) => {
  const cluster = await startOneNodeCluster(temporaryDir("neural-mi-slurm-"));
  if ("unavailable" in cluster) {
    t.diagnostic(`Slurm is not available here, so the array job was not run: ${cluster.unavailable}`);
    return;
  }
  try {
    const submissions = smallClass();
    const out = temporaryDir();
    const env = { ...process.env, ...cluster.env, PATH: `${dirname(process.execPath)}:${process.env.PATH}`, MEMORY_MB: "1024" };
    const options = ["--source", fixtureCourse, "--cell-timeout", "60"];
    const submit = spawnSync(join(repoRoot, "autograder/batch/slurm-autograde.sh"), [submissions, "2", join(out, "sharded"), "--", ...options], {
      encoding: "utf8",
      env,
    });
    assert.equal(submit.status, 0, submit.stderr);
    assert.match(submit.stdout, /submitted: array job \d+ \(array indices 0-1: shard = index \+ 1 of 2\), merge job \d+ after it/);
    const single = runNode(["autograder/bin/autograde.mjs", submissions, ...options, "--memory-mb", "1024", "--jobs", "1", "--out", join(out, "single")]);

    const queued = () => {
      const squeue = spawnSync("squeue", ["-h", "-o", "%i %T"], { encoding: "utf8", env });
      assert.equal(squeue.status, 0, `squeue failed: ${squeue.stderr}`);
      return squeue.stdout.trim();
    };
    const until = Date.now() + 240_000;
    while (queued() && Date.now() < until) await new Promise((resolve) => setTimeout(resolve, 1000));
    assert.equal(queued(), "", "the jobs ended within 4 minutes");
    // each log named by its job, so that grading shards again (ONLY=...) keeps the first logs
    const [, arrayJob, mergeJob] = submit.stdout.match(/array job (\d+) .*merge job (\d+)/);
    const log = (name) => (existsSync(join(out, "sharded", "slurm", name)) ? readFileSync(join(out, "sharded", "slurm", name), "utf8") : `(no ${name})`);
    const [merged, shard1, shard2] = [`merge${mergeJob}.out`, `array${arrayJob}-index0.out`, `array${arrayJob}-index1.out`];
    assert.ok(existsSync(join(out, "sharded", "report.json")), `the merge job wrote no report: ${log(merged)}\n${log(shard1)}\n${log(shard2)}`);
    assert.match(log(merged), /merged 2 shards: 3 entries/);
    assert.match(log(shard1), /graded/, "shard 1's log");

    const run = await single;
    assert.equal(run.code, 0, run.stderr);
    assertSameReports(join(out, "sharded"), join(out, "single"));
    assert.equal(readJson(join(out, "sharded", "report.json")).students.find((s) => s.student === "ann").score, 5);
  } finally {
    cluster.stop();
  }
});
