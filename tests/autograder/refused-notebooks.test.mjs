// A submitted notebook nbgrader cannot take in hand is graded as the course released it, with a note,
// and the student's other notebooks as usual (src/nbgrader/refused_notebooks.py). nbgrader read each
// notebook whole, unbounded, before any step of ours: 50,000 empty markdown cells (3 MB) took it 46 s
// and 375 MB, so a notebook of the 100 MB a hub lets a student hand in held the whole class's grading;
// and a notebook it could not read (not JSON, nested too deeply) failed the student's whole
// assignment, every notebook of it ungraded, as did one saved with a byte-order mark or as UTF-16,
// which our grader reads, and now nbgrader too, as it reads a format version nbformat refuses
// (4.0, a minor version of 5.5 or none) and metadata null, and grades another format (5, "4"), or
// a cell ours refuses (a heading, a number for source, null), as released. And a submission whose timestamp.txt nbgrader
// cannot parse (the student's side writes it) is graded without a time (src/nbgrader/submission_times.py),
// where the student's whole assignment was left ungraded.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { cpSync, existsSync, linkSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { createCourseDir } from "../../autograder/src/nbgrader/course-dir.mjs";
import { HIDDEN_FOLDER } from "../../autograder/src/grade/class-folder.mjs";
import { fixtureCourse, fixtureSubmissions, gradeWithNbgrader, pythonJson, repoRoot, temporaryDir } from "./helpers.mjs";

const perfectOf = (name) => JSON.parse(readFileSync(join(fixtureSubmissions, "perfect", name), "utf8"));

/** A student's folder holding both notebooks, each the perfect one unless given (text, or null for none). */
function submission(name, { arith = JSON.stringify(perfectOf("arith.ipynb")), strings = JSON.stringify(perfectOf("strings.ipynb")) } = {}) {
  const folder = join(temporaryDir(), name);
  mkdirSync(folder);
  if (arith !== null) writeFileSync(join(folder, "arith.ipynb"), arith);
  if (strings !== null) writeFileSync(join(folder, "strings.ipynb"), strings);
  return folder;
}

// Each way a notebook goes wrong, made from the perfect notebook of that name. Two ways share a
// student, one in each notebook, so that the class stays small.
const READ_AS_OURS = {
  // format versions nbformat cannot read, which our grader reads (each failed the whole assignment)
  "format-4.0": (notebook) => JSON.stringify(notebook).replace('"nbformat":4,', '"nbformat":4.0,'),
  "minor-5.5": (notebook) => JSON.stringify({ ...notebook, nbformat_minor: 5.5 }),
  "no-minor": (notebook) => JSON.stringify({ ...notebook, nbformat_minor: undefined }),
  // metadata null, which our grader reads as none (nbformat raised, failing the whole assignment)
  "null-metadata": (notebook) => JSON.stringify({ ...notebook, metadata: null, cells: notebook.cells.map((cell, i) => (i === 0 ? { ...cell, metadata: null } : cell)) }),
};
const GRADED_AS_RELEASED = {
  "not-json": [(notebook) => JSON.stringify(notebook).slice(0, 500), /it is not a notebook nbgrader can read/],
  "too-deep": [(notebook) => JSON.stringify({ ...notebook, metadata: { ...notebook.metadata, deep: JSON.parse("[".repeat(3000) + "]".repeat(3000)) } }), /it is nested too deeply to be read/],
  // JSON's reader takes it; nbformat's reading raised RecursionError, failing the whole assignment
  "deep-metadata": [(notebook) => JSON.stringify({ ...notebook, cells: notebook.cells.map((cell, i) => (i === 1 ? { ...cell, metadata: { deep: JSON.parse('{"a":'.repeat(600) + "{}" + "}".repeat(600)) } } : cell)) }), /it nests its data more than 100 levels deep/],
  // and cells our grader refuses (each failed the whole assignment)
  "heading-cell": [(notebook) => JSON.stringify({ ...notebook, cells: [...notebook.cells, { cell_type: "heading", level: 1, metadata: {}, source: "A" }] }), /cell \d+ has cell_type "heading" \(expected code, markdown or raw\)/],
  "number-source": [(notebook) => JSON.stringify({ ...notebook, cells: notebook.cells.map((cell, i) => (i === 0 ? { ...cell, source: 5 } : cell)) }), /cell 1 has a source that is neither text nor a list of lines/],
  "null-cell": [(notebook) => JSON.stringify({ ...notebook, cells: [...notebook.cells, null] }), /cell \d+ is not an object/],
  // and formats our grader refuses (each failed the whole assignment)
  "format-5": [(notebook) => JSON.stringify({ ...notebook, nbformat: 5 }), /its notebook format 5 is not supported/],
  "format-text": [(notebook) => JSON.stringify({ ...notebook, nbformat: "4" }), /its notebook format "4" is not supported/],
  // more entries of lists and objects than ours reads (src/notebook/format.mjs, MAX_SUBMITTED_ENTRIES), in a saved
  // output (which the size of the work leaves out): 99 MB of `{}` there stopped our whole run, out of memory
  "many-entries": [(notebook) => JSON.stringify({ ...notebook, cells: notebook.cells.map((cell, i) => (i === 1 ? { ...cell, outputs: [{ output_type: "display_data", metadata: {}, data: { "application/json": "MANY" } }] } : cell)) }).replace('"MANY"', `[${"0,".repeat(5_000_000)}0]`), /it holds more than 5000000 entries of lists and objects/],
};
const pairs = (names) => Array.from({ length: Math.ceil(names.length / 2) }, (_, k) => [names[2 * k], names[2 * k + 1] ?? names[0]]);

