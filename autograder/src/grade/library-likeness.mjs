// @ts-check
// Answers that are the library's own source, pasted. The library implements what several
// exercises ask for (Net, resample, the MINE trainer's loss), and its source is in every
// student's copy of the course: a pasted copy runs, passes the tests, and the guard on the
// library's calls cannot see it (it recognises calls into the library, not code). Such an
// answer keeps its points, and the notebook gets a note for the instructor, who decides.
//
// A cell's code is read as TypeScript tokens, every name and literal made alike (a copy with
// its variables renamed is the same copy), and a token counts as the library's when it lies in
// a run of RUN_TOKENS tokens that the library's source also has. The course's own reference
// solutions, written to the same exercises in the same style, share at most 17 % of their
// tokens with the library this way (tests/autograder/library-likeness.test.mjs); a note needs
// SHARE_FLAGGED of a cell of at least MIN_TOKENS.
import { readdirSync, readFileSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join, relative } from "node:path";
import { isSolution } from "../notebook/nbgrader-cells.mjs";
import { repoRoot } from "../util/paths.mjs";
import { writtenByStudent } from "./inspect-cells.mjs";
import { MAX_SCANNED_TOKENS, scannedTokens } from "./token-count.mjs";

/** @type {typeof import("typescript")} */
const ts = createRequire(import.meta.url)("typescript");

export const RUN_TOKENS = 20;
export const MIN_TOKENS = 40;
export const SHARE_FLAGGED = 0.5;

const LITERALS = new Set([
  ts.SyntaxKind.StringLiteral,
  ts.SyntaxKind.NumericLiteral,
  ts.SyntaxKind.BigIntLiteral,
  ts.SyntaxKind.NoSubstitutionTemplateLiteral,
  ts.SyntaxKind.TemplateHead,
  ts.SyntaxKind.TemplateMiddle,
  ts.SyntaxKind.TemplateTail,
  ts.SyntaxKind.RegularExpressionLiteral,
]);

// a token as one character: a name, a literal, or the syntax kind (keywords, punctuation) offset
// past both, so that a run of tokens is a substring (slicing and joining arrays of token strings
// took most of the 0.3 s of CPU every grading run spent reading the library's source)
const NAME = "n";
const LITERAL = "l";
const KIND_OFFSET = 0x100;

/**
 * The code's tokens, comments and spaces left out, names and literals made alike: one character a token.
 * @param {string} source @returns {string}
 */
export function codeTokens(source) {
  const scanner = ts.createScanner(ts.ScriptTarget.Latest, /* skipTrivia */ true, ts.LanguageVariant.Standard, source);
  let tokens = "";
  for (let kind = scanner.scan(); kind !== ts.SyntaxKind.EndOfFileToken; kind = scanner.scan()) {
    if (kind === ts.SyntaxKind.Identifier || kind === ts.SyntaxKind.PrivateIdentifier) tokens += NAME;
    else if (LITERALS.has(kind)) tokens += LITERAL;
    else tokens += String.fromCharCode(KIND_OFFSET + kind);
  }
  return tokens;
}

/**
 * Each run of RUN_TOKENS consecutive tokens that names something, with the index it starts at: a
 * run of literals and punctuation alone is a list of data (any array of numbers), not code.
 * @param {string} tokens @returns {Generator<[number, string]>}
 */
function* runsOf(tokens) {
  let lastName = -1;
  for (let end = 0; end < tokens.length; end++) {
    if (tokens[end] === NAME) lastName = end;
    const start = end - RUN_TOKENS + 1;
    if (start >= 0 && lastName >= start) yield [start, tokens.slice(start, end + 1)];
  }
}

/**
 * Every run of RUN_TOKENS tokens in the library's TypeScript sources under `dir`, with the file it is from.
 * @param {string} dir
 * @returns {Map<string, string>} run -> the file's path relative to the repository
 */
