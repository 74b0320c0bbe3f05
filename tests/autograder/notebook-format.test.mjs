// Notebooks in other formats than JupyterLab's: format 3 (IPython 2's worksheets, which nbgrader
// reads converted) is graded as format 4; others are refused with the fix. Files an editor saved
// with a byte-order mark or as UTF-16 are read, with a note that says what to change.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { notebookText, parseNotebook, serializeNotebook } from "../../autograder/src/notebook/format.mjs";
import { python } from "./helpers.mjs";

const FORMAT_3 = {
  metadata: { name: "", kernelspec: { name: "tslab", display_name: "TypeScript", language: "typescript" } },
  nbformat: 3,
  nbformat_minor: 0,
  worksheets: [
    {
      metadata: {},
      cells: [
        { cell_type: "heading", level: 2, metadata: {}, source: ["Squares"] },
        { cell_type: "markdown", metadata: {}, source: ["Write ", "`square`."] },
        {
          cell_type: "code",
          collapsed: false,
          input: ["function square(x: number): number {\n", "  return x * x;\n", "}"],
          language: "typescript",
          metadata: { nbgrader: { grade: false, solution: true, grade_id: "square", locked: false, schema_version: 3 } },
          outputs: [{ output_type: "pyout", prompt_number: 1, text: ["4"] }],
          prompt_number: 1,
        },
      ],
    },
    { metadata: {}, cells: [{ cell_type: "raw", metadata: {}, source: "the second worksheet" }] },
  ],
};

test("a notebook of format 3 is read as format 4: its worksheets' cells in order, inputs as sources, headings as markdown, nbgrader's metadata kept", () => {
  const notebook = parseNotebook(JSON.stringify(FORMAT_3));
  assert.equal(notebook.nbformat, 4);
  assert.equal("worksheets" in notebook, false);
  assert.deepEqual(notebook.cells.map((cell) => cell.cell_type), ["markdown", "markdown", "code", "raw"]);
  assert.equal(notebook.cells[0].source, "## Squares");
  assert.equal(notebook.cells[1].source, "Write `square`.");
  assert.equal(notebook.cells[2].source, "function square(x: number): number {\n  return x * x;\n}");
  assert.equal(notebook.cells[2].metadata.nbgrader.grade_id, "square");
  assert.equal(notebook.cells[2].execution_count, 1);
  assert.deepEqual(notebook.cells[2].outputs, [], "the graders run every cell again");
  assert.equal(notebook.cells[3].source, "the second worksheet");
  assert.equal(notebook.metadata.kernelspec.name, "tslab");
});

test("other formats, and a format 3 notebook without worksheets, are refused with the fix", () => {
  for (const nbformat of [2, 5, "4", undefined]) {
    assert.throws(() => parseNotebook(JSON.stringify({ nbformat, cells: [], metadata: {} })), /is not supported .*save it again and resubmit/);
  }
  assert.throws(() => parseNotebook(JSON.stringify({ nbformat: 3, metadata: {} })), /format 3\) has no list of worksheets/);
  for (const empty of ["", "\n  \n"]) assert.throws(() => parseNotebook(empty), /^NotebookFormatError: the file is empty \(0 bytes, or only blank space\): .*hand in its last good copy/, JSON.stringify(empty));
  const badCell = { ...FORMAT_3, worksheets: [{ cells: [{ cell_type: "code", input: 42 }] }] };
  assert.throws(() => parseNotebook(JSON.stringify(badCell)), /cell 1 has a source that is neither text nor a list of lines/);
});

test("a minor version nbformat refuses (not a whole number from 0) is read as 0; one it reads is kept", () => {
  // 5.5 and 1e30 went to the runner as they were, which stopped on them: a grader error for the student
  for (const minor of [5.5, -1, 1e30, "5", null, undefined]) {
    assert.equal(parseNotebook(JSON.stringify({ nbformat: 4, nbformat_minor: minor, cells: [], metadata: {} })).nbformat_minor, 0, String(minor));
  }
  for (const minor of [0, 5, 99]) assert.equal(parseNotebook(JSON.stringify({ nbformat: 4, nbformat_minor: minor, cells: [], metadata: {} })).nbformat_minor, minor);
});

