// The student's door, in a real browser: `npm start` (scripts/lab.mjs) on a fresh workspace
// in a temporary folder, driven in headless Debian Chromium. Every notebook of the workspace
// is opened and its text (the notebook model JupyterLab loaded, and the page's text) is
// searched for each line of the instructor source's solution and hidden-test regions; none
// may be there. nbgrader's instructor tools are absent; the Validate button runs a notebook
// on the TypeScript kernel and reports the failing test of an unanswered exercise, and success
// once every exercise is answered. Screenshots land in artifacts/browser/student-door/.
import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { launchBrowser } from "./helpers/browser.mjs";
import { leakedLines, secretLines } from "./helpers/secrets.mjs";
import { modelCells } from "./helpers/notebook-page.mjs";
import { startLab } from "../helpers/lab.mjs";
import { timedSteps } from "../helpers/steps.mjs";

const artifactsDir = fromRoot("artifacts", "browser", "student-door");
const chapters = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb")).sort();
const readSource = (file) => JSON.parse(fs.readFileSync(path.join(notebooksDir, file), "utf8"));
const text = (source) => (Array.isArray(source) ? source.join("") : source);

// nbgrader's JupyterLab plugins: the instructor's are off in the student's door, Validate stays.
const INSTRUCTOR_PLUGINS = ["create-assignment", "formgrader", "course-list", "assignment-list", "menu"].map((p) => `@jupyter/nbgrader:${p}`);
const VALIDATE_PLUGIN = "@jupyter/nbgrader:validate-assignment";
// The chapter the Validate button is tried on: the first, the quickest to run.
const VALIDATED = chapters[0];
// in a folder of its own, under the chapter's name: a copy of another name fails Validate with a note
// (OtherName: grading looks for the chapter's own file)
const ANSWERED = `answered/${VALIDATED}`;
// Generous: the chapter runs on a fresh kernel within the server, on a loaded machine.
const VALIDATE_TIMEOUT_MS = 5 * 60_000;

let lab;
let browser;
let page;
const { step, record, report } = timedSteps({
  artifactsDir,
  page: () => page,
  // each step closes the notebooks it opened (unsaved) and ends their kernels
  afterEach: async () => {
    await page.evaluate(() => [...window.jupyterapp.shell.widgets("main")].forEach((w) => w.dispose())).catch(() => {});
    await lab.shutdownKernels();
  },
});
const log = (line) => console.log(`student door: ${line}`);

before(async () => {
  fs.rmSync(artifactsDir, { recursive: true, force: true });
  fs.mkdirSync(artifactsDir, { recursive: true });
  const started = Date.now();
  browser = await launchBrowser({ log });
  lab = await startLab();
  // One page for the whole test: each notebook is opened in it from JupyterLab's own command,
  // which is quicker than loading the application again for each.
  page = await browser.context.newPage();
  await page.goto(lab.page("/lab/workspaces/student-door?reset"));
  await page.waitForFunction(() => window.jupyterapp?.shell?.node?.isConnected, null, { timeout: 120_000 });
  // The test reads the notebooks and Validate runs them in the server: the page needs no
  // kernels, and starting one per notebook would take most of the test's time.
  await page.evaluate(() => Object.defineProperty(window.jupyterapp.docRegistry.getWidgetFactory("Notebook"), "preferKernel", { value: false }));
  record("start Chromium and JupyterLab", (Date.now() - started) / 1000);
});

after(async () => {
  await page?.close();
  await browser?.close();
  await lab?.stop();
  report("student door test");
});

/** Opens a notebook of the workspace in the page and waits until each of its cells is drawn. */
async function open(file) {
  await page.evaluate((p) => window.jupyterapp.commands.execute("docmanager:open", { path: p, factory: "Notebook" }), file);
  await page.waitForFunction(
    (p) => {
      const panel = window.jupyterapp.shell.currentWidget;
      if (panel?.context?.path !== p || !panel.context.isReady) return false;
      const cells = panel.content.widgets;
      return cells.length === panel.content.model.cells.length && cells.every((cell) => cell.model.type !== "markdown" || cell.rendered);
    },
    file,
    { timeout: 120_000, polling: 250 },
  );
}

test("npm start made the workspace and said so; JupyterLab opens it, not the course source", async () => {
  assert.match(lab.stdout(), /workspace: made .*your own copy of the course/);
  const listed = (await (await lab.api("/api/contents")).json()).content.map((entry) => entry.name).sort();
  // and the workspace's own package.json, so that an npm install there stays there (scripts/lib/workspace-package.mjs)
  assert.deepEqual(listed, [...chapters, "images", "package.json"].sort(), "the server's root holds the released chapters, their images and its package.json");
});

