// A student's `nbgrader submit` on the course hub (hub/course_exchange.py, CourseSubmit), run
// in a terminal: from the folder holding the assignment, as nbgrader expects, and from inside
// the assignment's folder itself, where nbgrader looked for `a/a` and suggested `a/a.ipynb`.
// And a submission the exchange has no room for.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, venvBin } from "../../scripts/lib/paths.mjs";
import { overQuota } from "./over-quota.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-submit-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const notebook = (text) => JSON.stringify({ cells: [{ cell_type: "markdown", metadata: {}, source: text }], metadata: {}, nbformat: 4, nbformat_minor: 5 });

/** The hub's exchange with assignment `a` released, and a student's home holding their copy of it. */
function exchangeAndHome(name) {
  const exchange = path.join(root, name, "exchange");
  fs.mkdirSync(path.join(exchange, "neural-mi", "outbound", "a"), { recursive: true });
  fs.mkdirSync(path.join(exchange, "neural-mi", "inbound"), { recursive: true });
  fs.writeFileSync(path.join(exchange, "neural-mi", "outbound", "a", "a.ipynb"), notebook("released"));
  const home = path.join(root, name, "home");
  fs.mkdirSync(path.join(home, "a"), { recursive: true });
  fs.writeFileSync(path.join(home, "a", "a.ipynb"), notebook("ana's work"));
  return { exchange, home, inbound: path.join(exchange, "neural-mi", "inbound") };
}

/** `nbgrader submit a` as student ana's terminal runs it (the hub puts hub/student first on Jupyter's configuration path). */
function submit(cwd, exchange, more = {}) {
  return spawnSync(venvBin("nbgrader"), ["submit", "a"], {
    cwd,
    env: { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("hub", "student"), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange, JUPYTERHUB_USER: "ana", ...more },
    encoding: "utf8",
  });
}

const submittedNotebooks = (inbound) =>
  fs.readdirSync(inbound).map((name) => ({ name, text: fs.readFileSync(path.join(inbound, name, "a.ipynb"), "utf8") }));