test("a file's text: UTF-8 as it is; a byte-order mark left out, and UTF-16 of either order decoded, each with a note", () => {
  const json = '{"cells": [], "note": "é ∑ 😀"}';
  assert.deepEqual(notebookText(Buffer.from(json)), { text: json, note: null });
  const bom = notebookText(Buffer.from(`\uFEFF${json}`));
  assert.equal(bom.text, json);
  assert.match(bom.note, /byte-order mark/);
  const little = Buffer.from(`\uFEFF${json}`, "utf16le");
  const big = Buffer.from(little).swap16();
  for (const [bytes, order] of [[little, "little"], [big, "big"]]) {
    const read = notebookText(bytes);
    assert.equal(read.text, json, order);
    assert.match(read.note, new RegExp(`UTF-16 \\(${order}-endian\\)`));
  }
  // an odd trailing byte (a truncated file) is dropped, not a crash; the JSON reader then says it is truncated
  assert.equal(notebookText(Buffer.concat([little, Buffer.from([0x7d])])).text, json);
  // a view into a larger buffer reads only its own bytes
  const shared = Buffer.from(`xx${json}yy`);
  assert.equal(notebookText(shared.subarray(2, 2 + Buffer.byteLength(json))).text, json);
});

// What the runner does with a notebook: nbformat reads it (validating it) and writes it back.
const NBFORMAT_ROUND_TRIP = `import io, sys, nbformat
nb = nbformat.reads(sys.stdin.read(), as_version=4)
nbformat.write(nb, io.StringIO())
print("written")`;

test("lone surrogates and malformed attachments, which stopped the runner as a grader error, are made readable: U+FFFD, the bad attachments left out", () => {
  const cell = (extra) => ({ cell_type: "markdown", metadata: {}, source: "text", ...extra });
  const text = JSON.stringify({
    nbformat: 4,
    nbformat_minor: 5,
    metadata: { note: "KEY" },
    cells: [
      cell({ source: "an answer LONE" }),
      { cell_type: "code", metadata: {}, source: "const s = 'LOW';", outputs: [], execution_count: null },
      cell({ attachments: "not a bundle" }),
      cell({ attachments: { "ok.png": { "image/png": "iVBORw0KGgo=" }, "bad.png": 3 } }),
    ],
  })
    .replace("LONE", "\\ud800")
    .replace("LOW", "\\udc80")
    .replace('"note"', '"note\\ud83d"');
  assert.match(text, /\\ud800/);
  const notebook = parseNotebook(text);
  assert.equal(notebook.cells[0].source, "an answer \uFFFD");
  assert.equal(notebook.cells[1].source, "const s = '\uFFFD';");
  assert.deepEqual(Object.keys(notebook.metadata), ["note\uFFFD"]);
  assert.equal("attachments" in notebook.cells[2], false);
  assert.deepEqual(Object.keys(notebook.cells[3].attachments), ["ok.png"]);
  // a well-formed pair stays as it is
  assert.equal(parseNotebook(text.replace("an answer", "\\ud83d\\ude00")).cells[0].source.startsWith("\u{1F600}"), true);
  const run = spawnSync(python, ["-c", NBFORMAT_ROUND_TRIP], { encoding: "utf8", input: serializeNotebook(notebook) });
  assert.equal(run.stdout.trim(), "written", run.stderr);
  const before = spawnSync(python, ["-c", NBFORMAT_ROUND_TRIP], { encoding: "utf8", input: text });
  assert.notEqual(before.status, 0, "the file as submitted: nbformat cannot read or write it");
});
