// A NODE_OPTIONS of the student's own (a heap or stack-trace limit set for other projects, in a
// shell's profile or an editor's terminal) and the kernel's start-up snapshot: V8 takes a snapshot
// only under the V8 flags it was built with, NODE_OPTIONS' among them, and a snapshot built under
// one NODE_OPTIONS was refused by every kernel started under another (JupyterLab: "kernel died").
// The snapshot is built, and the course's kernels start, without it.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { recordCompileTable } from "../../autograder/src/execute/compile-table.mjs";
import { fromRoot, stampDir } from "../../scripts/lib/paths.mjs";
import { kernelSpec } from "../../scripts/setup/kernel.mjs";
import { ensureKernelSnapshotFor, kernelSnapshotBlob } from "../../scripts/setup/kernel-snapshot.mjs";

const STUDENTS_OPTIONS = "--stack-trace-limit=50 --max-old-space-size=1536";
const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-node-options-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));
const script = path.join(scratch, "started.cjs");
fs.writeFileSync(script, 'console.log("started from the snapshot");\n');

/** node started from `blob` (with `flags`) in `env`, running a script that says it started. */
const startFrom = (blob, flags, env) => spawnSync(process.execPath, [...flags, "--snapshot-blob", blob, script], { env, encoding: "utf8" });
const without = (env, name) => Object.fromEntries(Object.entries(env).filter(([key]) => key !== name));

test("a snapshot built while the student's NODE_OPTIONS was set is taken by a kernel started without it", () => {
  // a heap limit of its own: a snapshot this test builds, and removes
  const heapMb = 1001;
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = STUDENTS_OPTIONS;
  let blob;
  try {
    ({ blob } = ensureKernelSnapshotFor({ heapMb }));
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
  try {
    assert.ok(blob, "the snapshot was built");
    // as the grader starts its kernels: the heap limit on the command line, no NODE_OPTIONS
    const run = startFrom(blob, [`--max-old-space-size=${heapMb}`], without(process.env, "NODE_OPTIONS"));
    assert.equal(run.stdout.trim(), "started from the snapshot", run.stderr);
  } finally {
    if (blob) for (const file of [blob, blob.replace(/\.blob$/, ".manifest.json"), path.join(stampDir, `snapshot-kernel-heap-${heapMb}.stamp`)]) fs.rmSync(file, { force: true });
  }
});

test("the course's kernel starts from its snapshot whatever NODE_OPTIONS the student's Jupyter passes on", () => {
  const spec = kernelSpec(kernelSnapshotBlob() ?? undefined);
  assert.deepEqual(spec.env, { NODE_OPTIONS: "" }, "the kernel's spec clears NODE_OPTIONS");
  const blob = kernelSnapshotBlob();
  if (blob === null) return; // no snapshot here (NEURAL_MI_KERNEL_SNAPSHOT=0): nothing more to start from
  // Jupyter starts the kernel in its own environment, with the spec's env over it
  for (const options of [STUDENTS_OPTIONS, undefined]) {
    const env = { ...without(process.env, "NODE_OPTIONS"), ...(options ? { NODE_OPTIONS: options } : {}), ...spec.env };
    const run = startFrom(blob, [], env);
    assert.equal(run.stdout.trim(), "started from the snapshot", `${options}: ${run.stderr}`);
  }
});

test("the compile table is recorded from the snapshot whatever NODE_OPTIONS the set-up runs under", () => {
  const blob = kernelSnapshotBlob();
  if (blob === null) return; // no snapshot here (NEURAL_MI_KERNEL_SNAPSHOT=0): recorded without one
  const saved = process.env.NODE_OPTIONS;
  process.env.NODE_OPTIONS = STUDENTS_OPTIONS;
  let failure;
  try {
    const target = path.join(scratch, "compile-table.json");
    failure = recordCompileTable({ modules: fromRoot("node_modules"), nodeOptions: ["--snapshot-blob", blob], cells: { notebooks: [] }, place: path.join(scratch, "recording"), target });
  } finally {
    if (saved === undefined) delete process.env.NODE_OPTIONS;
    else process.env.NODE_OPTIONS = saved;
  }
  assert.equal(failure, null);
});
