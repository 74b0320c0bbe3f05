// @ts-check
// What a class folder holds, entry by entry, and the result folder of each
// student. Every entry is accounted for (autograder/README.md, "The class
// folder"): a folder is a student's submission, whatever its name but a hidden one; a symbolic
// link to a folder is graded as that folder; a dangling link, a tool's folder,
// a notebook or an archive is listed as skipped, with the reason; other files
// (a README, a script) are named once, as files that are not graded.
import { createHash } from "node:crypto";
import { existsSync, lstatSync, readFileSync, readdirSync, readlinkSync, realpathSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve } from "node:path";
import { isInside } from "../../../scripts/lib/paths.mjs";
import { NOT_ON_ONE_LINE } from "../report/inert-markdown.mjs";

/**
 * @typedef {{ name: string, dir: string, note?: string }} StudentFolder
 * @typedef {{ name: string, reason: string }} SkippedEntry
 */

// Folders that tools leave in a class folder; nobody's work.
// A file that may be someone's submission, packed.
export const ARCHIVE = /\.(zip|tar|tgz|tar\.gz|tar\.bz2|tar\.xz|7z|rar)$/i;
// in nbgrader's words too (src/nbgrader/hidden_folders.py), so that both graders say the same
export const HIDDEN_FOLDER = 'its name starts with ".", a hidden folder, which nbgrader does not see as a student\'s: rename it without the dot';
const TOOL_FOLDERS = new Set([".git", ".ipynb_checkpoints", "__pycache__", "node_modules"]);

/**
 * @param {string} submissionsDir
 * @returns {{ students: StudentFolder[], skipped: SkippedEntry[], stray: string[], otherFiles: string[] }}
 */
export function classEntries(submissionsDir) {
  if (!existsSync(submissionsDir)) throw new Error(`the submissions folder ${submissionsDir} does not exist`);
  /** @type {StudentFolder[]} */
  const students = [];
  /** @type {SkippedEntry[]} */
  const skipped = [];
  /** @type {string[]} */
  const stray = [];
  /** @type {string[]} */
  const otherFiles = [];
  if (isReportFolder(submissionsDir)) {
    // its students/ and manual/ were graded as two students, each with a note on the other files
    let graded = "";
    try {
      const folder = JSON.parse(readFileSync(join(submissionsDir, "report.json"), "utf8")).submissionsDir;
      if (typeof folder === "string") graded = ` (it holds the reports of ${folder})`;
    } catch {
      // a report cut short: named without its class
    }
    throw new Error(`${submissionsDir} is a report folder the autograder wrote${graded}, not a class folder: give the folder that holds a folder per student`);
  }
  const classReal = realpathSync(submissionsDir);
  // as bytes: a name that is not UTF-8 would come back as another name, which lstat cannot find
  const names = readdirSync(submissionsDir, { encoding: "buffer" })
    .map((bytes) => ({ name: bytes.toString("utf8"), utf8: isUtf8Name(bytes) }))
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const { name, utf8 } of names) {
    if (!utf8) {
      skipped.push({ name, reason: "its name is not valid UTF-8: rename it" });
      continue;
    }
    const dir = join(submissionsDir, name);
    const entry = lstatSync(dir);
    if (entry.isSymbolicLink()) {
      let target;
      try {
        target = statSync(dir);
      } catch {
        skipped.push({ name, reason: `a symbolic link to ${readlinkSync(dir)}, which does not exist` });
        continue;
      }
      const real = realpathSync(dir);
      const relation = relative(real, classReal);
      if (target.isDirectory() && (relation === "" || (!relation.startsWith("..") && !isAbsolute(relation)))) {
        // the class folder or a folder above it: grading it walked the class again, or the whole file system
        skipped.push({ name, reason: `a symbolic link to ${readlinkSync(dir)}, which holds the class folder itself, not a student's folder` });
      } else if (target.isDirectory() && name.startsWith(".")) skipped.push({ name, reason: HIDDEN_FOLDER });
      else if (target.isDirectory()) students.push({ name, dir, note: `the folder is a symbolic link to ${readlinkSync(dir)}; what it points to was graded` });
      else skipped.push({ name, reason: `a symbolic link to a file (${readlinkSync(dir)}), not to a student's folder` });
    } else if (entry.isDirectory()) {
      if (TOOL_FOLDERS.has(name)) skipped.push({ name, reason: "a folder that tools make, not a student's" });
      // nbgrader finds the students' folders with the pattern `*`, which passes over such a name
      else if (name.startsWith(".")) skipped.push({ name, reason: HIDDEN_FOLDER });
      // the grader's own files together: a student's own report.json alone is that student's work
      else if (isReportFolder(dir)) {
        skipped.push({ name, reason: "the grader's report folder (it holds report.json and gradebook.csv, or .grading.lock), not a student's: write reports outside the class folder" });
      }
      else students.push({ name, dir });
    } else if (entry.isFile() && name.endsWith(".ipynb")) {
      stray.push(name);
      skipped.push({ name, reason: "a notebook directly in the class folder: put it in a folder named after its student" });
    } else if (entry.isFile() && ARCHIVE.test(name)) {
      skipped.push({ name, reason: "a compressed file, not a student's folder: unpack it into a folder of its own" });
    } else if (entry.isFile()) {
      otherFiles.push(name);
    } else {
      skipped.push({ name, reason: "neither a folder nor a file" });
    }
  }
  return { students, skipped, stray, otherFiles };
}

