// @ts-check
// One student's folder: every course notebook in it graded in its own fresh
// kernel, one after the other; notebooks missing or extra are reported.
import { existsSync, readFileSync, rmSync, statSync } from "node:fs";
import { basename, join, sep } from "node:path";
import { MAX_NOTEBOOK_FILE_BYTES, megabytesOf, serializeNotebook, submittedNotebookText } from "../notebook/format.mjs";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { courseNotebookFiles, notebookGradeIds } from "./course-notebook-files.mjs";
import { listFiles } from "./files.mjs";
import { ARCHIVE, resultFolderName } from "./class-folder.mjs";
import { gradeNotebook, ungradedNotebook } from "./grade-notebook.mjs";
import { namedFiles } from "./named-files.mjs";

/**
 * @typedef {import("./grade-notebook.mjs").NotebookResult} NotebookResult
 * @typedef {import("./grade-notebook.mjs").Note} Note
 * @typedef {{ student: string, folder: string, status: "graded" | "graded-with-problems" | "no-notebooks" | "grader-error" | "skipped",
 *   message: string, score: number, maxScore: number, pendingManual: number, autoScore?: number, manualScore?: number, notes: Note[],
 *   notebooks: NotebookResult[], key: string, gradedAt: string, seconds: number }} StudentResult
 */

/** What nbgrader's exchange writes beside the notebooks of every submission it collects. */
const NBGRADER_EXCHANGE_FILES = new Set(["timestamp.txt", "submission_secret.txt"]);
// A notebook of another name is read to see whether it is a renamed course notebook only up to
// this size (a chapter with its outputs has a few MB).
const MAX_RENAMED_FILE_MB = 20;

/**
 * @param {{ student: string, dir: string, key: string, course: import("./course.mjs").Course,
 *   runtime: import("../execute/sandbox.mjs").Runtime, limits: import("../execute/execute-notebook.mjs").Limits,
 *   python: string, studentOutDir: string, folderNote?: string, keepWork?: boolean, onProgress?: (line: string) => void }} options
 * @returns {Promise<StudentResult>}
 */
export async function gradeSubmission({ student, dir, key, course, runtime, limits, python, studentOutDir, folderNote, keepWork = false, onProgress }) {
  const began = Date.now();
  const files = listFiles(dir);
  /** @type {Note[]} */
  const notes = [];
  if (folderNote) notes.push({ kind: "folder-link", message: folderNote });
  if (files.links.length > 0) {
    notes.push({ kind: "links-ignored", message: `symbolic links are not graded and were left out: ${namedFiles(files.links)}` });
  }
  if (files.hardLinks.length > 0) {
    notes.push({
      kind: "hard-links-ignored",
      message: `files that are hard links (one file under several names, the others anywhere on the disk) are not graded and were left out: ${namedFiles(files.hardLinks)}. Hand in copies of the files (unpack an archive with \`tar\` or \`unzip\`, which make no such link)`,
    });
  }
  if (files.notUtf8.length > 0) {
    notes.push({ kind: "names-not-utf8", message: `files whose names are not valid UTF-8 were left out: ${namedFiles(files.notUtf8)}` });
  }
  if (files.unreadable.length > 0) {
    notes.push({
      kind: "folders-unreadable",
      message:
        `folders that could not be read were left out, with what they hold: ${files.unreadable.slice(0, 5).join(", ")}` +
        `${files.unreadable.length > 5 ? ` and ${files.unreadable.length - 5} more` : ""}. ` +
        "Put the notebooks where a path is shorter than the file system allows (ENAMETOOLONG), or make the folders readable to the grader (EACCES)",
    });
  }
  const { chosen, extra, copies } = courseNotebookFiles(course.notebooks, files.notebooks, (file) => notebookGradeIds(file.path, MAX_RENAMED_FILE_MB));
  for (const [file, name] of copies) {
    if (chosen.get(name)?.file === null) continue; // said in that notebook's message
    notes.push({
      kind: "copy-not-graded",
      message: `${file.relative} holds the exercises of ${name} and was not graded: ${chosen.get(name)?.file?.relative} was, under the course's name (if ${file.relative} is the work to grade, save it as ${name})`,
    });
  }
  const others = extra.filter((file) => !copies.has(file));
  if (others.length > 0) {
    notes.push({
      kind: "extra-notebooks",
      message: `notebooks that are not part of the course were not graded: ${namedFiles(others.map((file) => file.relative))}`,
    });
  }
  // the course's own files (its images), hidden ones (.DS_Store) and those nbgrader's exchange
  // writes into every collected submission are not worth a note
  const unused = files.others.filter(
    (file) => !file.to.split(sep).some((part) => part.startsWith(".")) && !NBGRADER_EXCHANGE_FILES.has(basename(file.to)) && !existsSync(join(course.sourceDir, file.to)),
  );
  if (unused.length > 0) {
    notes.push({
      kind: "files-not-used",
      message:
        "the folder's other files were not given to the notebooks, which run with nothing beside them: a grade depends on the notebooks alone " +
        `(a table of answers read from a file would not be the work): ${namedFiles(unused.map((file) => file.to))}`,
    });
  }

  /** @type {NotebookResult[]} */
  const notebooks = [];
  for (const [index, courseNotebook] of course.notebooks.entries()) {
    // an executed notebook from an earlier submission is not this one's: a notebook that does not
    // run now (not submitted, unreadable) leaves none, instead of the old run as its feedback
    rmSync(join(studentOutDir, courseNotebook.name), { force: true });
    const { file, notes: fileNotes } = /** @type {{ file: { path: string, relative: string } | null, notes: Note[] }} */ (chosen.get(courseNotebook.name));
    notes.push(...fileNotes.filter((note) => note.kind === "several-copies"));
    if (file === null) {
      const message = fileNotes.length > 0 ? fileNotes.map((note) => note.message).join("; ") : "not submitted";
      notebooks.push(ungradedNotebook(courseNotebook, "not-submitted", message, "not-submitted", fileNotes));
      continue;
    }
    const bytes = statSync(file.path).size;
    if (bytes > MAX_NOTEBOOK_FILE_BYTES) {
      const message = `rejected: the file has ${megabytesOf(bytes)} MB (at most ${megabytesOf(MAX_NOTEBOOK_FILE_BYTES)}); clear its outputs`;
      notebooks.push(ungradedNotebook(courseNotebook, "unreadable", message, "not-run", fileNotes));
      continue;
    }
    const { text, note: encodingNote } = submittedNotebookText(readFileSync(file.path));
    const ownNotes = [...fileNotes.filter((note) => note.kind !== "several-copies"), ...(encodingNote ? [{ kind: "encoding", message: encodingNote }] : [])];
    onProgress?.(`${courseNotebook.name}: starting`);
    const result = await gradeNotebook({
      course: courseNotebook,
      text,
      jobId: `${resultFolderName(student)}-${index}`,
      runtime,
      limits,
      python,
      keepWork,
      onProgress: (line) => onProgress?.(`${courseNotebook.name}: ${line}`),
      keepExecuted: (executed) => writeFileAtomic(join(studentOutDir, courseNotebook.name), serializeNotebook(executed)),
    });
    notebooks.push(ownNotes.length > 0 ? { ...result, notes: [...ownNotes, ...result.notes] } : result);
  }

  const submitted = notebooks.filter((notebook) => notebook.status !== "not-submitted");
  const score = notebooks.reduce((sum, notebook) => sum + notebook.score, 0);
  const pendingManual = notebooks.reduce((sum, notebook) => sum + notebook.pendingManual, 0);
  /** @type {StudentResult["status"]} */
  let status = "graded";
  if (submitted.length === 0) status = "no-notebooks";
  else if (notebooks.some((notebook) => notebook.status === "grader-error")) status = "grader-error";
  else if (notes.length > 0 || notebooks.some((notebook) => notebook.status !== "graded" || notebook.notes.length > 0)) {
    status = "graded-with-problems";
  }
  return {
    student,
    folder: resultFolderName(student),
    status,
    message: studentMessage(status, notebooks, course, files.notebooks.length, notes, files.others.filter((file) => ARCHIVE.test(file.to)).map((file) => file.to)),
    score,
    maxScore: course.maxScore,
    pendingManual,
    notes,
    notebooks,
    key,
    gradedAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - began) / 100) / 10,
  };
}

