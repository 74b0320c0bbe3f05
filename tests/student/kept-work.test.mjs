// The copy of the student's files kept outside the course's folder (scripts/lib/kept-work.mjs):
// my-work/ lies inside the course's folder, and deleting that folder to put a newer edition in its
// place deleted the student's work with it. The copy holds what she wrote, not the chapters as
// delivered, and a workspace made anew in the same place gets it back, newer chapters beside it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { describeKeptWork, keepWork, keptWorkDir, restoreKeptWork } from "../../scripts/lib/kept-work.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { copyCourseNotebooks } from "./helpers.mjs";
import { describeUpdate, updateWorkspace } from "../../scripts/lib/workspace.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-kept-work-test-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));
const env = { NEURAL_MI_KEPT_WORK: path.join(root, "kept") };
const course = path.join(root, "course");
copyCourseNotebooks(course);
const [first, second] = fs.readdirSync(course).filter((f) => f.endsWith(".ipynb")).sort();
const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));

/** The student writes `answer` into the first exercise of `file`. */
function answer(workspace, file, text) {
  const notebook = readJson(path.join(workspace, file));
  notebook.cells.find((cell) => cell.metadata?.nbgrader?.solution).source = text;
  fs.writeFileSync(path.join(workspace, file), JSON.stringify(notebook));
}
const firstAnswer = (workspace, file) => readJson(path.join(workspace, file)).cells.find((cell) => cell.metadata?.nbgrader?.solution).source;