export function libraryRuns(dir) {
  /** @type {Map<string, string>} */
  const runs = new Map();
  /** @param {string} folder */
  const walk = (folder) => {
    for (const name of readdirSync(folder).sort()) {
      const path = join(folder, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (name.endsWith(".ts") && !name.endsWith(".d.ts")) {
        const file = relative(repoRoot, path);
        for (const [, run] of runsOf(codeTokens(readFileSync(path, "utf8")))) {
          if (!runs.has(run)) runs.set(run, file);
        }
      }
    }
  };
  walk(dir);
  return runs;
}

/** @type {Map<string, string> | null} */
let theLibrarysRuns = null;

/** The runs of this checkout's library (lib/src), read once per grader; empty where its source is not there. */
function ownLibraryRuns() {
  if (theLibrarysRuns === null) {
    try {
      theLibrarysRuns = libraryRuns(join(repoRoot, "lib", "src"));
    } catch {
      theLibrarysRuns = new Map();
    }
  }
  return theLibrarysRuns;
}

/**
 * How much of `source` is the library's: the share of its tokens in runs the library has (and
 * `given`, the runs of what the students were given, has not), and the files those runs are
 * from (most first).
 * @param {string} source @param {Map<string, string>} runs @param {Set<string>} [given]
 * @returns {{ tokens: number, share: number, files: string[] }}
 */
export function likeness(source, runs, given = new Set()) {
  const tokens = codeTokens(source);
  const covered = new Uint8Array(tokens.length);
  /** @type {Map<string, number>} */
  const files = new Map();
  for (const [i, run] of runsOf(tokens)) {
    const file = given.has(run) ? undefined : runs.get(run);
    if (file === undefined) continue;
    covered.fill(1, i, i + RUN_TOKENS);
    files.set(file, (files.get(file) ?? 0) + 1);
  }
  const share = tokens.length === 0 ? 0 : covered.reduce((sum, bit) => sum + bit, 0) / tokens.length;
  return { tokens: tokens.length, share, files: [...files].sort((a, b) => b[1] - a[1]).map(([file]) => file) };
}

/** @type {WeakMap<import("../notebook/format.mjs").Notebook, { sources: Set<string>, runs: Set<string> }>} */
const givenByNotebook = new WeakMap();

/**
 * The released notebook's cell sources and code runs, made once per course notebook (every
 * submission of a grading run is read against the same released notebook).
 * @param {import("../notebook/format.mjs").Notebook} released
 */
function whatWasGiven(released) {
  let given = givenByNotebook.get(released);
  if (given === undefined) {
    const codeCells = released.cells.filter((cell) => cell.cell_type === "code");
    given = {
      sources: new Set(released.cells.map((cell) => cell.source)),
      runs: new Set(codeCells.flatMap((cell) => Array.from(runsOf(codeTokens(cell.source)), ([, run]) => run))),
    };
    givenByNotebook.set(released, given);
  }
  return given;
}

/**
 * Notes for the cells the student wrote (answers and cells of their own, not the course's) that
 * are mostly the library's source, not counting what the released notebook gives them (a stub's
 * signature, the course's cells).
 * @param {import("../notebook/format.mjs").Notebook} submission as submitted, before any cell is replaced
 * @param {import("../notebook/format.mjs").Notebook} released the notebook as released to students
 * @param {Map<string, string>} [runs] the library's runs (default: this checkout's lib/src)
 * @returns {{ kind: string, cell?: string, message: string }[]}
 */
export function libraryCopyNotes(submission, released, runs = ownLibraryRuns()) {
  if (runs.size === 0) return [];
  const { sources: releasedSources, runs: given } = whatWasGiven(released);
  return submission.cells.flatMap((cell, index) => {
    if (!writtenByStudent(cell) || !cell.source.trim() || releasedSources.has(cell.source)) return [];
    // a cell the reading of the code rejects as data unread (token-count.mjs) does not run: no note
    if (scannedTokens(cell.source, MAX_SCANNED_TOKENS) > MAX_SCANNED_TOKENS) return [];
    const found = likeness(cell.source, runs, given);
    if (found.tokens < MIN_TOKENS || found.share < SHARE_FLAGGED) return [];
    const id = isSolution(cell) ? cell.metadata.nbgrader?.grade_id : undefined;
    const what = id ? `the answer cell "${id}"` : `cell ${index + 1}`;
    const message =
      `${what} is ${Math.round(found.share * 100)} % the library's own source (${found.files.slice(0, 3).join(", ")}), token for token up to names: ` +
      "its points stand; check by hand that it is the student's work";
    return [{ kind: "library-copy", ...(id ? { cell: id } : {}), message }];
  });
}
