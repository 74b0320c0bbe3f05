// The course kernel's compile table, made by the set-up (scripts/setup/course-compile-table.mjs):
// it holds the released cells only, the course's kernel (JupyterLab's, nbgrader's, the hub's)
// takes it as it starts, and drops it once what the cells were compiled against has changed.
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { parseNotebook } from "../../autograder/src/notebook/format.mjs";
import { secretLines } from "../../scripts/student-edition/secret-lines.mjs";
import { notebooksDir, repoRoot } from "../../scripts/lib/paths.mjs";
import { kernelSession } from "./helpers.mjs";

const require = createRequire(import.meta.url);
const { courseTablePath, fileStamps, parseCompileTable, staleReason } = require("../../lib/kernel/compile-table.cjs");
const tablePath = courseTablePath(repoRoot);

const chapters = readdirSync(notebooksDir).filter((name) => name.endsWith(".ipynb")).sort();
const readChapter = (name) => parseNotebook(readFileSync(path.join(notebooksDir, name), "utf8"));
const text = (source) => (Array.isArray(source) ? source.join("") : source);

test("the set-up's table holds the course's released cells, and no line of a solution or a hidden test", () => {
  assert.ok(existsSync(tablePath), `no table at ${tablePath}: run node scripts/setup.mjs`);
  const table = JSON.parse(readFileSync(tablePath, "utf8"));
  const entries = parseCompileTable(table);
  assert.ok(entries.size >= 20, `only ${entries.size} cells in the table`);
  const compiled = [...entries.values()].map((entry) => `${entry.output}\n${entry.declOutput}`).join("\n");
  const secrets = chapters.flatMap((name) => secretLines(readChapter(name)).map((secret) => ({ ...secret, name })));
  assert.ok(secrets.length > 20, "the chapters have solution and hidden-test lines to look for");
  assert.deepEqual(
    secrets.filter(({ line }) => compiled.includes(line)).map(({ name, cell, what, line }) => `${name} ${cell} (${what}): ${line}`),
    [],
  );
  assert.doesNotMatch(compiled, /BEGIN (SOLUTION|HIDDEN TESTS)|YOUR CODE HERE/);
  assert.equal(staleReason(repoRoot, table.requires), null, "made against the packages and typings as they are");
});

test("the course's kernel takes the table as it starts; NEURAL_MI_COMPILE_TABLE=0 leaves it", async () => {
  const first = readChapter(chapters[0]).cells.find((cell) => cell.cell_type === "code");
  const plan = { requests: [{ code: text(first.source) }] };
  const [withTable, without] = await Promise.all([
    kernelSession(plan, { cwd: notebooksDir }),
    kernelSession(plan, { cwd: notebooksDir, env: { NEURAL_MI_COMPILE_TABLE: "0" } }),
  ]);
  for (const session of [withTable, without]) assert.equal(session.results[0].reply.status, "ok", JSON.stringify(session.results[0]));
  assert.match(withTable.stderr, /tslab: \d+ of the course's cells compiled ahead \(compile table\)/);
  assert.doesNotMatch(without.stderr, /compile table/);
  // what the cell showed is the same either way
  assert.deepEqual(withTable.results[0].iopub, without.results[0].iopub);
});

const scratch = mkdtempSync(path.join(tmpdir(), "course-table-"));
after(() => rmSync(scratch, { recursive: true, force: true }));

test("a table is dropped once a file it was compiled against changed, went missing, or node is another", () => {
  writeFileSync(path.join(scratch, "index.d.ts"), "export declare const rho: number;\n");
  writeFileSync(path.join(scratch, "converter.js"), "module.exports = {};\n");
  const requires = { node: process.version, files: fileStamps(scratch, ["index.d.ts", "converter.js"]) };
  assert.equal(staleReason(scratch, requires), null);

  writeFileSync(path.join(scratch, "index.d.ts"), "export declare const rho: string;\n");
  assert.match(staleReason(scratch, requires), /index\.d\.ts changed since it was made/);
  const later = { node: process.version, files: fileStamps(scratch, ["index.d.ts", "converter.js"]) };
  // the same size, another time: rebuilt
  const [, , mtimeMs] = later.files[1];
  utimesSync(path.join(scratch, "converter.js"), new Date(), new Date(mtimeMs + 5000));
  assert.match(staleReason(scratch, later), /converter\.js changed/);

  rmSync(path.join(scratch, "converter.js"));
  assert.match(staleReason(scratch, later), /converter\.js cannot be read/);
  assert.match(staleReason(scratch, { ...later, node: "v0.0.1" }), /made with node v0\.0\.1/);
  assert.match(staleReason(scratch, undefined), /records nothing/);
});