test("nbgrader submit from the folder holding the assignment hands it in", () => {
  const { exchange, home, inbound } = exchangeAndHome("beside");
  const run = submit(home, exchange);
  assert.equal(run.status, 0, run.stderr);
  const [only, ...others] = submittedNotebooks(inbound);
  assert.deepEqual(others, []);
  assert.match(only.name, /^ana\+a\+/);
  assert.match(only.text, /ana's work/);
});

test("nbgrader submit from inside the assignment's folder hands that folder in, saying so", () => {
  const { exchange, home, inbound } = exchangeAndHome("inside");
  const run = submit(path.join(home, "a"), exchange);
  assert.equal(run.status, 0, run.stderr);
  assert.match(run.stderr, /Submitting the folder you are in/);
  assert.doesNotMatch(run.stderr, /Did you mean/);
  const [only, ...others] = submittedNotebooks(inbound);
  assert.deepEqual(others, []);
  assert.match(only.text, /ana's work/);
});

// nbgrader only warned in its log: the Assignment List said "submitted", and autograde found no notebook to grade
test("a submission whose chapter notebook was renamed is refused, naming the notebook grading takes and the fix; nothing is handed in", () => {
  const { exchange, home, inbound } = exchangeAndHome("renamed");
  fs.renameSync(path.join(home, "a", "a.ipynb"), path.join(home, "a", "a-Copy1.ipynb"));
  fs.mkdirSync(path.join(home, "a", ".ipynb_checkpoints"));
  fs.writeFileSync(path.join(home, "a", ".ipynb_checkpoints", "a-checkpoint.ipynb"), notebook("ana's work"));
  const run = submit(home, exchange);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /Not submitted: a has no a\.ipynb, the notebook grading takes, .*it holds a-Copy1\.ipynb instead .*rename the notebook holding your answers back to a\.ipynb, then submit again/);
  assert.doesNotMatch(run.stderr, /Traceback|a-checkpoint/);
  assert.deepEqual(fs.readdirSync(inbound), [], "nothing handed in");
});

test("a folder named for the assignment that holds one of the same name is not taken for it", () => {
  const { exchange, home, inbound } = exchangeAndHome("nested");
  // the student keeps the course in a folder named `a`: the assignment is the `a` inside it
  const outer = path.join(home, "outer");
  fs.renameSync(path.join(home, "a"), path.join(root, "nested", "inner"));
  fs.mkdirSync(path.join(outer, "a"), { recursive: true });
  fs.renameSync(path.join(root, "nested", "inner"), path.join(outer, "a", "a"));
  const run = submit(path.join(outer, "a"), exchange);
  assert.equal(run.status, 0, run.stderr);
  assert.doesNotMatch(run.stderr, /Submitting the folder you are in/);
  assert.match(submittedNotebooks(inbound)[0].text, /ana's work/);
});

test("a submission the exchange's disk has no room for: a clear error, nothing of it left in inbound, the earlier one stands", { skip: process.getuid() !== 0 && "only root mounts the small file system that fills up" }, () => {
  // the exchange on a file system of its own, with room for a notebook but not for a 1 MB file
  const exchange = path.join(root, "full", "exchange");
  fs.mkdirSync(exchange, { recursive: true });
  const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=512k", "tmpfs", exchange], { encoding: "utf8" });
  assert.equal(mount.status, 0, mount.stderr);
  try {
    const { home, inbound } = exchangeAndHome("full");
    assert.equal(submit(home, exchange).status, 0);
    fs.writeFileSync(path.join(home, "a", "data.bin"), Buffer.alloc(1024 * 1024, 1));
    const run = submit(home, exchange);
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Not submitted: the exchange's disk is full \(.*\), so a could not be handed in; nothing of this try is left there, and an earlier submission of yours stands\. Tell the instructor/);
    assert.doesNotMatch(run.stderr, /Traceback/);
    const [only, ...others] = submittedNotebooks(inbound);
    assert.deepEqual(others, [], "no half-written folder in inbound, holding the room it took");
    assert.match(only.text, /ana's work/);
  } finally {
    spawnSync("umount", [exchange]);
  }
});

test("a submission over the student's disk quota says so and what to do, nothing of it left in inbound", () => {
  const { exchange, home, inbound } = exchangeAndHome("quota");
  // her account over its quota (npm run hub -- --disk-quota-mb): the copy into inbound fails as the kernel fails it
  const over = overQuota(path.join(root, "quota", "over"), { destinationPart: "/inbound/", copiedFirst: true });
  const run = submit(home, exchange, { PYTHONPATH: over });
  assert.equal(run.status, 1, run.stderr);
  assert.match(run.stderr, /Not submitted: you have used up your disk quota, which your home and your submissions count in, so a could not be handed in; nothing of this try is left there, and an earlier submission of yours stands\. Make room in your home .*du -sh .*then submit again/);
  assert.deepEqual(fs.readdirSync(inbound), []);
});

test("a submission handed in whole whose record in the full home could not be made: it says so, the folder in inbound is closed, no broken record is left", { skip: process.getuid() !== 0 && "only root mounts the small file system that fills up" }, () => {
  // the exchange has room; her home, on a disk of its own, has room for her work once but not for nbgrader's copy of it
  const { exchange, inbound } = exchangeAndHome("cache");
  const home = path.join(root, "cache", "small-home");
  fs.mkdirSync(home);
  const mount = spawnSync("mount", ["-t", "tmpfs", "-o", "size=1536k", "tmpfs", home], { encoding: "utf8" });
  assert.equal(mount.status, 0, mount.stderr);
  try {
    fs.mkdirSync(path.join(home, "a"));
    fs.writeFileSync(path.join(home, "a", "a.ipynb"), notebook("ana's work"));
    fs.writeFileSync(path.join(home, "a", "data.bin"), Buffer.alloc(800 * 1024, 1));
    const run = spawnSync(venvBin("nbgrader"), ["submit", "a"], {
      cwd: home,
      // her server's: nbgrader's cache in her home's Jupyter data folder
      env: { ...jupyterEnv(), HOME: home, JUPYTER_DATA_DIR: path.join(home, ".local", "share", "jupyter"), JUPYTER_CONFIG_PATH: fromRoot("hub", "student"), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange, JUPYTERHUB_USER: "ana" },
      encoding: "utf8",
    });
    assert.equal(run.status, 1);
    assert.match(run.stderr, /Submitted: a is handed in \(the instructor collects it\), but the record of it in your home \(.*\) could not be made, since your home's disk is full; .*Make room in your home, then submit again/);
    assert.doesNotMatch(run.stderr, /Traceback/);
    const [only, ...others] = submittedNotebooks(inbound);
    assert.deepEqual(others, []);
    assert.match(only.text, /ana's work/);
    assert.equal(fs.statSync(path.join(inbound, only.name)).mode & 0o777, 0o770, "the submission's folder is its student's and the instructor's only");
    const cache = path.join(home, ".local", "share", "jupyter", "nbgrader_cache", "neural-mi");
    assert.deepEqual(fs.existsSync(cache) ? fs.readdirSync(cache) : [], [], "no record without its secret, which would never find its feedback");
  } finally {
    spawnSync("umount", [home]);
  }
});

test("a submission's size counts what is handed in: a chapter folder holding node_modules is submitted; one over the limit says which files, without a traceback", () => {
  const { exchange, home, inbound } = exchangeAndHome("size");
  // npm install run in the chapter's folder: 150 MB (sparse) that the copy leaves out (the course's ignore list)
  fs.mkdirSync(path.join(home, "a", "node_modules", "pkg"), { recursive: true });
  const sparse = (file, bytes) => {
    fs.closeSync(fs.openSync(file, "w"));
    fs.truncateSync(file, bytes);
  };
  sparse(path.join(home, "a", "node_modules", "pkg", "big.wasm"), 150e6);
  // links beside the notebook, which nbgrader's copy followed, uncounted: to a folder of data (handed in whole, over
  // the limit, and collect then took her older submission), to her home (copied into itself, level after level, into
  // the exchange), and a named pipe
  const data = path.join(root, "size", "data");
  fs.mkdirSync(data);
  fs.writeFileSync(path.join(data, "samples.bin"), Buffer.alloc(3e6, 1));
  fs.symlinkSync(data, path.join(home, "a", "data"));
  fs.symlinkSync(home, path.join(home, "a", "myhome"));
  spawnSync("mkfifo", [path.join(home, "a", "pipe")]);
  fs.symlinkSync(path.join(home, "a", "pipe"), path.join(home, "a", "to-pipe"));
  // a file kept elsewhere and linked is handed in as the file
  fs.writeFileSync(path.join(root, "size", "notes.md"), "ana's notes");
  fs.symlinkSync(path.join(root, "size", "notes.md"), path.join(home, "a", "notes.md"));
  const run = submit(home, exchange);
  assert.equal(run.status, 0, run.stderr);
  const [only] = submittedNotebooks(inbound);
  assert.equal(fs.existsSync(path.join(inbound, only.name, "node_modules")), false, "left out of the copy, as before");
  assert.deepEqual(fs.readdirSync(path.join(inbound, only.name)).sort(), ["a.ipynb", "notes.md", "submission_secret.txt", "timestamp.txt"], "links to folders and the pipe left out");
  assert.equal(fs.lstatSync(path.join(inbound, only.name, "notes.md")).isFile(), true);
  assert.equal(fs.readFileSync(path.join(inbound, only.name, "notes.md"), "utf8"), "ana's notes");
  for (const name of ["data", "myhome", "pipe", "to-pipe", "notes.md"]) fs.rmSync(path.join(home, "a", name));
  // checkpoints of a trained network beside the notebook: 3 × 40 MB, over the 100 MB a submission holds
  for (const name of ["model-1.bin", "model-2.bin", "model-3.bin"]) sparse(path.join(home, "a", name), 40e6);
  const over = submit(home, exchange);
  assert.equal(over.status, 1);
  assert.match(over.stderr, /Not submitted: a holds 120\.\d MB to hand in, over the course's limit of 100\.0 MB \(nbgrader's max_dir_size\); its largest files: model-\d\.bin \(40\.0 MB\), model-\d\.bin \(40\.0 MB\), model-\d\.bin \(40\.0 MB\)\. Move the files the assignment does not need out of its folder, then submit again/);
  assert.doesNotMatch(over.stderr, /Traceback/);
  assert.equal(submittedNotebooks(inbound).length, 1, "nothing of it in inbound");
});

test("a notebook whose name is not UTF-8 is refused at submit, naming it: autograde graded none of a submission holding one, and fetch_feedback stopped at it", () => {
  const { exchange, home, inbound } = exchangeAndHome("latin1");
  // "café.ipynb" as an archive made with Latin-1 names unpacks it
  fs.writeFileSync(Buffer.from(path.join(home, "a", "caf\xe9.ipynb"), "latin1"), notebook("more work"));
  const run = submit(home, exchange);
  assert.notEqual(run.status, 0);
  assert.match(run.stderr, /Not submitted: a holds the notebook caf\\xe9\.ipynb, whose name is not UTF-8 text .* Rename it/);
  assert.deepEqual(fs.readdirSync(inbound), []);
});

// nbgrader submit made the folder in inbound open to every account (0777) and copied the submission to the student's
// home (her nbgrader cache) before the course closed it: the folder stayed open through that copy, and its change time,
// which collect checks against the submission's time, was that of the end of the second copy: a slow home disk made the
// submission look changed after its time, and collect refused it, though she had read "Submitted".
test("a submission's folder in inbound is closed, for the last time, before the copy to the student's home starts", () => {
  const { exchange, home, inbound } = exchangeAndHome("closed");
  const script = `
import json, os, sys
sys.path.insert(0, ${JSON.stringify(fromRoot("hub"))})
import course_exchange
seen = {}
copy = course_exchange.CourseSubmit._copy_tree
def watched(self, src, dest):
    handed_in = os.path.join(self.inbound_path, self.assignment_filename)
    if dest != handed_in:
        info = os.stat(handed_in)
        seen.update(mode=info.st_mode & 0o7777, ctime=info.st_ctime_ns)
    return copy(self, src, dest)
course_exchange.CourseSubmit._copy_tree = watched
from nbgrader.apps.submitapp import SubmitApp
app = SubmitApp.instance()
app.initialize(["a"])
app.start()
[name] = os.listdir(${JSON.stringify(inbound)})
info = os.stat(os.path.join(${JSON.stringify(inbound)}, name))
print(json.dumps({**seen, "mode_after": info.st_mode & 0o7777, "ctime_after": info.st_ctime_ns}))
`;
  const run = spawnSync(venvBin("python"), ["-c", script], {
    cwd: home,
    env: { ...jupyterEnv(), JUPYTER_CONFIG_PATH: fromRoot("hub", "student"), NEURAL_MI_HUB_COURSE_ID: "neural-mi", NEURAL_MI_HUB_EXCHANGE: exchange, JUPYTERHUB_USER: "ana" },
    encoding: "utf8",
  });
  assert.equal(run.status, 0, run.stderr);
  const seen = JSON.parse(run.stdout.trim().split("\n").at(-1));
  assert.equal(seen.mode & 0o777, 0o770, "closed when the copy to her home starts");
  assert.equal(seen.mode_after & 0o777, 0o770);
  assert.equal(seen.ctime_after, seen.ctime, "not changed after the copy to her home started");
});
