// nbgrader's export of this class's gradebook with the course's configuration, once students named
// as a learning platform's download names folders are in it (nbgrader's autograde adds every folder
// of submitted/ as a student, under its name): nbgrader's own CSV joined the fields unquoted, so
// "Doe, Jane" moved the scores a column over, a name with a line break made a row of its own (here a
// full score for another student id), and "=HYPERLINK(…)" ran as a formula in the spreadsheet.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { venvBin, venvBinDir, venvPython } from "../../../scripts/lib/paths.mjs";
import { nbgrader, pythonJson } from "../helpers.mjs";

const ADD_STUDENTS = `import json, sys
from nbgrader.api import Gradebook
db, names = json.load(sys.stdin)
with Gradebook(db) as gb:
    for name in names:
        gb.update_or_create_student(name)
print("{}")`;

// the export run with files limited to 200 bytes, as a disk that fills while it writes
const CUT_SHORT = `import os, resource, sys
resource.setrlimit(resource.RLIMIT_FSIZE, (200, 200))
os.execv(sys.argv[1], sys.argv[1:])`;

const NAMES = ["Doe, Jane", "eve\nfixture,,,thread-pool,,,,7.0,0.0,7.0,7.0", '=HYPERLINK("http://x","y")'];

/** RFC 4180 rows of `text`: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let value = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (quoted) {
      if (char === '"' && text[i + 1] === '"') (value += '"'), i++;
      else if (char === '"') quoted = false;
      else value += char;
    } else if (char === '"') quoted = true;
    else if (char === ",") row.push(value), (value = "");
    else if (char === "\n") row.push(value), rows.push(row), (row = []), (value = "");
    else value += char;
  }
  return rows;
}

export const cases = [
  {
    student: null,
    title: "nbgrader's export keeps each field of a student named with a comma, a line break or a formula in its column",
    build() {},
    check(graded) {
      pythonJson(ADD_STUDENTS, [`sqlite:///${join(graded.courseDir, "gradebook.db")}`, NAMES]);
      const file = join(graded.courseDir, "grades.csv");
      nbgrader(["export", "--to", file], graded.courseDir);
      const [header, ...rows] = parseCsv(readFileSync(file, "utf8"));
      assert.deepEqual(header.slice(3, 4).concat(header.slice(7)), ["student_id", "raw_score", "late_submission_penalty", "score", "max_score"]);
      for (const row of rows) assert.equal(row.length, header.length, JSON.stringify(row));
      const byId = new Map(rows.map((row) => [row[3], Object.fromEntries(header.map((name, i) => [name, row[i]]))]));
      assert.equal(byId.get("Doe, Jane").score, "0.0");
      assert.equal(byId.get(NAMES[1]).score, "0.0");
      assert.equal(byId.get(`'${NAMES[2]}`).score, "0.0");
      // one row per student id: the line break made no row of its own
      assert.equal(rows.filter((row) => row[3] === "thread-pool").length, 1);
      assert.equal(byId.get("thread-pool").score, "5.0");
      // an export cut short leaves the last whole file in place, not half of a new one, and no scrap beside it
      const whole = readFileSync(file, "utf8");
      pythonJson(ADD_STUDENTS, [`sqlite:///${join(graded.courseDir, "gradebook.db")}`, ["late-comer"]]);
      const cut = spawnSync(venvPython, ["-c", CUT_SHORT, venvBin("nbgrader"), "export", "--to", file], {
        cwd: graded.courseDir,
        encoding: "utf8",
        env: { ...process.env, PATH: `${venvBinDir}:${process.env.PATH}` },
      });
      assert.notEqual(cut.status, 0, "the export could not write its file");
      assert.equal(readFileSync(file, "utf8"), whole);
      assert.deepEqual(readdirSync(graded.courseDir).filter((name) => name.endsWith(".partial")), []);
    },
  },
];
