#!/usr/bin/env node
// npm run validate [-- <notebook.ipynb>…]
// Runs notebooks of the student's workspace on the course's kernel and shows which of
// their tests pass and fail, with the tests' messages (as nbgrader's validate does).
// Without arguments: every notebook of the workspace (my-work/, or $NEURAL_MI_WORKSPACE).
import fs from "node:fs";
import path from "node:path";
import { courseNotebookFiles, notebookGradeIds } from "../autograder/src/grade/course-notebook-files.mjs";
import { readSourceNotebook, sourceNotebookNames } from "../autograder/src/release/release-directory.mjs";
import { closedCourseReason } from "./lib/closed-course.mjs";
import { fullTempAdvice, fullTempFolder, unusableTempFolder } from "./lib/full-disk.mjs";
import { notebooksDir, typedIn } from "./lib/paths.mjs";
import { studentChapter } from "./lib/student-release.mjs";
import { chooseWorkspaceDir, takeWorkspaceOption } from "./lib/workspace.mjs";
import { heldBy } from "./lib/workspace-servers.mjs";
import { cellProgress } from "./validate/cell-progress.mjs";
import { allPassed, checkNotebook, describeCheck, NOT_COURSE } from "./validate/check-notebook.mjs";

// npm runs scripts from the repository's root; paths are meant from where npm was run.
const here = typedIn();
const shown = (file) => path.relative(here, file) || file;

const usage =
  "Usage: npm run validate [-- <notebook.ipynb>…]   (no notebook: every notebook of your workspace)\n" +
  "       npm run validate -- --workspace <dir>      (every notebook of that workspace, as npm start -- --workspace <dir>; or $NEURAL_MI_WORKSPACE)";

// the workspace whose every notebook is checked, none named: hers that hold no exercise of the course are left out, said
let wholeWorkspace;

function notebooksToCheck(given) {
  if (given.includes("--help") || given.includes("-h")) {
    console.log(usage);
    process.exit(0);
  }
  let taken;
  try {
    taken = takeWorkspaceOption(given);
  } catch (error) {
    throw new Error(`${error.message}\n${usage}`);
  }
  const { workspace: workspaceOption, rest: args } = taken;
  const options = args.filter((a) => a.startsWith("-"));
  // a notebook whose name starts with a dash was taken for an option, with no way round it said
  const dashed = options.find((option) => option.endsWith(".ipynb"));
  if (dashed) throw new Error(`${dashed} is taken for an option, its name starting with -: name it as ./${dashed}`);
  if (options.length > 0) throw new Error(`unknown option ${options[0]}\n${usage}`);
  if (workspaceOption !== undefined && args.length > 0) throw new Error(`give notebooks or --workspace, not both\n${usage}`);
  if (args.length > 0) {
    const files = args.map((file) => path.resolve(here, file));
    for (const file of files) {
      // printed, the name looked right and "is not a notebook" made no sense
      if (/\r$/.test(file) && !fs.existsSync(file)) {
        throw new Error(`${JSON.stringify(shown(file))} ends in a carriage return: the line that gave it was saved with Windows line ends; save it with Unix ones`);
      }
      const textOf = notebookOfText(file);
      if (textOf) throw new Error(`${shown(file)} is a text version of a notebook (jupytext's, or converted by hand), which grading does not take: validate ${shown(textOf)}`);
      if (!file.endsWith(".ipynb") && fs.statSync(file, { throwIfNoEntry: false })?.isDirectory()) {
        throw new Error(`${shown(file)} is a folder: npm run validate -- --workspace ${shown(file)} checks every notebook in it`);
      }
      if (!file.endsWith(".ipynb")) throw new Error(`${shown(file)} is not a notebook (.ipynb)\n${usage}`);
      if (!fs.existsSync(file)) throw new Error(`${shown(file)} does not exist\n${usage}`);
      const rel = path.relative(notebooksDir, file);
      if (!rel.startsWith("..") && !path.isAbsolute(rel)) {
        throw new Error(`${shown(file)} is the course's source, not your work; validate your copy in your workspace (npm start makes it)`);
      }
    }
    return files;
  }
  const workspace = chooseWorkspaceDir(workspaceOption);
  wholeWorkspace = workspace;
  if (!fs.existsSync(workspace)) throw new Error(`no workspace at ${shown(workspace)}; run npm start once to make it`);
  const found = fs
    .readdirSync(workspace)
    // not the hidden ones, as JupyterLab shows none: its copy of a notebook from before a save (".~<name>", left by a
    // JupyterLab stopped while it saved) had been run as a copy of the chapter, the student told to rename it to the chapter's name
    .filter((name) => name.endsWith(".ipynb") && !name.startsWith("."))
    .sort()
    .map((name) => path.join(workspace, name));
  if (found.length === 0) {
    // nothing checked is not "every test passes": it said nothing and ended as a success (0), for a
    // workspace whose chapters were moved into a folder of it, or a --workspace one folder off
    const nested = notebooksBelow(workspace).slice(0, 10).map(shown);
    throw new Error(
      `no notebook in ${shown(workspace)}, so nothing was checked` +
        (nested.length > 0
          ? `; its folders hold ${nested.join(", ")}: name the ones to check: npm run validate -- <notebook>`
          : "; npm start puts the course's chapters back into it"),
    );
  }
  return found;
}

