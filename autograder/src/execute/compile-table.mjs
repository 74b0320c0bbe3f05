// @ts-check
// The grading run's compile table (lib/kernel/compile-table.cjs): the course's own cells as
// tslab compiles them after the released stubs, made once from the released notebooks and
// kept in .cache/compile-table/ under a hash of everything a compilation depends on, so that
// every kernel of the run looks those cells up instead of compiling them again. Optional: a
// table that cannot be made is reported and the kernels compile every cell, as before.
import { spawnSync } from "node:child_process";
import { chmodSync, copyFileSync, existsSync, mkdirSync, renameSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { hashFiles, listFiles } from "../../../scripts/lib/stamps.mjs";
import { attestTestCells } from "../grade/attestation.mjs";
import { restoreSubmission } from "../grade/restore.mjs";
import { gradeId, isGrade, isSolution } from "../notebook/nbgrader-cells.mjs";
import { writeFileAtomic } from "../util/atomic-write.mjs";
import { repoRoot, snapshotNodeEnv } from "../util/paths.mjs";

const CACHE_DIR = join(repoRoot, ".cache", "compile-table");
// The attestation the recorded tests carry: tests are compiled for their declarations only,
// which a token (a string in a call) does not change; no test is recorded.
const RECORDING_ATTESTATION = "0".repeat(32);

/**
 * The cells a kernel compiles for the released notebook, as the grader sends them: tests
 * restored with their hidden parts and attested; each test also as released.
 * @param {import("../grade/course.mjs").Course} course
 */
export function releasedCells(course) {
  return course.notebooks.map(({ reference, student }) => {
    const graded = structuredClone(student);
    restoreSubmission(graded, { reference, student });
    attestTestCells(graded, RECORDING_ATTESTATION);
    const released = structuredClone(student);
    attestTestCells(released, RECORDING_ATTESTATION);
    const releasedTests = new Map(released.cells.filter((cell) => gradeId(cell)).map((cell) => [gradeId(cell), cell.source]));
    return graded.cells
      .filter((cell) => cell.cell_type === "code" && cell.source.trim() !== "")
      .map((cell) => {
        if (isSolution(cell)) return { kind: "answer", source: cell.source };
        if (isGrade(cell)) return { kind: "test", source: cell.source, visible: releasedTests.get(/** @type {string} */ (gradeId(cell))) ?? "" };
        return { kind: "course", source: cell.source };
      });
  });
}

/**
 * What a compilation depends on besides the cells: the packages' versions (the lock file),
 * tslab's patch, the library's typings, the table's scripts and node.
 */
export function compilerFingerprint() {
  const files = [
    join(repoRoot, "package-lock.json"),
    ...listFiles(join(repoRoot, "patches")),
    ...listFiles(join(repoRoot, "lib", "dist"), (file) => file.endsWith(".d.ts")),
    join(repoRoot, "lib", "kernel", "compile-table.cjs"),
    join(repoRoot, "lib", "kernel", "record-compile-table.cjs"),
  ];
  return hashFiles(files, `${process.version} ${process.arch}`);
}

/**
 * Where the table of these cells and this compiler is kept between runs (the set-up keeps the course's there too).
 * @param {object} cells
 */
export function cachedTablePath(cells) {
  return join(CACHE_DIR, `${hashFiles([], compilerFingerprint() + JSON.stringify(cells))}.json`);
}

/**
 * Places the run's compile table in `runtime.workDir` (readable by every kernel, writable by
 * none), recording it first when the cache has none for this course and compiler.
 * @param {import("./sandbox.mjs").Runtime} runtime
 * @param {import("../grade/course.mjs").Course} course
 * @returns {{ table: string | null, message: string }}
 */
export function placeCompileTable(runtime, course) {
  if (process.env.NEURAL_MI_COMPILE_TABLE === "0") return { table: null, message: "off (NEURAL_MI_COMPILE_TABLE=0): every cell is compiled in its kernel" };
  const notMade = (/** @type {string} */ why) => ({ table: null, message: `not made (${why}): every cell is compiled in its kernel` });
  try {
    const cells = { notebooks: releasedCells(course) };
    const cached = cachedTablePath(cells);
    // beside the launcher, where start-kernel.cjs looks for it
    const placed = join(dirname(runtime.launcher), "compile-table.json");
    let how = "kept from an earlier run";
    if (!existsSync(cached)) {
      const snapshot = runtime.snapshot.blob ? ["--snapshot-blob", runtime.snapshot.blob, `--max-old-space-size=${runtime.snapshot.heapMb}`] : [];
      const failure = recordCompileTable({ modules: runtime.modules, nodeOptions: snapshot, cells, place: join(runtime.workDir, "jobs", ".compile-table"), target: cached });
      if (failure) return notMade(failure);
      how = "made from the released notebooks";
    }
    copyFileSync(cached, placed);
    chmodSync(placed, 0o644);
    return { table: placed, message: `${how}: the course's cells are compiled once, not in every kernel` };
  } catch (error) {
    // a read-only checkout, a full disk: grading goes on without it
    return notMade(error instanceof Error ? error.message : String(error));
  }
}

/**
 * Runs the recorder in `place`/work, where a kernel of the packages in `modules` would run, and
 * writes the table to `target` whole (runs that start at the same time read it only once it is).
 * @param {{ modules: string, nodeOptions: string[], cells: object, place: string, target: string }} options
 * @returns {string | null} what went wrong
 */
export function recordCompileTable({ modules, nodeOptions, cells, place, target }) {
  const work = join(place, "work");
  // the cells as graded hold the hidden tests in clear: the recording's folder is its maker's alone
  // (the grader's work folder and .cache/kernel-snapshot let other accounts through, and a student's
  // process read jobs/.compile-table/cells.json while the first grading of a chapter recorded)
  mkdirSync(dirname(place), { recursive: true });
  mkdirSync(place, { recursive: true, mode: 0o700 });
  chmodSync(place, 0o700);
  mkdirSync(work, { recursive: true });
  try {
    const input = join(place, "cells.json");
    const output = join(place, "table.json");
    writeFileAtomic(input, JSON.stringify(cells));
    const recorder = join(modules, "neural-mi", "kernel", "record-compile-table.cjs");
    // started from the kernel's snapshot, which V8 takes only under the flags it was built with: no NODE_OPTIONS
    const run = spawnSync(process.execPath, [...nodeOptions, recorder, modules, input, output], { cwd: work, encoding: "utf8", env: snapshotNodeEnv() });
    if (run.status !== 0 || !existsSync(output)) {
      return `the recorder exited with ${run.status ?? run.signal}: ${(run.stderr || run.error?.message || "").trim().split("\n").slice(-3).join(" ")}`;
    }
    mkdirSync(dirname(target), { recursive: true });
    copyFileSync(output, `${target}.${process.pid}`);
    renameSync(`${target}.${process.pid}`, target);
    return null;
  } finally {
    rmSync(place, { recursive: true, force: true });
  }
}
