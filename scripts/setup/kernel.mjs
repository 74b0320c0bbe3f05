// The tslab kernel, registered inside the project's Python environment only
// (never in the user's global Jupyter). Same kernel.json as `tslab install` writes,
// except that argv names this Node.js and this checkout's tslab explicitly, and that
// node first loads lib/kernel/harden.cjs, which freezes the realm before any cell runs
// (the grading sandbox's kernel loads the same module). With the kernel snapshot
// (kernel-snapshot.mjs), node starts from it and runs lib/kernel/start-tslab.cjs, which
// hardens the realm and then runs tslab: a snapshot's node runs no `--require` after its start.
import fs from "node:fs";
import path from "node:path";
import { fromRoot, hardenKernelModule, kernelSpecDir } from "../lib/paths.mjs";
import { kernelSnapshotBlob } from "./kernel-snapshot.mjs";

export function kernelSpec(snapshot = kernelSnapshotBlob()) {
  const startTslab = fromRoot("lib", "kernel", "start-tslab.cjs");
  const start = snapshot ? ["--snapshot-blob", snapshot, startTslab] : ["--require", hardenKernelModule, startTslab];
  return {
    argv: [process.execPath, ...start, "kernel", "--config-path", "{connection_file}"],
    display_name: "TypeScript",
    language: "typescript",
    // the student's NODE_OPTIONS (a heap limit set for other projects) does not reach the kernel: its V8
    // flags made node refuse the snapshot, and grading's kernels run without it
    env: { NODE_OPTIONS: "" },
  };
}

export function ensureKernelRegistered() {
  const file = path.join(kernelSpecDir, "kernel.json");
  const wanted = JSON.stringify(kernelSpec(), null, 1) + "\n";
  let current = null;
  try {
    current = fs.readFileSync(file, "utf8");
  } catch {}
  if (current === wanted) return "ok";
  fs.mkdirSync(kernelSpecDir, { recursive: true });
  fs.writeFileSync(file, wanted);
  return current === null ? "registered tslab in the project environment" : "updated tslab's kernel.json";
}