test("the copy holds the files the student wrote or changed, not the chapters as the course delivered them", () => {
  const edition = path.join(root, "edition-a");
  const workspace = path.join(edition, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const mine = 42;");
  fs.mkdirSync(path.join(workspace, "notes"));
  fs.writeFileSync(path.join(workspace, "notes", "ideas.md"), "my notes");
  const kept = keepWork(workspace, env);
  assert.equal(kept.dir, keptWorkDir(workspace, env));
  assert.ok(!kept.dir.startsWith(edition), "kept outside the course's folder");
  assert.deepEqual(kept.files.sort(), [first, path.join("notes", "ideas.md")].sort());
  assert.ok(!fs.existsSync(path.join(kept.dir, second)), "a chapter left as delivered is not copied");
  assert.equal(fs.statSync(kept.dir).mode & 0o077, 0, "the copy is the student's alone");
  // refreshed: a file the student deleted is gone from the copy too
  fs.rmSync(path.join(workspace, "notes"), { recursive: true });
  assert.deepEqual(keepWork(workspace, env).files, [first]);
  assert.ok(!fs.existsSync(path.join(kept.dir, "notes")));
});

test("the course's folder deleted and a new edition put in its place: the student's work comes back, a newer chapter beside it", () => {
  const edition = path.join(root, "edition-b");
  const workspace = path.join(edition, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const mine = 7;");
  answer(workspace, second, "const alsoMine = 8;");
  keepWork(workspace, env);
  fs.rmSync(edition, { recursive: true });

  // the new edition: the second chapter has a new paragraph
  const newer = path.join(root, "course-newer");
  fs.cpSync(course, newer, { recursive: true });
  const notebook = readJson(path.join(newer, second));
  notebook.cells.push({ cell_type: "markdown", id: "added-later", metadata: {}, source: "A newer paragraph." });
  fs.writeFileSync(path.join(newer, second), JSON.stringify(notebook));

  fs.mkdirSync(workspace, { recursive: true });
  const restored = restoreKeptWork(workspace, env);
  assert.deepEqual(restored.files.sort(), [first, second].sort());
  const update = updateWorkspace({ workspaceDir: workspace, sourceDir: newer });
  assert.equal(firstAnswer(workspace, first), "const mine = 7;");
  assert.equal(firstAnswer(workspace, second), "const alsoMine = 8;");
  // the record came back with the files: the first chapter, unchanged in the course, gets nothing beside
  // it; the second's new version goes beside the student's copy
  assert.deepEqual(update.beside.map((b) => b.kept), [second]);
  assert.ok(!fs.existsSync(path.join(workspace, first.replace(/\.ipynb$/, ".course-update.ipynb"))));
  const said = [...describeUpdate(update), ...describeKeptWork({ restored, kept: keepWork(workspace, env), created: true })].join("\n");
  assert.match(said, new RegExp(`put back from the copy of your work kept outside the course's folder .*${first}`));
  assert.match(said, new RegExp(`the copy is ${restored.dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(delete it`));
});

test("a workspace elsewhere gets nothing back; a file over 50 MB is not copied, and said so", () => {
  const workspace = path.join(root, "elsewhere", "my-work");
  fs.mkdirSync(workspace, { recursive: true });
  assert.deepEqual(restoreKeptWork(workspace, env).files, []);
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  const big = path.join(workspace, "data.bin");
  fs.closeSync(fs.openSync(big, "w"));
  fs.truncateSync(big, 51 * 1024 * 1024);
  const kept = keepWork(workspace, env);
  assert.deepEqual([kept.files, kept.left], [[], ["data.bin"]]);
  assert.match(describeKeptWork({ restored: { files: [] }, kept, created: true }).join("\n"), /too large for that copy .*: data\.bin/);
});

test("a first start cut short (it had made only .course/) is followed by one that puts the kept files back, and keeps the copy", () => {
  const edition = path.join(root, "edition-c");
  const workspace = path.join(edition, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const cutShort = 1;");
  const kept = keepWork(workspace, env);
  fs.rmSync(edition, { recursive: true });
  // what a start killed after taking the workspace leaves: its hold, naming a process that has ended
  fs.mkdirSync(path.join(workspace, ".course"), { recursive: true });
  fs.writeFileSync(path.join(workspace, ".course", "lab.pid"), `999999999\n${os.hostname()}\n`);
  // JupyterLab refuses this option at once: the start ends after the workspace is filled
  const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "--ServerApp.port=not-a-port"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.match(run.stdout, /put back from the copy of your work/, run.stdout + run.stderr);
  assert.equal(firstAnswer(workspace, first), "const cutShort = 1;");
  assert.equal(firstAnswer(kept.dir, first), "const cutShort = 1;", "the kept copy still holds it");
});

test("a file already in the workspace is not overwritten by its kept copy; a workspace the course filled gets nothing", () => {
  const workspace = path.join(root, "edition-d", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  fs.writeFileSync(path.join(workspace, "a.md"), "kept");
  fs.writeFileSync(path.join(workspace, "b.md"), "kept");
  keepWork(workspace, env);
  assert.deepEqual(restoreKeptWork(workspace, env).files, [], "the workspace holds the course's record: in use");
  fs.rmSync(workspace, { recursive: true });
  fs.mkdirSync(workspace);
  fs.writeFileSync(path.join(workspace, "b.md"), "newer"); // put back by a start cut short, then changed
  assert.deepEqual(restoreKeptWork(workspace, env).files, ["a.md"]);
  assert.equal(fs.readFileSync(path.join(workspace, "b.md"), "utf8"), "newer");
});

test("a copy to be kept inside the workspace itself (NEURAL_MI_KEPT_WORK there, or a link into it) is refused, naming the fix", () => {
  const workspace = path.join(root, "edition-e", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  fs.writeFileSync(path.join(workspace, "notes.md"), "mine");
  fs.mkdirSync(path.join(workspace, "backup"));
  const link = path.join(root, "kept-link");
  fs.symlinkSync(path.join(workspace, "backup"), link);
  for (const inside of [{ NEURAL_MI_KEPT_WORK: path.join(workspace, "backup") }, { NEURAL_MI_KEPT_WORK: link }]) {
    for (let start = 0; start < 2; start += 1) {
      assert.throws(() => keepWork(workspace, inside), /inside the workspace .*my-work itself; set NEURAL_MI_KEPT_WORK to a folder outside the workspace/);
    }
  }
  assert.deepEqual(fs.readdirSync(path.join(workspace, "backup")), [], "no copy of the workspace written into it");
});

test("a link found in the kept copy is not followed when the files are put back", () => {
  const workspace = path.join(root, "edition-f", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  fs.writeFileSync(path.join(workspace, "notes.md"), "mine");
  const kept = keepWork(workspace, env);
  const secret = path.join(root, "another-students-answers.md");
  fs.writeFileSync(secret, "not hers");
  fs.symlinkSync(secret, path.join(kept.dir, "answers.md"));
  fs.symlinkSync(root, path.join(kept.dir, "everything"));
  fs.rmSync(path.join(root, "edition-f"), { recursive: true });
  assert.deepEqual(restoreKeptWork(workspace, env).files, ["notes.md"]);
  assert.ok(!fs.existsSync(path.join(workspace, "answers.md")) && !fs.existsSync(path.join(workspace, "everything")));
});

test("as root: a copy that cannot be finished (the home folder out of room) leaves no part of itself behind, and the last whole copy in place", () => {
  if (process.getuid?.() !== 0) return; // mounting a small file system takes root
  const disk = path.join(root, "small home");
  fs.mkdirSync(disk);
  assert.equal(spawnSync("mount", ["-t", "tmpfs", "-o", "size=200k", "neural-mi-full-kept-work", disk]).status, 0, "mount");
  try {
    const small = { NEURAL_MI_KEPT_WORK: disk };
    const workspace = path.join(root, "edition-g", "my-work");
    updateWorkspace({ workspaceDir: workspace, sourceDir: course });
    fs.writeFileSync(path.join(workspace, "notes.md"), "mine");
    const kept = keepWork(workspace, small);
    fs.writeFileSync(path.join(workspace, "data.bin"), Buffer.alloc(300 * 1024));
    for (let start = 0; start < 3; start += 1) assert.throws(() => keepWork(workspace, small), /ENOSPC/);
    assert.deepEqual(fs.readdirSync(disk), [path.basename(kept.dir)], "no part copies left");
    assert.equal(fs.readFileSync(path.join(kept.dir, "notes.md"), "utf8"), "mine");
  } finally {
    spawnSync("umount", ["-l", disk]);
  }
});

test("a workspace in folders of long names (80 Chinese characters are 240 bytes) is kept, and put back", () => {
  const edition = path.join(root, "神经互信息".repeat(16));
  const workspace = path.join(edition, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  fs.writeFileSync(path.join(workspace, "笔记.md"), "mine");
  const kept = keepWork(workspace, env);
  assert.ok(Buffer.byteLength(path.basename(kept.dir)) < 240, kept.dir);
  fs.rmSync(edition, { recursive: true });
  assert.deepEqual(restoreKeptWork(workspace, env).files, ["笔记.md"]);
  // short names are kept where they were before
  assert.equal(path.basename(keptWorkDir(path.join(root, "edition-a", "my-work"), env)).replace(/-[0-9a-f]{12}$/, ""), "edition-a-my-work");
});

test("a workspace made at a new path (the new edition in a folder of another name) is told of the copies kept of workspaces elsewhere", () => {
  const own = { NEURAL_MI_KEPT_WORK: path.join(root, "kept-elsewhere") };
  const old = path.join(root, "neural-mi", "my-work");
  updateWorkspace({ workspaceDir: old, sourceDir: course });
  fs.writeFileSync(path.join(old, "notes.md"), "mine");
  const kept = keepWork(old, own);
  fs.rmSync(path.join(root, "neural-mi"), { recursive: true });
  const workspace = path.join(root, "neural-mi-2", "my-work");
  const restored = restoreKeptWork(workspace, own);
  assert.deepEqual([restored.files, restored.others], [[], [kept.dir]]);
  const said = describeKeptWork({ restored, kept: undefined, created: true }).join("\n");
  assert.match(said, new RegExp(`copies of workspaces at other paths are: ${kept.dir.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}; if one holds your work`));
});

test("a notebook saved empty or cut short does not replace its last readable version in the copy, and the start says where that is", () => {
  const workspace = path.join(root, "edition-h", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const beforeTheDiskFilled = 1;");
  keepWork(workspace, env);
  const whole = fs.readFileSync(path.join(workspace, first), "utf8");
  fs.writeFileSync(path.join(workspace, first), whole.slice(0, 1000)); // its disk full while JupyterLab saved it
  for (let start = 0; start < 2; start += 1) {
    const kept = keepWork(workspace, env);
    assert.deepEqual(kept.unreadable, [first]);
    assert.equal(firstAnswer(kept.dir, first), "const beforeTheDiskFilled = 1;");
    const said = describeKeptWork({ restored: { files: [] }, kept, created: false }).join("\n");
    assert.match(said, new RegExp(`${first} is not a readable notebook .*holds its last readable version, .*${first}; copy that over it`));
  }
  fs.writeFileSync(path.join(workspace, first), whole.replace("beforeTheDiskFilled", "mended"));
  assert.equal(firstAnswer(keepWork(workspace, env).dir, first), "const mended = 1;");
});

test("a chapter the student wrote in and then deleted (the next start puts the course's back) keeps her last version in the copy, and the start names it", () => {
  const workspace = path.join(root, "edition-k", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const deletedByMistake = 3;");
  keepWork(workspace, env); // a start
  fs.rmSync(path.join(workspace, first)); // deleted in JupyterLab's file browser
  keepWork(workspace, env); // JupyterLab stops
  const update = updateWorkspace({ workspaceDir: workspace, sourceDir: course }); // the next start
  assert.deepEqual(update.restored, [first]);
  const kept = keepWork(workspace, env);
  assert.deepEqual(kept.files, [], "the chapter put back is the course's, not hers");
  const said = describeKeptWork({ restored: { files: [] }, kept, created: false, putBack: update.restored }).join("\n");
  const version = said.match(new RegExp(`${first} is no longer in the workspace as you had it: your last version of it is kept in (\\S+); copy it back`))?.[1];
  assert.ok(version, said);
  assert.equal(firstAnswer(path.dirname(version), path.basename(version)), "const deletedByMistake = 3;");
  // and not restored by itself into a workspace made anew: what is put back is the last copy
  assert.ok(!restoreKeptWork(path.join(root, "edition-k", "elsewhere"), env).files.length);
});

test("an answer the student replaced (a cell emptied by mistake) keeps its earlier version at each refresh, the last 20 refreshes'", () => {
  const workspace = path.join(root, "edition-l", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  for (let n = 1; n <= 25; n += 1) {
    answer(workspace, first, `const attempt = ${n};`);
    keepWork(workspace, env);
  }
  const kept = keepWork(workspace, env);
  const earlier = path.join(kept.dir, ".earlier");
  const versions = fs.readdirSync(earlier).sort();
  assert.equal(versions.length, 20);
  assert.deepEqual(
    versions.map((stamp) => firstAnswer(path.join(earlier, stamp), first)),
    Array.from({ length: 20 }, (_, i) => `const attempt = ${i + 5};`),
    "the latest 20, the oldest dropped",
  );
  assert.equal(firstAnswer(kept.dir, first), "const attempt = 25;");
});

test("with no home folder known (HOME not set, a user the system does not list: a container's), npm start fills the workspace and says where to keep the copy", (t) => {
  // a user of a number no list names, in a user namespace of its own, owning the checkout as root does outside
  const asUnlisted = (args, options) => spawnSync("unshare", ["--user", "--map-user=54321", "--map-group=54321", process.execPath, ...args], options);
  const { HOME, NEURAL_MI_KEPT_WORK, ...withoutHome } = process.env;
  const probe = asUnlisted(["-e", "try { require('os').homedir(); } catch { process.exit(7); }"], { env: withoutHome });
  if (probe.status !== 7) return t.skip("no user namespace here, or the user is listed");
  const workspace = path.join(root, "no-home", "my-work");
  const run = asUnlisted([fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "--ServerApp.port=not-a-port"], {
    env: withoutHome,
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.match(run.stdout, /workspace: made /, run.stdout + run.stderr);
  assert.ok(fs.existsSync(path.join(workspace, first)));
  assert.match(run.stderr, /no home folder is known here \(HOME is not set\), where the copy of your work is kept: set HOME, or NEURAL_MI_KEPT_WORK/);
  assert.doesNotMatch(run.stderr, /^lab: .*uv_os_homedir/m, "it had stopped there, saying only that");
  // and JupyterLab is given a home folder of the user's own (its Python had stopped at "Could not determine home directory")
  assert.match(run.stdout, /no home folder is known here .*: JupyterLab and its kernels keep their own files in \S+neural-mi-home-54321, .*set HOME to a folder of your own/);
});

test("a copy to be kept inside the course's folder (NEURAL_MI_KEPT_WORK there, or relative, taken from where npm was run) is refused: it would go with the folder", () => {
  const workspace = path.join(root, "edition-i", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  const name = `kept-work-test-${process.pid}`;
  try {
    for (const inCourse of [{ NEURAL_MI_KEPT_WORK: fromRoot(name) }, { NEURAL_MI_KEPT_WORK: name, INIT_CWD: fromRoot() }]) {
      assert.throws(() => keepWork(workspace, inCourse), /would be kept in .*kept-work-test-\d+, inside the course's folder .*, and deleted with it; set NEURAL_MI_KEPT_WORK to a folder outside/);
    }
    assert.ok(!fs.existsSync(fromRoot(name)));
  } finally {
    fs.rmSync(fromRoot(name), { recursive: true, force: true });
  }
  const relative = keepWork(workspace, { NEURAL_MI_KEPT_WORK: "kept-relative", INIT_CWD: root });
  assert.ok(relative.dir.startsWith(path.join(root, "kept-relative")), relative.dir);
  // the home folder the course's folder (a container's, Binder's, where the repository is the home folder)
  const home = process.env.HOME;
  process.env.HOME = fromRoot();
  try {
    assert.throws(() => keptWorkDir(workspace, {}), /would be kept in .*\.neural-mi\/kept-work, inside the course's folder .*; your home folder \(HOME=.*\) is in the course's folder: set NEURAL_MI_KEPT_WORK/);
  } finally {
    process.env.HOME = home;
  }
  assert.ok(!fs.existsSync(fromRoot(".neural-mi")));
});

test("a file where the copies are kept is named, with its fix, at each start and stop", () => {
  const workspace = path.join(root, "edition-j", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  const file = path.join(root, "kept-is-a-file");
  fs.writeFileSync(file, "not a folder");
  const there = { NEURAL_MI_KEPT_WORK: file };
  assert.throws(() => keepWork(workspace, there), /kept-is-a-file, where the copy of your work is kept, is a file, not a folder: move it away, or set NEURAL_MI_KEPT_WORK/);
  fs.rmSync(workspace, { recursive: true });
  assert.throws(() => restoreKeptWork(workspace, there), /is a file, not a folder/);
  // a file above where it is kept (HOME set to a file): "ENOTDIR: not a directory, mkdir …"
  assert.throws(() => keptWorkDir(workspace, { NEURAL_MI_KEPT_WORK: path.join(file, "kept") }), /kept-is-a-file, where the copy of your work is kept \(in .*kept-is-a-file\/kept\), is a file, not a folder: move it away/);
  // npm start goes on without a copy, saying so
  const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", workspace, "--no-browser", "--ServerApp.port=not-a-port"], {
    env: { ...process.env, ...there },
    encoding: "utf8",
    timeout: 120_000,
  });
  assert.match(run.stdout, /workspace: made /, run.stdout + run.stderr);
  assert.match(run.stderr, /lab: the copy of your work kept outside the course's folder could not be refreshed \(.*kept-is-a-file, where the copy of your work is kept, is a file/);
});

test("a refresh of the copy cut short at each of its steps: the next start finds the work, with its earlier versions, and removes what was left", () => {
  const edition = path.join(root, "edition-cut");
  const workspace = path.join(edition, "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const v1 = 1;");
  const dir = keepWork(workspace, env).dir;
  answer(workspace, first, "const v2 = 2;");
  keepWork(workspace, env); // v1 now among the earlier versions
  const earlierOf = (copy) => fs.readdirSync(path.join(copy, ".earlier"));
  const history = earlierOf(dir);
  const beside = () => fs.readdirSync(path.dirname(dir)).filter((name) => name.startsWith(path.basename(dir))).sort();

  // killed between its two renames: the copy is in .old-<pid>, the whole new one (with the earlier versions) in .new-<pid>
  fs.cpSync(dir, `${dir}.new-4242`, { recursive: true });
  fs.renameSync(dir, `${dir}.old-4242`);
  fs.rmSync(path.join(`${dir}.old-4242`, ".earlier"), { recursive: true });
  fs.rmSync(edition, { recursive: true }); // and the course's folder deleted since
  fs.mkdirSync(workspace, { recursive: true });
  const restored = restoreKeptWork(workspace, env);
  assert.deepEqual(restored.files, [first], "the work comes back");
  assert.equal(firstAnswer(workspace, first), "const v2 = 2;");
  assert.deepEqual(earlierOf(dir), history, "with its earlier versions");
  assert.deepEqual(beside(), [path.basename(dir)], "nothing left beside the copy");

  // killed while the new copy was written, the earlier versions moved into it
  fs.mkdirSync(`${dir}.new-4343`);
  fs.renameSync(path.join(dir, ".earlier"), path.join(`${dir}.new-4343`, ".earlier"));
  // and after the new copy was put in place, the old not yet removed
  fs.cpSync(dir, `${dir}.old-4444`, { recursive: true });
  answer(workspace, first, "const v3 = 3;");
  keepWork(workspace, env);
  assert.ok(history.every((refresh) => earlierOf(dir).includes(refresh)), "the earlier versions are back in the copy");
  assert.equal(earlierOf(dir).length, history.length + 1);
  assert.deepEqual(beside(), [path.basename(dir)], "nothing left beside the copy");

  // an old copy left alone (cut short after the new one was in place), the copy deleted since to start afresh: not put back
  fs.cpSync(dir, `${dir}.old-4545`, { recursive: true });
  fs.rmSync(dir, { recursive: true });
  fs.rmSync(workspace, { recursive: true });
  fs.mkdirSync(workspace);
  assert.deepEqual(restoreKeptWork(workspace, env).files, []);
  assert.deepEqual(beside(), [], "and removed");
});

test("a file the student cannot read (another account's) keeps its last version in the copy, and the rest is still refreshed", () => {
  const workspace = path.join(root, "edition-denied", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  fs.writeFileSync(path.join(workspace, "root-made.txt"), "v1");
  answer(workspace, first, "const before = 1;");
  const dir = keepWork(workspace, env).dir;
  fs.writeFileSync(path.join(workspace, "root-made.txt"), "v2");
  answer(workspace, first, "const after = 2;");
  // what copying a file of another account's, mode 600, says (the tests run as root, who reads any file)
  const copy = fs.copyFileSync;
  fs.copyFileSync = (from, to, ...rest) => {
    if (from === path.join(workspace, "root-made.txt")) throw Object.assign(new Error(`EACCES: permission denied, copyfile '${from}'`), { code: "EACCES" });
    return copy(from, to, ...rest);
  };
  let kept;
  try {
    kept = keepWork(workspace, env);
  } finally {
    fs.copyFileSync = copy;
  }
  assert.deepEqual(kept.denied, ["root-made.txt"]);
  assert.equal(firstAnswer(dir, first), "const after = 2;", "the rest refreshed");
  assert.equal(fs.readFileSync(path.join(dir, "root-made.txt"), "utf8"), "v1", "its last version kept");
  assert.match(describeKeptWork({ restored: { files: [] }, kept, created: false }).join("\n"), /not readable by you, so not refreshed in that copy \(its last version there kept\): root-made\.txt/);
});

test("the kept copy opened as a workspace (npm start -- --workspace ~/.neural-mi/kept-work/…) is refused before anything is written in it", () => {
  const workspace = path.join(root, "edition-opened", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const mine = 3;");
  const { dir } = keepWork(workspace, env);
  const before = fs.readdirSync(dir).sort();
  const run = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", dir, "--no-browser", "--ServerApp.port=not-a-port"], {
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  assert.equal(run.status, 2, run.stdout + run.stderr);
  assert.match(run.stderr, /lab: the workspace .* lies in .*kept, where npm start keeps the copies of your work .*: copy the files you need from it into your workspace/);
  assert.deepEqual(fs.readdirSync(dir).sort(), before, "nothing written in the copy");
});

test("a notebook cut short by a JupyterLab stopped while it saved is kept as JupyterLab's copy from before that save, newer than the last kept", () => {
  const workspace = path.join(root, "edition-saving", "my-work");
  updateWorkspace({ workspaceDir: workspace, sourceDir: course });
  answer(workspace, first, "const kept = 1;");
  const { dir } = keepWork(workspace, env);
  answer(workspace, first, "const saved = 2;");
  fs.copyFileSync(path.join(workspace, first), path.join(workspace, `.~${first}`));
  fs.writeFileSync(path.join(workspace, first), fs.readFileSync(path.join(workspace, first)).subarray(0, 50));
  const kept = keepWork(workspace, env);
  assert.equal(firstAnswer(dir, first), "const saved = 2;", "the newer version kept");
  assert.deepEqual(kept.unreadable, [first], "named, with the version kept: JupyterLab's copy");
});
