// The course's folder moved or renamed after its first `npm start` (from Downloads to Documents):
// the Python environment's programs (jupyter, jupyter-lab, nbgrader…) named its Python by the old
// path, and JupyterLab did not start. The set-up gives them the new one (scripts/setup/venv-relocation.mjs).
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { venvPython } from "../../scripts/lib/paths.mjs";
import { madeAt, relocateVenv } from "../../scripts/setup/venv-relocation.mjs";

const root = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-moved-course-"));
after(() => fs.rmSync(root, { recursive: true, force: true }));

const PRINT_PREFIX = "import sys; print(sys.prefix)\n";

test("an environment moved with the course's folder gets its programs' paths rewritten, and they run again", () => {
  const first = path.join(root, "Downloads", "neural-mi", ".venv");
  fs.mkdirSync(path.dirname(first), { recursive: true });
  const made = spawnSync(venvPython, ["-m", "venv", "--without-pip", first], { encoding: "utf8" });
  assert.equal(made.status, 0, made.stderr);
  const bin = (venv, name) => path.join(venv, "bin", name);
  // as pip writes them: a `#!` line, and for a path too long for `#!`, a shell trampoline
  fs.writeFileSync(bin(first, "jupyter"), `#!${first}/bin/python\n${PRINT_PREFIX}`, { mode: 0o755 });
  fs.writeFileSync(bin(first, "long-path-tool"), `#!/bin/sh\n'''exec' "${first}/bin/python" "$0" "$@"\n' '''\n${PRINT_PREFIX}`, { mode: 0o755 });
  assert.equal(madeAt(first), first);
  assert.equal(relocateVenv(first), undefined, "not moved: nothing to do");

  const moved = path.join(root, "Documents", "cours d'été ü", "neural-mi", ".venv");
  fs.mkdirSync(path.dirname(path.dirname(moved)), { recursive: true });
  fs.renameSync(path.dirname(first), path.dirname(moved));
  assert.equal(relocateVenv(moved), first, "names where it was made");
  for (const name of ["jupyter", "long-path-tool"]) {
    const run = spawnSync(bin(moved, name), [], { encoding: "utf8" });
    assert.equal(run.error, undefined, `${name}: ${run.error?.message}`);
    assert.equal(run.stdout.trim(), moved, `${name}: ${run.stderr}`);
    assert.equal(fs.statSync(bin(moved, name)).mode & 0o777, 0o755, "still a program");
  }
  assert.match(fs.readFileSync(bin(moved, "activate"), "utf8"), new RegExp(`VIRTUAL_ENV=.*cours d'été ü`));
  assert.equal(relocateVenv(moved), undefined, "done once");
  assert.deepEqual(fs.readdirSync(path.join(moved, "bin")).filter((name) => name.startsWith(".")), [], "no file left half-written");
});
