// @ts-check
// Reading and writing .ipynb files (nbformat 4; format 3 is read as 4) as nbformat lays them out, with
// errors that say what is wrong with a notebook in words an instructor reads.
import { isUtf8 } from "node:buffer";
import { nonFiniteAsNull } from "./non-finite.mjs";
import { splitLinesKeepEnds } from "./splitlines.mjs";

/**
 * @typedef {{ [key: string]: any }} Json
 * @typedef {{ cell_type: "code" | "markdown" | "raw", source: string, metadata: Json,
 *   outputs?: Json[], execution_count?: number | null, id?: string, attachments?: Json }} Cell
 * @typedef {{ nbformat: number, nbformat_minor: number, metadata: Json, cells: Cell[] }} Notebook
 */

export class NotebookFormatError extends Error {
  /** @param {string} message */
  constructor(message) {
    super(message);
    this.name = "NotebookFormatError";
  }
}

const CELL_TYPES = new Set(["code", "markdown", "raw"]);
// MIME types nbformat stores as lists of lines besides text/*.
const SPLIT_MIME_TYPES = new Set(["application/javascript", "image/svg+xml"]);

/** @param {unknown} value @returns {value is Json} */
function isObject(value) {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** @param {unknown} value @returns {string | undefined} */
function joinedText(value) {
  if (typeof value === "string") return value;
  if (Array.isArray(value) && value.every((line) => typeof line === "string")) return value.join("");
  return undefined;
}

/** @param {Json} bundle */
function joinMimeBundle(bundle) {
  for (const [mime, value] of Object.entries(bundle)) {
    if (Array.isArray(value) && (mime.startsWith("text/") || SPLIT_MIME_TYPES.has(mime))) {
      const text = joinedText(value);
      if (text !== undefined) bundle[mime] = text;
    }
  }
}

/**
 * How deeply arrays and objects nest in `value` (counted without recursion), up to just past `limit`.
 * @param {unknown} value @param {number} limit
 */
function nestingDepth(value, limit) {
  let deepest = 0;
  /** @type {[unknown, number][]} */
  const stack = [[value, 1]];
  while (stack.length > 0) {
    const [item, depth] = /** @type {[unknown, number]} */ (stack.pop());
    if (typeof item !== "object" || item === null) continue;
    deepest = Math.max(deepest, depth);
    if (deepest > limit) return deepest;
    for (const child of Object.values(item)) if (typeof child === "object" && child !== null) stack.push([child, depth + 1]);
  }
  return deepest;
}

/**
 * How many lists and objects `text` holds, and entries in them, as JSON writes them: its `[`, `{`
 * and `,` outside strings (src/nbgrader/refused_notebooks.py counts the same), counted up to just
 * past `limit`.
 * @param {string} text @param {number} limit
 */
export function jsonEntries(text, limit) {
  let count = 0;
  const length = text.length;
  for (let i = 0; i < length && count <= limit; i++) {
    const code = text.charCodeAt(i);
    if (code === 34 /* " */) {
      for (i++; i < length; i++) {
        const inner = text.charCodeAt(i);
        if (inner === 92 /* \ */) i++;
        else if (inner === 34) break;
      }
    } else if (code === 44 /* , */ || code === 91 /* [ */ || code === 123 /* { */) count++;
  }
  return count;
}

// A submitted notebook's entries, as jsonEntries counts them: a saved notebook of the course holds a
// few thousand, and the largest plot the library draws (a heatmap of 1000 × 1000) a million. JSON.parse
// takes some 130 bytes of the grader's memory for each list or object it reads (with the count of their
// depth): a notebook of 99 MB, under the size allowed, holding 33 million `{}` in an output stopped the
// whole class's run, the grader out of memory (4 GB) before the size of its work was checked.
export const MAX_SUBMITTED_ENTRIES = 5_000_000;
// Far deeper than a saved notebook (plotly figures in outputs nest about ten levels), far below
// what copying and writing it (which recurse) can take.
export const MAX_SUBMITTED_DEPTH = 100;
// the course's notebooks have 25 to 57 cells; a student's own cells added, far fewer than this
export const MAX_SUBMITTED_CELLS = 5000;
// A notebook file above this size is not read: its outputs are cleared before it runs, and
// without them it may hold 20 MB; a file of many hundreds of MB would fill the grader's memory
// (and past 512 MB it cannot even be one string). 100 MB of 10⁶ bytes, nbgrader's own bound on a file that submit
// and collect take (CourseDirectory.max_file_size, 100000 kB of 1000 bytes): at 100 MiB, a notebook of 100.0 to
// 104.9 MB passed validate and our grader, and was left out of the student's submission by the hub's.
export const MAX_NOTEBOOK_FILE_BYTES = 100_000_000;
/** A size in MB of 10⁶ bytes, as the bound is given. @param {number} bytes */
export const megabytesOf = (bytes) => (Number.isInteger(bytes / 1e6) ? String(bytes / 1e6) : (bytes / 1e6).toFixed(1));

/**
 * A notebook file's text from its bytes. Jupyter writes UTF-8 without a byte-order mark; an
 * editor such as Windows Notepad may add one ("UTF-8 with BOM") or save UTF-16, which Jupyter and
 * nbgrader then refuse. The work is still all there, so the file is read, with a note that says
 * what to change.
 * @param {Uint8Array} bytes
 * @returns {{ text: string, note: string | null }}
 */
export function notebookText(bytes) {
  const buffer = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const saveAs = "Jupyter and nbgrader cannot open such a file: open it in an editor and save it as UTF-8 without a byte-order mark";
  if (buffer[0] === 0xef && buffer[1] === 0xbb && buffer[2] === 0xbf) {
    return { text: buffer.subarray(3).toString("utf8"), note: `the file begins with a byte-order mark (saved as "UTF-8 with BOM"), which was left out; ${saveAs}` };
  }
  const utf16 = buffer[0] === 0xff && buffer[1] === 0xfe ? "little" : buffer[0] === 0xfe && buffer[1] === 0xff ? "big" : null;
  if (utf16 !== null) {
    const body = Buffer.from(buffer.subarray(2, 2 + ((buffer.length - 2) & ~1)));
    if (utf16 === "big") body.swap16();
    return { text: body.toString("utf16le"), note: `the file is saved as UTF-16 (${utf16}-endian), and was read as such; ${saveAs}` };
  }
  // bytes of another encoding (an editor's Latin-1 or Windows-1252 "é"), read as U+FFFD, as nbgrader
  // reads them (src/nbgrader/refused_notebooks.py); it graded such a notebook as released before
  if (!isUtf8(buffer)) {
    return { text: buffer.toString("utf8"), note: `the file holds bytes that are not UTF-8 (saved in another encoding, such as Latin-1), each read as \uFFFD; ${saveAs}` };
  }
  return { text: buffer.toString("utf8"), note: null };
}

/**
 * A submitted notebook file's text from its bytes: notebookText's, with the numbers JSON does not
 * allow and Python writes (NaN, Infinity) read as null (non-finite.mjs), and the notes of both.
 * @param {Uint8Array} bytes
 * @returns {{ text: string, note: string | null }}
 */
export function submittedNotebookText(bytes) {
  const decoded = notebookText(bytes);
  const numbers = nonFiniteAsNull(decoded.text);
  const notes = [decoded.note, numbers.note].filter((note) => note !== null);
  return { text: numbers.text, note: notes.length > 0 ? notes.join("; ") : null };
}

/**
 * Parses and checks a notebook file's text. Multi-line fields become strings.
 * @param {string} text
 * @param {{ maxDepth?: number, maxEntries?: number }} [options] maxDepth: refuse data nested deeper (a submission:
 *   copying and writing a notebook recurse, and a few thousand levels overflow the stack); maxEntries: refuse a
 *   text of more entries (jsonEntries), checked before it is read
 * @returns {Notebook}
 */
export function parseNotebook(text, { maxDepth, maxEntries } = {}) {
  if (text.trim() === "") {
    // a save that never finished (a full disk, a closed laptop), or an empty file handed in
    throw new NotebookFormatError(
      "the file is empty (0 bytes, or only blank space): the notebook was never saved into it: hand in its last good copy " +
        "(the checkpoint JupyterLab keeps in .ipynb_checkpoints/ beside it, or File > Revert Notebook to Checkpoint)",
    );
  }
  if (maxEntries !== undefined && jsonEntries(text, maxEntries) > maxEntries) {
    throw new NotebookFormatError(
      `the file holds more than ${maxEntries} entries of lists and objects, more than any saved notebook of the course ` +
        "(a few thousand, and a million in the largest plot the library draws): clear its outputs and save it again",
    );
  }
  /** @type {unknown} */
  let data;
  try {
    // a lone surrogate written as an escape ("\ud800") is valid JSON but no text Python can write:
    // it becomes U+FFFD, in keys too, so that the runner can save the notebook
    data = LONE_SURROGATE_ESCAPE.test(text) ? JSON.parse(text, wellFormed) : JSON.parse(text);
  } catch (error) {
    throw new NotebookFormatError(
      `the file is not valid JSON (${/** @type {Error} */ (error).message}); ` +
        "it may be truncated or edited by hand, and JupyterLab cannot open it either: hand in its last good copy " +
        "(the checkpoint JupyterLab keeps in .ipynb_checkpoints/ beside it, or File > Revert Notebook to Checkpoint)",
    );
  }
  if (!isObject(data)) throw new NotebookFormatError("the file is JSON but not a notebook (expected an object with cells)");
  if (maxDepth !== undefined && nestingDepth(data, maxDepth) > maxDepth) {
    throw new NotebookFormatError(`the file nests its data more than ${maxDepth} levels deep; save it again in JupyterLab`);
  }
  const read = data.nbformat === 3 ? fromFormat3(data) : data;
  if (read.nbformat !== 4) {
    throw new NotebookFormatError(
      `notebook format ${JSON.stringify(read.nbformat)} is not supported (expected nbformat 4, as saved by JupyterLab, or 3); ` +
        "open it in JupyterLab, save it again and resubmit",
    );
  }
  if (!Array.isArray(read.cells)) throw new NotebookFormatError("the notebook has no list of cells");
  const metadata = isObject(read.metadata) ? read.metadata : {};
  /** @type {Cell[]} */
  const cells = read.cells.map((/** @type {unknown} */ raw, /** @type {number} */ index) => parseCell(raw, index));
  return {
    ...read,
    nbformat: 4,
    // nbformat refuses a minor version that is not a whole number from 0 (5.5, -1, 1e30): the runner
    // stopped on it, a grader error
    nbformat_minor: Number.isSafeInteger(read.nbformat_minor) && read.nbformat_minor >= 0 ? read.nbformat_minor : 0,
    metadata,
    cells,
  };
}

const LONE_SURROGATE_ESCAPE = /\\u[dD][89a-fA-F][0-9a-fA-F]{2}/;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** JSON.parse's reviver: strings and keys without lone surrogates. @param {string} _key @param {unknown} value */
function wellFormed(_key, value) {
  if (typeof value === "string") return value.replace(LONE_SURROGATE, "\uFFFD");
  if (isObject(value)) return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key.replace(LONE_SURROGATE, "\uFFFD"), inner]));
  return value;
}

