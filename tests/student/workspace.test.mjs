// The student's workspace (scripts/lib/workspace.mjs), made and updated from a course in a
// temporary folder: the released notebooks arrive without answers or hidden tests, and later
// versions of the course never overwrite what the student changed.
import assert from "node:assert/strict";
import { execFileSync, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, before, test } from "node:test";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { copyCourseNotebooks } from "./helpers.mjs";
import { STUDENT_RELEASE_MARKER, writeStudentNotebooks } from "../../scripts/lib/student-release.mjs";
import { chooseWorkspaceDir, defaultWorkspaceDir, describeUpdate, studentsFiles, updateWorkspace } from "../../scripts/lib/workspace.mjs";
import { shellWord } from "../../scripts/lib/shell-word.mjs";
import { writeWorkspacePackage } from "../../scripts/lib/workspace-package.mjs";
import { coursePackagesAdded, describeCoursePackagesAdded } from "../../scripts/lib/course-packages-added.mjs";

let root;
let course;
let workspace;
const chapters = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
const [first, second, third] = chapters;

const readJson = (file) => JSON.parse(fs.readFileSync(file, "utf8"));
const writeJson = (file, value) => fs.writeFileSync(file, JSON.stringify(value, null, 1) + "\n");
const text = (source) => (Array.isArray(source) ? source.join("") : source);
const update = () => updateWorkspace({ workspaceDir: workspace, sourceDir: course });

/** A new version of a course chapter: one more paragraph at its end. */
function courseChanges(file, words) {
  const notebook = readJson(path.join(course, file));
  notebook.cells.push({ cell_type: "markdown", id: `added-${notebook.cells.length}`, metadata: {}, source: words });
  writeJson(path.join(course, file), notebook);
}

/** The student writes an answer into the first exercise of a chapter. */
function studentAnswers(file, answer) {
  const target = path.join(workspace, file);
  const notebook = readJson(target);
  const cell = notebook.cells.find((c) => c.metadata?.nbgrader?.solution);
  assert.ok(cell, `${file} has an exercise`);
  cell.source = answer;
  writeJson(target, notebook);
}

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-workspace-"));
  course = path.join(root, "course");
  workspace = path.join(root, "my-work");
  copyCourseNotebooks(course);
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("the first start makes the workspace: every chapter without its answers and hidden tests, and the images", () => {
  const result = update();
  assert.equal(result.created, true);
  for (const file of chapters) {
    assert.ok(result.added.includes(file), `${file} is added`);
    const cells = readJson(path.join(workspace, file)).cells.map((c) => text(c.source)).join("\n");
    assert.doesNotMatch(cells, /BEGIN SOLUTION|BEGIN HIDDEN TESTS/, `${file} holds no solution or hidden-test region`);
  }
  const images = fs.readdirSync(path.join(course, "images"));
  assert.ok(images.length > 0);
  for (const image of images) assert.ok(fs.existsSync(path.join(workspace, "images", image)), `images/${image} is copied`);
  assert.ok(!fs.existsSync(path.join(workspace, "src")), "the chapters' sources (with solutions) stay out");
  const lines = describeUpdate(result, root);
  assert.match(lines[0], /made my-work\/.*never overwrite/);
  // the student's answers go here: made with the usual umask (0755), every account of a shared machine read her chapters
  if (process.platform !== "win32") assert.equal(fs.statSync(workspace).mode & 0o077, 0, "the workspace is open to its student alone");
  // Outside the checkout, the notebooks find neural-mi through a folder of links to the course's packages, not one link to
  // its node_modules: yarn add, run in the workspace, deleted through that link every course package its lock did not name
  const modules = path.join(workspace, "node_modules");
  assert.ok(!fs.lstatSync(modules).isSymbolicLink(), "a folder of the workspace's own, which a package manager run there empties of links alone");
  for (const name of ["neural-mi", "tslab", "@tensorflow/tfjs"]) {
    assert.equal(fs.realpathSync(path.join(modules, name)), fs.realpathSync(fromRoot("node_modules", name)), `${name} is the course's`);
  }
  // and its commands, for npx: without them `npx tsc` there offered to install the npm package named tsc, not TypeScript's
  assert.equal(fs.realpathSync(path.join(modules, ".bin", "tsc")), fs.realpathSync(fromRoot("node_modules", ".bin", "tsc")));
});

test("a workspace an earlier start made open to every account of the machine is named at each start, with the chmod that closes it", { skip: process.platform === "win32" && "Windows keeps no such modes" }, () => {
  const open = path.join(root, "open-work");
  updateWorkspace({ workspaceDir: open, sourceDir: course });
  fs.chmodSync(open, 0o755);
  fs.chmodSync(root, 0o755);
  try {
    const lines = describeUpdate(updateWorkspace({ workspaceDir: open, sourceDir: course }), root);
    assert.ok(lines.includes("  your workspace open-work/ is open to every account of this machine, which can read your answers in it: `chmod 700 'open-work'` keeps it yours (npm start makes a new workspace so)"), lines.join("\n"));
    fs.chmodSync(open, 0o700);
    assert.doesNotMatch(describeUpdate(updateWorkspace({ workspaceDir: open, sourceDir: course }), root).join("\n"), /open to every account/);
    // nor where a folder above it lets no other account through (a home folder made 0700 or 0750)
    fs.chmodSync(open, 0o755);
    fs.chmodSync(root, 0o750);
    assert.doesNotMatch(describeUpdate(updateWorkspace({ workspaceDir: open, sourceDir: course }), root).join("\n"), /open to every account/);
  } finally {
    fs.chmodSync(root, 0o700);
  }
});

