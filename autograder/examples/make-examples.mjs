// Writes the example submissions (one folder per student) from the course
// notebooks, so that `npm run autograde` has a class to grade out of the box.
//   node autograder/examples/make-examples.mjs
// Each student starts from the released notebooks and answers some exercises:
// with the course's reference answers, with a wrong answer of the kind students
// give, or not at all. tests/autograder/examples.test.mjs checks that the
// committed examples are what this script makes from the current notebooks.
import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { serializeNotebook } from "../src/notebook/format.mjs";
import { gradeId, isSolution } from "../src/notebook/nbgrader-cells.mjs";
import { releaseNotebook } from "../src/release/pipeline.mjs";
import { readSourceNotebook, sourceNotebookNames } from "../src/release/release-directory.mjs";
import { loadStubs } from "../src/release/stubs.mjs";
import { repoRoot } from "../src/util/paths.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const REFERENCE = Symbol("the course's reference answer");

/**
 * Who answers what: exercise id -> REFERENCE, a text that replaces the solution
 * region(s), or absent (left as released); `rewritten` overrides "all-reference" for some.
 * `notebooks` lists what they submit.
 */
const STUDENTS = {
  perfect: {
    about:
      "answers every exercise right: the course's reference answers, three of them written as a TypeScript programmer " +
      "would (resample: destructuring, an arrow function, a progress line on process.stdout.write; MINE-Net: chained tensor " +
      "methods, x.matMul(w).add(b).elu(); MINETrainer: chained methods, destructuring, tf.engine().startScope()/endScope()), " +
      "MINETrainer's with a comment of her own in Spanish that names the constructor it does without",
    notebooks: "all",
    answers: "all-reference",
    // the same answers in other words, each of which a grader once refused or failed to compile
    rewritten: {
      resample: [
        "const [xRef, yRef] = [x, y].map((rows) => resample(rows, nRef, { replace: true, rng }));",
        "process.stdout.write(`\\rresampled ${nRef} rows`);",
        "return sideBySide(xRef, yRef);",
      ].join("\n"),
      "MINE-Net": [
        "const h1 = tf.concat([x, y], 1).matMul(this.fc1.weight).add(this.fc1.bias).elu();",
        "const h2 = this.fc2.apply(h1).elu();",
        "return h2.matMul(this.fc3.weight).add(this.fc3.bias);",
      ].join("\n"),
      MINETrainer: [
        "tf.engine().startScope();",
        "const L = this.net.forward(x, y).mean().neg();",
        "const L_ = this.net.forward(xRef, yRef).exp().mean();",
        "const [batchMean] = L_.dataSync();",
        "this.m = (1 - this.beta) * batchMean + this.beta * this.m;",
        "const loss = L.add(L_.div(this.m)) as tf.Scalar;",
        "tf.engine().endScope(loss);",
        "return loss;",
      ].join("\n"),
    },
    // a student's comment is part of the class's text, which the MINETrainer test reads for a constructor
    comments: { MINETrainer: "// Sin constructor (el de MovingAverageTrainer fija beta y m): solo la pérdida." },
  },
  partial: {
    about:
      "right: sampling, MINE-Net and three written answers; wrong: ground_truth (sign), resample (without replacement); " +
      "MINETrainer and the other written answers left as released",
    notebooks: "all",
    answers: {
      sampling: REFERENCE,
      "unknown-distribution": "Only the correlation $\\rho$ is unknown; the distribution is a Gaussian with unit variances.",
      divergence: "By Jensen's inequality for the convex f: the average of f(r) is at least f of the average of r, which is f(1) = 0.",
      ground_truth: "return 0.5 * Math.log(1 - rho * rho);",
      "init-nn": "The weights are tiny (standard deviation 0.02), so every layer's output is close to zero.",
      resample: "const xRef = resample(x, nRef, { rng });\nconst yRef = resample(y, nRef, { rng });\nreturn sideBySide(xRef, yRef);",
      "MINE-Net": REFERENCE,
    },
  },
  empty: {
    about: "hands in the first three chapters as released, nothing answered; chapters 4 and 5 not submitted",
    notebooks: ["01-problem-formulation.ipynb", "02-neural-estimation-dv-bound.ipynb", "03-training-the-neural-network.ipynb"],
    answers: {},
  },
  tampered: {
    about:
      "wrong answers, then edits the sampling test to pass anything and deletes the ground_truth test: both are restored and fail",
    notebooks: ["01-problem-formulation.ipynb", "03-training-the-neural-network.ipynb"],
    answers: {
      sampling: "return rng.multivariateNormal([0, 0], [[1, 0.5], [0.5, 1]], nRef);",
      ground_truth: "return rho;",
    },
    tamper: (/** @type {string} */ name, /** @type {any} */ notebook) => {
      if (name.startsWith("01-")) {
        const test = notebook.cells.find((cell) => gradeId(cell) === "sampling-test");
        test.source = "// Checked by hand: the samples look right.\nconsole.log(\"sampling: OK\");";
      }
      if (name.startsWith("03-")) {
        notebook.cells = notebook.cells.filter((cell) => gradeId(cell) !== "ground_truth-test");
      }
    },
  },
};

