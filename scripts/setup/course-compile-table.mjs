// The course kernel's compile table (lib/kernel/compile-table.cjs): the course's own cells, as
// released, compiled once here instead of in every kernel that runs them (JupyterLab's, nbgrader's,
// the hub's), the table the grader makes for its own kernels (autograder/src/execute/compile-table.mjs).
// It holds what the released notebooks show and nothing else: no solution, no hidden test.
// The kernel (lib/kernel/start-tslab.cjs) keeps it only while the files it was compiled against
// are as they were; optional: where it cannot be made, every cell compiles in its kernel, as before.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";
import { fromRoot, notebooksDir, repoRoot } from "../lib/paths.mjs";
import { listFiles, readStamp, writeStamp } from "../lib/stamps.mjs";
import { kernelSnapshotBlob } from "./kernel-snapshot.mjs";

const require = createRequire(import.meta.url);
const { courseTablePath, fileStamps, staleReason } = require("../../lib/kernel/compile-table.cjs");

const STAMP = "course-compile-table";

/** What the compilations depend on besides the cells, as the kernel checks them (paths relative to the checkout). */
function dependencies() {
  const typings = listFiles(fromRoot("lib", "dist"), (file) => file.endsWith(".d.ts"));
  const others = [
    fromRoot("node_modules", ".package-lock.json"),
    fromRoot("node_modules", "tslab", "dist", "converter.js"),
    fromRoot("lib", "kernel", "compile-table.cjs"),
  ];
  return [...typings, ...others].filter((file) => fs.existsSync(file)).map((file) => path.relative(repoRoot, file));
}

/** The set-up's step. */
export async function ensureCourseCompileTable() {
  const target = courseTablePath(repoRoot);
  if (process.env.NEURAL_MI_COMPILE_TABLE === "0") {
    fs.rmSync(target, { force: true });
    return "off (NEURAL_MI_COMPILE_TABLE=0): the course's kernel compiles every cell";
  }
  const notMade = (why) => {
    try {
      fs.rmSync(target, { force: true });
    } catch (error) {
      // another account's checkout (a hub's shared copy): its table stays, checked before each use
      return `not made (${why}); the table there is not this account's to remove (${error.code ?? error}), and the kernel uses it only while it matches the course's files`;
    }
    return `not made (${why}): the course's kernel compiles every cell (slower, same results)`;
  };
  try {
    const { loadCourse } = await import("../../autograder/src/grade/course.mjs");
    const { loadStubs } = await import("../../autograder/src/release/stubs.mjs");
    const { cachedTablePath, recordCompileTable, releasedCells } = await import("../../autograder/src/execute/compile-table.mjs");
    const cells = { notebooks: releasedCells(loadCourse(notebooksDir, loadStubs(), { releasedAllowed: true })) };
    // the grader keeps its table for these cells there, and finds this one: recorded once for both
    const forTheGrader = cachedTablePath(cells);
    const stamp = path.basename(forTheGrader, ".json");
    if (fs.existsSync(target) && readStamp(STAMP) === stamp) {
      const requires = JSON.parse(fs.readFileSync(target, "utf8")).requires;
      if (staleReason(repoRoot, requires) === null) return "ok";
    }
    const blob = kernelSnapshotBlob();
    const recorded = `${target}.recorded`;
    const failure = recordCompileTable({
      modules: fromRoot("node_modules"),
      nodeOptions: blob ? ["--snapshot-blob", blob] : [],
      cells,
      // inside the checkout, where the course's kernels find the packages
      place: fromRoot(".cache", "kernel-snapshot", `recording-${process.pid}`),
      target: recorded,
    });
    if (failure) return notMade(failure);
    const table = JSON.parse(fs.readFileSync(recorded, "utf8"));
    table.requires = { node: process.version, files: fileStamps(repoRoot, dependencies()) };
    fs.writeFileSync(recorded, JSON.stringify(table));
    fs.chmodSync(recorded, 0o644);
    if (!fs.existsSync(forTheGrader)) {
      fs.mkdirSync(path.dirname(forTheGrader), { recursive: true });
      fs.copyFileSync(recorded, `${forTheGrader}.${process.pid}`);
      fs.renameSync(`${forTheGrader}.${process.pid}`, forTheGrader);
    }
    fs.renameSync(recorded, target);
    writeStamp(STAMP, stamp);
    return `made (${Object.keys(table.entries).length} of the course's cells compiled ahead)`;
  } catch (error) {
    return notMade(error instanceof Error ? error.message : String(error));
  }
}
