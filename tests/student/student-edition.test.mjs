// The student edition (npm run student-edition): built into a temporary folder from this
// repository, it must hold no line of the chapters' answers or hidden tests in any file, ship
// only the student's parts in a history of one commit, and make npm start's workspace by
// itself; the instructor's own npm start says that its folder holds the answers.
import assert from "node:assert/strict";
import { execFile, spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { promisify } from "node:util";
import zlib from "node:zlib";
import { after, before, test } from "node:test";
import { fromRoot, notebooksDir, venvDir } from "../../scripts/lib/paths.mjs";
import { answersNotice, isStudentRelease } from "../../scripts/lib/student-release.mjs";
import { buildStudentEdition } from "../../scripts/student-edition/build.mjs";
import { ACCEPTED, courseSecrets, readableText } from "../../scripts/student-edition/find-secrets.mjs";

let root;
let edition;
let built;
const chapters = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
const git = (...args) => spawnSync("git", args, { cwd: edition, encoding: "utf8" });
const text = (source) => (Array.isArray(source) ? source.join("") : source);

/** Every file of the edition but its .git folder, relative, with "/" separators. */
const editionFiles = () =>
  fs
    .readdirSync(edition, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(edition, path.join(entry.parentPath ?? entry.path, entry.name)).split(path.sep).join("/"))
    .filter((file) => !file.startsWith(".git/"));

before(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-edition-"));
  edition = path.join(root, "course");
  built = buildStudentEdition({ outDir: edition });
});
after(() => fs.rmSync(root, { recursive: true, force: true }));

