// A student's `nbgrader fetch_assignment` on the course hub (hub/course_fetch.py), with a disk of
// the homes that a classmate filled: nbgrader copied the chapter straight into her home, left the
// part it had copied, and refused every later fetch, "You already have a copy of the assignment".
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";
import { overQuota } from "./over-quota.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-fetch-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const notebook = JSON.stringify({ cells: [{ cell_type: "markdown", metadata: {}, source: "released" }], metadata: {}, nbformat: 4, nbformat_minor: 5 });

/** `nbgrader fetch_assignment a` as student ana's terminal runs it, in her home. */
const fetch = (home, exchange, more = {}) =>
  spawnSync(venvBin("nbgrader"), ["fetch_assignment", "a"], {
    cwd: home,
    env: { ...jupyterEnv(), HOME: home, JUPYTER_CONFIG_PATH: fromRoot("hub", "student"), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange, JUPYTERHUB_USER: "ana", ...more },
    encoding: "utf8",
  });

test("a fetch the home's disk has no room for: a clear error, nothing of it left in her home, and the next fetch takes it whole", { skip: process.getuid() !== 0 && "only root mounts the small file system that fills up" }, () => {
  const exchange = path.join(root, "exchange");
  const released = path.join(exchange, "neural-mi", "outbound", "a");
  fs.mkdirSync(released, { recursive: true });
  fs.mkdirSync(path.join(exchange, "neural-mi", "inbound"));
  fs.writeFileSync(path.join(released, "a.ipynb"), notebook);
  // copied after the notebook (copytree takes a folder's entries in its order): the part left had the notebook and no data
  fs.writeFileSync(path.join(released, "data.bin"), Buffer.alloc(1024 * 1024, 1));
  const home = path.join(root, "home");
  fs.mkdirSync(home);
  const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", home], { encoding: "utf8" });
  assert.equal(mount.status, 0, mount.stderr);
  try {
    const full = fetch(home, exchange);
    assert.equal(full.status, 1, full.stderr);
    assert.match(full.stderr, /Not fetched: a, since the disk of your home \(.*\) is full: make room .*then fetch again\. Nothing of this try is left in your home/);
    assert.doesNotMatch(full.stderr, /Traceback/);
    assert.deepEqual(fs.readdirSync(home).filter((name) => !name.startsWith(".local") && !name.startsWith(".jupyter")), [], "no part of the chapter in her home");
    // the classmate's files are gone: there is room
    assert.equal(spawnSync("mount", ["-o", "remount,size=4m", home]).status, 0);
    const again = fetch(home, exchange);
    assert.equal(again.status, 0, again.stderr);
    assert.equal(fs.readFileSync(path.join(home, "a", "a.ipynb"), "utf8"), notebook);
    assert.equal(fs.statSync(path.join(home, "a", "data.bin")).size, 1024 * 1024);
  } finally {
    spawnSync("umount", [home]);
  }
});

test("a fetch over the student's disk quota says so and what to do, where it said to fetch again, which failed the same way", () => {
  const exchange = path.join(root, "quota", "exchange");
  const released = path.join(exchange, "neural-mi", "outbound", "a");
  fs.mkdirSync(released, { recursive: true });
  fs.mkdirSync(path.join(exchange, "neural-mi", "inbound"));
  fs.writeFileSync(path.join(released, "a.ipynb"), notebook);
  const home = path.join(root, "quota", "home");
  fs.mkdirSync(home);
  // her account over its quota (npm run hub -- --disk-quota-mb): the copy into her home fails as the kernel fails it
  const over = overQuota(path.join(root, "quota", "over"), { destinationPart: ".fetching-" });
  const run = fetch(home, exchange, { PYTHONPATH: over });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /Not fetched: a, since you have used up your disk quota, which your home and your submissions count in: make room .*du -sh .*then fetch again\. Nothing of this try is left in your home/);
  assert.deepEqual(fs.readdirSync(home).filter((name) => !name.startsWith(".local") && !name.startsWith(".jupyter")), []);
});