test("a workspace's link to the course's node_modules, an earlier start's, is replaced by a folder of links to each package", () => {
  const older = path.join(root, "older-start");
  updateWorkspace({ workspaceDir: older, sourceDir: course });
  const modules = path.join(older, "node_modules");
  fs.rmSync(modules, { recursive: true });
  fs.symlinkSync(fromRoot("node_modules"), modules);
  const result = updateWorkspace({ workspaceDir: older, sourceDir: course });
  assert.ok(!fs.lstatSync(modules).isSymbolicLink(), "no link through which a package manager run in the workspace reaches the course's packages");
  assert.equal(fs.realpathSync(path.join(modules, "neural-mi")), fs.realpathSync(fromRoot("node_modules", "neural-mi")));
  assert.ok(fs.existsSync(fromRoot("node_modules", "tslab", "package.json")), "the course's packages are untouched");
  assert.doesNotMatch(describeUpdate(result, root).join("\n"), /packages of your own/, "the course's links are not called hers");
  assert.deepEqual(updateWorkspace({ workspaceDir: older, sourceDir: course }).linkedBeside, [], "the next start finds them in place");
});

test("links of another checkout's start in the workspace's node_modules (a copy of the course serving it too) are made again to this checkout's packages", () => {
  const shared = path.join(root, "shared-by-two");
  updateWorkspace({ workspaceDir: shared, sourceDir: course });
  const other = path.join(root, "other-checkout", "node_modules");
  for (const name of ["neural-mi", "tslab", "@tensorflow/tfjs"]) {
    fs.mkdirSync(path.join(other, name), { recursive: true });
    fs.writeFileSync(path.join(other, name, "package.json"), JSON.stringify({ name, version: "0.0.1" }));
    fs.rmSync(path.join(shared, "node_modules", name));
    fs.symlinkSync(path.join(other, name), path.join(shared, "node_modules", name));
  }
  const result = updateWorkspace({ workspaceDir: shared, sourceDir: course });
  for (const name of ["neural-mi", "tslab", "@tensorflow/tfjs"]) {
    assert.equal(fs.realpathSync(path.join(shared, "node_modules", name)), fs.realpathSync(fromRoot("node_modules", name)), `${name} is this checkout's`);
  }
  assert.doesNotMatch(describeUpdate(result, root).join("\n"), /packages of your own/);
});

test("a start with nothing new in the course changes no file and says so", () => {
  const before = Object.fromEntries(chapters.map((f) => [f, fs.readFileSync(path.join(workspace, f))]));
  const result = update();
  assert.deepEqual([result.added, result.updated, result.beside], [[], [], []]);
  for (const f of chapters) assert.deepEqual(fs.readFileSync(path.join(workspace, f)), before[f], `${f} is untouched`);
  assert.match(describeUpdate(result).join("\n"), /up to date/);
});

test("a chapter the student only ran is replaced by the course's new version", () => {
  const file = path.join(workspace, first);
  const ran = readJson(file);
  const code = ran.cells.find((c) => c.cell_type === "code");
  code.outputs = [{ output_type: "stream", name: "stdout", text: "ran it\n" }];
  code.execution_count = 1;
  writeJson(file, ran);
  courseChanges(first, "A clearer paragraph.");

  const result = update();
  assert.deepEqual(result.updated, [first]);
  assert.equal(text(readJson(file).cells.at(-1).source), "A clearer paragraph.");
  assert.match(describeUpdate(result).join("\n"), new RegExp(`updated \\(you had not changed it\\): ${first}`));
});

test("a chapter the student wrote in is kept; the new version arrives beside it, and the student is told", () => {
  studentAnswers(second, "return 42; // my answer");
  const mine = fs.readFileSync(path.join(workspace, second));
  courseChanges(second, "Second version.");

  const result = update();
  const beside = second.replace(/\.ipynb$/, ".course-update.ipynb");
  assert.deepEqual(result.beside, [{ file: beside, kept: second }]);
  assert.deepEqual(fs.readFileSync(path.join(workspace, second)), mine, "the student's copy is byte for byte the same");
  assert.equal(text(readJson(path.join(workspace, beside)).cells.at(-1).source), "Second version.");
  assert.match(describeUpdate(result).join("\n"), new RegExp(`updated version of ${second}, which you changed and is kept as it is: ${beside}`));

  // A third version replaces the untouched update beside it, and still not the student's copy.
  courseChanges(second, "Third version.");
  assert.deepEqual(update().beside, [{ file: beside, kept: second }]);
  assert.equal(text(readJson(path.join(workspace, beside)).cells.at(-1).source), "Third version.");
  assert.deepEqual(fs.readFileSync(path.join(workspace, second)), mine);

  // Once the student writes in the update too, the next one takes a new name.
  studentAnswers(beside, "return 43; // answered in the update");
  const mineToo = fs.readFileSync(path.join(workspace, beside));
  courseChanges(second, "Fourth version.");
  const next = second.replace(/\.ipynb$/, ".course-update-2.ipynb");
  assert.deepEqual(update().beside, [{ file: next, kept: second }]);
  assert.deepEqual(fs.readFileSync(path.join(workspace, beside)), mineToo);
  assert.deepEqual(fs.readFileSync(path.join(workspace, second)), mine);

  // With the record deleted every file counts as the student's, but a version already beside
  // one is not written a second time
  fs.rmSync(path.join(workspace, ".course", "delivered.json"));
  const after = update();
  assert.deepEqual(after.beside.filter((b) => b.kept === second), [], "the fourth version is already beside it");
  assert.equal(fs.existsSync(path.join(workspace, second.replace(/\.ipynb$/, ".course-update-3.ipynb"))), false);
});

test("a new chapter of the course is added and announced; one the student deleted comes back, said so", () => {
  fs.copyFileSync(path.join(course, third), path.join(course, "06-new-chapter.ipynb"));
  fs.rmSync(path.join(workspace, third));
  const result = update();
  assert.deepEqual(result.added, ["06-new-chapter.ipynb"]);
  assert.deepEqual(result.restored, [third]);
  assert.ok(fs.existsSync(path.join(workspace, third)));
  const lines = describeUpdate(result).join("\n");
  assert.match(lines, /new in the course: 06-new-chapter\.ipynb/);
  assert.match(lines, new RegExp(`put back \\(it was missing from the workspace\\): ${third}`));
});