const MESSAGE_NOTES = 5;

/**
 * @param {StudentResult["status"]} status @param {NotebookResult[]} notebooks
 * @param {import("./course.mjs").Course} course @param {number} notebookFiles @param {Note[]} notes
 * @param {string[]} archives the folder's compressed files, which are not unpacked
 */
function studentMessage(status, notebooks, course, notebookFiles, notes, archives) {
  // the message is one line of the console, of summary.md and of report.json: a notebook's first
  // notes, the rest counted (all of them are in its notes)
  const notesInBrief = (/** @type {Note[]} */ list) =>
    list
      .slice(0, MESSAGE_NOTES)
      .map((note) => note.message)
      .concat(list.length > MESSAGE_NOTES ? [`and ${list.length - MESSAGE_NOTES} more notes`] : [])
      .join("; ");
  // a course notebook that several renamed copies claimed says so in its message
  const unclaimed = notebooks.filter((notebook) => notebook.status === "not-submitted" && notebook.message !== "not submitted").map((notebook) => notebook.message);
  if (status === "no-notebooks") {
    const expected = course.notebooks.map((notebook) => notebook.name).join(", ");
    if (unclaimed.length > 0) return unclaimed.join(" | ");
    const packed = archives.length > 0 ? `; it holds compressed files, which are not unpacked (${archives.slice(0, MESSAGE_NOTES).join(", ")}): unpack them into the folder` : "";
    return notebookFiles === 0
      ? `no notebooks in the folder (expected ${expected})${packed}`
      : `none of the folder's notebooks is part of the course (expected ${expected})`;
  }
  const missing = notebooks.filter((notebook) => notebook.status === "not-submitted" && notebook.message === "not submitted").map((notebook) => notebook.notebook);
  const parts = notebooks
    .filter((notebook) => notebook.status !== "not-submitted" && (notebook.status !== "graded" || notebook.notes.length > 0))
    .map((notebook) =>
      notebook.status === "graded"
        ? `${notebook.notebook}: ${notesInBrief(notebook.notes)}`
        : `${notebook.notebook}: ${notebook.message}`,
    );
  parts.push(...unclaimed);
  // the folder's own notes (links, other files, copies): the status says there were problems
  const said = parts.join(" | ");
  parts.push(...notes.map((note) => note.message).filter((message) => !said.includes(message)));
  if (missing.length > 0) parts.push(`not submitted: ${missing.join(", ")}`);
  return parts.length === 0 ? "all notebooks ran to the end" : parts.join(" | ");
}
