// Shared by the notebook tests: the built notebooks, their exercises, and running them
// headlessly through nbclient with the real tslab kernel (tests/notebooks/nbrun.py).
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { repoRoot, venvPython } from "../../scripts/lib/paths.mjs";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
export const notebooksDir = path.join(repoRoot, "notebooks");

/** The built notebooks, [{ name, file, notebook }], in chapter order. */
export function courseNotebooks() {
  return readdirSync(notebooksDir)
    .filter((name) => /^\d\d-.*\.ipynb$/.test(name))
    .sort()
    .map((name) => {
      const file = path.join(notebooksDir, name);
      return { name, file, notebook: JSON.parse(readFileSync(file, "utf8")) };
    });
}

export const sourceOf = (cell) => (Array.isArray(cell.source) ? cell.source.join("") : cell.source);
export const nbgraderOf = (cell) => cell.metadata?.nbgrader;

/** Code exercises of a notebook: [{ id, solution, test }] with the cells themselves. */
export function codeExercises(notebook) {
  const cells = notebook.cells;
  return cells
    .filter((c) => c.cell_type === "code" && nbgraderOf(c)?.solution)
    .map((solution) => ({
      id: nbgraderOf(solution).grade_id,
      solution,
      test: cells.find((c) => nbgraderOf(c)?.grade && c.metadata?.neural_mi?.exercise === nbgraderOf(solution).grade_id),
    }));
}

/** The solution cell's source with its BEGIN/END SOLUTION region replaced by `code` (indented like the markers). */
export function withAnswer(solutionSource, code) {
  const lines = solutionSource.split("\n");
  const begin = lines.findIndex((l) => l.includes("BEGIN SOLUTION"));
  const end = lines.findIndex((l) => l.includes("END SOLUTION"));
  if (begin < 0 || end < begin) throw new Error("the solution cell has no BEGIN/END SOLUTION region");
  const indent = /^\s*/.exec(lines[begin])[0];
  const answer = code.split("\n").map((l) => (l ? indent + l : l));
  return [...lines.slice(0, begin), ...answer, ...lines.slice(end + 1)].join("\n");
}

/**
 * Executes a notebook file with nbrun.py. Options: student (run the student version),
 * probes ([{ name, cells: [source] }] run afterwards in the same kernel), timeout (per cell, s),
 * graded (default true: NBGRADER_EXECUTION=autograde, as both graders run a submission, so
 * the course's demonstrations train their shortened length (neural-mi's demonstrationLength)
 * and the test cells exactly what they train when grading; the browser test runs them in full).
 * Resolves to nbrun's report: { seconds, cells: [...], probes: [{ name, cells }], stop }. A kernel
 * that did not start is started once more, as the autograder does (grade-notebook.mjs): on a loaded
 * machine a start can stall once (a chapter's every cell "did not run", 120 s into a CI run).
 */
export async function runNotebook(file, options = {}) {
  const report = await runNotebookOnce(file, options);
  if (report.stop?.kind !== "startup-failed") return report;
  return { ...(await runNotebookOnce(file, options)), firstStart: report.stop.message };
}

function runNotebookOnce(file, { student = false, probes = [], timeout = 600, graded = true } = {}) {
  const scratch = mkdtempSync(path.join(tmpdir(), "neural-mi-nbrun-"));
  const args = [path.join(here, "nbrun.py"), file, "--timeout", String(timeout)];
  if (student) args.push("--student");
  if (probes.length) {
    const probeFile = path.join(scratch, "probes.json");
    writeFileSync(probeFile, JSON.stringify(probes));
    args.push("--probes", probeFile);
  }
  return new Promise((resolve, reject) => {
    const env = jupyterEnv();
    if (graded) env.NBGRADER_EXECUTION = "autograde";
    else delete env.NBGRADER_EXECUTION;
    const child = spawn(venvPython, args, { cwd: path.dirname(file), env });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk) => (out += chunk));
    child.stderr.on("data", (chunk) => (err += chunk));
    child.on("error", reject);
    child.on("close", (status) => {
      rmSync(scratch, { recursive: true, force: true });
      if (status !== 0) return reject(new Error(`nbrun.py ${path.basename(file)} exited with ${status}:\n${err.slice(-3000)}`));
      try {
        resolve(JSON.parse(out));
      } catch (error) {
        reject(new Error(`nbrun.py printed no report (${error.message}):\n${err.slice(-3000)}`));
      }
    });
  });
}

/** One line per failed cell, for assertion messages. */
export function describeFailures(cells) {
  return cells
    .filter((c) => !c.ok)
    .map((c) => `cell ${c.index}${c.grade_id ? ` (${c.grade_id})` : ""}: ${c.ename}: ${c.evalue}${c.stderr ? ` [stderr: ${c.stderr.slice(0, 300)}]` : ""}`)
    .join("\n");
}
