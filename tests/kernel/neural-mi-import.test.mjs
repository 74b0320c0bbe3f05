// Notebooks import the course library by package name, from notebooks/ and from
// the nested copies nbgrader makes (release/<assignment>/, submitted/<student>/<assignment>/).
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { runHeadless, makeNotebook } from "../../scripts/lib/notebook.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { errorsOf, streams } from "./helpers.mjs";

// Inside the repository (so node_modules is found by walking up), git-ignored.
fs.mkdirSync(fromRoot(".cache"), { recursive: true });
const scratch = fs.mkdtempSync(path.join(fromRoot(".cache"), "kernel-test-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

const cells = [
  'import { init, backendInfo, Rng } from "neural-mi";\nconst info = await init();\nconsole.log(info.name === backendInfo().name, typeof new Rng(1).uniform());',
  // The library's type declarations are found: a misuse is a type error, not a runtime surprise.
  "const wrong: number = backendInfo;",
];

const places = {
  "notebooks/": () => fromRoot("notebooks"),
  "release/<assignment>/": () => path.join(scratch, "release", "chapter-1"),
  "submitted/<student>/<assignment>/": () => path.join(scratch, "submitted", "student-a", "chapter-1"),
};

for (const [where, dir] of Object.entries(places)) {
  test(`import { ... } from "neural-mi" works in ${where}`, async () => {
    const cwd = dir();
    fs.mkdirSync(cwd, { recursive: true });
    const { notebook, status, stderr } = await runHeadless(makeNotebook(cells), { cwd, allowErrors: true });
    assert.equal(status, 0, stderr);
    const [imported, typed] = notebook.cells;
    assert.deepEqual(errorsOf(imported), [], JSON.stringify(imported.outputs));
    assert.equal(streams(imported, "stdout"), "true number\n");
    assert.equal(streams(imported, "stderr"), "", "importing and initialising the library prints nothing to stderr");
    const [typeError] = errorsOf(typed);
    assert.equal(typeError?.ename, "TypeScriptError");
    assert.match(typeError.evalue, /not assignable to type 'number'/);
  });
}
