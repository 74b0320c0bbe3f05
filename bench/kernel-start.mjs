// A/B of the CPU a course kernel spends to start and run one small cell, for two checkouts
// (each its own lib/kernel/start-tslab.cjs, from its own kernel snapshot when it has one, as
// the registered kernel starts). Starts A and B alternately, N of each (the machine is shared:
// both see the same load), reads each kernel process's utime + stime before it is stopped, and
// prints the medians and B/A. The kernels run in an empty folder, or in --cwd (a cell that imports
// neural-mi compiles where the notebooks are: --cwd notebooks). A relative --cwd is taken inside each
// checkout: one folder for both had A's kernels compile against B's library, whose declaration
// files A's snapshot had not parsed.
//   node bench/kernel-start.mjs <checkout A> <checkout B> [N=8] [--cell "1+1"] [--cwd <folder>]
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { venvPython } from "../scripts/lib/paths.mjs";
import { jupyterEnv } from "../scripts/lib/jupyter-env.mjs";

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const cellAt = args.indexOf("--cell");
const cell = cellAt === -1 ? "1+1" : args.splice(cellAt, 2)[1];
const cwdAt = args.indexOf("--cwd");
const cwdOption = cwdAt === -1 ? null : args.splice(cwdAt, 2)[1];
/** @param {string} root */
const cwdIn = (root) => (cwdOption === null ? null : path.resolve(root, cwdOption));
const [rootA, rootB, count = "8"] = args;
if (!rootA || !rootB) {
  console.error('usage: node bench/kernel-start.mjs <checkout A> <checkout B> [N=8] [--cell "1+1"] [--cwd <folder>]');
  process.exit(2);
}

/** The registered kernel's argv for a checkout (scripts/setup/kernel.mjs), with its snapshot when it has one. */
function kernelArgv(root) {
  const blob = path.join(root, ".cache", "kernel-snapshot", "kernel.blob");
  const start = path.join(root, "lib", "kernel", "start-tslab.cjs");
  const snapshot = fs.existsSync(blob) ? ["--snapshot-blob", blob] : ["--require", path.join(root, "lib", "kernel", "harden.cjs")];
  return [process.execPath, ...snapshot, start, "kernel", "--config-path", "{connection_file}"];
}

function kernelCpu(argv, cwd) {
  const run = spawnSync(venvPython, [path.join(here, "kernel_start.py")], { input: JSON.stringify({ argv, cell, cwd }), env: jupyterEnv(), encoding: "utf8" });
  if (run.status !== 0) throw new Error(`a kernel of ${argv.join(" ")} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout).cpu;
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const builds = [
  { name: "A", root: path.resolve(rootA), cpu: [] },
  { name: "B", root: path.resolve(rootB), cpu: [] },
];
for (const build of builds) console.log(`${build.name}: ${kernelArgv(build.root).slice(1, -3).join(" ")}`);
for (let i = 0; i < Number(count); i++) {
  // alternate who goes first
  for (const build of i % 2 ? [...builds].reverse() : builds) build.cpu.push(kernelCpu(kernelArgv(build.root), cwdIn(build.root)));
}
const [a, b] = builds.map((build) => median(build.cpu));
for (const build of builds) console.log(`${build.name}: median ${median(build.cpu).toFixed(2)} s of CPU per kernel (${build.cpu.map((s) => s.toFixed(2)).join(" ")})`);
console.log(`B/A ${(b / a).toFixed(3)} (${cell.length > 30 ? cell.slice(0, 30) + "…" : cell})`);