/** The notebook beside `file` of which it is a text version (jupytext's `.py` or `.md` of the same name), or undefined. */
function notebookOfText(file) {
  if (!/\.(py|md)$/.test(file)) return undefined;
  const notebook = file.replace(/\.(py|md)$/, ".ipynb");
  return fs.existsSync(notebook) ? notebook : undefined;
}

/** The notebooks in the folders of `dir` (not at its top), leaving out Jupyter's checkpoints and the packages. */
function notebooksBelow(dir, depth = 0) {
  if (depth > 4) return [];
  let entries;
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true });
  } catch {
    return [];
  }
  return entries
    .filter((entry) => !["node_modules", ".ipynb_checkpoints", ".course", ".git"].includes(entry.name))
    .sort((a, b) => (a.name < b.name ? -1 : 1))
    .flatMap((entry) => {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) return notebooksBelow(full, depth + 1);
      return depth > 0 && entry.name.endsWith(".ipynb") ? [full] : [];
    });
}

// an update of a chapter that `npm start` put beside the student's copy
const COURSE_UPDATE = /\.course-update(-\d+)?\.ipynb$/;

/**
 * The course's released version of a workspace notebook (`03-….ipynb`, or an update beside
 * it, `03-….course-update.ipynb`), or undefined for a notebook of another name.
 */
function releasedVersion(file) {
  return studentChapter(notebooksDir, path.basename(file).replace(COURSE_UPDATE, ".ipynb"));
}

/**
 * The course chapter whose exercises a notebook of another name holds (a second download's
 * `03-… (1).ipynb`, a duplicate's `…-Copy1.ipynb`), as the grader would take it, or undefined.
 */
function chapterUnderAnotherName(file) {
  const chapters = sourceNotebookNames(notebooksDir).map((name) => ({ name, reference: readSourceNotebook(path.join(notebooksDir, name)) }));
  const { chosen } = courseNotebookFiles(chapters, [{ path: file, relative: path.basename(file) }], (f) => notebookGradeIds(f.path, 100));
  return [...chosen].find(([, { file: taken }]) => taken !== null)?.[0];
}