test("no file of the edition holds a line of the chapters' answers or hidden tests, but the library's known ones", () => {
  const secrets = courseSecrets();
  assert.ok(secrets.length > 100, `the chapters' answers and hidden tests give lines to look for (${secrets.length})`);
  const files = editionFiles();
  assert.ok(files.length > 150, `the whole edition is searched (${files.length} files)`);
  const found = files.flatMap((file) => {
    const haystack = readableText(path.join(edition, file));
    return secrets.filter((s) => haystack.includes(s.line)).map((s) => ({ file, line: s.line, of: `${s.what} of ${s.notebook} ${s.cell}` }));
  });
  const isAccepted = ({ file, line }) => ACCEPTED.some((a) => a.line === line && (a.file === undefined || a.file === file));
  assert.deepEqual(found.filter((f) => !isAccepted(f)), [], "lines of the answers or hidden tests in the edition");
  // What is held on purpose is the library (its Net, generic lines of its code and tests), never a notebook.
  for (const { file } of found) assert.match(file, /^(lib|tests\/lib)\//, `${file} holds an accepted line only if it is the library's`);
  assert.equal(built.accepted.length, found.length, "the build reports every line it holds on purpose");
});

// the search read bytes as UTF-8 only: a zip of a chapter left in a shipped folder (images/, lib/), a notebook.gz, a .tar.gz,
// or a copy saved as UTF-16 (Notepad's "Unicode") shipped with the answers unseen
test("the search for the answers' lines reads inside archives and compressed files, and UTF-16 text", () => {
  const dir = fs.mkdtempSync(path.join(root, "packed-"));
  const { line } = courseSecrets().find((s) => s.what === "solution" && s.line.length > 30);
  const source = JSON.stringify({ cells: [{ cell_type: "code", source: [`${line}\n`] }] });
  fs.writeFileSync(path.join(dir, "chapter.ipynb.gz"), zlib.gzipSync(source));
  fs.writeFileSync(path.join(dir, "copy.txt"), Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(line, "utf16le")]));
  fs.writeFileSync(path.join(dir, "chapter.ipynb"), source);
  const made = spawnSync(path.join(venvDir, "bin", "python"), ["-c", `import sys, tarfile, zipfile
with zipfile.ZipFile(sys.argv[1] + "/backup.zip", "w", zipfile.ZIP_DEFLATED) as z: z.write(sys.argv[1] + "/chapter.ipynb", "chapter.ipynb")
with tarfile.open(sys.argv[1] + "/backup.tar.gz", "w:gz") as t: t.add(sys.argv[1] + "/chapter.ipynb", "chapter.ipynb")`, dir], { encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  fs.rmSync(path.join(dir, "chapter.ipynb"));
  for (const name of ["chapter.ipynb.gz", "copy.txt", "backup.zip", "backup.tar.gz"]) {
    const bytes = fs.readFileSync(path.join(dir, name));
    assert.ok(!bytes.includes(Buffer.from(line)), `${name} does not show the line as bytes`);
    assert.ok(readableText(path.join(dir, name)).includes(line), `the line is found in ${name}`);
  }
});

test("the chapters are the student release: stubs in place of answers, no solution or hidden-test region", () => {
  assert.deepEqual(built.notebooks.sort(), chapters);
  for (const file of chapters) {
    const cells = JSON.parse(fs.readFileSync(path.join(edition, "notebooks", file), "utf8")).cells.map((c) => text(c.source)).join("\n");
    assert.match(cells, /YOUR (CODE|ANSWER) HERE/, `${file} leaves its exercises to the student`);
    assert.doesNotMatch(cells, /BEGIN (SOLUTION|HIDDEN TESTS|MARK SCHEME)/, `${file} holds no answer region`);
  }
  assert.ok(isStudentRelease(path.join(edition, "notebooks")), "the edition's notebooks/ is marked as the student release");
  assert.ok(!isStudentRelease(notebooksDir), "the instructor's notebooks/ is the source");
});

test("only the student's parts ship, in a git history of one commit", () => {
  const files = editionFiles();
  const top = [...new Set(files.map((f) => f.split("/")[0]))].sort();
  assert.deepEqual(top, [".gitignore", "README.md", "autograder", "environment.yml", "images", "jupyter", "lib", "notebooks", "package-lock.json", "package.json", "patches", "requirements.txt", "scripts", "tests", "tsconfig.json"]);
  for (const absent of ["notebooks/src/", "autograder/examples/", "autograder/bin/", "tests/autograder/", "tests/notebooks/", "tests/browser/", "tests/hub/", "hub/", "bench/", "scripts/hub", "scripts/student-edition"]) {
    assert.deepEqual(files.filter((f) => f.startsWith(absent)), [], `nothing of ${absent} ships`);
  }
  const scripts = JSON.parse(fs.readFileSync(path.join(edition, "package.json"), "utf8")).scripts;
  assert.deepEqual(Object.keys(scripts).sort(), ["build", "postinstall", "start", "test", "validate"]);
  assert.match(fs.readFileSync(path.join(edition, "README.md"), "utf8"), /student edition[\s\S]*without the reference solutions/);
  assert.equal(git("rev-list", "--count", "HEAD").stdout.trim(), "1");
  assert.equal(git("status", "--porcelain").stdout, "", "the commit holds every file of the edition");
});

test("every relative import of the edition's code resolves to a file of the edition", () => {
  const code = editionFiles().filter((f) => /\.(mjs|cjs|js)$/.test(f) && !f.startsWith("lib/dist/"));
  let checked = 0;
  const missing = code.flatMap((file) => {
    const source = fs.readFileSync(path.join(edition, file), "utf8");
    // ES modules import with `from` or import(); CommonJS files require()
    const pattern = file.endsWith(".cjs") ? /require\(\s*["'](\.{1,2}\/[^"']+)["']/g : /(?:from\s+|import\(\s*)["'](\.{1,2}\/[^"']+)["']/g;
    const specifiers = [...source.matchAll(pattern)].map((m) => m[1]);
    checked += specifiers.length;
    return specifiers.filter((s) => !fs.existsSync(path.resolve(edition, path.dirname(file), s))).map((s) => `${file} imports ${s}`);
  });
  assert.ok(checked > 100, `the imports are found (${checked})`);
  assert.deepEqual(missing, []);
});

test("npm start's workspace is made from the edition alone: its chapters as shipped, with their images", async () => {
  const { updateWorkspace } = await import(pathToFileURL(path.join(edition, "scripts", "lib", "workspace.mjs")).href);
  const workspace = path.join(root, "my-work");
  const result = updateWorkspace({ workspaceDir: workspace });
  assert.equal(result.created, true);
  for (const file of chapters) {
    assert.ok(result.added.includes(file), `${file} is added`);
    assert.deepEqual(fs.readFileSync(path.join(workspace, file)), fs.readFileSync(path.join(edition, "notebooks", file)), `${file} is the edition's, unchanged`);
  }
  for (const image of fs.readdirSync(path.join(edition, "notebooks", "images"))) {
    assert.ok(fs.existsSync(path.join(workspace, "images", image)), `images/${image} is copied`);
  }
  assert.ok(!fs.existsSync(path.join(workspace, ".student-release.json")), "the edition's marker stays in notebooks/");
  // validate compares a workspace notebook with the course's version: the edition's, as shipped
  const { studentChapter } = await import(pathToFileURL(path.join(edition, "scripts", "lib", "student-release.mjs")).href);
  assert.deepEqual(
    JSON.parse(JSON.stringify(studentChapter(path.join(edition, "notebooks"), chapters[0]))).cells.map((c) => text(c.source)),
    JSON.parse(fs.readFileSync(path.join(edition, "notebooks", chapters[0]), "utf8")).cells.map((c) => text(c.source)),
  );
});

test("npm start: the instructor's says its folder holds the answers and names the edition; the edition's makes the workspace and says nothing of answers", async () => {
  assert.match(answersNotice(notebooksDir), /this folder is the instructor's repository: .*hold the answers.*npm run student-edition/);
  // The edition's own launcher, with the project's Python environment; JupyterLab is only asked for its version.
  const { stdout } = await promisify(execFile)(process.execPath, [path.join(edition, "scripts", "lab.mjs"), "--workspace", path.join(root, "student-work"), "--version"], {
    // copies kept of this run's other workspaces are no concern of this one's
    env: { ...process.env, NEURAL_MI_VENV: venvDir, NEURAL_MI_KEPT_WORK: path.join(root, "kept-work") },
  });
  assert.doesNotMatch(stdout, /instructor's repository|answers and hidden tests/);
  assert.match(
    stdout,
    new RegExp(`workspace: made .*your own copy of the course[\\s\\S]*${chapters.length} notebooks\n  a copy of the files you change here is kept in .*\n4\\.\\d+`),
    "the workspace is made, where its copy is kept is said, then JupyterLab runs",
  );
});

test("the instructor's own git ignore list (core.excludesFile naming *.ipynb, lib/) leaves nothing out of the edition's commit", () => {
  const config = path.join(root, "instructor-gitconfig");
  fs.writeFileSync(path.join(root, "instructor-ignore"), "*.ipynb\nlib/\n*.json\n");
  fs.writeFileSync(config, `[core]\n\texcludesFile = ${path.join(root, "instructor-ignore")}\n`);
  const before = process.env.GIT_CONFIG_GLOBAL;
  process.env.GIT_CONFIG_GLOBAL = config;
  const other = path.join(root, "course-ignoring");
  try {
    buildStudentEdition({ outDir: other });
  } finally {
    if (before === undefined) delete process.env.GIT_CONFIG_GLOBAL;
    else process.env.GIT_CONFIG_GLOBAL = before;
  }
  const tracked = spawnSync("git", ["ls-files"], { cwd: other, encoding: "utf8" }).stdout.split("\n");
  assert.ok(tracked.includes("notebooks/01-problem-formulation.ipynb") && tracked.includes("package.json") && tracked.some((f) => f.startsWith("lib/")), tracked.join(" "));
  assert.equal(spawnSync("git", ["ls-files", "--others"], { cwd: other, encoding: "utf8" }).stdout, "", "every file is in the commit");
});

test("the edition is written only to a new or empty folder outside the instructor's repository", () => {
  assert.throws(() => buildStudentEdition({ outDir: edition }), /is not empty; .*new or empty folder/);
  assert.throws(() => buildStudentEdition({ outDir: fromRoot("student-edition") }), /inside the instructor's repository; .*outside it/);
  assert.ok(!fs.existsSync(fromRoot("student-edition")));
  // through a link to the repository: it had been written inside it
  const link = path.join(root, "link-to-the-repository");
  fs.symlinkSync(fromRoot(), link);
  try {
    assert.throws(() => buildStudentEdition({ outDir: path.join(link, "student-edition-linked") }), /inside the instructor's repository; .*outside it/);
  } finally {
    const written = fs.existsSync(fromRoot("student-edition-linked"));
    fs.rmSync(fromRoot("student-edition-linked"), { recursive: true, force: true });
    assert.ok(!written, "nothing written in the repository");
  }
});
