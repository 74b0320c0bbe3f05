#!/usr/bin/env node
// Puts everything in place that `npm start` and `npm test` need, skipping what is
// already there. Uses Node.js builtins only: it runs before node_modules exists.
import path from "node:path";
import { fileURLToPath } from "node:url";
import { stampDir } from "./lib/paths.mjs";
import { SetupError } from "./lib/run.mjs";
import { holdSetup } from "./lib/setup-lock.mjs";
import { checkNode } from "./setup/node.mjs";
import { ensureNpmPackages } from "./setup/npm-packages.mjs";
import { ensureLibraryBuilt } from "./setup/library.mjs";
import { ensurePythonEnv } from "./setup/python-env.mjs";
import { ensureKernelRegistered } from "./setup/kernel.mjs";
import { ensureKernelSnapshot } from "./setup/kernel-snapshot.mjs";
import { ensureCourseCompileTable } from "./setup/course-compile-table.mjs";
import { startBeside } from "./setup/step-beside.mjs";

// The Python environment needs none of the steps before it and none of them reads it: it runs in a
// node of its own from the start (step-beside.mjs), and is printed, waited for if need be, in its turn,
// before the kernel's registration, which writes into it, and the compile table, which releases the
// course's cells with nbgrader's steps. On a fresh clone that saves about 25 s.
let pythonEnv;
const startPythonEnv = () => {
  pythonEnv = startBeside(fileURLToPath(new URL("./setup/python-env.mjs", import.meta.url)), "ensurePythonEnv");
  pythonEnv.catch(() => {}); // its failure is reported in its turn
};
const steps = [
  ["node", () => {
    const what = checkNode();
    startPythonEnv();
    return what;
  }],
  ["npm packages", ensureNpmPackages],
  ["library", ensureLibraryBuilt],
  ["kernel snapshot", ensureKernelSnapshot],
  ["python env", () => pythonEnv],
  ["tslab kernel", ensureKernelRegistered],
  ["compile table", ensureCourseCompileTable],
];

// one set-up at a time in this checkout: a second npm start (or validate) waits for the first's
await holdSetup(path.join(stampDir, "setup.lock"), {
  onWait: ({ pid }) => console.log(`setup: another set-up (process ${pid}) is running in this folder (a second npm start, or npm run validate?): waiting for it to end…`),
});

for (const [name, step] of steps) {
  process.stdout.write(`setup: ${name} ... `);
  const started = Date.now();
  try {
    let what = await step();
    let seconds = (Date.now() - started) / 1000;
    // a step run beside the others: the time it took there
    if (typeof what === "object") ({ what, seconds } = what);
    console.log(seconds >= 2 ? `${what} (${seconds.toFixed(0)} s)` : what);
  } catch (error) {
    console.log("FAILED");
    // the lock stays held until the environment's pip has ended: a set-up started again at once
    // would run a second pip in the same .venv
    if (pythonEnv && name !== "python env") {
      console.error("setup: waiting for the Python environment's step, which runs beside, to end…");
      await pythonEnv.catch(() => {});
    }
    if (!(error instanceof SetupError)) throw error;
    if (error.output) console.error(error.output.trimEnd());
    console.error(`\nsetup: ${error.message}`);
    if (error.fix) console.error(`setup: to fix: ${error.fix}`);
    process.exit(1);
  }
}