/**
 * A solution cell as the student hands it in: the released cell with its stub
 * replaced. The reference answer is the source cell without its markers; any
 * other answer replaces each solution region, indented like it (after the comment, when given).
 * @param {import("../src/notebook/format.mjs").Cell} sourceCell
 * @param {import("../src/notebook/format.mjs").Cell} releasedCell
 * @param {string | typeof REFERENCE | undefined} answer
 * @param {string} [comment] a line of the student's own, put where the solution region begins
 */
function answeredSource(sourceCell, releasedCell, answer, comment) {
  if (answer === undefined) return releasedCell.source;
  const lines = sourceCell.source.split("\n");
  if (answer === REFERENCE) {
    return lines
      .filter((line) => !line.includes("END SOLUTION") && (comment !== undefined || !line.includes("BEGIN SOLUTION")))
      .map((line) => (line.includes("BEGIN SOLUTION") ? line.replace(/\/\/ BEGIN SOLUTION.*/, /** @type {string} */ (comment)) : line))
      .join("\n");
  }
  if (!lines.some((line) => line.includes("BEGIN SOLUTION"))) return answer;
  const out = [];
  let inside = false;
  for (const line of lines) {
    if (line.includes("BEGIN SOLUTION")) {
      inside = true;
      const indent = /^\s*/.exec(line)?.[0] ?? "";
      const written = comment === undefined ? answer : `${comment}\n${answer}`;
      out.push(...written.split("\n").map((answerLine) => (answerLine ? indent + answerLine : answerLine)));
    } else if (line.includes("END SOLUTION")) inside = false;
    else if (!inside) out.push(line);
  }
  return out.join("\n");
}

export function makeExamples({ sourceDir = join(repoRoot, "notebooks"), outDir = here } = {}) {
  const stubs = loadStubs();
  const course = sourceNotebookNames(sourceDir).map((name) => {
    const source = readSourceNotebook(join(sourceDir, name));
    return { name, source, student: releaseNotebook(source, stubs).student };
  });
  /** @type {Record<string, Record<string, string>>} */
  const files = {};
  for (const [student, plan] of Object.entries(STUDENTS)) {
    files[student] = {};
    for (const { name, source, student: released } of course) {
      if (plan.notebooks !== "all" && !plan.notebooks.includes(name)) continue;
      const notebook = structuredClone(released);
      const sourceById = new Map(source.cells.map((cell) => [gradeId(cell), cell]));
      for (const cell of notebook.cells) {
        const id = gradeId(cell);
        if (!id || !isSolution(cell)) continue;
        const answer = plan.rewritten?.[id] ?? (plan.answers === "all-reference" ? REFERENCE : plan.answers[id]);
        cell.source = answeredSource(/** @type {any} */ (sourceById.get(id)), cell, answer, plan.comments?.[id]);
      }
      plan.tamper?.(name, notebook);
      files[student][name] = serializeNotebook(notebook);
    }
  }
  const readme = [
    "# Example submissions",
    "",
    "One folder per student, graded by `npm run autograde` when no folder is given.",
    "Made from the course notebooks by `node autograder/examples/make-examples.mjs`; do not edit by hand.",
    "",
    ...Object.entries(STUDENTS).map(([student, plan]) => `- **${student}**: ${plan.about}.`),
    "",
  ].join("\n");
  return { files, readme };
}

function main() {
  const { files, readme } = makeExamples();
  for (const student of Object.keys(STUDENTS)) rmSync(join(here, student), { recursive: true, force: true });
  for (const [student, notebooks] of Object.entries(files)) {
    mkdirSync(join(here, student), { recursive: true });
    for (const [name, text] of Object.entries(notebooks)) writeFileSync(join(here, student, name), text);
  }
  writeFileSync(join(here, "README.md"), readme);
  console.log(`wrote ${Object.keys(files).length} example submissions to ${here}`);
}

if (process.argv[1] === fileURLToPath(import.meta.url)) main();
