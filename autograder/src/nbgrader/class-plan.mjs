// @ts-check
// What a parallel `nbgrader autograde` of a chapter has to do, and what each nbgrader process did:
// which students to hand out (those nbgrader would certainly skip are left out), how many to give
// the next process, and each student's outcome read from that process's log and the folders it left.
// autograder/bin/nbgrader-autograde.mjs runs the processes.
import { existsSync, lstatSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join } from "node:path";
import { shellWord } from "../../../scripts/lib/shell-word.mjs";
import { printableName } from "../grade/class-folder.mjs";
import { NOT_ON_ONE_LINE } from "../report/inert-markdown.mjs";

/** A student's autograded folder, and the mark src/nbgrader/cut_short.py keeps beside it while nbgrader makes it. */
export function autogradedPaths(/** @type {string} */ courseDir, /** @type {string} */ chapter, /** @type {string} */ student) {
  const folder = join(courseDir, "autograded", student, chapter);
  return { folder, mark: join(courseDir, "autograded", student, `.${chapter}.unfinished`) };
}

/** Whether nbgrader finished the student's autograded folder: it is there, and no run's mark is left beside it. */
export function isAutograded(/** @type {string} */ courseDir, /** @type {string} */ chapter, /** @type {string} */ student) {
  const { folder, mark } = autogradedPaths(courseDir, chapter, student);
  return existsSync(folder) && !existsSync(mark);
}

/** The text of `path`, trimmed, or null when it cannot be read. */
function readTimestamp(/** @type {string} */ path) {
  try {
    return readFileSync(path, "utf8").trim();
  } catch {
    return null;
  }
}

/** The folders of a course's folder `within` (source/, release/, submitted/<student>/), hidden ones left out. @param {string} within */
function foldersIn(within) {
  try {
    return readdirSync(within, { withFileTypes: true }).filter((entry) => entry.isDirectory() && !entry.name.startsWith(".")).map((entry) => entry.name);
  } catch {
    return [];
  }
}

/**
 * Why `courseDir` is no nbgrader course folder, or undefined where it is one (it holds nbgrader_config.py); a course
 * folder just below it (the hub's instructor runs it in her home, above `course/`) is named, with the `cd` to it.
 * @param {string} courseDir
 * @returns {string | undefined}
 */
export function notACourse(courseDir) {
  if (existsSync(join(courseDir, "nbgrader_config.py"))) return undefined;
  const below = foldersIn(courseDir).filter((name) => existsSync(join(courseDir, name, "nbgrader_config.py")));
  const fix = below.length > 0 ? `cd ${below.map(asWord).join(" or cd ")} (a course folder below it), or give --course` : "run in the course folder or give --course";
  return `${courseDir} is not an nbgrader course folder (no nbgrader_config.py): ${fix}`;
}

/**
 * Why `chapter` is no chapter of the course, or undefined where it is one: a name mistyped (01-problem-formulaton)
 * graded "0 of 0 students" and ended with "0 failed" and exit code 0, as if the class had been graded.
 * A chapter is the course's when source/, release/ or a student's submitted/ folder holds it.
 * @param {{ courseDir: string, chapter: string }} where
 * @returns {string | undefined}
 */
export function unknownChapter({ courseDir, chapter }) {
  const chapters = new Set([...foldersIn(join(courseDir, "source")), ...foldersIn(join(courseDir, "release"))]);
  for (const student of foldersIn(join(courseDir, "submitted"))) for (const name of foldersIn(join(courseDir, "submitted", student))) chapters.add(name);
  if (chapters.has(chapter)) return undefined;
  const known = [...chapters].sort();
  const alike = known.find((name) => name.toLowerCase() === chapter.toLowerCase());
  return (
    `the course ${courseDir} has no chapter ${JSON.stringify(chapter)} (no source/, release/ or submitted/<student>/ folder of that name)` +
    (alike ? `: did you mean ${alike}?` : known.length > 0 ? `: its chapters are ${known.join(", ")}` : ": it has no chapters yet (nbgrader generate_assignment makes release/<chapter>/)")
  );
}

/**
 * The students of submitted/ with a notebook for `chapter` (nbgrader's pattern: submitted/<student>/<chapter>/*.ipynb,
 * names starting with a dot left out as nbgrader's glob leaves them), split into those to hand to nbgrader and those it
 * would skip: autograded already, no run's mark beside the folder, and the submission's timestamp.txt the same as the
 * autograded copy's (nbgrader regrades a newer one). With `force` every student is handed out. Anything else nbgrader
 * decides itself ("Skipping existing assignment").
 * @param {{ courseDir: string, chapter: string, force?: boolean }} options
 * @returns {{ all: string[], toGrade: string[], done: string[] }}
 */
