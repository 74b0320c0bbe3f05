#!/usr/bin/env node
// @ts-check
// npm run release [-- --out <dir>] [--source <dir>]
// Writes the student version of every course notebook.
import { parseArgs } from "node:util";
import { join, relative, resolve } from "node:path";
import { releaseDirectory } from "../src/release/release-directory.mjs";
import { loadStubs } from "../src/release/stubs.mjs";
import { repoRoot } from "../src/util/paths.mjs";

const usage = `Usage: npm run release [-- --out <dir>] [--source <dir>]
  --source <dir>  the instructor's notebooks (default: notebooks/)
  --out <dir>     where the student versions go (default: release/)`;

function main() {
  let values;
  try {
    ({ values } = parseArgs({
      options: { out: { type: "string" }, source: { type: "string" }, help: { type: "boolean", short: "h" } },
      allowPositionals: false,
    }));
  } catch (error) {
    console.error(`${/** @type {Error} */ (error).message}\n${usage}`);
    return 2;
  }
  if (values.help) {
    console.log(usage);
    return 0;
  }
  const sourceDir = resolve(values.source ?? join(repoRoot, "notebooks"));
  const outDir = resolve(values.out ?? join(repoRoot, "release"));
  try {
    const { notebooks } = releaseDirectory({ sourceDir, outDir, stubs: loadStubs() });
    for (const notebook of notebooks) {
      console.log(
        `  ${notebook.name}: ${notebook.codeExercises} code and ${notebook.writtenExercises} written exercises, ${notebook.points} points`,
      );
    }
    console.log(`Released ${notebooks.length} notebooks to ${relative(process.cwd(), outDir) || "."}`);
    return 0;
  } catch (error) {
    console.error(`release failed: ${/** @type {Error} */ (error).message}`);
    return 1;
  }
}

process.exitCode = main();
