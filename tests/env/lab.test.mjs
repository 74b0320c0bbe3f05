// `npm start`'s and `npm run instructor`'s second half: scripts/lab.mjs serves JupyterLab from
// the project environment, prints the URL, offers the TypeScript kernel by default and ships
// plotly's renderer; the student's door opens the student's workspace, the instructor's notebooks/.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { after, test } from "node:test";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { startLab } from "../helpers/lab.mjs";

let lab = null;
after(() => lab?.stop());

test("lab.mjs starts JupyterLab, prints its URL, and defaults to the TypeScript kernel", async () => {
  lab = await startLab({ generatedToken: true, instructor: true });
  assert.equal(lab.url.port, String(lab.port));
  assert.equal(lab.url.pathname, "/lab");
  assert.match(lab.token ?? "", /^[0-9a-f]{32,}$/, "the printed URL carries the token to log in with");

  const specs = await (await lab.api("/api/kernelspecs")).json();
  assert.equal(specs.default, "tslab");
  assert.equal(specs.kernelspecs.tslab.spec.language, "typescript");

  const listed = (await (await lab.api("/api/contents")).json()).content.map((entry) => entry.name).sort();
  // Jupyter hides dot files and its default hide_globs.
  const hidden = (name) => name.startsWith(".") || name === "__pycache__" || /\.(pyc|pyo|so|dylib)$|~$/.test(name);
  const visible = fs.readdirSync(notebooksDir).filter((name) => !hidden(name)).sort();
  assert.deepEqual(listed, visible, "the server's root is notebooks/");

  const page = await (await lab.api("/lab")).text();
  assert.match(page, /jupyterlab-plotly/, "plotly's renderer is among the page's extensions");
  await lab.stop();
  lab = null;
});

test("the student's door opens the workspace it made, and its options stay JupyterLab's", async () => {
  lab = await startLab();
  assert.match(lab.stdout(), /workspace: made \S+, your own copy of the course/);
  const listed = (await (await lab.api("/api/contents")).json()).content.map((entry) => entry.name).sort();
  const chapters = fs.readdirSync(notebooksDir).filter((name) => name.endsWith(".ipynb"));
  // and the workspace's own package.json, so that an npm install there stays there (scripts/lib/workspace-package.mjs)
  assert.deepEqual(listed, [...chapters, "images", "package.json"].sort(), "the server's root is the workspace: released chapters, images, its package.json");
  const specs = await (await lab.api("/api/kernelspecs")).json();
  assert.equal(specs.default, "tslab");
  assert.equal((await lab.api("/formgrader")).status, 404, "no formgrader in the student's door");
  // npm start again on the same workspace: no second server saving over the first's notebooks, and
  // the workspace left as it is (an update would replace a chapter under the first server's open tab)
  const chapter = path.join(lab.workspace, chapters[0]);
  fs.rmSync(chapter);
  const again = spawnSync(process.execPath, [fromRoot("scripts", "lab.mjs"), "--workspace", lab.workspace, "--no-browser"], { encoding: "utf8", timeout: 60_000 });
  assert.equal(again.status, 3, again.stderr);
  assert.match(again.stderr, new RegExp(`a JupyterLab is already running on .* open http://\\S+lab\\?token=${lab.token}`));
  assert.equal(fs.existsSync(chapter), false, "the workspace is not updated while its server runs");
  assert.doesNotMatch(again.stdout, /workspace:/);
});
