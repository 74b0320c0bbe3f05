// The set-up (scripts/setup.mjs) as a user meets it: a re-run skips what is in
// place, the kernel is registered in the project environment only, and a missing
// or old Python is explained with the fix.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { jupyterEnv } from "../../scripts/lib/jupyter-env.mjs";
import { fromRoot, hardenKernelModule, kernelSpecDir, venvJupyter, venvPython } from "../../scripts/lib/paths.mjs";
import { kernelSnapshotBlob } from "../../scripts/setup/kernel-snapshot.mjs";

const setup = (env = process.env) =>
  spawnSync(process.execPath, [fromRoot("scripts", "setup.mjs")], { env, encoding: "utf8" });

const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-setup-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("with everything in place, every step of the set-up says ok", () => {
  const run = setup();
  assert.equal(run.status, 0, run.stdout + run.stderr);
  const lines = run.stdout.trim().split("\n");
  assert.deepEqual(
    lines.map((l) => l.match(/^setup: (.+?) \.\.\. /)?.[1]),
    ["node", "npm packages", "library", "kernel snapshot", "python env", "tslab kernel", "compile table"],
    run.stdout,
  );
  for (const step of ["npm packages", "python env", "kernel snapshot", "tslab kernel", "compile table"]) {
    assert.ok(lines.includes(`setup: ${step} ... ok`), `${step} was redone:\n${run.stdout}`);
  }
  assert.equal(run.stderr, "", run.stdout);
});

test("the tslab kernel is registered inside the project environment and runs this checkout's tslab", () => {
  const list = spawnSync(venvJupyter, ["kernelspec", "list", "--json"], { env: jupyterEnv(), encoding: "utf8" });
  assert.equal(list.status, 0, list.stderr);
  const { kernelspecs } = JSON.parse(list.stdout);
  assert.equal(fs.realpathSync(kernelspecs.tslab.resource_dir), fs.realpathSync(kernelSpecDir));
  const { argv, display_name, language } = kernelspecs.tslab.spec;
  assert.equal(display_name, "TypeScript");
  assert.equal(language, "typescript");
  // started from the kernel snapshot when the set-up built one (tests/kernel/snapshot.test.mjs), else by the same script after --require
  const snapshot = kernelSnapshotBlob();
  const start = snapshot ? ["--snapshot-blob", snapshot, fromRoot("lib", "kernel", "start-tslab.cjs")] : ["--require", hardenKernelModule, fromRoot("lib", "kernel", "start-tslab.cjs")];
  assert.deepEqual(argv.slice(1), [...start, "kernel", "--config-path", "{connection_file}"]);
  assert.ok(path.isAbsolute(argv[0]) && fs.existsSync(argv[0]), `the kernel's node ${argv[0]} exists`);
});

test("the user's own kernels and IPython folder are out of the way: a home that cannot be written still lists the course's kernel", () => {
  const home = path.join(scratch, "home");
  fs.mkdirSync(path.join(home, ".ipython", "kernels", "theirs"), { recursive: true });
  fs.writeFileSync(path.join(home, ".ipython", "kernels", "theirs", "kernel.json"), JSON.stringify({ argv: ["false"], display_name: "Theirs", language: "python" }));
  const listed = (env) => spawnSync(venvJupyter, ["kernelspec", "list", "--json"], { env: jupyterEnv(env), encoding: "utf8" });
  const theirs = listed({ ...process.env, HOME: home });
  assert.equal(theirs.status, 0, theirs.stderr);
  const names = Object.keys(JSON.parse(theirs.stdout).kernelspecs);
  assert.ok(names.includes("tslab") && !names.includes("theirs"), names.join(", "));
  const unwritable = listed({ ...process.env, HOME: "/proc/self/nonexistent-home" });
  assert.equal(unwritable.status, 0, unwritable.stderr);
  assert.ok("tslab" in JSON.parse(unwritable.stdout).kernelspecs);
});

test("plotly's JupyterLab extension is installed in the project environment", () => {
  const list = spawnSync(venvJupyter, ["labextension", "list"], { env: jupyterEnv(), encoding: "utf8" });
  assert.equal(list.status, 0, list.stderr);
  assert.match(list.stdout + list.stderr, /jupyterlab-plotly v\S+ .*enabled.*OK/);
});

test("a missing Python is reported with the fix", () => {
  const run = setup({ ...process.env, NEURAL_MI_VENV: path.join(scratch, "new-env"), PYTHON: path.join(scratch, "no-python") });
  assert.equal(run.status, 1);
  assert.match(run.stdout, /setup: python env \.\.\. FAILED/);
  assert.match(run.stderr, /no working Python found \(tried `.*no-python`\)/);
  assert.match(run.stderr, /to fix: install Python 3\.10 or newer/);
  assert.ok(!fs.existsSync(path.join(scratch, "new-env")), "nothing half-made is left behind");
});

test("a Python that is too old is reported with the fix", () => {
  const oldPython = path.join(scratch, "python3.8");
  fs.writeFileSync(oldPython, "#!/bin/sh\necho 3.8\n", { mode: 0o755 });
  const run = setup({ ...process.env, NEURAL_MI_VENV: path.join(scratch, "new-env"), PYTHON: oldPython });
  assert.equal(run.status, 1);
  assert.match(run.stderr, /is Python 3\.8, too old/);
  assert.match(run.stderr, /to fix: /);
});

test("the project environment's Python reads notebooks without building jsonschema's iri parser, and still validates them", () => {
  const probe = [
    "import sys, nbformat",
    "nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell('1')])",
    "nbformat.validate(nb)",
    "bad = nbformat.from_dict({'cells': [{'cell_type': 'code'}], 'metadata': {}, 'nbformat': 4, 'nbformat_minor': 5})",
    "try:\n    nbformat.validate(bad)\n    print('invalid notebook accepted')\nexcept nbformat.ValidationError:\n    pass",
    "print('parser built' if sys.modules.get('rfc3987_syntax') is not None else 'parser skipped')",
  ].join("\n");
  const run = spawnSync(venvPython, ["-c", probe], { encoding: "utf8" });
  assert.equal(run.status, 0, run.stderr);
  assert.equal(run.stdout.trim(), "parser skipped");
});
