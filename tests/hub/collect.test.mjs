// nbgrader's collect on the course hub (hub/course_exchange.py, CourseCollect): the exchange's
// inbound folder is writable by every student, and nbgrader collected, as the instructor, any
// folder named `<student>+<assignment>+<time>+<random>`: a folder named for another student with a
// time in 2099 replaced that student's submission, and a link to the course's source became a
// submission graded in full. Those are left in inbound with a warning; the real ones are collected.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-collect-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** A submission folder in inbound as nbgrader submit makes it, with `notebook` as its notebook. */
function submission(inbound, name, notebook, { timestamp = true } = {}) {
  const folder = path.join(inbound, name);
  fs.mkdirSync(folder);
  fs.writeFileSync(path.join(folder, "a.ipynb"), notebook);
  if (timestamp) fs.writeFileSync(path.join(folder, "timestamp.txt"), name.split("+")[2]);
  return folder;
}

test("collect takes each student's own latest submission, and leaves links, future times and folders without their timestamp in inbound", () => {
  const course = path.join(root, "course");
  const exchange = path.join(root, "exchange");
  const inbound = path.join(exchange, "neural-mi", "inbound");
  fs.mkdirSync(inbound, { recursive: true });
  fs.mkdirSync(path.join(course, "source", "a"), { recursive: true });
  fs.writeFileSync(path.join(course, "source", "a", "a.ipynb"), "THE COURSE'S SOURCE, WITH ITS SOLUTIONS");
  fs.writeFileSync(path.join(course, "nbgrader_config.py"), `c = get_config()\nload_subconfig(${JSON.stringify(fromRoot("hub", "nbgrader_course.py"))})\nc.CourseDirectory.root = ${JSON.stringify(course)}\n`);
  submission(inbound, "ana+a+2026-11-01 10:00:00.000000 UTC+r1", "ana's work");
  submission(inbound, "bob+a+2026-11-01 11:00:00.000000 UTC+r2", "bob's work");
  // ana, as bob, with a time no real submission will pass
  submission(inbound, "bob+a+2099-01-01 00:00:00.000000 UTC+forged", "ana's forgery");
  // a link to the course's source, and a folder holding one
  fs.symlinkSync(path.join(course, "source", "a"), path.join(inbound, "cy+a+2026-11-02 00:00:00.000000 UTC+link"));
  const holding = submission(inbound, "dee+a+2026-11-02 00:00:00.000000 UTC+inner", "x");
  fs.rmSync(path.join(holding, "a.ipynb"));
  fs.symlinkSync(path.join(course, "source", "a", "a.ipynb"), path.join(holding, "a.ipynb"));
  // no timestamp.txt (release_feedback failed on one for the whole class)
  submission(inbound, "eve+a+2026-11-02 00:00:00.000000 UTC+bare", "eve's work", { timestamp: false });

  const run = spawnSync(venvBin("nbgrader"), ["collect", "a"], {
    cwd: course,
    env: { ...jupyterEnv(), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const submitted = (student) => {
    const file = path.join(course, "submitted", student, "a", "a.ipynb");
    return fs.existsSync(file) ? fs.readFileSync(file, "utf8") : undefined;
  };
  assert.equal(submitted("ana"), "ana's work");
  assert.equal(submitted("bob"), "bob's work", "bob's own submission, not the one named for him from the future");
  for (const student of ["cy", "dee", "eve"]) assert.equal(submitted(student), undefined, student);
  assert.match(run.stderr, /Not collected: .*bob\+a\+2099-01-01.* since its time \(2099-01-01T00:00:00\+00:00\) is in the future/);
  assert.match(run.stderr, /Not collected: .*cy\+a\+.* since it is, or holds, a symbolic link/);
  assert.match(run.stderr, /Not collected: .*dee\+a\+.* since it is, or holds, a symbolic link/);
  assert.match(run.stderr, /Not collected: .*eve\+a\+.* since it has no timestamp\.txt/);
  assert.doesNotMatch(JSON.stringify(fs.readdirSync(path.join(course, "submitted"), { recursive: true })), /SOLUTIONS/);
});
