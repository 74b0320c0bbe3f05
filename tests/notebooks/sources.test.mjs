// The course notebooks as files: built from their sources, valid for nbformat and
// nbgrader (schema 3), every exercise of the course present with its grade id, and our own
// metadata (course data for the autograder) where the autograder looks for it.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import path from "node:path";
import { courseData } from "neural-mi";
import { checkWeightProblems, hiddenDeclarationProblems, sharedNameProblems } from "../../autograder/src/release/check-metadata.mjs";
import { parseSource, SourceError } from "../../scripts/build-notebooks.mjs";
import { repoRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { codeExercises, courseNotebooks, nbgraderOf, notebooksDir, sourceOf } from "./helpers.mjs";

const notebooks = courseNotebooks();

// The exercises of the source course (COURSE.md), by chapter.
const WRITTEN = {
  "01": ["unknown-distribution", "Z-Z_ref", "divergence"],
  "02": ["optional-r", "r-t"],
  "03": ["eg-min", "gd-limitations", "init-nn", "logsumexp", "param"],
  "04": ["DV-f-D", "zero-F", "convexity", "rev-KL", "tangent-below", "f-D_KL"],
  "05": ["without-replacement", "non-iid"],
};
const CODE = {
  "01": ["sampling"],
  "02": [],
  "03": ["ground_truth"],
  "04": [],
  "05": ["resample", "MINE-Net", "MINETrainer"],
};

test("there are five chapters, in order", () => {
  assert.deepEqual(
    notebooks.map((n) => n.name),
    [
      "01-problem-formulation.ipynb",
      "02-neural-estimation-dv-bound.ipynb",
      "03-training-the-neural-network.ipynb",
      "04-extension-f-divergence.ipynb",
      "05-mutual-information-estimation.ipynb",
    ],
  );
});

test("the built notebooks and image copies are up to date with their sources", () => {
  const run = spawnSync(process.execPath, [path.join(repoRoot, "scripts", "build-notebooks.mjs"), "--check"], { encoding: "utf8" });
  assert.equal(run.status, 0, `build-notebooks --check:\n${run.stdout}${run.stderr}`);
});

test("nbformat and nbgrader's schema 3 validator accept every notebook", () => {
  const script = [
    "import sys, nbformat",
    "from nbgrader.nbgraderformat import MetadataValidator",
    "for f in sys.argv[1:]:",
    "    nb = nbformat.read(f, as_version=4)",
    "    nbformat.validate(nb)",
    "    MetadataValidator().validate_nb(nb)",
    "print('ok')",
  ].join("\n");
  const run = spawnSync(venvPython, ["-c", script, ...notebooks.map((n) => n.file)], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
});

for (const { name, notebook } of notebooks) {
  const chapter = name.slice(0, 2);

  test(`${name}: runs on the TypeScript kernel and carries its chapter metadata`, () => {
    assert.deepEqual(notebook.metadata.kernelspec, { display_name: "TypeScript", language: "typescript", name: "tslab" });
    assert.equal(notebook.metadata.language_info.name, "typescript");
    assert.equal(notebook.nbformat, 4);
    assert.equal(notebook.nbformat_minor, 5);
    assert.equal(notebook.metadata.neural_mi.chapter, Number(chapter));
    assert.equal(typeof notebook.metadata.neural_mi.title, "string");
    const ids = notebook.cells.map((c) => c.id);
    assert.equal(new Set(ids).size, ids.length, "cell ids must be unique");
  });

  test(`${name}: has the chapter's written exercises, 1 point each, with a reference answer`, () => {
    const written = notebook.cells.filter((c) => c.cell_type === "markdown" && nbgraderOf(c));
    assert.deepEqual(written.map((c) => nbgraderOf(c).grade_id), WRITTEN[chapter]);
    for (const cell of written) {
      const meta = nbgraderOf(cell);
      assert.equal(meta.schema_version, 3);
      assert.equal(meta.grade, true);
      assert.equal(meta.solution, true);
      assert.equal(meta.points, 1);
      const source = sourceOf(cell);
      const begin = source.indexOf("BEGIN SOLUTION");
      const end = source.indexOf("END SOLUTION");
      assert.ok(begin >= 0 && end > begin, `${meta.grade_id}: the answer must be inside BEGIN SOLUTION … END SOLUTION`);
      assert.ok(source.slice(begin, end).length > 150, `${meta.grade_id}: the reference answer is missing or too short`);
      assert.deepEqual(cell.metadata.neural_mi, { exercise: meta.grade_id, kind: "written" });
    }
  });

  test(`${name}: every code exercise is followed by a locked, graded test with hidden tests`, () => {
    const exercises = codeExercises(notebook);
    assert.deepEqual(exercises.map((e) => e.id), CODE[chapter]);
    for (const { id, solution, test: testCell } of exercises) {
      assert.match(sourceOf(solution), /\/\/ BEGIN SOLUTION[\s\S]*\/\/ END SOLUTION/, `${id}: solution region`);
      assert.equal(nbgraderOf(solution).grade, false);
      assert.ok(testCell, `${id}: no test cell`);
      const meta = nbgraderOf(testCell);
      assert.equal(meta.grade_id, `${id}-test`);
      assert.equal(meta.grade, true);
      assert.equal(meta.solution, false);
      assert.equal(meta.locked, true);
      assert.ok(meta.points > 0);
      const source = sourceOf(testCell);
      assert.match(source, /\/\/ BEGIN HIDDEN TESTS[\s\S]*\/\/ END HIDDEN TESTS/, `${id}: hidden tests`);
      assert.ok(!/console\.error|process\.stderr/.test(source), `${id}: a test must fail by throwing, not by printing to stderr`);
      assert.ok(notebook.cells.indexOf(testCell) > notebook.cells.indexOf(solution), `${id}: the test must come after the exercise`);
    }
  });

  test(`${name}: the first code cell starts the backend and makes a tensor; no test cell comes before it`, () => {
    const code = notebook.cells.filter((c) => c.cell_type === "code");
    assert.match(sourceOf(code[0]), /await init\(\)/);
    assert.match(sourceOf(code[0]), /tf\.\w+\(/);
    assert.ok(!nbgraderOf(code[0]), "the first code cell must not be graded");
  });

  test(`${name}: runs unattended (no prompts, shell commands or process management)`, () => {
    for (const cell of notebook.cells.filter((c) => c.cell_type === "code")) {
      const source = sourceOf(cell);
      for (const pattern of [/\bprompt\(/, /readline/, /child_process/, /process\.exit/, /process\.kill/, /\brm -rf\b/, /\bexecSync\b/]) {
        assert.ok(!pattern.test(source), `cell ${cell.id} uses ${pattern}`);
      }
    }
  });

  test(`${name}: every image it shows exists next to the notebook`, () => {
    for (const cell of notebook.cells.filter((c) => c.cell_type === "markdown")) {
      for (const [, target] of sourceOf(cell).matchAll(/!\[[^\]]*\]\(([^)]+)\)/g)) {
        assert.ok(existsSync(path.join(notebooksDir, target)), `${cell.id} shows ${target}, which does not exist`);
      }
    }
  });
}

test("grade ids are unique across the course", () => {
  const ids = notebooks.flatMap(({ notebook }) => notebook.cells.filter((c) => nbgraderOf(c)).map((c) => nbgraderOf(c).grade_id));
  assert.equal(new Set(ids).size, ids.length, `duplicates: ${ids.filter((id, i) => ids.indexOf(id) !== i)}`);
});

test("tests that report an estimate carry its ground truth and tolerance in our metadata, matching the code", () => {
  const reporting = notebooks.flatMap(({ notebook }) => notebook.cells.filter((c) => sourceOf(c).includes("reportResult(")));
  assert.deepEqual(reporting.map((c) => nbgraderOf(c)?.grade_id), ["MINETrainer-test"]);
  for (const cell of reporting) {
    const meta = cell.metadata.neural_mi;
    assert.equal(meta.reports_estimate, true);
    assert.equal(meta.ground_truth, courseData({ seed: meta.seed, n: 1000 }).groundTruth);
    const tolerance = Number(/const tolerance = ([0-9.]+);/.exec(sourceOf(cell))?.[1]);
    assert.equal(meta.tolerance, tolerance, "the tolerance in the metadata must be the one the test applies");
    // the epochs a test trains: trainer.step(N), the library's step called on the trainer, or stepWithLoss(loss, N)
    const epochs = Number(/\.step(?:\(|\.call\(\w+, |WithLoss\(\w+, )(\d+)[,)]/.exec(sourceOf(cell))?.[1]);
    assert.equal(meta.epochs, epochs);
    assert.ok(!("nbgrader" in meta));
  }
});

test("the notebook builder rejects malformed sources with the file, line and problem", () => {
  const head = '<!-- notebook {"chapter": 9, "title": "t"} -->\n';
  const cases = [
    ["<!-- cell code -->\nconst a = 1;\n", /:2: a code cell's body must be exactly one ```ts fenced block/],
    ["<!-- cell solution x -->\n```ts\nconst a = 1;\n```\n", /needs a BEGIN SOLUTION/],
    ["<!-- cell answer x -->\nBEGIN SOLUTION\nEND SOLUTION\n<!-- cell answer x -->\nBEGIN SOLUTION\nEND SOLUTION\n", /duplicate grade id "x"/],
    ["<!-- cell solution x -->\n```ts\n// BEGIN SOLUTION\n// END SOLUTION\n```\n<!-- cell test x-test -->\n```ts\nf();\n```\n", /needs points=N/],
    ["<!-- cell test y-test points=1 -->\n```ts\nf();\n```\n", /names no solution cell "y"/],
    ["<!-- cell picture -->\n", /unknown cell kind "picture"/],
    ["<!-- cell markdown -->\n<!-- BEGIN SOLUTION -->\n", /cannot hold a solution region/],
  ];
  for (const [body, message] of cases) {
    assert.throws(() => parseSource("bad.md", head + body), (error) => error instanceof SourceError && message.test(error.message));
  }
  assert.throws(() => parseSource("bad.md", "<!-- cell markdown -->\nhi\n"), /must start with <!-- notebook/);
});

// Math is cut out of the markdown before the blockquote is parsed, so in a multi-line $$
// block inside a blockquote the "> " of the inner lines would show up as ">" in the formula.
test("display math inside a blockquote stays on one line", () => {
  for (const { name, notebook } of notebooks) {
    for (const cell of notebook.cells.filter((c) => c.cell_type === "markdown")) {
      let open = false;
      for (const line of sourceOf(cell).split("\n")) {
        assert.ok(!(open && line.startsWith(">")), `${name}, cell ${cell.id}: put this blockquoted $$ … $$ on one line: ${line}`);
        if ((line.match(/\$\$/g) ?? []).length % 2 === 1) open = !open;
      }
    }
  }
});

test("points per check: the weights in a test's metadata add up to its points and name the checks its code reports", () => {
  const weighed = notebooks.flatMap(({ notebook }) => notebook.cells.filter((c) => c.metadata.neural_mi?.checks));
  assert.deepEqual(weighed.map((c) => [nbgraderOf(c).grade_id, c.metadata.neural_mi.checks]), [["MINETrainer-test", { loss: 2, estimate: 2 }]]);
  for (const { notebook } of notebooks) assert.deepEqual(checkWeightProblems(notebook), []);
  const [cell] = weighed;
  const broken = structuredClone(cell);
  broken.metadata.neural_mi.checks = { loss: 1, estimate: 2, gradient: 2 };
  const problems = checkWeightProblems({ cells: [{ ...broken, source: sourceOf(cell) }] });
  assert.match(problems.join("\n"), /add up to 5, but the cell is worth 4/);
  assert.match(problems.join("\n"), /must report exactly the checks its metadata weighs \(loss, estimate, gradient\).*it reports loss, estimate/);
});

// the hub releases with nbgrader's generate_assignment, which runs no check of ours: the chapters
// themselves must keep every hidden test inside a block, where no later cell can print it
test("every chapter's hidden tests share nothing with later cells: none is part of a top-level declaration", () => {
  let hidden = 0;
  for (const { name, notebook } of notebooks) {
    const cells = notebook.cells.map((cell) => ({ ...cell, source: sourceOf(cell) }));
    hidden += cells.filter((cell) => cell.source.includes("BEGIN HIDDEN TESTS")).length;
    assert.deepEqual(hiddenDeclarationProblems({ cells }), [], name);
  }
  assert.ok(hidden >= 5, `only ${hidden} cells with hidden tests were looked at`);
});

// a name an earlier course cell declares (the set-up's `Rng`) can be rebound by a student's cell as it
// runs, through tslab's shared names: the samplers' tests made their generators and probes with the
// student's class (forgery rebound-rng in tests/autograder/forgeries.test.mjs)
test("tests read no name the course's earlier cells share, but the answers': what else they use they import themselves", () => {
  for (const { name, notebook } of notebooks) {
    assert.deepEqual(sharedNameProblems({ cells: notebook.cells.map((cell) => ({ ...cell, source: sourceOf(cell) })) }), [], name);
  }
  const chapter = notebooks.find(({ name }) => name.startsWith("01")).notebook;
  const cells = chapter.cells.map((cell) => ({ ...cell, source: sourceOf(cell) }));
  const test = cells.find((cell) => nbgraderOf(cell)?.grade_id === "sampling-test");
  assert.match(test.source, /^import \{ Rng \} from "neural-mi";$/m);
  test.source = test.source.replace(/^import \{ Rng \} from "neural-mi";$/m, "");
  const [problem, ...others] = sharedNameProblems({ cells });
  assert.deepEqual(others, []);
  assert.match(problem, /\("sampling-test"\): the test reads Rng from the cells before it.*import it in the test itself \(import \{ Rng \} from "neural-mi"\)/);
});

test("only demonstrations are shortened for grading: demonstrationLength is called in plain code cells after the chapter's last test", () => {
  const shortening = /\bdemonstrationLength\s*\(/;
  let calls = 0;
  for (const { name, notebook } of notebooks) {
    const cells = notebook.cells;
    const lastTest = cells.findLastIndex((cell) => nbgraderOf(cell)?.grade && !nbgraderOf(cell)?.solution);
    cells.forEach((cell, index) => {
      if (cell.cell_type !== "code" || !shortening.test(sourceOf(cell))) return;
      calls++;
      // a test's tolerance was measured for its own training, and an earlier cell's state can feed a test's verdict
      assert.equal(nbgraderOf(cell), undefined, `${name} cell ${index}: an exercise or test cell calls demonstrationLength`);
      assert.ok(index > lastTest, `${name} cell ${index}: calls demonstrationLength before the chapter's last test cell (${lastTest})`);
    });
  }
  assert.ok(calls > 0, "no demonstration calls demonstrationLength");
});

test("test cells are synchronous: nothing a cell scheduled (a timer, a promise) can run while a test runs", () => {
  const tests = notebooks.flatMap(({ notebook }) => notebook.cells.filter((c) => nbgraderOf(c)?.grade && c.cell_type === "code"));
  assert.ok(tests.length > 0);
  for (const cell of tests) assert.doesNotMatch(sourceOf(cell), /\bawait\b|\.then\(|setTimeout|setImmediate/, nbgraderOf(cell).grade_id);
});