test("a folder made with a chapter's name is the student's: the chapter arrives beside it, said so", () => {
  // taken as "up to date" before: the chapter was never put back, and nothing said why
  fs.rmSync(path.join(workspace, third));
  fs.mkdirSync(path.join(workspace, third));
  const result = update();
  assert.equal(result.beside.length, 1, JSON.stringify(result));
  const [{ file, kept }] = result.beside;
  assert.equal(kept, third);
  assert.ok(fs.statSync(path.join(workspace, file)).isFile());
  assert.ok(fs.statSync(path.join(workspace, third)).isDirectory(), "the student's folder stays");
  assert.match(describeUpdate(result).join("\n"), new RegExp(`updated version of ${third}, .*: ${file.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}`));
  fs.rmSync(path.join(workspace, third), { recursive: true });
  fs.renameSync(path.join(workspace, file), path.join(workspace, third));
});

test("an older checkout of the course, started on a workspace a newer one updated, puts none of its older versions back", () => {
  const newer = fs.readFileSync(path.join(course, third));
  courseChanges(third, "A newer paragraph.");
  assert.deepEqual(update().updated, [third]);
  const delivered = fs.readFileSync(path.join(workspace, third));
  // the older checkout: the chapter as it was
  fs.writeFileSync(path.join(course, third), newer);
  const result = update();
  assert.deepEqual([result.updated, result.older], [[], [third]]);
  assert.deepEqual(fs.readFileSync(path.join(workspace, third)), delivered, "the newer version stays");
  assert.match(describeUpdate(result).join("\n"), new RegExp(`this checkout of the course is older .*${third} were not put back`));
});

/** A new version of the chapter `file` in `dir`: one more paragraph at its end. */
function addParagraph(dir, file, words) {
  const notebook = readJson(path.join(dir, file));
  notebook.cells.push({ cell_type: "markdown", id: `added-${notebook.cells.length}`, metadata: {}, source: words });
  writeJson(path.join(dir, file), notebook);
}

test("in a git checkout, a chapter the course sets back to an earlier text arrives from a later commit, and not from an older checkout", () => {
  const gitCourse = path.join(root, "git-course");
  const gitWork = path.join(root, "git-work");
  fs.cpSync(course, gitCourse, { recursive: true });
  let day = 0;
  const git = (...args) =>
    execFileSync("git", ["-C", gitCourse, "-c", "user.name=course", "-c", "user.email=course@example.org", ...args], {
      encoding: "utf8",
      // commits a day apart, as the course's versions are (a second apart, git's clock could not tell them)
      env: { ...process.env, GIT_COMMITTER_DATE: `2026-0${1 + day}-01T12:00:00Z` },
    });
  const commitAll = (message) => {
    git("add", "-A");
    git("commit", "-q", "-m", message);
    day += 1;
  };
  const start = () => updateWorkspace({ workspaceDir: gitWork, sourceDir: gitCourse });
  git("init", "-q");
  const firstText = fs.readFileSync(path.join(gitCourse, third));
  commitAll("first");
  start();
  const firstReleased = fs.readFileSync(path.join(gitWork, third));
  addParagraph(gitCourse, third, "A paragraph later withdrawn.");
  commitAll("second");
  assert.deepEqual(start().updated, [third]);
  fs.writeFileSync(path.join(gitCourse, third), firstText);
  commitAll("third: the chapter set back");
  const setBack = start();
  assert.deepEqual([setBack.updated, setBack.older], [[third], []]);
  assert.deepEqual(fs.readFileSync(path.join(gitWork, third)), firstReleased, "the chapter is the first text again");
  // the second commit checked out again is older than the one that set the chapter back
  git("checkout", "-q", "HEAD~1");
  const older = start();
  assert.deepEqual([older.updated, older.older], [[], [third]]);
  assert.deepEqual(fs.readFileSync(path.join(gitWork, third)), firstReleased, "the set-back text stays");
});

test("a later student edition (each a repository of its own) that sets a chapter back delivers it; an older edition does not", () => {
  // editions are told apart by when they were made (notebooks/.student-release.json), not by git:
  // each is one commit, unrelated to the last
  const editionWork = path.join(root, "edition-work");
  const edition = (name, made, change) => {
    const dir = path.join(root, name);
    writeStudentNotebooks({ sourceDir: course, outDir: dir });
    if (change) addParagraph(dir, third, change);
    writeJson(path.join(dir, STUDENT_RELEASE_MARKER), made === undefined ? {} : { made });
    return dir;
  };
  const firstEdition = edition("edition-1", "2026-01-01T00:00:00Z");
  const secondEdition = edition("edition-2", "2026-02-01T00:00:00Z", "A paragraph later withdrawn.");
  const thirdEdition = edition("edition-3", "2026-03-01T00:00:00Z");
  const start = (dir) => updateWorkspace({ workspaceDir: editionWork, sourceDir: dir });
  start(firstEdition);
  const firstText = fs.readFileSync(path.join(editionWork, third));
  assert.deepEqual(start(secondEdition).updated, [third]);
  assert.deepEqual([start(thirdEdition).updated, start(secondEdition).older], [[third], [third]]);
  assert.deepEqual(fs.readFileSync(path.join(editionWork, third)), firstText, "the third edition's text, the first's again, stays");
  // an edition made before editions recorded when: the chapter's text decides, as before, and an earlier text is not put back
  const unknown = edition("edition-unknown", undefined, "A paragraph later withdrawn.");
  assert.deepEqual(start(unknown).older, [third]);
});

test("a file already in the folder before the first start counts as the student's", () => {
  const other = path.join(root, "other-work");
  fs.mkdirSync(other);
  fs.writeFileSync(path.join(other, first), '{"mine": true}');
  const result = updateWorkspace({ workspaceDir: other, sourceDir: course });
  assert.equal(fs.readFileSync(path.join(other, first), "utf8"), '{"mine": true}');
  assert.ok(result.beside.some((b) => b.kept === first));
});

test("a workspace reached from inside the course's folder through a symbolic link (my-work/ moved to a synced folder and linked back) gets the link to the course's packages where it really is", () => {
  const real = path.join(root, "synced", "my-work");
  fs.mkdirSync(real, { recursive: true });
  const link = fromRoot(".cache", `workspace-link-${process.pid}`);
  fs.mkdirSync(path.dirname(link), { recursive: true });
  fs.symlinkSync(real, link);
  try {
    updateWorkspace({ workspaceDir: link, sourceDir: course });
    assert.equal(fs.realpathSync(path.join(real, "node_modules", "neural-mi")), fs.realpathSync(fromRoot("node_modules", "neural-mi")), "the kernel, working in the real folder, finds neural-mi");
  } finally {
    fs.rmSync(link);
  }
});