for (const file of chapters) {
  const name = file.replace(/\.ipynb$/, "");
  test(`${name}: the student's copy shows no solution and no hidden test`, async () => {
    const secrets = secretLines(readSource(file));
    assert.ok(secrets.length > 0, `${file} has solution regions to look for`);
    await step(`${name}: open and search`, async () => {
      await open(file);
      const loaded = (await modelCells(page)).map((c) => c.source).join("\n");
      // textContent: every cell's text, also of the cells the browser has not laid out yet.
      // The first notebook opened can still be filling its editors when its cells count as
      // rendered: wait (bounded) until the stubs are on the page before reading it.
      await page
        .waitForFunction(() => /YOUR (CODE|ANSWER) HERE/.test(window.jupyterapp.shell.currentWidget.content.node.textContent), null, { timeout: 30_000, polling: 250 })
        .catch(() => {});
      const shown = await page.evaluate(() => window.jupyterapp.shell.currentWidget.content.node.textContent);
      await page.screenshot({ path: path.join(artifactsDir, `${name}.png`) });
      for (const [what, haystack] of [["notebook", loaded], ["page", shown]]) {
        assert.ok(/YOUR (CODE|ANSWER) HERE/.test(haystack), `the ${what} shows the exercises' stubs`);
        assert.doesNotMatch(haystack, /BEGIN (SOLUTION|HIDDEN TESTS)/, `the ${what} holds no solution or hidden-test marker`);
        const leaks = leakedLines(secrets, haystack).map((s) => `${s.what} of ${s.cell}: ${s.line}`);
        assert.deepEqual(leaks, [], `the ${what} shows these lines of the instructor's source`);
      }
    });
  });
}

test("no instructor tools: nbgrader's Create Assignment, Formgrader, course list and menu are off; Validate is on", async () => {
  for (const route of ["/formgrader", "/formgrader/api/assignments", "/courses"]) {
    assert.equal((await lab.api(route)).status, 404, `${route} does not exist in the student's door`);
  }
  await step("instructor tools", async () => {
    const plugins = await page.evaluate(
      (ids) => Object.fromEntries(ids.map((id) => [id, window.jupyterapp.hasPlugin(id) && window.jupyterapp.isPluginActivated(id)])),
      [...INSTRUCTOR_PLUGINS, VALIDATE_PLUGIN],
    );
    assert.deepEqual(plugins, { ...Object.fromEntries(INSTRUCTOR_PLUGINS.map((id) => [id, false])), [VALIDATE_PLUGIN]: true });
    const menus = await page.locator(".lm-MenuBar-itemLabel").allTextContents();
    assert.ok(menus.includes("Run") && !menus.some((m) => /nbgrader/i.test(m)), `the menu bar has no Nbgrader menu: ${menus.join(", ")}`);
    const sidebars = await page.locator(".jp-SideBar .lm-TabBar-tab").evaluateAll((tabs) => tabs.map((t) => t.title || t.textContent));
    assert.ok(!sidebars.some((t) => /create assignment|nbgrader/i.test(t)), `no nbgrader side panel: ${sidebars.join(", ")}`);
  });
});

test("Validate runs an unanswered chapter on the TypeScript kernel and shows its failing tests", { timeout: VALIDATE_TIMEOUT_MS + 120_000 }, async () => {
  await step("validate unanswered", async () => {
    await open(VALIDATED);
    assert.equal(await validateButton().count(), 1, "the notebook's toolbar has the Validate button");
    const { kind, message } = await validate("validate-unanswered");
    assert.equal(kind, "validation-failed", message);
    assert.match(message, /The following cell failed/);
    assert.match(message, /No answer given yet: write your solution here\./, "the stub's error is what the test reports");
    assert.deepEqual(leakedLines(secretLines(readSource(VALIDATED)), message), [], "the result shows nothing of the hidden tests");
  });
});

test("Validate reports success once every exercise is answered", { timeout: VALIDATE_TIMEOUT_MS + 120_000 }, async () => {
  // The student's copy with each exercise answered as the instructor's source answers it.
  const answers = new Map(readSource(VALIDATED).cells.filter((c) => c.metadata?.nbgrader?.solution).map((c) => [c.metadata.nbgrader.grade_id, c.source]));
  const mine = JSON.parse(fs.readFileSync(path.join(lab.workspace, VALIDATED), "utf8"));
  for (const cell of mine.cells) if (cell.metadata?.nbgrader?.solution) cell.source = text(answers.get(cell.metadata.nbgrader.grade_id));
  fs.mkdirSync(path.dirname(path.join(lab.workspace, ANSWERED)), { recursive: true });
  fs.writeFileSync(path.join(lab.workspace, ANSWERED), JSON.stringify(mine));

  await step("validate answered", async () => {
    await open(ANSWERED);
    const { kind, message } = await validate("validate-answered");
    assert.equal(kind, "validation-success", message);
    assert.match(message, /Success! Your notebook passes all the tests\./);
  });
});

const validateButton = () => page.locator(".jp-NotebookPanel:not(.lm-mod-hidden) .jp-NotebookPanel-toolbar").getByText("Validate", { exact: true });

/** Clicks Validate and reads the result dialog: { kind: its class (validation-success, …), message }. */
async function validate(shot) {
  await validateButton().click();
  const result = page.locator("#validation-message");
  await result.waitFor({ timeout: VALIDATE_TIMEOUT_MS });
  await page.screenshot({ path: path.join(artifactsDir, `${shot}.png`) });
  const kind = await result.evaluate((node) => [...node.classList].find((c) => c.startsWith("validation-")) ?? "none");
  const message = await result.innerText();
  await page.keyboard.press("Escape");
  return { kind, message };
}
