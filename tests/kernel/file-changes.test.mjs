// Files appearing and disappearing next to a notebook (a node_modules folder, .ts
// files, as a student or the autograder may make) fire TypeScript's file watchers.
// tslab 1.0.22 then failed every later cell with "Unexpected pending rebuildTimer";
// the patched kernel keeps compiling.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { runHeadless, makeNotebook } from "../../scripts/lib/notebook.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { errorsOf, streams } from "./helpers.mjs";

fs.mkdirSync(fromRoot(".cache"), { recursive: true });
const scratch = fs.mkdtempSync(path.join(fromRoot(".cache"), "kernel-files-"));
after(() => fs.rmSync(scratch, { recursive: true, force: true }));

test("cells still compile and run after files change in the notebook's folder", async () => {
  const cells = [
    'import { Rng } from "neural-mi";\nimport * as fs from "fs";\nconsole.log(typeof Rng);',
    [
      "for (let i = 0; i < 4; i++) {",
      '  fs.mkdirSync("node_modules", { recursive: true });',
      '  fs.writeFileSync(`node_modules/m${i}.js`, "module.exports = 1;");',
      '  fs.writeFileSync(`f${i}.ts`, "export const a = 1;");',
      "  await new Promise((r) => setTimeout(r, 400));",
      '  fs.rmSync("node_modules", { recursive: true });',
      "  fs.rmSync(`f${i}.ts`);",
      "  await new Promise((r) => setTimeout(r, 400));",
      "}",
      'console.log("changed files");',
    ].join("\n"),
    'console.log("next cell");',
    "const typed: number = 2;\nconsole.log(typed * new Rng(1).uniforms(1).length);",
  ];
  const { notebook, status, stderr } = await runHeadless(makeNotebook(cells), { cwd: scratch });
  assert.equal(status, 0, stderr);
  const expected = ["function\n", "changed files\n", "next cell\n", "2\n"];
  notebook.cells.forEach((cell, i) => {
    assert.deepEqual(errorsOf(cell), [], `cell ${i}: ${JSON.stringify(cell.outputs)}`);
    assert.equal(streams(cell, "stderr"), "", `cell ${i} wrote to stderr`);
    assert.equal(streams(cell, "stdout"), expected[i]);
  });
});