/**
 * A notebook of format 3 (IPython 2 and older editors) as format 4, as nbgrader, which reads it
 * converted, grades it: its worksheets' cells in order, a code cell's `input` as its source and
 * `prompt_number` as its execution count, a heading as a markdown heading. Outputs are dropped:
 * the graders run every cell again.
 * @param {Json} data
 * @returns {Json}
 */
function fromFormat3(data) {
  if (!Array.isArray(data.worksheets)) throw new NotebookFormatError("the notebook (format 3) has no list of worksheets");
  const { worksheets, ...rest } = data;
  const cells = worksheets.flatMap((sheet) => (isObject(sheet) && Array.isArray(sheet.cells) ? sheet.cells : [])).map((raw) => {
    if (!isObject(raw)) return raw;
    const metadata = isObject(raw.metadata) ? raw.metadata : {};
    if (raw.cell_type === "code") {
      const count = raw.prompt_number;
      return { cell_type: "code", metadata, source: raw.input ?? "", outputs: [], execution_count: Number.isInteger(count) ? count : null };
    }
    if (raw.cell_type === "heading") {
      const level = Number.isInteger(raw.level) ? Math.min(Math.max(raw.level, 1), 6) : 1;
      return { cell_type: "markdown", metadata, source: `${"#".repeat(level)} ${joinedText(raw.source ?? "") ?? ""}` };
    }
    return { ...raw, metadata };
  });
  return { ...rest, nbformat: 4, nbformat_minor: 0, cells };
}

