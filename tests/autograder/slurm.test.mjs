// autograder/batch/slurm-autograde.sh on a real one-node Slurm cluster: the array job and
// its merge job give the report of a single run. Where Slurm cannot be installed or started
// (not root, no apt, no network, daemons refused) the test says why and checks nothing more.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { test } from "node:test";
import { fixtureCourse, readJson, repoRoot, runNode, temporaryDir } from "./helpers.mjs";
import { assertSameReports, smallClass } from "./shard-helpers.mjs";
import { startOneNodeCluster } from "./slurm-cluster.mjs";

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
    const log = (name) => (existsSync(join(out, "sharded", "slurm", name)) ? spawnSync("cat", [join(out, "sharded", "slurm", name)], { encoding: "utf8" }).stdout : "(none)");
    assert.ok(existsSync(join(out, "sharded", "report.json")), `the merge job wrote no report: ${log("merge.out")}\n${log("shard-0.out")}\n${log("shard-1.out")}`);
    assert.match(log("merge.out"), /merged 2 shards: 3 entries/);

    const run = await single;
    assert.equal(run.code, 0, run.stderr);
    assertSameReports(join(out, "sharded"), join(out, "single"));
    assert.equal(readJson(join(out, "sharded", "report.json")).students.find((s) => s.student === "ann").score, 5);
  } finally {
    cluster.stop();
  }
});
