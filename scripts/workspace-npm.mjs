#!/usr/bin/env node
// Run by the scripts of a workspace's package.json (scripts/lib/workspace-package.mjs): `npm start`,
// `npm run validate` or `npm test` typed in the workspace runs the course's, on that workspace.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

const [script, ...rest] = process.argv.slice(2);
const course = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
// npm runs a package's scripts in its folder: this one is the workspace; not for validate given notebooks, which it
// refuses beside --workspace ("give notebooks or --workspace, not both": `npm run validate -- 05-….ipynb` typed in the workspace)
const namesNotebooks = script === "validate" && rest.some((arg) => !arg.startsWith("-"));
const workspace = script === "test" || namesNotebooks ? [] : ["--workspace", process.cwd()];
// run from where she typed it (npm's INIT_CWD, which the course's scripts resolve her relative paths from), npm told the course's folder
const args = ["--prefix", course, "run", script, "--", ...workspace, ...rest];
const options = { cwd: process.env.INIT_CWD ?? process.cwd(), stdio: "inherit" };
const npm = process.env.npm_execpath;
// npm's own script, run by this Node.js; else (a shim in its place) npm as the shell finds it
const run = npm && /\.[cm]?js$/i.test(npm)
  ? spawnSync(process.execPath, [npm, ...args], options)
  : spawnSync("npm", args, { ...options, shell: process.platform === "win32" });
if (run.error) {
  console.error(`${script}: npm could not be run in ${course} (${run.error.message}); run npm ${script === "start" || script === "test" ? script : `run ${script}`} there`);
  process.exit(2);
}
process.exit(run.status ?? 1);
