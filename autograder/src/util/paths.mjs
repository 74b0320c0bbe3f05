// @ts-check
// Where things are in the repository, and which Python runs the executor.
import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const autograderDir = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
export const repoRoot = resolve(autograderDir, "..");
export const stubsPath = join(autograderDir, "stubs.json");

/** The project's Python (its .venv), or NEURAL_MI_PYTHON when set. */
export function projectPython() {
  if (process.env.NEURAL_MI_PYTHON) return process.env.NEURAL_MI_PYTHON;
  const venvPython = join(repoRoot, ".venv", process.platform === "win32" ? "Scripts/python.exe" : "bin/python");
  if (!existsSync(venvPython)) {
    throw new Error(`the project's Python environment is missing (${venvPython}): run \`npm start\` or \`npm test\` once to set it up`);
  }
  return venvPython;
}