const readPairs = pairs(Object.keys(READ_AS_OURS));
const releasedPairs = pairs(Object.keys(GRADED_AS_RELEASED));
const readPairName = ([inArith, inStrings]) => `${inArith}+${inStrings}`;

// Students whose notebooks are read as ours and graded as the perfect ones also carry more that
// nbgrader failed a whole assignment on (a kernel pair less each): the first's notebooks are saved
// with a byte-order mark and as UTF-16 (read as our grader reads them), and she wrote a time in
// timestamp.txt that nbgrader cannot parse (dateutil's OverflowError); and where the course's own
// files go, each handed in a folder named like its file or a file named like its folder (nbgrader's
// copy of the course's files over them raised). Each failed the student's whole assignment, so that
// any of them left her ungraded, and her scores, asserted equal to the perfect student's, missing.
const BAD_TIMESTAMP = readPairName(readPairs[0]);
const ENCODED = readPairName(readPairs[0]);
const ENCODINGS = { "arith.ipynb": (text) => `\uFEFF${text}`, "strings.ipynb": (text) => Buffer.from(`\uFEFF${text}`, "utf16le") };
const IN_THE_WAY = {
  [readPairName(readPairs[0])]: (folder) => mkdirSync(join(folder, "data", "values.txt"), { recursive: true }),
  [readPairName(readPairs[1])]: (folder) => writeFileSync(join(folder, "data"), "mine"),
};

// a student's folder named as a pattern, and with a line break (a learning platform's download may hold one), which
// nbgrader's expression for a student's folder did not match: it stopped there, every student after her ungraded
const PATTERN_FOLDER = "[a]-folder\nof two lines";

