// Notebook files off the path JupyterLab writes — lone surrogates, NaN written by Python, bytes that
// are not UTF-8, metadata and outputs nbformat's schema or reading refuses, format 3 with odd parts —
// and kernels that do odd things (a thread pool, their own messages, an exit) —
// each a student of one class graded once by both graders (`npm run autograde` and nbgrader's cycle).
// Each case, in odd-notebooks/, says what went wrong before and checks its student.
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { before, test } from "node:test";
import { gradeClassByBoth, temporaryDir } from "./helpers.mjs";
import { cases as exportNames } from "./odd-notebooks/export-names.mjs";
import { cases as kernelExit } from "./odd-notebooks/kernel-exit.mjs";
import { cases as loneSurrogates } from "./odd-notebooks/lone-surrogates.mjs";
import { cases as malformedParts } from "./odd-notebooks/malformed-parts.mjs";
import { cases as nonFiniteNumbers } from "./odd-notebooks/non-finite-numbers.mjs";
import { cases as notUtf8 } from "./odd-notebooks/not-utf8-notebook.mjs";
import { cases as ownIopubSubscriber } from "./odd-notebooks/own-iopub-subscriber.mjs";
import { cases as ownKernelMessages } from "./odd-notebooks/own-kernel-messages.mjs";
import { cases as refusedMetadata } from "./odd-notebooks/refused-metadata.mjs";
import { cases as threadPool } from "./odd-notebooks/thread-pool.mjs";

const CASES = [...loneSurrogates, ...refusedMetadata, ...nonFiniteNumbers, ...notUtf8, ...malformedParts, ...threadPool, ...ownKernelMessages, ...ownIopubSubscriber, ...kernelExit, ...exportNames];

let graded;
before(async () => {
  const classDir = join(temporaryDir(), "class");
  mkdirSync(classDir);
  for (const each of CASES) each.build(classDir);
  graded = await gradeClassByBoth(classDir);
});

for (const each of CASES) test(each.title, () => each.check(graded));
