// @ts-check
// Each grading kernel limited to one core's time, where the machine allows it (one_core.py): a kernel
// keeping threads of its own busy (zeromq's I/O threads, a context of as many as a cell asks for,
// flooding sockets in its folder) took the cores of the notebooks graded beside it with --jobs.
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmdirSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ONE_CORE = join(dirname(fileURLToPath(import.meta.url)), "one_core.py");
const GROUP_NAME = /^neural-mi-kernel-\d+$/;

/**
 * Whether kernels can get a control group of their own with a CPU quota here, and what the log says.
 * @param {string} python
 * @returns {{ ok: boolean, message: string }}
 */
export function probeOneCore(python) {
  if (process.platform !== "linux") return { ok: false, message: `not limited: ${process.platform} has no control groups` };
  if (process.env.NEURAL_MI_ONE_CORE === "0") return { ok: false, message: "not limited: NEURAL_MI_ONE_CORE=0 asks for it" };
  const run = spawnSync(python, [ONE_CORE, "--probe"], { encoding: "utf8", timeout: 30_000 });
  try {
    const { ok, message } = JSON.parse(run.stdout);
    return { ok: ok === true, message: ok === true ? String(message) : `not limited (${message}): a kernel's own threads may take more than one core` };
  } catch {
    return { ok: false, message: `not limited: the probe failed (${(run.stderr || String(run.error)).trim().slice(-300)})` };
  }
}

/**
 * Removes the groups of a job's kernels, each written down beside its connection file in `runtimeDir`,
 * once their processes have ended (a killed kernel may take a moment to leave its group).
 * @param {string} runtimeDir
 */
export async function removeKernelGroups(runtimeDir) {
  let records;
  try {
    records = readdirSync(runtimeDir).filter((name) => name.endsWith(".cpu-group"));
  } catch {
    return;
  }
  for (const record of records) {
    let group;
    try {
      group = readFileSync(join(runtimeDir, record), "utf8").trim();
    } catch {
      continue;
    }
    if (!GROUP_NAME.test(basename(group))) continue;
    for (let attempt = 0; attempt < 40; attempt++) {
      try {
        rmdirSync(group);
        break;
      } catch (error) {
        if (/** @type {NodeJS.ErrnoException} */ (error).code !== "EBUSY") break;
        await new Promise((done) => setTimeout(done, 50));
      }
    }
  }
}
