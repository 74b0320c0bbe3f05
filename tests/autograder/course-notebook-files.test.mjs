// Which file of a submission is which course notebook (course-notebook-files.mjs): its own name
// first; else the one renamed notebook that holds its exercises more than any other's.
import assert from "node:assert/strict";
import { test } from "node:test";
import { courseNotebookFiles } from "../../autograder/src/grade/course-notebook-files.mjs";

const withIds = (...ids) => ({ cells: ids.map((id) => ({ cell_type: "code", source: "", metadata: { nbgrader: { grade_id: id } } })) });
const COURSE = [
  { name: "01-first.ipynb", reference: withIds("a", "a-test", "why") },
  { name: "02-second.ipynb", reference: withIds("b", "b-test") },
  { name: "03-third.ipynb", reference: withIds("c", "c-test", "shared") },
];
const file = (relative) => ({ path: `/submission/${relative}`, relative });

function choose(files, idsByFile) {
  const { chosen, extra } = courseNotebookFiles(COURSE, files.map(file), (f) => (idsByFile[f.relative] === null ? null : new Set(idsByFile[f.relative] ?? [])));
  return {
    files: Object.fromEntries([...chosen].map(([name, { file: f }]) => [name, f?.relative ?? null])),
    notes: Object.fromEntries([...chosen].map(([name, { notes }]) => [name, notes.map((note) => note.kind)])),
    extra: extra.map((f) => f.relative),
  };
}

test("a notebook of the course's name is taken, the shallowest of several, whatever its cells hold", () => {
  const result = choose(["01-first.ipynb", "old/01-first.ipynb", "02-second.ipynb"], { "01-first.ipynb": ["b"], "02-second.ipynb": [] });
  assert.deepEqual(result.files, { "01-first.ipynb": "01-first.ipynb", "02-second.ipynb": "02-second.ipynb", "03-third.ipynb": null });
  assert.deepEqual(result.notes["01-first.ipynb"], ["several-copies"]);
  assert.deepEqual(result.extra, []);
});

test("a renamed notebook stands for the course notebook whose exercises it holds most, when that one is missing", () => {
  const result = choose(["01-first (1).ipynb", "Second-Copy1.ipynb", "notes.ipynb", "broken.ipynb"], {
    "01-first (1).ipynb": ["a", "a-test", "shared"],
    // more of the second's ids than of the third's
    "Second-Copy1.ipynb": ["b", "b-test", "shared"],
    "notes.ipynb": [],
    "broken.ipynb": null,
  });
  assert.deepEqual(result.files, { "01-first.ipynb": "01-first (1).ipynb", "02-second.ipynb": "Second-Copy1.ipynb", "03-third.ipynb": null });
  assert.deepEqual(result.notes, { "01-first.ipynb": ["renamed-notebook"], "02-second.ipynb": ["renamed-notebook"], "03-third.ipynb": [] });
  assert.deepEqual(result.extra, ["notes.ipynb", "broken.ipynb"]);
});

test("a renamed copy never replaces a notebook of the course's name, and ties or several claimants are not guessed at", () => {
  // a copy of the first beside the first itself: the first is graded, the copy is extra
  assert.deepEqual(choose(["01-first.ipynb", "01-first-Copy1.ipynb"], { "01-first-Copy1.ipynb": ["a"] }).files["01-first.ipynb"], "01-first.ipynb");
  // a notebook holding as many of the first's ids as of the second's claims neither
  const tie = choose(["mixed.ipynb"], { "mixed.ipynb": ["a", "b"] });
  assert.deepEqual(tie.files, { "01-first.ipynb": null, "02-second.ipynb": null, "03-third.ipynb": null });
  assert.deepEqual(tie.extra, ["mixed.ipynb"]);
  // two copies of the third: none graded, both named in the note
  const { chosen, extra } = courseNotebookFiles(COURSE, ["third (1).ipynb", "third (2).ipynb"].map(file), () => new Set(["c"]));
  assert.equal(chosen.get("03-third.ipynb").file, null);
  assert.match(chosen.get("03-third.ipynb").notes[0].message, /2 notebooks hold its exercises \(third \(1\).ipynb, third \(2\).ipynb\), so none was graded/);
  assert.deepEqual(extra, []);
});

test("at most twenty notebooks of other names are read; a copy beside the notebook of the course's name is told apart from other notebooks", () => {
  const read = [];
  const idsOf = (f) => {
    read.push(f.relative);
    return new Set(f.relative.startsWith("copy") ? ["c"] : []);
  };
  const beside = courseNotebookFiles(COURSE, ["01-first.ipynb", "02-second.ipynb", "03-third.ipynb", "copy of third.ipynb", "notes.ipynb"].map(file), idsOf);
  assert.deepEqual(read, ["copy of third.ipynb", "notes.ipynb"]);
  assert.equal(beside.chosen.get("03-third.ipynb").file.relative, "03-third.ipynb");
  assert.deepEqual([...beside.copies].map(([f, name]) => [f.relative, name]), [["copy of third.ipynb", "03-third.ipynb"]]);
  assert.deepEqual(beside.extra.map((f) => f.relative), ["copy of third.ipynb", "notes.ipynb"]);
  read.length = 0;
  const many = Array.from({ length: 50 }, (_, i) => file(`copy-${String(i).padStart(2, "0")}.ipynb`));
  const { chosen } = courseNotebookFiles(COURSE, many, idsOf);
  assert.equal(read.length, 20);
  assert.match(chosen.get("03-third.ipynb").notes[0].message, /20 notebooks hold its exercises/);
});
