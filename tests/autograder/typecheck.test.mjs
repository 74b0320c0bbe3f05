// The autograder is JavaScript with JSDoc types; TypeScript checks them strictly.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { repoRoot } from "./helpers.mjs";

test("the autograder's JSDoc types check under tsc --strict", () => {
  const tsc = join(repoRoot, "node_modules", "typescript", "bin", "tsc");
  const run = spawnSync(process.execPath, [tsc, "-p", join(repoRoot, "autograder", "tsconfig.json")], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stdout + run.stderr);
});
