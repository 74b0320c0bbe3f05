// A set-up step run in a node of its own, beside the steps that do not need it: the Python
// environment (pip installing JupyterLab, nbgrader and the rest, about 45 s on a fresh clone, most
// of it waiting on the registry and the disk) while npm's packages are installed, the library built,
// the kernel snapshot and the compile table made, none of which reads the environment. The step's
// node sends its outcome (what it did, or its SetupError's message, fix and output) as one line of
// JSON on a pipe of its own, so that the set-up prints it in its turn as if it had run there.
import { spawn } from "node:child_process";
import { writeSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { SetupError } from "../lib/run.mjs";

const OUTCOME_FD = 3;

/**
 * Starts the step `exportName` of the module `modulePath` in a node of its own; the promise gives
 * what the step returned and the seconds it took, or throws its error (a SetupError stays one).
 * @returns {Promise<{ what: string, seconds: number }>}
 */
export function startBeside(modulePath, exportName) {
  const child = spawn(process.execPath, [fileURLToPath(import.meta.url), modulePath, exportName], {
    stdio: ["ignore", "pipe", "pipe", "pipe"],
  });
  const text = { out: "", err: "", outcome: "" };
  child.stdout.on("data", (chunk) => (text.out += chunk));
  child.stderr.on("data", (chunk) => (text.err += chunk));
  child.stdio[OUTCOME_FD].on("data", (chunk) => (text.outcome += chunk));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code, signal) => {
      let outcome;
      try {
        outcome = JSON.parse(text.outcome);
      } catch {
        const output = (text.out + text.err).trim();
        reject(new SetupError(`the step ended without an outcome (${signal ? `signal ${signal}` : `exit code ${code}`})`, { output, fix: "run the command again; if it fails the same way, report it with the output above" }));
        return;
      }
      // what the step's node printed besides (a warning) is shown as it would have been
      if (text.out) process.stdout.write(text.out);
      if (text.err) process.stderr.write(text.err);
      if (outcome.ok) resolve({ what: outcome.what, seconds: outcome.seconds });
      else if (outcome.setupError) reject(new SetupError(outcome.message, { fix: outcome.fix, output: outcome.output }));
      else reject(new Error(outcome.message));
    });
  });
}

async function runHere(modulePath, exportName) {
  const started = Date.now();
  let outcome;
  try {
    const step = (await import(pathToFileURL(modulePath).href))[exportName];
    const what = await step();
    outcome = { ok: true, what, seconds: (Date.now() - started) / 1000 };
  } catch (error) {
    outcome = error instanceof SetupError
      ? { setupError: true, message: error.message, fix: error.fix, output: error.output }
      : { message: error?.stack ?? String(error) };
  }
  writeSync(OUTCOME_FD, JSON.stringify(outcome));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await runHere(process.argv[2], process.argv[3]);