export function planClass({ courseDir, chapter, force = false }) {
  const submitted = join(courseDir, "submitted");
  const all = [];
  for (const student of existsSync(submitted) ? readdirSync(submitted).sort() : []) {
    if (student.startsWith(".")) continue;
    const folder = join(submitted, student, chapter);
    let names = [];
    try {
      if (!lstatSync(folder).isDirectory()) continue;
      names = readdirSync(folder);
    } catch {
      continue;
    }
    if (names.some((name) => name.endsWith(".ipynb") && !name.startsWith("."))) all.push(student);
  }
  const toGrade = [];
  const done = [];
  for (const student of all) {
    const { folder } = autogradedPaths(courseDir, chapter, student);
    const submittedTime = readTimestamp(join(submitted, student, chapter, "timestamp.txt"));
    const same = submittedTime === null || submittedTime === readTimestamp(join(folder, "timestamp.txt"));
    if (!force && isAutograded(courseDir, chapter, student) && same) done.push(student);
    else toGrade.push(student);
  }
  return { all, toGrade, done };
}

/**
 * How many students the next nbgrader process takes: the students left shared among `ways` processes, at most `most`.
 * The command shares the class among all its processes at first (few processes for a small class: each costs
 * nbgrader's start, about a second of CPU), then among `--jobs` (guided self-scheduling: smaller shares at the end, so
 * that the processes end together); a stuck student holds back at most `most - 1` others.
 */
export function nextChunkSize(/** @type {number} */ left, /** @type {number} */ ways, most = 8) {
  return Math.max(1, Math.min(most, Math.ceil(left / Math.max(1, ways))));
}

/** A regular expression's special characters escaped. */
const escape = (/** @type {string} */ text) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** What a line of nbgrader's autograde log says of a student: `began` (src/nbgrader/class_share.py takes her up, before
 * any line of hers), `started` (nbgrader's first line of hers), `skipped`, `failed`, and `listed` for a failure named in
 * nbgrader's closing list, after its last student (with `failed`).
 * @typedef {{ began?: string, started?: string, skipped?: string, failed?: string, listed?: string }} LogLineSays */

/**
 * Reads one line of an nbgrader autograde log: the student it takes up, starts, skips, or names as failed, if any. The
 * log writes an id's control characters as escapes (src/nbgrader/printable_log.py, as printableName does): such an id
 * of `students` (the share's) is given back as it is.
 * @param {string} line @param {string} chapter @param {string[]} [students]
 * @returns {LogLineSays}
 */
export function readLogLine(line, chapter, students = []) {
  const said = readLogLineAsShown(line, chapter);
  const given = new Map(students.map((id) => [printableName(id), id]));
  return Object.fromEntries(Object.entries(said).map(([what, id]) => [what, given.get(id) ?? id]));
}

// a folder's name in a path of the log: no separator, but a character the log wrote as an escape (`\u001b`)
const FOLDER_NAME = String.raw`(?:[^/\\]|\\u[0-9a-f]{4})+`;

// nbgrader's own record, "[AutogradeApp | INFO] <message>" (whatever its prefix): what it says is read from the start of the message only.
// Text of a submission's is in the log too, never at that start: a kernel's own output is logged as "the kernel: …"
// (kernel_output.py), and nbgrader's formatter indents the lines after a record's first (a file's name holding a line
// break, in "Copying <file> -> <file>"). Read anywhere in a line, a cell's "There was an error processing assignment
// '<chapter>' for student '<id>'" written to its process's stderr, or a file handed in under that name after a line
// break, had another student of the share, graded in full, reported failed.
const RECORD = /^\[[^\]]*\] (.*)$/;

// an id in quotes is read up to the last quote before the fixed end of its line: an id may hold a quote (O'Brien)
/** @param {string} line @param {string} chapter @returns {LogLineSays} */
function readLogLineAsShown(line, chapter) {
  const record = RECORD.exec(line);
  if (!record) return {};
  const message = record[1];
  const began = /^Grading student with ID '(.+)' of this process's share\s*$/.exec(message);
  if (began) return { began: began[1] };
  const started = /^Creating\/updating student with ID '(.+)': \{.*\}\s*$/.exec(message);
  if (started) return { started: started[1] };
  const skipped = new RegExp(`^Skipping existing assignment: .*[/\\\\]autograded[/\\\\](${FOLDER_NAME})[/\\\\]${escape(chapter)}\\s*$`).exec(message);
  if (skipped) return { skipped: skipped[1] };
  // at once ("...: <course>/submitted/<student>/<chapter>"), and again at the end of the run ("... for student '<student>'")
  const failed = new RegExp(`^There was an error processing assignment: .*[/\\\\]submitted[/\\\\](${FOLDER_NAME})[/\\\\]${escape(chapter)}\\s*$`).exec(message);
  if (failed) return { failed: failed[1] };
  const listed = new RegExp(`^There was an error processing assignment '${escape(chapter)}' for student '(.+)'\\s*$`).exec(message);
  if (listed) return { failed: listed[1], listed: listed[1] };
  return {};
}