/**
 * Whether a file name read as bytes is UTF-8 (and so the same name once decoded).
 * @param {Buffer} bytes
 */
export function isUtf8Name(bytes) {
  return Buffer.from(bytes.toString("utf8"), "utf8").equals(bytes);
}

const UNPRINTABLE = new RegExp(`[${NOT_ON_ONE_LINE}]`, "g");

/**
 * A name as the console shows it: its control characters, line breaks and bidirectional controls
 * included, as escapes, so a folder named "x\nalice: 30 / 30 points" is one line, not a forged
 * second one, and one ending in U+202E does not reverse the score after it.
 * @param {string} name
 */
export const printableName = (name) =>
  visibleName(name.replace(UNPRINTABLE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));

// characters that show as nothing or as a plain space: format characters (a zero-width space or joiner, a soft
// hyphen, a byte-order mark, tags) and spaces other than U+0020. A folder named "alice\u200b" showed as a second
// "alice" in the console and in summary.md, beside the real one, with the other score
const INVISIBLE = /[\p{Cf}\u00a0\u115f\u1160\u1680\u2000-\u200a\u202f\u205f\u3000\u3164\uffa0]/gu;

/**
 * A name with its invisible characters (INVISIBLE) as escapes, `\u200b` or `\u{e0041}`, so that no two names look alike
 * because of them; summary.md shows names so, printableName too.
 * @param {string} name
 */
export const visibleName = (name) =>
  name.replace(INVISIBLE, (c) => {
    const code = /** @type {number} */ (c.codePointAt(0));
    return code > 0xffff ? `\\u{${code.toString(16)}}` : `\\u${code.toString(16).padStart(4, "0")}`;
  });

const PLAIN = /^[a-z0-9][a-z0-9._-]{0,63}$/;
// 80 bits: the readable form is shared by many names (a run of other characters is one "_", 40 characters
// are kept), so that with 40 bits a folder could be named, in some 10^12 hashes, to take another's result
// folder and the work folder of its runner (`<result folder>-<notebook>`)
const HASH_DIGITS = 20;
const HASHED = new RegExp(`-[0-9a-f]{${HASH_DIGITS}}$`);

/**
 * The name of a student's result folder: the folder's own name when it is plain
 * (lower-case letters, digits, `.`, `_`, `-`, at most 64, not ending like a
 * hashed name), otherwise a readable version of the name (accents dropped,
 * lower case, other characters `_`) followed by `-` and 20 hex digits of the
 * SHA-256 of the exact name. No two names share a result folder, even on a
 * file system that ignores case.
 * @param {string} name
 */
export function resultFolderName(name) {
  if (PLAIN.test(name) && !HASHED.test(name) && !name.endsWith(".")) return name;
  const hash = createHash("sha256").update(name, "utf8").digest("hex").slice(0, HASH_DIGITS);
  const readable = name
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .toLowerCase()
    .replace(/[^a-z0-9._-]+/g, "_")
    .replace(/^[._-]+|[._-]+$/g, "")
    .slice(0, 40);
  return `${readable || "student"}-${hash}`;
}

/**
 * Whether `dir` holds the grader's own reports: the files report.json and gradebook.csv together, or its lock. Files: a
 * class holding two students' folders named `report.json` and `gradebook.csv` was refused whole as a report folder.
 * @param {string} dir
 */
const isReportFolder = (dir) => (isFile(join(dir, "report.json")) && isFile(join(dir, "gradebook.csv"))) || isFile(join(dir, ".grading.lock"));

/** @param {string} path */
function isFile(path) {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}

/** A folder's path as given (resolved) and, when it exists, its real path. @param {string} dir */
function pathForms(dir) {
  const forms = [resolve(dir)];
  try {
    forms.push(realpathSync(dir));
  } catch {
    // not made yet, or named as missing where it is read
  }
  return forms;
}

/**
 * Why the class folder and the report folder `outDir` may not be used together, or null, said before anything is
 * written: the report folder lies inside the class folder (the next run would grade its students/ as a student), or
 * the class folder inside the report folder (`classFolderInReports`). A grading run and a merge of shards ask it.
 * @param {string} submissionsDir @param {string} outDir
 */
export function nestedFolders(submissionsDir, outDir) {
  if (pathForms(submissionsDir).some((folder) => isInside(resolve(outDir), folder))) {
    return `the report folder ${outDir} lies inside the class folder ${submissionsDir}, where the next run would grade it as a student: choose --out outside it`;
  }
  return classFolderInReports(submissionsDir, outDir);
}

/**
 * Why the class folder may not be graded into `outDir`, or null: it lies inside it (as given or by its real path), where
 * the run writes. A class folder `<out>/students` was written over: each student's results went into her own folder,
 * and her submitted notebooks, which the run clears before writing the executed ones, were deleted (and every student
 * a grader error); `<out>/manual` or `<out>/shards` alike. Said before anything is written.
 * @param {string} submissionsDir @param {string} outDir
 */
export function classFolderInReports(submissionsDir, outDir) {
  const reports = pathForms(outDir);
  if (!pathForms(submissionsDir).some((folder) => reports.some((report) => isInside(folder, report)))) return null;
  return (
    `the class folder ${submissionsDir} lies inside the report folder ${outDir}, where grading writes (students/<name>/, manual/, shards/): ` +
    "its students' notebooks would be written over; move the class folder out of it, or give --out another folder"
  );
}
