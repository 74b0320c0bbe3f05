#!/usr/bin/env node
// Builds the course notebooks (notebooks/NN-name.ipynb) from their readable sources
// (notebooks/src/NN-name.md) and copies the diagrams of images/ to notebooks/images/,
// where the notebooks (and nbgrader's copies of the notebooks folder) find them.
//
//   node scripts/build-notebooks.mjs          write every notebook and image copy
//   node scripts/build-notebooks.mjs --check  write nothing; exit 1 listing what is stale
//
// Source format: markdown with one HTML-comment marker per cell,
//
//   <!-- notebook {"chapter": 1, "title": "..."} -->     once, first: notebook metadata
//   <!-- cell markdown -->                                plain markdown
//   <!-- cell code -->                                    a ```ts fenced block
//   <!-- cell answer GRADE_ID -->                         written exercise (1 point), markdown
//                                                         with a BEGIN/END SOLUTION region
//   <!-- cell solution GRADE_ID -->                       code exercise, ```ts block with a
//                                                         // BEGIN SOLUTION ... // END SOLUTION region
//   <!-- cell test GRADE_ID points=N {json} -->           autograded test of the code exercise
//                                                         named by {"exercise": ...} (or by
//                                                         GRADE_ID without its "-test" suffix)
//
// Anything after the marker's arguments is a JSON object stored under the cell's
// `neural_mi` metadata (course data such as ground truths and tolerances); nbgrader's own
// metadata is written by this builder only.

import { readFileSync, writeFileSync, readdirSync, existsSync, mkdirSync } from "node:fs";
import { join, basename } from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot } from "./lib/paths.mjs";
import { checkWeightProblems } from "../autograder/src/release/check-metadata.mjs";

const root = repoRoot;
const sourceDir = join(root, "notebooks", "src");
const notebookDir = join(root, "notebooks");
const imageDir = join(root, "images");
const imageCopyDir = join(notebookDir, "images");

const KINDS = new Set(["markdown", "code", "answer", "solution", "test"]);
const CELL_MARKER = /^<!-- cell (\S+)(.*?)-->\s*$/;
const NOTEBOOK_MARKER = /^<!-- notebook (\{.*\}) -->\s*$/;
const GRADE_ID = /^[A-Za-z0-9_-]+$/;

export class SourceError extends Error {}

function fail(file, line, message) {
  throw new SourceError(`${file}:${line}: ${message}`);
}

function parseMarkerArguments(file, line, text) {
  let rest = text.trim();
  const args = { gradeId: undefined, points: undefined, data: {} };
  const jsonStart = rest.indexOf("{");
  if (jsonStart >= 0) {
    try {
      args.data = JSON.parse(rest.slice(jsonStart));
    } catch (error) {
      fail(file, line, `the cell marker's JSON does not parse (${error.message})`);
    }
    rest = rest.slice(0, jsonStart).trim();
  }
  for (const word of rest.split(/\s+/).filter(Boolean)) {
    const points = /^points=(\d+(?:\.\d+)?)$/.exec(word);
    if (points) args.points = Number(points[1]);
    else if (args.gradeId === undefined && GRADE_ID.test(word)) args.gradeId = word;
    else fail(file, line, `unexpected word "${word}" in the cell marker`);
  }
  return args;
}

function trimBlankLines(lines) {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start].trim() === "") start++;
  while (end > start && lines[end - 1].trim() === "") end--;
  return lines.slice(start, end);
}

function unfence(file, line, lines) {
  const body = trimBlankLines(lines);
  if (body.length < 2 || !/^```(ts|typescript)\s*$/.test(body[0]) || body[body.length - 1] !== "```") {
    fail(file, line, "a code cell's body must be exactly one ```ts fenced block");
  }
  return body.slice(1, -1);
}

