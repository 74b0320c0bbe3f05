// The student edition: a fresh folder holding what a student needs and nothing that gives the
// answers away. The chapters are the student release (solutions replaced by stubs, hidden tests
// removed); the library, the set-up, `npm start`, `npm run validate` and the tests that need
// no answers come along; the chapters' sources, the autograder's example class, its fixtures
// and every other test stay in the instructor's repository. Files are taken from an allow-list
// of the repository's files (tracked, or new and not ignored), so a file added to the
// repository later stays out until it is listed here.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fromRoot, isInside, notebooksDir, repoRoot } from "../lib/paths.mjs";
import { isStudentRelease, STUDENT_RELEASE_MARKER, writeStudentNotebooks } from "../lib/student-release.mjs";
import { findSecrets } from "./find-secrets.mjs";

/** Repository paths the edition copies: a folder (ending in "/") or a file. */
export const SHIPPED = [
  ".gitignore",
  "package-lock.json",
  "requirements.txt",
  "environment.yml",
  "tsconfig.json",
  "lib/",
  "patches/",
  "images/",
  "jupyter/student/",
  // what the workspace, validate and the Validate button run: the release, the inspection
  // of cells and the notebook runner, with nbgrader's settings for the TypeScript kernel
  "autograder/src/",
  "autograder/nbgrader_config.py",
  "autograder/nbgrader_feedback.py",
  "autograder/stubs.json",
  "scripts/setup.mjs",
  "scripts/setup/",
  "scripts/lib/",
  "scripts/lab.mjs",
  "scripts/workspace-npm.mjs",
  "scripts/validate.mjs",
  "scripts/validate/",
  "scripts/run_notebook.py",
  "scripts/test.mjs",
  "scripts/test/",
  // tests that need no answers: the library's, the workspace's and validate's
  "tests/lib/",
  "tests/helpers/close.mjs",
  "tests/student/helpers.mjs",
  "tests/student/describe-check.test.mjs",
  "tests/student/jupyter-home.test.mjs",
  "tests/student/kept-history.test.mjs",
  "tests/student/kept-notebook.test.mjs",
  "tests/student/lab-options.test.mjs",
  "tests/student/lab-start-failure.test.mjs",
  "tests/student/moved-course.test.mjs",
  "tests/student/node-options.test.mjs",
  "tests/student/node-version.test.mjs",
  "tests/student/notebook-encoding.test.mjs",
  "tests/student/pip-settings.test.mjs",
  "tests/student/process-command.test.mjs",
  "tests/student/retired-chapters.test.mjs",
  "tests/student/setup-lock.test.mjs",
  "tests/student/validate.test.mjs",
  "tests/student/validate-open-lab.test.mjs",
  "tests/student/workspace.test.mjs",
  "tests/student/workspace-option.test.mjs",
];

/** The npm scripts a student uses; the instructor's (hub, release, autograde, bench) stay out. */
const STUDENT_SCRIPTS = ["start", "validate", "test", "build", "postinstall"];

const README = path.join(path.dirname(new URL(import.meta.url).pathname), "README.md");

const shipped = (file) => SHIPPED.some((entry) => (entry.endsWith("/") ? file.startsWith(entry) : file === entry));

