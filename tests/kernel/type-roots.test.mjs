// tslab added every node_modules/@types above a notebook's folder to each cell's program: anyone
// who could write one there (a workspace or a hub under /tmp, a shared parent folder) changed the
// types of others' cells (an interface merge can make a course cell fail to compile). The kernel
// now takes only the notebook's folder's own node_modules/@types, or else the course's.
import assert from "node:assert/strict";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { after, test } from "node:test";
import { makeNotebook, runHeadless } from "../../scripts/lib/notebook.mjs";
import { fromRoot } from "../../scripts/lib/paths.mjs";
import { errorsOf, streams } from "./helpers.mjs";

const shared = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-type-roots-"));
after(() => fs.rmSync(shared, { recursive: true, force: true }));

test("declarations in a node_modules/@types above the notebook's folder do not reach its cells; the course's own do", async () => {
  const planted = path.join(shared, "node_modules", "@types", "planted");
  fs.mkdirSync(planted, { recursive: true });
  fs.writeFileSync(path.join(planted, "index.d.ts"), "declare const PLANTED_MARK: number;\ninterface Number { toFixed(digits?: number): never }\n");
  const work = path.join(shared, "someone", "work");
  fs.mkdirSync(work, { recursive: true });
  fs.symlinkSync(fromRoot("node_modules"), path.join(work, "node_modules"));
  const cells = ["let q: typeof PLANTED_MARK = 1;", 'const fixed: string = (1.5).toFixed(1);\nconsole.log("fixed " + fixed + " " + typeof process.version);'];
  const { notebook } = await runHeadless(makeNotebook(cells), { cwd: work });
  const [planted1, course] = notebook.cells;
  assert.match(errorsOf(planted1)[0]?.evalue ?? "", /Cannot find name 'PLANTED_MARK'/);
  assert.deepEqual(errorsOf(course), [], JSON.stringify(course.outputs));
  assert.equal(streams(course, "stdout"), "fixed 1.5 string\n");
});