/** Parses one chapter source into { metadata, cells: [{ kind, gradeId, points, data, source, line }] }. */
export function parseSource(file, text) {
  const lines = text.replace(/\r\n/g, "\n").split("\n");
  let metadata;
  const cells = [];
  let current;
  lines.forEach((text, index) => {
    const lineNumber = index + 1;
    const notebookMarker = NOTEBOOK_MARKER.exec(text);
    if (notebookMarker) {
      if (metadata || cells.length) fail(file, lineNumber, "the notebook marker must come once, first");
      metadata = JSON.parse(notebookMarker[1]);
      return;
    }
    const cellMarker = CELL_MARKER.exec(text);
    if (cellMarker) {
      const kind = cellMarker[1];
      if (!KINDS.has(kind)) fail(file, lineNumber, `unknown cell kind "${kind}" (one of ${[...KINDS].join(", ")})`);
      current = { kind, line: lineNumber, body: [], ...parseMarkerArguments(file, lineNumber, cellMarker[2]) };
      cells.push(current);
      return;
    }
    if (!current) {
      if (text.trim() !== "") fail(file, lineNumber, "text before the first cell marker");
      return;
    }
    current.body.push(text);
  });
  if (!metadata) fail(file, 1, 'the source must start with <!-- notebook {"chapter": N, "title": "..."} -->');

  const gradeIds = new Set();
  for (const cell of cells) {
    const isCode = cell.kind === "code" || cell.kind === "solution" || cell.kind === "test";
    cell.source = (isCode ? unfence(file, cell.line, cell.body) : trimBlankLines(cell.body)).join("\n");
    delete cell.body;
    if (cell.source.trim() === "") fail(file, cell.line, "empty cell");
    const graded = cell.kind === "answer" || cell.kind === "solution" || cell.kind === "test";
    if (graded && !cell.gradeId) fail(file, cell.line, `a ${cell.kind} cell needs a grade id`);
    if (!graded && (cell.gradeId || cell.points !== undefined)) {
      fail(file, cell.line, `a ${cell.kind} cell takes no grade id or points`);
    }
    if (graded) {
      if (gradeIds.has(cell.gradeId)) fail(file, cell.line, `duplicate grade id "${cell.gradeId}"`);
      gradeIds.add(cell.gradeId);
    }
    if (cell.kind === "test" && !(cell.points > 0)) fail(file, cell.line, "a test cell needs points=N (N > 0)");
    if (cell.kind === "answer" && cell.points === undefined) cell.points = 1;
    const needsRegion = cell.kind === "answer" || cell.kind === "solution";
    const hasBegin = cell.source.includes("BEGIN SOLUTION");
    const hasEnd = cell.source.includes("END SOLUTION");
    if (needsRegion && !(hasBegin && hasEnd)) fail(file, cell.line, `a ${cell.kind} cell needs a BEGIN SOLUTION ... END SOLUTION region`);
    if (!needsRegion && (hasBegin || hasEnd)) fail(file, cell.line, `a ${cell.kind} cell cannot hold a solution region`);
    if (cell.kind !== "test" && /(BEGIN|END) HIDDEN TESTS/.test(cell.source)) {
      fail(file, cell.line, "hidden tests belong in test cells only");
    }
  }
  for (const cell of cells.filter((c) => c.kind === "test")) {
    const exercise = cell.data.exercise ?? cell.gradeId.replace(/-test$/, "");
    const solution = cells.find((c) => c.kind === "solution" && c.gradeId === exercise);
    if (!solution) fail(file, cell.line, `test "${cell.gradeId}" names no solution cell "${exercise}" of this notebook`);
    if (cells.indexOf(solution) > cells.indexOf(cell)) fail(file, cell.line, `test "${cell.gradeId}" comes before its exercise`);
    cell.data = { exercise, ...cell.data };
  }
  return { metadata, cells };
}

function nbgraderMetadata(cell) {
  const base = { schema_version: 3, grade_id: cell.gradeId, task: false };
  switch (cell.kind) {
    case "answer":
      return { ...base, grade: true, solution: true, locked: false, points: cell.points };
    case "solution":
      return { ...base, grade: false, solution: true, locked: false };
    case "test":
      return { ...base, grade: true, solution: false, locked: true, points: cell.points };
    default:
      return undefined;
  }
}

function ownMetadata(cell) {
  switch (cell.kind) {
    case "answer":
      return { exercise: cell.gradeId, kind: "written", ...cell.data };
    case "solution":
      return { exercise: cell.gradeId, kind: "code", ...cell.data };
    case "test":
      return { kind: "test", ...cell.data };
    default:
      return Object.keys(cell.data).length ? cell.data : undefined;
  }
}