function git(args, cwd) {
  const result = spawnSync("git", args, { cwd, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (result.error?.code === "ENOENT") throw new Error("git is not installed; the student edition lists and commits its files with git");
  if (result.status !== 0) throw new Error(`git ${args.join(" ")} failed in ${cwd}: ${result.stderr.trim()}`);
  return result.stdout;
}

/** The repository's files (tracked, or new and not ignored) that the edition ships. */
export function shippedFiles(root = repoRoot) {
  return git(["ls-files", "-z", "--cached", "--others", "--exclude-standard"], root)
    .split("\0")
    .filter((file) => file !== "" && shipped(file) && fs.statSync(path.join(root, file), { throwIfNoEntry: false })?.isFile())
    .sort();
}

function checkTarget(outDir) {
  // where the folder really is: through a link to the repository (or to a folder in it) the edition was written inside it
  let existing = outDir;
  while (!fs.existsSync(existing) && path.dirname(existing) !== existing) existing = path.dirname(existing);
  const real = path.join(fs.realpathSync(existing), path.relative(existing, outDir));
  if (isInside(real, fs.realpathSync(repoRoot))) {
    throw new Error(`${outDir} is inside the instructor's repository; write the student edition to a folder outside it (e.g. ../neural-mi-student)`);
  }
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    throw new Error(`${outDir} is not empty; the student edition is written to a new or empty folder (delete the old edition first)`);
  }
  if (isStudentRelease(notebooksDir)) throw new Error("this folder is already a student edition: make the edition from the instructor's repository");
}

function studentPackageJson() {
  const pkg = JSON.parse(fs.readFileSync(fromRoot("package.json"), "utf8"));
  const missing = STUDENT_SCRIPTS.filter((name) => !(name in pkg.scripts));
  if (missing.length > 0) throw new Error(`package.json has no npm script ${missing.join(", ")}, which the student edition ships; update STUDENT_SCRIPTS in ${import.meta.url}`);
  pkg.description = `${pkg.description} (student edition)`;
  pkg.scripts = Object.fromEntries(STUDENT_SCRIPTS.map((name) => [name, pkg.scripts[name]]));
  return JSON.stringify(pkg, null, 2) + "\n";
}

/** The commit the edition was made from, with "+changes" when the repository had uncommitted work. */
function sourceVersion() {
  const commit = git(["rev-parse", "HEAD"], repoRoot).trim();
  return git(["status", "--porcelain"], repoRoot).trim() === "" ? commit : `${commit}+changes`;
}

/** One commit holding the whole edition, so that its history shows nothing else. */
function commitEdition(outDir) {
  git(["init", "-q"], outDir);
  // the instructor's own ignore list (core.excludesFile: `*.ipynb`, `lib/`, `dist/`…) left those files out of the
  // commit, and the edition students cloned had no chapters, saying nothing
  git(["-c", `core.excludesFile=${os.devNull}`, "add", "-A"], outDir);
  const left = git(["ls-files", "-z", "--others"], outDir).split("\0").filter(Boolean);
  if (left.length > 0) {
    throw new Error(
      `git would leave ${left.length} of the edition's files out of its commit (${left.slice(0, 5).join(", ")}${left.length > 5 ? ", …" : ""}): ` +
        "an ignore list of git's (.git/info/exclude from a template folder, init.templateDir) names them; make the edition where none applies, or with --no-git",
    );
  }
  const hasIdentity = spawnSync("git", ["config", "user.email"], { cwd: outDir }).status === 0;
  const identity = hasIdentity ? [] : ["-c", "user.name=neural-mi course", "-c", "user.email=course@localhost"];
  git([...identity, "commit", "-q", "-m", "The course, student edition"], outDir);
}

/**
 * Writes the student edition to `outDir` (new or empty, outside the repository), checks that no
 * line of the chapters' answers or hidden tests is in it, and makes it a git repository of one
 * commit unless `commit` is false. Returns { files, notebooks, accepted }: `accepted` lists the
 * answer lines the edition holds on purpose (scripts/student-edition/find-secrets.mjs says why).
 */
export function buildStudentEdition({ outDir, commit = true }) {
  outDir = path.resolve(outDir);
  checkTarget(outDir);
  fs.mkdirSync(outDir, { recursive: true });
  try {
    const files = shippedFiles();
    for (const file of files) {
      fs.mkdirSync(path.dirname(path.join(outDir, file)), { recursive: true });
      fs.copyFileSync(fromRoot(file), path.join(outDir, file));
    }
    fs.writeFileSync(path.join(outDir, "package.json"), studentPackageJson());
    fs.copyFileSync(README, path.join(outDir, "README.md"));
    const editionNotebooks = path.join(outDir, "notebooks");
    writeStudentNotebooks({ sourceDir: notebooksDir, outDir: editionNotebooks });
    // `made` orders editions: a later one may set a chapter back to an earlier text (scripts/lib/course-version.mjs)
    const marker = { what: "the course's chapters as released to students (answers replaced by stubs, hidden tests removed)", source: sourceVersion(), made: new Date().toISOString() };
    fs.writeFileSync(path.join(editionNotebooks, STUDENT_RELEASE_MARKER), JSON.stringify(marker, null, 2) + "\n");

    const { leaks, accepted } = findSecrets(outDir);
    if (leaks.length > 0) {
      const list = leaks.map((l) => `  ${l.file}: ${l.what} of ${l.notebook} ${l.cell}: ${l.line}`).join("\n");
      throw new Error(`the student edition would hold lines of the answers or hidden tests:\n${list}\nkeep these files out of SHIPPED (scripts/student-edition/build.mjs) or change them`);
    }
    if (commit) commitEdition(outDir);
    const notebooks = fs.readdirSync(editionNotebooks).filter((f) => f.endsWith(".ipynb"));
    return { files: files.length + 2 + notebooks.length, notebooks, accepted };
  } catch (error) {
    fs.rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