/** The students of the first test: each notebook nbgrader cannot take in hand, and the perfect student. */
function refusedSubmissions() {
  const manyCells = perfectOf("arith.ipynb");
  for (let i = 0; i < 6000; i++) manyCells.cells.push({ cell_type: "markdown", id: `m${i}`, metadata: {}, source: "" });
  const submissions = {
    perfect: submission("perfect"),
    "many-cells": submission("many-cells", { arith: JSON.stringify(manyCells) }),
    // a folder named like the notebook (and the student's name a pattern, as [l]inked-file's below)
    [PATTERN_FOLDER]: submission("a-folder", { arith: null }),
  };
  for (const [inArith, inStrings] of readPairs) {
    const name = readPairName([inArith, inStrings]);
    const saved = (file, text) => (name === ENCODED ? ENCODINGS[file](text) : text);
    submissions[name] = submission(name, {
      arith: saved("arith.ipynb", READ_AS_OURS[inArith](perfectOf("arith.ipynb"))),
      strings: saved("strings.ipynb", READ_AS_OURS[inStrings](perfectOf("strings.ipynb"))),
    });
    IN_THE_WAY[name]?.(submissions[name]);
  }
  const releasedPairs = pairs(Object.keys(GRADED_AS_RELEASED));
  for (const [inArith, inStrings] of releasedPairs) {
    submissions[`${inArith}+${inStrings}`] = submission(`${inArith}+${inStrings}`, { arith: GRADED_AS_RELEASED[inArith][0](perfectOf("arith.ipynb")), strings: GRADED_AS_RELEASED[inStrings][0](perfectOf("strings.ipynb")) });
  }
  mkdirSync(join(submissions[PATTERN_FOLDER], "arith.ipynb"));
  // what nbgrader leaves out of its copies (CourseDirectory.ignore), which it looked for in the
  // folder [a]-folder names as a pattern (a-folder) and so copied into her autograded folder
  writeFileSync(join(submissions[PATTERN_FOLDER], "cache.pyc"), "");
  mkdirSync(join(submissions[PATTERN_FOLDER], "feedback"));
  writeFileSync(join(submissions[PATTERN_FOLDER], "feedback", "arith.html"), "<p>10 / 10</p>");
  writeFileSync(join(submissions[BAD_TIMESTAMP], "timestamp.txt"), "99999999999999999999999");
  return submissions;
}

/** The students of the second test, handed in straight into nbgrader's submitted/ of `courseDir`. */
function handInBeside(courseDir) {
  // as a student's archive, unpacked into submitted/, can hold them: nbgrader read the file a link
  // names, and graded the course's solution in full; a file linked beside the notebooks was copied
  // into the autograded folder, and from there into the student's feedback
  const handIn = (student) => {
    const folder = join(courseDir, "submitted", student, "fixture");
    mkdirSync(folder, { recursive: true });
    return folder;
  };
  symlinkSync("../../../source/fixture/arith.ipynb", join(handIn("linked-notebook"), "arith.ipynb"));
  // and hard links, which Python's tarfile (before 3.14) makes of an archive's link to such a path
  linkSync(join(courseDir, "source", "fixture", "strings.ipynb"), join(courseDir, "submitted", "linked-notebook", "fixture", "strings.ipynb"));
  mkdirSync(join(courseDir, "submitted", "linked-folder"));
  symlinkSync("../../source/fixture", join(courseDir, "submitted", "linked-folder", "fixture"));
  const withFile = handIn("linked-file");
  cpSync(join(fixtureSubmissions, "partial"), withFile, { recursive: true });
  symlinkSync("../../../source/fixture/arith.ipynb", join(withFile, "notes.txt"));
  linkSync(join(courseDir, "source", "fixture", "arith.ipynb"), join(withFile, "hard.txt"));
  // a folder whose name is a pattern matching another's: nbgrader took linked-file's notebooks as its
  // own, failed on them, and left linked-file's whole assignment ungraded
  handIn("[l]inked-file");
  // a folder whose name starts with a dot, which nbgrader's pattern passed over without a word
  cpSync(join(fixtureSubmissions, "perfect"), handIn(".hidden-ana"), { recursive: true });
  // and a named pipe, which nbgrader's copy refused, failing the student's whole assignment
  execFileSync("mkfifo", [join(withFile, "pipe")]);
}

// The students of both tests in one course, graded in one nbgrader cycle; the course gives the
// assignment a file (data/values.txt), which the second test's hand-ins stand in the way of.
let graded;
before(async () => {
  const { courseDir } = createCourseDir({ courseDir: temporaryDir(), sourceDir: fixtureCourse, assignment: "fixture" });
  mkdirSync(join(courseDir, "source", "fixture", "data"), { recursive: true });
  writeFileSync(join(courseDir, "source", "fixture", "data", "values.txt"), "1 2 3\n");
  handInBeside(courseDir);
  const logs = [];
  graded = { courseDir, gradebook: await gradeWithNbgrader(courseDir, "fixture", refusedSubmissions(), { logs }), logs };
});