/**
 * The reader of one nbgrader process's log, a line after another: what each line says (readLogLine) and whose it is,
 * the student of `share` it is about, or null where it is the whole share's (nbgrader's start, its closing lines). A
 * student's lines run from the one src/nbgrader/class_share.py writes as nbgrader takes her up to the next student's:
 * nbgrader names her only after the warnings on her files and her re-grade ("Left out ...", "Removing existing
 * assignment"), and those were the student's before her. An id the share does not hold (a line misread) changes nothing.
 * `takenUp` is the student of the share whose grading the line shows begun (class_share.py's line, or nbgrader's first
 * of hers or its failure): nbgrader's own line names an id as it is, and one holding a line break was cut in two, so a
 * student so named, graded in full, was reported failed after being handed out again; class_share.py writes it escaped.
 * @param {string} chapter @param {string[]} share
 * @returns {(line: string) => { said: LogLineSays, owner: string | null, takenUp: string | undefined }}
 */
export function shareLogReader(chapter, share) {
  const inShare = new Set(share);
  /** @type {string | null} */
  let subject = null;
  return (line) => {
    const said = readLogLine(line, chapter, share);
    if (said.listed) {
      // nbgrader's run over its students has ended: what follows is the share's
      subject = null;
      return { said, owner: inShare.has(said.listed) ? said.listed : null, takenUp: undefined };
    }
    const begun = said.began ?? said.started ?? said.failed;
    const named = begun ?? said.skipped;
    if (named !== undefined && inShare.has(named)) subject = named;
    return { said, owner: subject, takenUp: begun !== undefined && inShare.has(begun) ? begun : undefined };
  };
}

/** How a line about no one student of `share` is labelled, on the console and in the log file. */
export function shareLabel(/** @type {string[]} */ share) {
  return `nbgrader (share: ${share.map(printableName).join("; ")})`;
}

/**
 * Each student's outcome once the nbgrader process given `chunk` ended: "graded" (its folder made, no mark left),
 * "skipped" (nbgrader said so), "failed" (nbgrader named her, or the process ended while she was being graded), or
 * "again" (not reached: the process was stopped, killed or gave up before her; or failed because another process held
 * the gradebook past its wait): to hand out again (the command gives up on a student after a few tries).
 * @param {{ courseDir: string, chapter: string, chunk: string[], started: Set<string>, skipped: Set<string>, failed: Set<string>,
 *   locked: Set<string> }} run
 * @returns {Map<string, "graded" | "skipped" | "failed" | "again">}
 */
export function outcomes({ courseDir, chapter, chunk, started, skipped, failed, locked }) {
  /** @type {Map<string, "graded" | "skipped" | "failed" | "again">} */
  const result = new Map();
  for (const student of chunk) {
    if (skipped.has(student)) result.set(student, "skipped");
    else if (locked.has(student)) result.set(student, "again");
    else if (failed.has(student)) result.set(student, "failed");
    else if (!started.has(student)) result.set(student, "again");
    else if (isAutograded(courseDir, chapter, student)) result.set(student, "graded");
    else result.set(student, "failed");
  }
  return result;
}

/**
 * A student whose grading was stopped (Ctrl-C): the folder the stopped nbgrader may have left half made is removed, if
 * its run's mark says it was not finished; the mark stays, for src/nbgrader/cut_short.py to clear what else that run
 * left (files set aside), and the next run grades her afresh. Returns whether a folder was removed.
 */
export function abandon(/** @type {string} */ courseDir, /** @type {string} */ chapter, /** @type {string} */ student) {
  const { folder, mark } = autogradedPaths(courseDir, chapter, student);
  if (!existsSync(mark) || !existsSync(folder)) return false;
  rmSync(folder, { recursive: true, force: true });
  return true;
}

const UNPRINTABLE = new RegExp(`[${NOT_ON_ONE_LINE}]`, "g");

/** `text` in bash's and zsh's `$'…'` quoting, each character a terminal would act on written as an escape
 * (`\x1b`, `\u202e`): the command shows as it is and still names exactly that text. */
const escapedWord = (/** @type {string} */ text) =>
  `$'${text.replace(/[\\']/g, "\\$&").replace(UNPRINTABLE, (c) => {
    const code = c.charCodeAt(0);
    // `\xHH` is one byte to the shell, so a character past ASCII takes its `\uHHHH`
    return code < 0x80 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`;
  })}'`;

/** `text` as one word of a shell's command line: as it is when it holds nothing the shell reads, else quoted. */
const asWord = (/** @type {string} */ text) => {
  if (/^[\w.,@%+=:/-]+$/.test(text)) return text;
  return process.platform !== "win32" && new RegExp(UNPRINTABLE.source).test(text) ? escapedWord(text) : shellWord(text);
};

/** The command that grades `student` again, to paste in a terminal: her id quoted where it holds a space or a quote. */
export function regradeCommand(/** @type {string} */ chapter, /** @type {string} */ student) {
  // an id that starts with "-", after a space, is read by nbgrader's parser as an option of its own ("expected one argument")
  const id = student.startsWith("-") ? `--student=${asWord(student)}` : `--student ${asWord(student)}`;
  return `nbgrader autograde ${asWord(chapter)} ${id} --force`;
}