function sourceLines(source) {
  const lines = source.split("\n");
  return lines.map((line, i) => (i < lines.length - 1 ? line + "\n" : line));
}

/** The notebook (nbformat 4.5) for one parsed source. */
export function buildNotebook(parsed, sourceName) {
  const notebook = assembleNotebook(parsed, sourceName);
  const problems = checkWeightProblems(notebook);
  if (problems.length > 0) throw new Error(`notebooks/src/${sourceName}:\n  ${problems.join("\n  ")}`);
  return notebook;
}

function assembleNotebook(parsed, sourceName) {
  const cells = parsed.cells.map((cell, index) => {
    const metadata = {};
    const nbgrader = nbgraderMetadata(cell);
    if (nbgrader) metadata.nbgrader = nbgrader;
    const own = ownMetadata(cell);
    if (own) metadata.neural_mi = own;
    const isCode = cell.kind === "code" || cell.kind === "solution" || cell.kind === "test";
    const id = cell.gradeId ?? `cell-${String(index).padStart(3, "0")}`;
    const built = { cell_type: isCode ? "code" : "markdown", id, metadata, source: sourceLines(cell.source) };
    if (isCode) {
      built.execution_count = null;
      built.outputs = [];
    }
    return built;
  });
  return {
    cells,
    metadata: {
      kernelspec: { display_name: "TypeScript", language: "typescript", name: "tslab" },
      language_info: {
        codemirror_mode: { mode: "typescript", name: "javascript", typescript: true },
        file_extension: ".ts",
        mimetype: "text/typescript",
        name: "typescript",
      },
      neural_mi: { ...parsed.metadata, source: `notebooks/src/${sourceName}` },
    },
    nbformat: 4,
    nbformat_minor: 5,
  };
}

export function serialize(notebook) {
  return JSON.stringify(notebook, null, 1) + "\n";
}

/** Every file this build writes: [{ path, content }]. */
export function plannedOutputs() {
  const outputs = [];
  const sources = readdirSync(sourceDir).filter((name) => name.endsWith(".md")).sort();
  for (const name of sources) {
    const file = join("notebooks", "src", name);
    const parsed = parseSource(file, readFileSync(join(sourceDir, name), "utf8"));
    outputs.push({ path: join(notebookDir, basename(name, ".md") + ".ipynb"), content: serialize(buildNotebook(parsed, name)) });
  }
  for (const name of readdirSync(imageDir).filter((n) => n.endsWith(".svg")).sort()) {
    outputs.push({ path: join(imageCopyDir, name), content: readFileSync(join(imageDir, name), "utf8") });
  }
  return outputs;
}

/** Files under notebooks/ that look built but have no source any more. */
function orphans(outputs) {
  const planned = new Set(outputs.map((o) => o.path));
  const found = readdirSync(notebookDir).filter((n) => n.endsWith(".ipynb")).map((n) => join(notebookDir, n));
  if (existsSync(imageCopyDir)) {
    found.push(...readdirSync(imageCopyDir).filter((n) => n.endsWith(".svg")).map((n) => join(imageCopyDir, n)));
  }
  return found.filter((path) => !planned.has(path));
}

function main(argv) {
  const check = argv.includes("--check");
  const outputs = plannedOutputs();
  const stale = outputs.filter((o) => !existsSync(o.path) || readFileSync(o.path, "utf8") !== o.content);
  const extra = orphans(outputs);
  const rel = (path) => path.slice(root.length + 1);
  if (check) {
    if (stale.length || extra.length) {
      for (const o of stale) console.log(`stale: ${rel(o.path)}`);
      for (const path of extra) console.log(`no source: ${rel(path)}`);
      console.log("run `node scripts/build-notebooks.mjs` and commit the result");
      process.exitCode = 1;
    } else {
      console.log(`${outputs.length} built files are up to date`);
    }
    return;
  }
  mkdirSync(imageCopyDir, { recursive: true });
  for (const o of stale) {
    writeFileSync(o.path, o.content);
    console.log(`wrote ${rel(o.path)}`);
  }
  for (const path of extra) console.log(`warning: ${rel(path)} has no source (left in place)`);
  if (!stale.length) console.log("everything is up to date");
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    if (!(error instanceof SourceError)) throw error;
    console.error(error.message);
    process.exitCode = 1;
  }
}