/**
 * @param {unknown} raw
 * @param {number} index
 * @returns {Cell}
 */
function parseCell(raw, index) {
  const where = `cell ${index + 1}`;
  if (!isObject(raw)) throw new NotebookFormatError(`${where} is not an object`);
  if (!CELL_TYPES.has(raw.cell_type)) {
    throw new NotebookFormatError(`${where} has cell_type ${JSON.stringify(raw.cell_type)} (expected code, markdown or raw)`);
  }
  const source = joinedText(raw.source ?? "");
  if (source === undefined) throw new NotebookFormatError(`${where} has a source that is neither text nor a list of lines`);
  /** @type {Cell} */
  const cell = { ...raw, cell_type: raw.cell_type, source, metadata: isObject(raw.metadata) ? raw.metadata : {} };
  // an id that is not text (a list, an object) stopped the runner, whose nbformat looks ids up in a
  // set: the notebook was graded as the grader's error. The cell is read without one, as nbgrader's
  // RefusedNotebooks reads it (src/nbgrader/refused_notebooks.py), and gets a fresh one there.
  if ("id" in cell && typeof cell.id !== "string") delete cell.id;
  // attachments nbformat's schema refuses (a string, an attachment that is no bundle) would stop
  // the runner's reading of the notebook: the well-formed ones stay
  if ("attachments" in raw) {
    const kept = isObject(raw.attachments) ? Object.entries(raw.attachments).filter(([, bundle]) => isObject(bundle) && Object.values(bundle).every((data) => typeof data === "string" || (Array.isArray(data) && data.every((line) => typeof line === "string")))) : [];
    if (kept.length > 0) cell.attachments = Object.fromEntries(kept);
    else delete cell.attachments;
  }
  if (cell.cell_type === "code") {
    cell.outputs = Array.isArray(raw.outputs) ? raw.outputs.filter(isObject).map(parseOutput) : [];
    if (!("execution_count" in raw)) cell.execution_count = null;
  }
  return cell;
}

