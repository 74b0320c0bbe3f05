// @ts-check
// The autograder's own folders; the repository root and the project's Python come from
// the project's one paths module (scripts/lib/paths.mjs), which honours NEURAL_MI_VENV.
import { join } from "node:path";
import { environmentPython, projectPython, repoRoot } from "../../../scripts/lib/paths.mjs";
import { ensureKernelSnapshotFor, snapshotNodeEnv } from "../../../scripts/setup/kernel-snapshot.mjs";

export { ensureKernelSnapshotFor, environmentPython, snapshotNodeEnv, projectPython, repoRoot };
export const autograderDir = join(repoRoot, "autograder");
export const stubsPath = join(autograderDir, "stubs.json");
