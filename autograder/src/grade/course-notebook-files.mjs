// @ts-check
// Which file of a submission folder is which course notebook: the file with the course
// notebook's name (the shallowest, when the folder holds several), or else one notebook saved
// under another name ("arith (1).ipynb" from a second download, "arith-Copy1.ipynb" from
// JupyterLab's Duplicate, "Arith.ipynb") whose cells carry that notebook's exercises (nbgrader's
// grade ids) more than any other course notebook's. A renamed file is graded with a note that
// says so; two or more that claim the same notebook are not guessed between.
import { readFileSync, statSync } from "node:fs";
import { basename } from "node:path";
import { MAX_SUBMITTED_ENTRIES, parseNotebook, submittedNotebookText } from "../notebook/format.mjs";
import { gradeId } from "../notebook/nbgrader-cells.mjs";

// how many notebooks of other names are read to find a renamed course notebook
const MAX_STRAYS_READ = 20;

/**
 * @typedef {import("./restore.mjs").Note} Note
 * @typedef {{ path: string, relative: string }} NotebookFile
 */

/**
 * @param {{ name: string, reference: import("../notebook/format.mjs").Notebook }[]} courseNotebooks
 * @param {NotebookFile[]} files the folder's notebooks (files.mjs)
 * @param {(file: NotebookFile) => Set<string> | null} gradeIdsOf a file's grade ids, null when it cannot be read
 * @returns {{ chosen: Map<string, { file: NotebookFile | null, notes: Note[] }>, extra: NotebookFile[], copies: Map<NotebookFile, string> }}
 *   chosen: per course notebook name, the file to grade (null: none) and what to say about it;
 *   extra: the notebooks not graded; copies: those of them that hold a course notebook's
 *   exercises, with its name (a copy beside the notebook of the course's name)
 */
export function courseNotebookFiles(courseNotebooks, files, gradeIdsOf) {
  const names = new Set(courseNotebooks.map((notebook) => notebook.name));
  const courseIds = courseNotebooks.map((notebook) => ({
    name: notebook.name,
    ids: new Set(notebook.reference.cells.map(gradeId).filter((id) => id !== undefined && id !== null)),
  }));
  const strays = files.filter((file) => !names.has(basename(file.relative)));
  /** @type {Map<string, NotebookFile[]>} course notebook name -> strays that hold its exercises most */
  const claims = new Map();
  // only so many are read: a folder of many large notebooks would otherwise hold up the grader
  for (const stray of strays.slice(0, MAX_STRAYS_READ)) {
    const ids = gradeIdsOf(stray);
    if (!ids || ids.size === 0) continue;
    const overlaps = courseIds.map(({ name, ids: own }) => ({ name, shared: [...own].filter((id) => ids.has(id)).length }));
    const best = Math.max(...overlaps.map((overlap) => overlap.shared));
    const leaders = overlaps.filter((overlap) => overlap.shared === best);
    if (best > 0 && leaders.length === 1) claims.set(leaders[0].name, [...(claims.get(leaders[0].name) ?? []), stray]);
  }
  const used = new Set();
  /** @type {Map<string, { file: NotebookFile | null, notes: Note[] }>} */
  const chosen = new Map();
  for (const { name } of courseNotebooks) {
    const byName = files.filter((file) => basename(file.relative) === name);
    byName.sort((a, b) => a.relative.split("/").length - b.relative.split("/").length || a.relative.localeCompare(b.relative));
    if (byName.length > 0) {
      /** @type {Note[]} */
      const notes = byName.length > 1 ? [{ kind: "several-copies", message: `${name} is in the folder ${byName.length} times; ${byName[0].relative} was graded` }] : [];
      chosen.set(name, { file: byName[0], notes });
      continue;
    }
    const claimants = claims.get(name) ?? [];
    if (claimants.length === 1) {
      used.add(claimants[0]);
      const message = `${claimants[0].relative} was graded as ${name}: no file of that name was in the folder, and its cells hold that notebook's exercises (save it as ${name})`;
      chosen.set(name, { file: claimants[0], notes: [{ kind: "renamed-notebook", message }] });
    } else if (claimants.length > 1) {
      claimants.forEach((file) => used.add(file));
      const list = claimants.map((file) => file.relative).join(", ");
      const message = `${name} was not in the folder under its name, and ${claimants.length} notebooks hold its exercises (${list}), so none was graded: keep the one to grade, named ${name}`;
      chosen.set(name, { file: null, notes: [{ kind: "renamed-notebooks", message }] });
    } else {
      chosen.set(name, { file: null, notes: [] });
    }
  }
  const extra = strays.filter((file) => !used.has(file));
  /** @type {Map<NotebookFile, string>} */
  const copies = new Map();
  for (const [name, claimants] of claims) for (const file of claimants) if (!used.has(file)) copies.set(file, name);
  return { chosen, extra, copies };
}

/**
 * The grade ids of a notebook file's cells, or null when it is larger than `maxMb` or cannot be read.
 * @param {string} path @param {number} maxMb
 */
export function notebookGradeIds(path, maxMb) {
  try {
    // a device or a pipe (a link to /dev/zero): read to its end, never reached
    const stat = statSync(path);
    if (!stat.isFile() || stat.size / 2 ** 20 > maxMb) return null;
    const notebook = parseNotebook(submittedNotebookText(readFileSync(path)).text, { maxDepth: 100, maxEntries: MAX_SUBMITTED_ENTRIES });
    return new Set(notebook.cells.map(gradeId).filter((id) => typeof id === "string"));
  } catch {
    return null;
  }
}