/** @param {Json} raw @returns {Json} */
function parseOutput(raw) {
  const output = { ...raw };
  if (output.output_type === "stream") {
    output.text = joinedText(output.text) ?? "";
  } else if (isObject(output.data)) {
    output.data = { ...output.data };
    joinMimeBundle(output.data);
  }
  return output;
}

/** @param {unknown} value @returns {unknown} */
function sortKeysDeep(value) {
  if (Array.isArray(value)) return value.map(sortKeysDeep);
  if (isObject(value)) {
    /** @type {Json} */
    const sorted = {};
    for (const key of Object.keys(value).sort()) sorted[key] = sortKeysDeep(value[key]);
    return sorted;
  }
  return value;
}

/** @param {Json} bundle */
function splitMimeBundle(bundle) {
  for (const [mime, value] of Object.entries(bundle)) {
    if (typeof value === "string" && (mime.startsWith("text/") || SPLIT_MIME_TYPES.has(mime))) {
      bundle[mime] = splitLinesKeepEnds(value);
    }
  }
}

/**
 * Writes a notebook in nbformat's layout (sorted keys, one-space indent, multi-line
 * strings as lists of lines, a final newline), which nbformat and JupyterLab read
 * and which diffs well. Files nbgrader's format matters for (releases) are written by
 * nbformat itself (release/release_notebooks.py).
 * @param {Notebook} notebook
 * @returns {string}
 */
export function serializeNotebook(notebook) {
  const copy = structuredClone(notebook);
  for (const cell of copy.cells) {
    /** @type {Json} */ (cell).source = splitLinesKeepEnds(cell.source);
    for (const attachment of Object.values(cell.attachments ?? {})) if (isObject(attachment)) splitMimeBundle(attachment);
    if (cell.cell_type !== "code") continue;
    for (const output of cell.outputs ?? []) {
      if (output.output_type === "stream" && typeof output.text === "string") output.text = splitLinesKeepEnds(output.text);
      else if (isObject(output.data)) splitMimeBundle(output.data);
    }
  }
  return JSON.stringify(sortKeysDeep(copy), null, 1) + "\n";
}