test("nbgrader grades a notebook it cannot take in hand as released, and the student's other notebooks as usual", () => {
  const { courseDir, gradebook } = graded;
  const auto = (student) => Object.fromEntries(Object.entries(gradebook[student]).map(([cell, grade]) => [cell, grade.auto]));
  const note = (student, name) => [JSON.parse(readFileSync(join(courseDir, "autograded", student, "fixture", name), "utf8")).cells[0].source].flat().join("");
  assert.deepEqual(auto("perfect"), { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 1 });
  // notebooks saved with a byte-order mark or as UTF-16 are graded as the same work
  assert.match(note(ENCODED, "arith.ipynb"), /was saved with a byte-order mark, which Jupyter and nbgrader cannot open; it was read as such/);
  assert.match(note(ENCODED, "strings.ipynb"), /was saved as UTF-16, which Jupyter and nbgrader cannot open; it was read as such/);
  for (const pair of readPairs) {
    const student = readPairName(pair);
    assert.ok(gradebook[student], `${student}: graded (read as our grader reads it${student === ENCODED ? ", saved with a byte-order mark and as UTF-16" : ""}${student === BAD_TIMESTAMP ? ", its timestamp.txt unreadable" : ""}, the course's file in the way)`);
    assert.deepEqual(auto(student), auto("perfect"), `${pair.join(" and ")}: read as our grader reads them`);
  }

  const released = { "arith.ipynb:square-test": 0, "arith.ipynb:why-square": 0, "arith.ipynb:mean-test": 0, "strings.ipynb:shout-test": 1 };
  const gradedAsReleased = (student, name, reason) => {
    const text = note(student, name);
    assert.match(text, new RegExp(`\\[autograder\\]\\*\\* The submitted \`${name.replace(".", "\\.")}\` was not graded: `), `${student}: ${name}`);
    assert.match(text, reason, `${student}: ${name}`);
  };
  for (const [student, reason] of [["many-cells", /it has 60\d\d cells \(at most 5000\)/], [PATTERN_FOLDER, /it is not a file/]]) {
    assert.deepEqual(auto(student), released, `${student}: graded as released, the other notebook as usual`);
    gradedAsReleased(student, "arith.ipynb", reason);
    assert.doesNotMatch(note(student, "strings.ipynb"), /\[autograder\]/, `${student}: the other notebook is graded as handed in`);
  }
  for (const left of ["cache.pyc", "feedback"]) assert.equal(existsSync(join(courseDir, "autograded", PATTERN_FOLDER, "fixture", left)), false, `${left} is left out of the copy`);
  for (const [inArith, inStrings] of releasedPairs) {
    const student = `${inArith}+${inStrings}`;
    assert.deepEqual(auto(student), { ...released, "strings.ipynb:shout-test": 0 }, `${student}: both notebooks graded as released`);
    gradedAsReleased(student, "arith.ipynb", GRADED_AS_RELEASED[inArith][1]);
    gradedAsReleased(student, "strings.ipynb", GRADED_AS_RELEASED[inStrings][1]);
  }
});

// the formgrader's lists, as its API makes them, with the course's settings
const LISTS = `
import json, sys
from traitlets.config import Config, PyFileConfigLoader
autograder, root = json.load(sys.stdin)
config = PyFileConfigLoader("nbgrader_config.py", path=autograder).load_config()
config.merge(Config({"CourseDirectory": {"root": root}}))
from nbgrader.apps.api import NbGraderAPI
from nbgrader.coursedir import CourseDirectory
api = NbGraderAPI(coursedir=CourseDirectory(config=config), config=config)
print(json.dumps({name: {"submitted": sorted(api.get_submitted_students(name)), "notebooks": [nb["name"] for nb in api.get_notebooks(name)]} for name in ["fixture", "fixtur[e]", "fixtur."]}))
`;