test("the workspace is my-work/, or the folder named by --workspace or NEURAL_MI_WORKSPACE, never inside notebooks/", () => {
  assert.equal(chooseWorkspaceDir(undefined, {}), defaultWorkspaceDir);
  assert.equal(chooseWorkspaceDir(undefined, { NEURAL_MI_WORKSPACE: root }), root);
  assert.equal(chooseWorkspaceDir(path.join(root, "x"), { NEURAL_MI_WORKSPACE: "/elsewhere" }), path.join(root, "x"));
  assert.equal(chooseWorkspaceDir("mine", { INIT_CWD: root }), path.join(root, "mine"), "relative to where npm was run");
  // "~" as typed where a shell leaves it (--workspace=~/work, a quoted NEURAL_MI_WORKSPACE) is the home folder
  assert.equal(chooseWorkspaceDir("~/neural-mi-work", { INIT_CWD: root }), path.join(os.homedir(), "neural-mi-work"));
  assert.equal(chooseWorkspaceDir(undefined, { INIT_CWD: root, NEURAL_MI_WORKSPACE: "~/neural-mi-work" }), path.join(os.homedir(), "neural-mi-work"));
  assert.equal(chooseWorkspaceDir("~mine", { INIT_CWD: root }), path.join(root, "~mine"), "a name that only begins with ~ is a name");
  assert.throws(() => chooseWorkspaceDir(path.join(notebooksDir, "mine"), {}), /overlaps the course source notebooks\/.*choose a folder of your own/);
  // a symbolic link to notebooks/ (or into it) is notebooks/, whether the workspace exists yet or not
  const link = path.join(root, "link-to-notebooks");
  fs.symlinkSync(notebooksDir, link);
  for (const dir of [link, path.join(link, "not-yet")]) {
    assert.throws(() => chooseWorkspaceDir(dir, {}), /the workspace .*link-to-notebooks.* \(through a symbolic link, it is .*notebooks.*\) overlaps the course source notebooks\/; choose a folder of your own/, dir);
  }
  const file = path.join(root, "a-file.txt");
  fs.writeFileSync(file, "");
  assert.throws(() => chooseWorkspaceDir(file, {}), /the workspace .*a-file\.txt is a file, not a folder; choose a folder of your own/);
  // my-work/ linked to a synced folder that is gone, or on a drive not mounted
  const dangling = path.join(root, "linked-work");
  fs.symlinkSync(path.join(root, "not-mounted", "my-work"), dangling);
  for (const dir of [dangling, path.join(dangling, "inner")]) {
    assert.throws(() => chooseWorkspaceDir(dir, {}), /cannot be made: .*linked-work is a symbolic link to .*not-mounted\/my-work, which does not exist \(a folder moved, or a drive not mounted\)/, dir);
  }
  assert.throws(() => chooseWorkspaceDir(path.join(file, "work"), {}), /the workspace .*a-file\.txt\/work cannot be made: .*a-file\.txt is a file, not a folder; choose a folder of your own/);
});