let failed = false;
let broken = false;
let checked = 0;
let files;
try {
  const closed = closedCourseReason();
  if (closed) throw new Error(`${closed}.`);
  files = notebooksToCheck(process.argv.slice(2));
  const tmpProblem = unusableTempFolder("npm run validate", "the runs of your notebooks");
  if (tmpProblem) throw new Error(tmpProblem);
} catch (error) {
  console.error(`validate: ${error.message}`);
  process.exit(2);
}
const openFolders = new Set();
for (const file of files) {
  // a notebook that cannot be checked stops only its own check: the others are still run
  try {
    // what the student typed since JupyterLab last saved is not in the file: "I fixed it, and validate still fails"
    const folder = path.dirname(file);
    if (!openFolders.has(folder) && heldBy(folder)) {
      openFolders.add(folder);
      console.log(
        `validate: note: a JupyterLab (npm start) has ${shown(folder)} open: validate checks the notebooks as saved on disk, ` +
          "not what you typed since they were last saved; save them first (Ctrl-S), or use the Validate button of the notebook's toolbar, which saves it first",
      );
    }
    console.log(`validate: running ${shown(file)} …`);
    let released = releasedVersion(file);
    const chapter = released || COURSE_UPDATE.test(file) ? undefined : chapterUnderAnotherName(file);
    if (chapter) {
      console.log(
        `validate: note: ${shown(file)} holds the exercises of ${chapter} under another name; the grader looks for ${chapter}, ` +
          `and takes a notebook of another name only when the hand-in has no ${chapter} and no other copy: rename it to ${chapter} before you hand it in`,
      );
      released = studentChapter(notebooksDir, chapter);
    }
    const updateOf = released && COURSE_UPDATE.test(file) ? path.basename(file).replace(COURSE_UPDATE, ".ipynb") : undefined;
    if (updateOf) {
      // answers written here pass here, while grading takes the copy of the chapter's own name
      console.log(
        `validate: note: ${shown(file)} is the course's newer version of ${updateOf}, which npm start put beside your copy of it; ` +
          `the grader looks for ${updateOf} and takes a notebook of another name only when the hand-in has no ${updateOf}: ` +
          `copy what you wrote here into ${updateOf} (or, once ${updateOf} holds nothing you need, delete it and rename this one to ${updateOf}) before you hand it in`,
      );
    }
    // a cell still running past a few seconds is named, with how long it has run, so a long one is not taken for a hang
    const progress = cellProgress(shown(file));
    let check;
    try {
      check = await checkNotebook(file, { released, onCell: progress.onCell });
    } finally {
      progress.stop();
    }
    if (check.encoding) console.log(`validate: note: ${shown(file)}: ${check.encoding}`);
    if (check.kernel) console.log(`validate: note: ${shown(file)}: ${check.kernel}`);
    if (check.ownPackages) {
      console.log(
        `validate: note: ${shown(check.ownPackages)} holds packages of your own but not the course's neural-mi (an npm install there takes out ` +
          `the links npm start puts in): ${shown(file)} ran in a folder of its own beside the course's packages (files beside it were not there); ` +
          "npm start puts the links back, and JupyterLab's kernels fail to import neural-mi until then",
      );
    } else if (check.elsewhere) {
      console.log(
        `validate: note: ${shown(file)} lies outside this checkout and your workspace, where neural-mi is not found: it ran in a folder ` +
          "of its own beside the course's packages (files beside it were not there); keep your notebooks in your workspace (npm start)",
      );
    }
    checked += 1;
    for (const line of describeCheck(shown(file), check)) console.log(line);
    failed ||= !allPassed(check);
  } catch (error) {
    // a notebook of her own beside the chapters (JupyterLab's Untitled.ipynb, a Python one) had failed the whole run, exit 2,
    // told to "validate the chapters of your workspace", which the run was doing
    if (wholeWorkspace !== undefined && error.code === NOT_COURSE) {
      console.log(`validate: note: ${shown(file)} holds no exercise of the course (${error.why}): not checked`);
      continue;
    }
    console.error(`validate: ${error.message}`);
    const tmp = fullTempFolder();
    if (tmp) console.error(`validate: ${shown(file)} could not be run: ${fullTempAdvice(tmp, "npm run validate", "the runs of your notebooks")}`);
    broken = true;
  }
}
// only notebooks of her own: nothing checked is not "every test passes"
if (wholeWorkspace !== undefined && checked === 0 && !broken) {
  console.error(`validate: no notebook in ${shown(wholeWorkspace)} holds the course's exercises, so nothing was checked; npm start puts the course's chapters back into it`);
  broken = true;
}
process.exitCode = broken ? 2 : failed ? 1 : 0;