test("the formgrader lists an assignment by its name as written, not as a pattern", () => {
  const lists = pythonJson(LISTS, [join(repoRoot, "autograder"), graded.courseDir]);
  assert.ok(lists.fixture.submitted.includes(PATTERN_FOLDER) && lists.fixture.submitted.includes("perfect"), JSON.stringify(lists.fixture));
  // no assignment of these names exists: none is handed in, none has notebooks (fixture's were listed as theirs)
  for (const name of ["fixtur[e]", "fixtur."]) assert.deepEqual(lists[name], { submitted: [], notebooks: [] }, name);
});

test("what is handed in beside the notebooks: no symbolic or hard link is graded or copied, nor a pipe, nor what stands where the course's files go", () => {
  const { courseDir, gradebook } = graded;
  const auto = (student) => Object.fromEntries(Object.entries(gradebook[student]).map(([cell, grade]) => [cell, grade.auto]));
  assert.deepEqual(auto("linked-notebook"), { "arith.ipynb:square-test": 0, "arith.ipynb:why-square": 0, "arith.ipynb:mean-test": 0, "strings.ipynb:shout-test": 0 });
  assert.deepEqual(auto("linked-folder"), { "arith.ipynb:square-test": 0, "arith.ipynb:why-square": 0, "arith.ipynb:mean-test": 0, "strings.ipynb:shout-test": 0 });
  const note = (student) => [JSON.parse(readFileSync(join(courseDir, "autograded", student, "fixture", "arith.ipynb"), "utf8")).cells[0].source].flat().join("");
  assert.match(note("linked-notebook"), /was not graded: it is a symbolic link, and links are not graded/);
  const stringsNote = [JSON.parse(readFileSync(join(courseDir, "autograded", "linked-notebook", "fixture", "strings.ipynb"), "utf8")).cells[0].source].flat().join("");
  assert.match(stringsNote, /was not graded: it is a hard link \(one file under several names, the others anywhere on the disk\), and links are not graded/);
  assert.match(note("linked-folder"), /was not graded: the assignment's folder is a symbolic link, and links are not graded/);
  assert.equal(auto("linked-file")["arith.ipynb:square-test"], 2);
  assert.equal(existsSync(join(courseDir, "autograded", "[l]inked-file", "fixture", "arith.ipynb")), false, "no other student's notebook is graded as [l]inked-file's");
  // a hidden folder: not graded by either grader, and both say why in the same words
  assert.equal(gradebook[".hidden-ana"], undefined);
  const [autograding] = graded.logs;
  assert.ok(autograding.includes(`The folder .hidden-ana is not graded: ${HIDDEN_FOLDER}`), autograding.slice(0, 3000));
  // the students with a folder named like the course's file and a file named like its folder (IN_THE_WAY)
  for (const student of Object.keys(IN_THE_WAY)) {
    assert.ok(gradebook[student], `${student}: graded, although what she handed in stands where the course's file goes`);
    assert.deepEqual(auto(student), { "arith.ipynb:square-test": 2, "arith.ipynb:why-square": null, "arith.ipynb:mean-test": 3, "strings.ipynb:shout-test": 1 }, student);
    assert.equal(readFileSync(join(courseDir, "autograded", student, "fixture", "data", "values.txt"), "utf8"), "1 2 3\n", `${student}: the course's file is in place`);
  }
  for (const folder of ["autograded", "feedback"]) {
    assert.equal(existsSync(join(courseDir, folder, "linked-file", "fixture", "notes.txt")), false, `${folder} holds no copy of the linked file`);
    assert.equal(existsSync(join(courseDir, folder, "linked-file", "fixture", "hard.txt")), false, `${folder} holds no copy of the hard-linked file`);
    assert.equal(existsSync(join(courseDir, folder, "linked-file", "fixture", "pipe")), false, `${folder} holds no pipe`);
  }
});

test("generate_feedback names no setting of the course's feedback steps as not recognized", () => {
  const [, feedback] = graded.logs;
  assert.match(feedback, /GenerateFeedbackApp/, "the log is generate_feedback's");
  // HideHiddenTests and HideMarkSchemes printed "Config option `display_data_priority` not recognized" twice each
  assert.deepEqual(feedback.split("\n").filter((line) => line.includes("not recognized")), []);
});
