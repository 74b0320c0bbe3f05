// @ts-check
// The file of points entered by hand (`npm run autograde -- manual`), as an instructor's editor or
// spreadsheet saves it: a byte-order mark, CRLF, UTF-16 are read; a decimal comma, a number typed as
// text and bytes of another encoding are refused with the line and the fix. No kernel: a report of one
// student made here.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { answerHash, readManualGrades } from "../../autograder/src/report/manual-grades.mjs";
import { temporaryDir } from "./helpers.mjs";

const out = temporaryDir();
const path = join(out, "manual-grades.json");
const report = /** @type {any} */ ({
  course: { notebooks: [{ name: "nb.ipynb", exercises: [{ id: "why", kind: "written", maxPoints: 1 }] }] },
  students: [{ student: "ann", status: "graded" }],
});
const entry = { student: "ann", notebook: "nb.ipynb", exercise: "why", maxPoints: 1, answer: "Because.", reference: "", answerHash: answerHash("Because."), points: 0.5, comment: "très bien" };
const file = { about: "", grades: [entry] };
const read = (/** @type {string | Buffer} */ content) => {
  writeFileSync(path, content);
  return () => readManualGrades(out, report);
};

test("a points file saved with a byte-order mark and CRLF, or as UTF-16, is read as written", () => {
  // "Unexpected token '\uFEFF'", and a refusal that advised deleting the file, before
  const text = JSON.stringify(file, null, 1).replaceAll("\n", "\r\n");
  assert.equal(read(`\uFEFF${text}`)()?.grades[0].points, 0.5);
  assert.equal(read(Buffer.from(`\uFEFF${text}`, "utf16le"))()?.grades[0].comment, "très bien");
});

test("a decimal comma, a number as text and another encoding are refused with the line and the fix, never the advice to delete the file", () => {
  const lines = JSON.stringify(file, null, 1).replace('"points": 0.5', '"points": 0,5');
  const line = lines.split("\n").findIndex((text) => text.includes("0,5")) + 1;
  assert.throws(
    read(lines),
    new RegExp(
      `is not valid JSON at line ${line}, column \\d+ \\(.*\\): "points": 0,5,; a number in JSON takes a decimal point: write 0\\.5, not 0,5; ` +
        "nothing was changed: fix it there and run again \\(the points entered are in this file: deleting it loses them\\)",
    ),
  );
  assert.throws(read('{"grades": ['), /is not valid JSON at line 1, column 13 \(Unexpected end of JSON input\): \{"grades": \[; nothing was changed/);
  assert.throws(read(JSON.stringify({ ...file, grades: [{ ...entry, points: "0,5" }] })), /got "0,5" \(text: write the number without quotes, with a decimal point, 0\.5\)/);
  assert.throws(read(Buffer.from(JSON.stringify(file), "latin1")), /holds bytes that are not UTF-8 \(saved in another encoding, such as Latin-1 or Windows-1252\); nothing was changed: .*save it as UTF-8/);
});
