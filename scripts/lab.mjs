#!/usr/bin/env node
// Starts JupyterLab from the project's Python environment on notebooks/, with the
// TypeScript kernel as the default. Extra arguments go to `jupyter lab`
// (`npm start -- --no-browser --port 8899`). Run scripts/setup.mjs first (npm start does).
import { spawn } from "node:child_process";
import fs from "node:fs";
import { notebooksDir, venvJupyter } from "./lib/paths.mjs";
import { jupyterEnv } from "./lib/jupyter-env.mjs";

if (!fs.existsSync(venvJupyter)) {
  console.error(`lab: ${venvJupyter} is missing; run \`npm start\` (it sets up the environment first)`);
  process.exit(1);
}

const args = [
  "lab",
  `--ServerApp.root_dir=${notebooksDir}`,
  "--MappingKernelManager.default_kernel_name=tslab",
  // Containers and CI machines often run as root, which JupyterLab refuses unless told.
  ...(process.getuid?.() === 0 ? ["--allow-root"] : []),
  ...process.argv.slice(2),
];
const lab = spawn(venvJupyter, args, { cwd: notebooksDir, env: jupyterEnv(), stdio: ["inherit", "inherit", "pipe"] });

// JupyterLab logs its address among other lines on stderr; repeat it where it is easy to see.
let announced = false;
let pending = "";
lab.stderr.on("data", (chunk) => {
  process.stderr.write(chunk);
  if (announced) return;
  pending += chunk.toString("utf8");
  const url = pending.match(/https?:\/\/(?:localhost|127\.0\.0\.1|\[::1\])[^\s]*\/lab[^\s]*/);
  if (url) {
    announced = true;
    pending = "";
    console.log(`\nJupyterLab is running at ${url[0]}\n(Ctrl-C twice to stop it)\n`);
  } else if (pending.length > 65536) {
    pending = pending.slice(-4096);
  }
});

// Ctrl-C reaches JupyterLab directly (same process group); it decides when to stop.
process.on("SIGINT", () => {});
process.on("SIGTERM", () => lab.kill("SIGTERM"));
// A SIGTERM to `npm start` does not reach us (the shell between npm and us keeps it);
// when our parent is gone, stop JupyterLab rather than leave it holding its port.
const parent = process.ppid;
setInterval(() => {
  if (process.ppid !== parent) lab.kill("SIGTERM");
}, 1000).unref();
lab.on("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
