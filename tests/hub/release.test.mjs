// nbgrader's release on the course hub (hub/course_release.py): nbgrader copied a release straight
// into the exchange's outbound/<assignment>/, which every student lists and fetches from. A copy cut
// short (the instructor's Ctrl-C, the exchange's disk full) left part of the chapter there for the
// class to fetch, and the next release was refused ("Destination already exists"). Here a copy that
// fails leaves nothing in outbound and says so; the earlier release stands under --force; a copy
// killed outright leaves a hidden folder that the next release removes.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvBin, venvPython } from "../../scripts/lib/paths.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-release-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const course = path.join(root, "course");
const exchange = path.join(root, "exchange");
const outbound = path.join(exchange, "neural-mi", "outbound");
const released = path.join(course, "release", "a");
fs.mkdirSync(released, { recursive: true });
fs.mkdirSync(exchange);
fs.writeFileSync(path.join(course, "nbgrader_config.py"), `c = get_config()\nload_subconfig(${JSON.stringify(fromRoot("hub", "nbgrader_course.py"))})\nc.CourseDirectory.root = ${JSON.stringify(course)}\n`);
fs.writeFileSync(path.join(released, "a.ipynb"), JSON.stringify({ cells: [], metadata: {}, nbformat: 4, nbformat_minor: 5 }));
// a data file of the chapter, 3 MB
fs.writeFileSync(path.join(released, "data.bin"), Buffer.alloc(3 * 2 ** 20, 7));

/** `nbgrader release_assignment a` (with `args`) as the instructor runs it, each file it writes at most `fileLimit` bytes (as a full disk stops it). */
function release(args = [], fileLimit = -1) {
  const script = `import os, resource, sys\nif ${fileLimit} >= 0: resource.setrlimit(resource.RLIMIT_FSIZE, (${fileLimit}, ${fileLimit}))\nos.execv(sys.argv[1], sys.argv[1:])`;
  return spawnSync(venvPython, ["-c", script, venvBin("nbgrader"), "release_assignment", "a", ...args], {
    cwd: course,
    env: { ...jupyterEnv(), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange },
    encoding: "utf8",
  });
}

const listing = () => (fs.existsSync(outbound) ? fs.readdirSync(outbound).sort() : []);

test("a release cut short leaves no part of the chapter for the class to fetch, and the next release goes through", () => {
  const cut = release([], 2 ** 20);
  assert.notEqual(cut.status, 0, "the copy was cut short");
  assert.deepEqual(listing(), [], "nothing in outbound, hidden or not");
  assert.match(cut.stderr, /Not released: a could not be copied to the exchange \(.*\); nothing of this try is there, and the students' list is as it was\. Release it again/);

  // a release killed outright (kill -9) left its hidden copy
  fs.mkdirSync(path.join(outbound, ".a.partial-99999"));
  const whole = release();
  assert.equal(whole.status, 0, whole.stderr);
  assert.deepEqual(listing(), ["a"]);
  assert.equal(fs.statSync(path.join(outbound, "a", "data.bin")).size, 3 * 2 ** 20);
  assert.equal(fs.statSync(path.join(outbound, "a")).mode & 0o777, 0o755, "the students read the release");

  // again, without --force: refused as nbgrader refuses it
  const again = release();
  assert.notEqual(again.status, 0);
  assert.match(again.stderr, /Destination already exists, add --force to overwrite: neural-mi a/);

  // a --force cut short: the earlier release stands, whole
  const forced = release(["--force"], 2 ** 20);
  assert.notEqual(forced.status, 0);
  assert.match(forced.stderr, /Not released: .*the earlier release standing/);
  assert.deepEqual(listing(), ["a"]);
  assert.equal(fs.statSync(path.join(outbound, "a", "data.bin")).size, 3 * 2 ** 20);

  // and a --force that goes through replaces it
  fs.writeFileSync(path.join(released, "data.bin"), Buffer.alloc(2 ** 20 + 5, 1));
  const replaced = release(["--force"]);
  assert.equal(replaced.status, 0, replaced.stderr);
  assert.deepEqual(listing(), ["a"]);
  assert.equal(fs.statSync(path.join(outbound, "a", "data.bin")).size, 2 ** 20 + 5);
  // those who fetched the earlier release keep it: nbgrader said nothing of them
  assert.match(replaced.stderr, /Released again: a replaces the earlier release for every fetch from now on\. A student who fetched the earlier one keeps her copy .*tell the class; to take this one, she renames her folder a \(her work stays in it\), fetches a again/);
  assert.doesNotMatch(whole.stderr, /Released again/, "not said of a first release");
  // removed from outbound first (the formgrader's Unrelease), then released without --force: said too
  fs.rmSync(path.join(outbound, "a"), { recursive: true });
  const unreleased = release();
  assert.equal(unreleased.status, 0, unreleased.stderr);
  assert.match(unreleased.stderr, /Released again: a replaces the earlier release/);
});