test("a workspace inside a folder of the course's own (scripts/, lib/, node_modules/, .venv/…) is refused, naming a folder of its own", () => {
  for (const name of ["scripts", "lib", "node_modules", ".venv", ".cache", "autograder", "tests"]) {
    for (const dir of [fromRoot(name), fromRoot(name, "my-work"), fromRoot(name, "a", "b")]) {
      assert.throws(
        () => chooseWorkspaceDir(dir, {}),
        new RegExp(`the workspace .* lies inside ${name.replace(".", "\\.")}/, a folder of the course's own, which its set-up and updates rewrite: choose a folder of its own, my-work/ \\(the default\\) or one outside the course`),
        dir,
      );
    }
  }
  // relative to where npm was run, and through a symbolic link
  assert.throws(() => chooseWorkspaceDir("work", { INIT_CWD: fromRoot("scripts") }), /lies inside scripts\//);
  const link = path.join(root, "link-to-lib");
  fs.symlinkSync(fromRoot("lib"), link);
  assert.throws(() => chooseWorkspaceDir(path.join(link, "work"), {}), /lies inside lib\//);
  assert.ok(!fs.existsSync(fromRoot("scripts", "work")) && !fs.existsSync(fromRoot("lib", "work")), "nothing made");
  // a folder of another name in the checkout, beside my-work/, is still the student's to choose
  assert.equal(chooseWorkspaceDir(fromRoot("my-other-work"), {}), fromRoot("my-other-work"));
});

test("a chapter that is not a readable notebook (a merge's conflict marks) is kept as it is and named, with the way to get the chapter back", () => {
  const own = path.join(root, "conflicted");
  updateWorkspace({ workspaceDir: own, sourceDir: course });
  const target = path.join(own, first);
  const text = fs.readFileSync(target, "utf8");
  const conflicted = `<<<<<<< HEAD\n${text}=======\n${text}>>>>>>> laptop\n`;
  fs.writeFileSync(target, conflicted);
  const result = updateWorkspace({ workspaceDir: own, sourceDir: course });
  assert.equal(fs.readFileSync(target, "utf8"), conflicted, "left as it is");
  const said = describeUpdate(result, root).join("\n");
  assert.match(said, new RegExp(`${first.replace(/[.]/g, "\\.")} is not a readable notebook \\(.+\\), so JupyterLab cannot open it; it is kept as it is: rename it \\(to .*\\.broken\\.txt, say\\) and run npm start again, which puts the chapter back`));
  // renamed as it says: the next start puts the chapter back
  fs.renameSync(target, target.replace(/\.ipynb$/, ".broken.txt"));
  assert.deepEqual(updateWorkspace({ workspaceDir: own, sourceDir: course }).restored, [first]);
  // cut short by a JupyterLab stopped while it saved, which left its copy from before the save: that copy is named, not the rename
  const answered = JSON.parse(fs.readFileSync(target, "utf8"));
  answered.cells.find((cell) => cell.metadata?.nbgrader?.solution).source = "const mine = 1;";
  fs.writeFileSync(path.join(own, `.~${first}`), JSON.stringify(answered));
  fs.writeFileSync(target, JSON.stringify(answered).slice(0, 100));
  const cut = describeUpdate(updateWorkspace({ workspaceDir: own, sourceDir: course }), root).join("\n");
  assert.match(cut, new RegExp(`${first.replace(/[.]/g, "\\.")} is not a readable notebook \\(.+\\): JupyterLab was stopped while it saved it, and its copy from before that save, \\.~${first.replace(/[.]/g, "\\.")} \\(hidden\\), is whole: open .* in JupyterLab, which puts that copy back`));
  assert.doesNotMatch(cut, /broken\.txt/);
});

test("a record of deliveries edited into another shape is named, with its fix, and not written back empty", () => {
  const own = path.join(root, "record-edited");
  updateWorkspace({ workspaceDir: own, sourceDir: course });
  const record = path.join(own, ".course", "delivered.json");
  const entry = readJson(record)[first];
  for (const edited of [[], null, "x", { [first]: 5 }, { [first]: { ...entry, earlier: 5 } }, { [first]: { ...entry, hash: 7 } }]) {
    writeJson(record, edited);
    assert.throws(
      () => updateWorkspace({ workspaceDir: own, sourceDir: course }),
      /delivered\.json is not the course's record of what it delivered \(.+\); delete it and every file will count as yours/,
      JSON.stringify(edited),
    );
    assert.deepEqual(readJson(record), edited, "left as it was");
  }
});

test("the home folder, or a folder holding it, is refused as the workspace, naming a folder of its own instead", () => {
  const home = path.join(root, "home of a student");
  fs.mkdirSync(home);
  const before = process.env.HOME;
  process.env.HOME = home;
  try {
    assert.equal(os.homedir(), home);
    assert.throws(() => chooseWorkspaceDir("~", { INIT_CWD: root }), /the workspace .*home of a student is your home folder: .*choose a folder of its own \(e\.g\. ~\/neural-mi-work\)/);
    assert.throws(() => chooseWorkspaceDir(undefined, { NEURAL_MI_WORKSPACE: root }), /holds your home folder .*home of a student/);
    assert.equal(chooseWorkspaceDir("~/neural-mi-work", { INIT_CWD: root }), path.join(home, "neural-mi-work"));
  } finally {
    process.env.HOME = before;
  }
});

test("my-work/ itself is checked as any workspace: replaced by a link to notebooks/, or by a file, it is named with its fix", () => {
  const linked = path.join(root, "default-linked", "my-work");
  fs.mkdirSync(path.dirname(linked));
  fs.symlinkSync(notebooksDir, linked);
  assert.throws(() => chooseWorkspaceDir(undefined, {}, linked), /the workspace .*my-work \(through a symbolic link, it is .*notebooks\) overlaps the course source notebooks\/; move it away, or give another: npm start -- --workspace <dir>/);
  const file = path.join(root, "default-file", "my-work");
  fs.mkdirSync(path.dirname(file));
  fs.writeFileSync(file, "");
  assert.throws(() => chooseWorkspaceDir(undefined, { NEURAL_MI_WORKSPACE: "" }, file), /the workspace .*my-work is a file, not a folder; move it away/);
});

test("as root: a workspace of another user's (a `sudo npm start` made it root's) is named with the way to make it the student's again, not another folder", () => {
  if (process.getuid?.() !== 0) return; // giving files to another user takes root
  const own = path.join(root, "sudo-made");
  updateWorkspace({ workspaceDir: own, sourceDir: course });
  // a user of its own, in a user namespace, who owns what root owns outside and not what user 1234 owns
  const check = () =>
    execFileSync("unshare", ["--user", "--map-user=54321", "--map-group=54321", process.execPath, "--input-type=module", "-e",
      `import { checkWritable } from ${JSON.stringify(fromRoot("scripts", "lib", "workspace.mjs"))};
       try { checkWritable(${JSON.stringify(own)}); console.log("writable"); } catch (error) { console.log(error.message); }`], { encoding: "utf8" });
  try {
    execFileSync("chown", ["1234", path.join(own, ".course")]);
    assert.match(check(), /sudo-made\/\.course belongs to another user \(uid \d+; made by a `sudo npm start`\?\): make it yours again, `sudo chown -R \$\(id -un\) .*sudo-made`/);
    execFileSync("chown", ["1234", own]);
    assert.match(check(), /sudo-made belongs to another user .*sudo chown -R/);
    // npm start says that, and not to leave the work behind for another folder
    const start = spawnSync("unshare", ["--user", "--map-user=54321", "--map-group=54321", process.execPath, fromRoot("scripts", "lab.mjs"), "--workspace", own, "--no-browser"], { encoding: "utf8" });
    assert.equal(start.status, 2, start.stderr);
    assert.match(start.stderr, /belongs to another user .*sudo chown -R/);
    assert.doesNotMatch(start.stderr, /folder of your own/);
  } finally {
    execFileSync("chown", ["-R", "0", own]);
  }
});

test("a workspace in notebooks/ or a folder of the course's own under another path to it (a drive that does not tell case apart, a second mount) is refused", (t) => {
  // a folder mounted a second time stands here for NOTEBOOKS/ on macOS's or Windows' drives: another path, the same folder
  if (process.getuid?.() !== 0) {
    t.diagnostic("not root: no folder can be mounted a second time here, so this was not checked");
    return;
  }
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-same-folder-"));
  const mounts = [];
  const bind = (folder, name) => {
    const at = path.join(root, name);
    fs.mkdirSync(at);
    assert.equal(spawnSync("mount", ["--bind", folder, at]).status, 0, "mount --bind");
    mounts.push(at);
    return at;
  };
  try {
    // a container whose root may not mount (no CAP_SYS_ADMIN): nothing to check with
    const probe = path.join(root, "probe");
    fs.mkdirSync(probe);
    if (spawnSync("mount", ["--bind", probe, probe]).status !== 0) {
      t.diagnostic("mount --bind is refused here, so this was not checked");
      fs.rmdirSync(probe);
      return;
    }
    mounts.push(probe);
    const notebooks = bind(notebooksDir, "NOTEBOOKS");
    for (const dir of [notebooks, path.join(notebooks, "mine")]) assert.throws(() => chooseWorkspaceDir(dir, {}), /overlaps the course source notebooks\//, dir);
    assert.throws(() => chooseWorkspaceDir(path.join(bind(fromRoot("scripts"), "SCRIPTS"), "work"), {}), /lies inside scripts\//);
    // the checkout itself, under another path: it holds notebooks/
    assert.throws(() => chooseWorkspaceDir(bind(fromRoot(), "COURSE"), {}), /overlaps the course source notebooks\//);
    assert.equal(chooseWorkspaceDir(path.join(root, "mine"), {}), path.join(root, "mine"), "a folder of her own beside them is hers");
  } finally {
    // never a recursive delete here: through a mount still in place it would reach the course's own folders
    for (const at of mounts.reverse()) {
      spawnSync("umount", ["-l", at]);
      fs.rmdirSync(at);
    }
    fs.rmdirSync(root);
  }
});

test("a workspace holding packages of the student's own (npm install in it) keeps them, the course's linked beside them at each start", () => {
  const own = path.join(root, "own-packages");
  updateWorkspace({ workspaceDir: own, sourceDir: course });
  const modules = path.join(own, "node_modules");
  // npm install in the workspace replaces the course's links by her packages
  fs.rmSync(modules, { recursive: true });
  fs.mkdirSync(path.join(modules, "mine"), { recursive: true });
  fs.writeFileSync(path.join(modules, "mine", "package.json"), '{"name":"mine","version":"1.0.0"}\n');
  fs.writeFileSync(path.join(modules, "mine", "index.js"), "module.exports = 42;\n");
  // a link of the course's left by a checkout since moved
  fs.mkdirSync(path.join(modules, "@tensorflow"));
  fs.symlinkSync(path.join(root, "gone", "node_modules", "@tensorflow", "tfjs"), path.join(modules, "@tensorflow", "tfjs"));
  const first = updateWorkspace({ workspaceDir: own, sourceDir: course });
  assert.ok(first.linkedBeside.includes("neural-mi") && first.linkedBeside.includes("@tensorflow/tfjs"), first.linkedBeside.join());
  assert.match(describeUpdate(first, root).join("\n"), /own-packages\/node_modules\/ holds packages of your own: the course's \(neural-mi, .*\) are linked in beside them; an npm install in the workspace takes those links out/);
  assert.deepEqual(updateWorkspace({ workspaceDir: own, sourceDir: course }).linkedBeside, [], "said once, when the links are made");
  const found = (name) => execFileSync(process.execPath, ["-p", `require(require.resolve(${JSON.stringify(name)}))`], { cwd: own, encoding: "utf8" }).trim();
  assert.equal(found("mine"), "42", "her package stays");
  for (const name of ["neural-mi", "tslab", "@tensorflow/tfjs"]) {
    assert.equal(fs.realpathSync(path.join(modules, name)), fs.realpathSync(fromRoot("node_modules", name)), `${name} is the course's`);
  }
  // a package of hers named as one the chapters import would stand for the course's: refused, naming it
  fs.rmSync(path.join(modules, "neural-mi"));
  fs.mkdirSync(path.join(modules, "neural-mi"));
  assert.throws(() => updateWorkspace({ workspaceDir: own, sourceDir: course }), /own-packages\/node_modules holds a package of your own named neural-mi.*npm uninstall neural-mi/);
  assert.equal(found("mine"), "42");
  // a file of that name is named as one, not with node's "ENOTDIR"
  fs.renameSync(modules, `${modules}.mine`);
  fs.writeFileSync(modules, "");
  assert.throws(() => updateWorkspace({ workspaceDir: own, sourceDir: course }), /own-packages\/node_modules is a file, not the course's packages: move it away/);
});

/** npm, run in `cwd` without the npm settings of an `npm test` around this test (its prefix among them). */
function npm(args, cwd) {
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^npm_/i.test(name)));
  return spawnSync("npm", args, { cwd, env, encoding: "utf8", shell: process.platform === "win32" });
}

test("an npm install in a workspace inside the course's folder stays in the workspace: the course's package.json, lock and packages are untouched", (t) => {
  // a copy of the course's package files, inside the checkout so that the workspace is one inside the course's folder
  const checkout = fromRoot(".cache", `npm-course-${process.pid}`);
  t.after(() => fs.rmSync(checkout, { recursive: true, force: true }));
  const inside = path.join(checkout, "my-work");
  fs.mkdirSync(path.join(checkout, "node_modules"), { recursive: true });
  for (const file of ["package.json", "package-lock.json"]) fs.copyFileSync(fromRoot(file), path.join(checkout, file));
  fs.symlinkSync(fs.realpathSync(fromRoot("node_modules", "neural-mi")), path.join(checkout, "node_modules", "neural-mi"));
  const tiny = path.join(root, "tiny-package");
  fs.mkdirSync(tiny);
  fs.writeFileSync(path.join(tiny, "package.json"), '{"name":"tiny-package","version":"1.0.0"}\n');
  fs.writeFileSync(path.join(tiny, "index.js"), "module.exports = 7;\n");
  updateWorkspace({ workspaceDir: inside, sourceDir: course });
  assert.equal(readJson(path.join(inside, "package.json")).private, true);
  assert.ok(!studentsFiles(inside).includes("package.json"), "the workspace's package.json as npm start wrote it is not her work");

  const installed = npm(["install", tiny, "--offline", "--no-audit", "--no-fund"], inside);
  assert.equal(installed.status, 0, installed.stderr);
  for (const file of ["package.json", "package-lock.json"]) {
    assert.ok(fs.readFileSync(path.join(checkout, file)).equals(fs.readFileSync(fromRoot(file))), `the course's ${file} is byte-identical`);
  }
  assert.ok(!fs.existsSync(path.join(checkout, "node_modules", "tiny-package")), "nothing installed among the course's packages");
  const found = (name) => execFileSync(process.execPath, ["-p", `require.resolve(${JSON.stringify(name)})`], { cwd: inside, encoding: "utf8" }).trim();
  assert.ok(found("tiny-package").startsWith(fs.realpathSync(tiny)), "her package is found from the workspace");
  assert.ok(fs.realpathSync(found("neural-mi")).startsWith(fs.realpathSync(fromRoot("lib"))), "and the course's neural-mi still is");

  // the next start keeps her dependencies and the scripts; her package.json now counts as her work, kept with it
  const scripts = readJson(path.join(inside, "package.json")).scripts;
  updateWorkspace({ workspaceDir: inside, sourceDir: course });
  const after = readJson(path.join(inside, "package.json"));
  assert.deepEqual(after.scripts, scripts);
  assert.ok(after.dependencies["tiny-package"]);
  assert.ok(studentsFiles(inside).includes("package.json") && studentsFiles(inside).includes("package-lock.json"));

  // her package.json deleted, then an install: npm walked up to the course's package.json, wrote her package into it and
  // installed it among the course's packages; the workspace's own node_modules folder, made by the start, stops it there
  const bare = path.join(checkout, "other-work");
  updateWorkspace({ workspaceDir: bare, sourceDir: course });
  fs.rmSync(path.join(bare, "package.json"));
  const walked = npm(["install", tiny, "--offline", "--no-audit", "--no-fund"], bare);
  assert.equal(walked.status, 0, walked.stderr);
  for (const file of ["package.json", "package-lock.json"]) {
    assert.ok(fs.readFileSync(path.join(checkout, file)).equals(fs.readFileSync(fromRoot(file))), `the course's ${file} is byte-identical, her package.json deleted`);
  }
  assert.ok(!fs.existsSync(path.join(checkout, "node_modules", "tiny-package")), "nothing installed among the course's packages, her package.json deleted");
  assert.ok(readJson(path.join(bare, "package.json")).dependencies["tiny-package"], "her package is in her own folder's package.json");

  // a package of hers named as one the chapters import would stand for the course's found above: refused, naming it
  fs.mkdirSync(path.join(inside, "node_modules", "tslab"));
  assert.throws(() => updateWorkspace({ workspaceDir: inside, sourceDir: course }), /my-work\/node_modules holds a package of your own named tslab.*npm uninstall tslab/);
});

test("a workspace's package.json runs the course's npm start, validate and test on that workspace; one of her own is left as it is", () => {
  const inCheckout = fromRoot(".cache", `workspace-package-${process.pid}`);
  fs.mkdirSync(inCheckout, { recursive: true });
  try {
    writeWorkspacePackage(inCheckout);
    const { scripts } = readJson(path.join(inCheckout, "package.json"));
    assert.deepEqual(scripts, {
      start: "node '../../scripts/workspace-npm.mjs' start",
      validate: "node '../../scripts/workspace-npm.mjs' validate",
      test: "node '../../scripts/workspace-npm.mjs' test",
    }, "relative inside the course's folder, which may move with it");
  } finally {
    fs.rmSync(inCheckout, { recursive: true, force: true });
  }
  const elsewhere = path.join(root, "package-elsewhere");
  fs.mkdirSync(elsewhere);
  writeWorkspacePackage(elsewhere);
  assert.equal(readJson(path.join(elsewhere, "package.json")).scripts.start, `node '${fromRoot("scripts", "workspace-npm.mjs")}' start`);
  const hers = path.join(root, "package-hers");
  fs.mkdirSync(hers);
  fs.writeFileSync(path.join(hers, "package.json"), '{"name":"hers","scripts":{"start":"echo mine"}}');
  assert.equal(writeWorkspacePackage(hers), undefined);
  assert.equal(fs.readFileSync(path.join(hers, "package.json"), "utf8"), '{"name":"hers","scripts":{"start":"echo mine"}}');

  // the forwarding itself, in a course of one script that says where it ran and with what, in a folder whose name
  // the shell would expand or end (in double quotes, `$HOME` and backquotes ran another path)
  const fake = path.join(root, "forwarding course $HOME `x` 'q'");
  fs.mkdirSync(path.join(fake, "scripts"), { recursive: true });
  fs.mkdirSync(path.join(fake, "ws", "sub"), { recursive: true });
  fs.copyFileSync(fromRoot("scripts", "workspace-npm.mjs"), path.join(fake, "scripts", "workspace-npm.mjs"));
  const say = `node -e "console.log(JSON.stringify([process.cwd(), process.env.INIT_CWD, process.argv.slice(1)]))" --`;
  writeJson(path.join(fake, "package.json"), { name: "fake", private: true, scripts: { validate: say } });
  writeJson(path.join(fake, "ws", "package.json"), { name: "ws", private: true, scripts: { validate: `node ${shellWord(path.join(fake, "scripts", "workspace-npm.mjs"))} validate` } });
  const ran = npm(["run", "validate", "--silent", "--", "--no-browser"], path.join(fake, "ws", "sub"));
  assert.equal(ran.status, 0, ran.stderr);
  assert.deepEqual(JSON.parse(ran.stdout.trim().split("\n").at(-1)), [
    fs.realpathSync(fake),
    fs.realpathSync(path.join(fake, "ws", "sub")), // where she typed it, which her relative paths are taken from
    ["--workspace", fs.realpathSync(path.join(fake, "ws")), "--no-browser"],
  ]);
  // notebooks named: validate takes them from where she typed, and refused them beside --workspace ("not both")
  const named = npm(["run", "validate", "--silent", "--", "01-problem-formulation.ipynb"], path.join(fake, "ws"));
  assert.equal(named.status, 0, named.stderr);
  assert.deepEqual(JSON.parse(named.stdout.trim().split("\n").at(-1)).at(-1), ["01-problem-formulation.ipynb"]);
});

test("a start names the packages an npm install in the workspace had put into the course's package.json, with the way to put the course's back", () => {
  const checkout = path.join(root, "installed-course");
  fs.mkdirSync(checkout);
  const git = (...args) => execFileSync("git", ["-C", checkout, "-c", "user.name=t", "-c", "user.email=t@t", ...args], { stdio: "pipe" });
  writeJson(path.join(checkout, "package.json"), { name: "course", dependencies: { tslab: "1.0.22" }, devDependencies: { typescript: "^5" } });
  assert.deepEqual(coursePackagesAdded(checkout), [], "no git: nothing to compare with");
  git("init", "-q");
  git("add", "package.json");
  git("commit", "-q", "-m", "course");
  assert.deepEqual(coursePackagesAdded(checkout), []);
  assert.equal(describeCoursePackagesAdded([], workspace), undefined);
  writeJson(path.join(checkout, "package.json"), { name: "course", dependencies: { tslab: "1.0.23", "tiny-package": "file:my-work/tiny" }, devDependencies: { typescript: "^5" } });
  assert.deepEqual(coursePackagesAdded(checkout), ["tiny-package"], "a version changed is not a package added");
  assert.match(describeCoursePackagesAdded(["tiny-package"], "my-work"), /names tiny-package, which its last commit does not.*git checkout -- package\.json package-lock\.json.*npm install tiny-package in my-work/);
});

test("an npm ci in a workspace outside the course's folder, its packages deleted since her install, empties her packages, not the course's", () => {
  const outside = path.join(root, "ci-work");
  updateWorkspace({ workspaceDir: outside, sourceDir: course });
  const tiny = path.join(root, "ci-tiny");
  fs.mkdirSync(tiny);
  fs.writeFileSync(path.join(tiny, "package.json"), '{"name":"ci-tiny","version":"1.0.0"}\n');
  assert.equal(npm(["install", tiny, "--offline", "--no-audit", "--no-fund"], outside).status, 0);
  // she deletes her packages (or the workspace is made anew from the kept copy, lock and all): the start links the course's again
  fs.rmSync(path.join(outside, "node_modules"), { recursive: true });
  updateWorkspace({ workspaceDir: outside, sourceDir: course });
  const modules = path.join(outside, "node_modules");
  // checked before npm ci runs: through a link to the course's packages, npm ci empties them
  assert.ok(!fs.lstatSync(modules).isSymbolicLink(), "a folder of links to the course's packages, not a link to the course's folder");
  assert.equal(fs.realpathSync(path.join(modules, "neural-mi")), fs.realpathSync(fromRoot("node_modules", "neural-mi")));
  const ci = npm(["ci", "--offline", "--no-audit", "--no-fund"], outside);
  assert.equal(ci.status, 0, ci.stderr);
  for (const name of ["neural-mi", "tslab", "typescript"]) assert.ok(fs.existsSync(fromRoot("node_modules", name, "package.json")), `the course's ${name} is there`);
  assert.ok(fs.existsSync(path.join(modules, "ci-tiny")));
  assert.ok(updateWorkspace({ workspaceDir: outside, sourceDir: course }).linkedBeside.includes("neural-mi"), "the next start links the course's beside hers");
});

test("a chapter edited in the student edition's own notebooks/ (an editor opened on the course's folder) is not delivered as the course's: the workspace gets the commit's version, and she is told where her work belongs and how to put the course's back", () => {
  const edition = path.join(root, "edited-edition");
  const chaptersDir = path.join(edition, "notebooks");
  writeStudentNotebooks({ sourceDir: course, outDir: chaptersDir });
  fs.writeFileSync(path.join(chaptersDir, STUDENT_RELEASE_MARKER), JSON.stringify({ made: "2026-01-01T00:00:00Z" }));
  const git = (...args) => execFileSync("git", ["-C", edition, "-c", "user.name=t", "-c", "user.email=t@t", ...args], { stdio: "pipe" });
  git("init", "-q");
  git("add", ".");
  git("commit", "-q", "-m", "edition");
  const committed = fs.readFileSync(path.join(chaptersDir, first));
  // her answer, typed into the course's copy of the chapter
  const notebook = readJson(path.join(chaptersDir, first));
  notebook.cells.find((c) => c.metadata?.nbgrader?.solution).source = "my answer, typed in the course's folder";
  writeJson(path.join(chaptersDir, first), notebook);
  const own = path.join(root, "edited-edition-work");
  for (const start of [1, 2]) {
    const result = updateWorkspace({ workspaceDir: own, sourceDir: chaptersDir });
    assert.deepEqual(fs.readFileSync(path.join(own, first)), committed, `start ${start}: the course's version, not her edit taken for it`);
    const said = describeUpdate(result, root).join("\n");
    assert.match(said, new RegExp(`edited-edition/notebooks/${first}, the course's own copy of a chapter, differs from the course .*your workspace got the course's version`));
    assert.match(said, new RegExp(`Copy what you wrote there into edited-edition-work/${first}, then put the course's back: git checkout -- notebooks/${first}`));
  }
  assert.ok(fs.readFileSync(path.join(chaptersDir, first), "utf8").includes("my answer"), "her edit is left where it is");
  git("checkout", "--", `notebooks/${first}`);
  assert.doesNotMatch(describeUpdate(updateWorkspace({ workspaceDir: own, sourceDir: chaptersDir }), root).join("\n"), /differs from the course/);
});

test("a chapter set to another kernel in JupyterLab (Python 3) is set back to the course's at the next start, its cells untouched, and she is told", () => {
  const own = path.join(root, "other-kernel");
  updateWorkspace({ workspaceDir: own, sourceDir: course });
  const target = path.join(own, first);
  const notebook = readJson(target);
  notebook.metadata.kernelspec = { name: "python3", display_name: "Python 3 (ipykernel)", language: "python" };
  notebook.metadata.language_info = { name: "python", version: "3.12.0" };
  notebook.cells.find((c) => c.metadata?.nbgrader?.solution).source = "my answer";
  writeJson(target, notebook);
  const result = updateWorkspace({ workspaceDir: own, sourceDir: course });
  const after = readJson(target);
  assert.equal(after.metadata.kernelspec.name, "tslab");
  assert.equal(after.metadata.language_info.name, "typescript");
  assert.deepEqual(after.cells, notebook.cells, "her cells as she left them");
  assert.match(describeUpdate(result, root).join("\n"), new RegExp(`${first} was set to another kernel .*set back to the course's TypeScript kernel`));
  assert.deepEqual(updateWorkspace({ workspaceDir: own, sourceDir: course }).kernelSet, [], "once");
  assert.deepEqual(studentsFiles(own), [first], "still her work, and only it");
});
