// The chapters as students meet them, in a real browser: JupyterLab started by scripts/lab.mjs
// on the course source with its answers (the instructor's door, `npm run instructor`, so that
// every cell can run; tests/browser/student-door.test.mjs tests the student's own door), driven
// in headless Debian Chromium through playwright-core. For every notebook in notebooks/: open it, check the kernel is TypeScript, run all cells from the menu, and check
// that every cell ran, every plot is drawn, the training curves redraw while training runs,
// no cell shows an error and the LaTeX is rendered; a screenshot of each is saved in
// artifacts/browser/. Also: the launcher offers TypeScript first, completion and hover help
// know neural-mi's names, and a wrong answer typed into an exercise gets a red error that
// carries its test's message. Nothing is saved: the notebooks on disk stay as they are.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { fromRoot, notebooksDir } from "../../scripts/lib/paths.mjs";
import { launchBrowser } from "./helpers/browser.mjs";
import {
  cellsNotRun,
  containsInOrder,
  curvesLeftStatic,
  errorsShown,
  isReddish,
  liveCurveProblems,
  mathProblems,
  plotlyOutputs,
  plotsNotDrawn,
  thrownMessageParts,
} from "./helpers/checks.mjs";
import { addCellAtEnd, currentLine, runCell, typeOverSolution } from "./helpers/editing.mjs";
import { startLab } from "../helpers/lab.mjs";
import {
  executionCounts,
  kernelShown,
  modelCells,
  openNotebook,
  pageCells,
  runAllFromMenu,
  screenshotNotebook,
  startOutputRecorder,
  stopOutputRecorder,
  waitForExecution,
} from "./helpers/notebook-page.mjs";

const artifactsDir = fromRoot("artifacts", "browser");
// NEURAL_MI_BROWSER_ONLY=02 narrows the run to the notebooks whose names contain "02" (while
// working on one chapter); by default every notebook in notebooks/ is tested.
const only = process.env.NEURAL_MI_BROWSER_ONLY;
const chapters = fs
  .readdirSync(notebooksDir)
  .filter((f) => f.endsWith(".ipynb") && (!only || f.includes(only)))
  .sort();

// The exercise that gets a wrong answer: its nbgrader grade_id, and the answer typed over its
// solution: a plausible mistake (the logarithm in base 2, so bits where nats are asked).
const WRONG_ANSWER = { exercise: "ground_truth", line: "return -0.5 * Math.log2(1 - rho * rho);" };
// Completion and hover help are tried on this neural-mi export, typed from this prefix.
const COMPLETION = { name: "MINETrainer", prefix: "MINET" };

// Generous limits: they only stop a hung run. The measured times are printed at the end.
const RUN_ALL_TIMEOUT_MS = 20 * 60_000;
const CHAPTER_TIMEOUT_MS = 30 * 60_000;

let lab;
let browser;
const timings = [];
const started = Date.now();
const allNotebooks = fs.readdirSync(notebooksDir).filter((f) => f.endsWith(".ipynb"));
const notebookBytes = new Map(allNotebooks.map((f) => [f, fs.readFileSync(path.join(notebooksDir, f))]));
const log = (line) => console.log(`browser: ${line}`);

before(async () => {
  fs.mkdirSync(artifactsDir, { recursive: true });
  for (const f of fs.readdirSync(artifactsDir)) if (f.endsWith(".png")) fs.rmSync(path.join(artifactsDir, f));
  const startup = Date.now();
  browser = await launchBrowser({ log });
  lab = await startLab({ instructor: true });
  timings.push(["start Chromium and JupyterLab", (Date.now() - startup) / 1000]);
});

after(async () => {
  await browser?.close();
  await lab?.stop();
  // JupyterLab's log holds what the kernels wrote to stderr (a crash, say).
  if (lab) fs.writeFileSync(path.join(artifactsDir, "jupyterlab.log"), lab.log());
  // Should the lab ever have saved a notebook, put the bytes it had back (the last test fails then).
  for (const file of lab?.savedFiles() ?? []) {
    const name = path.basename(file);
    if (notebookBytes.has(name)) fs.writeFileSync(path.join(notebooksDir, name), notebookBytes.get(name));
  }
  const total = (Date.now() - started) / 1000;
  console.log("browser test, wall time per step:");
  for (const [name, seconds] of timings) console.log(`  ${seconds.toFixed(1).padStart(6)} s  ${name}`);
  console.log(`  ${total.toFixed(1).padStart(6)} s  in all (Chromium, JupyterLab, every chapter)`);
  fs.writeFileSync(path.join(artifactsDir, "timings.json"), JSON.stringify({ total, steps: Object.fromEntries(timings) }, null, 2) + "\n");
});

test("there are notebooks to test", () => {
  assert.ok(chapters.length > 0, `no .ipynb files in ${notebooksDir}; build them with node scripts/build-notebooks.mjs`);
});

test("the launcher offers the TypeScript kernel first, the default for notebooks", async () => {
  const specs = await (await lab.api("/api/kernelspecs")).json();
  assert.equal(specs.default, "tslab", "the server's default kernel");
  assert.equal(specs.kernelspecs.tslab?.spec.language, "typescript");

  const page = await browser.context.newPage();
  try {
    await page.goto(lab.page("/lab/workspaces/launcher?reset"));
    await page.locator('.jp-LauncherCard[data-category="Notebook"]').first().waitFor({ timeout: 120_000 });
    const cards = await page.$$eval('.jp-LauncherCard[data-category="Notebook"]', (els) => els.map((e) => e.getAttribute("title")));
    assert.equal(cards[0], specs.kernelspecs.tslab.spec.display_name, `the first notebook in the launcher is ${cards[0]} (all: ${cards.join(", ")})`);
    // The instructor's door keeps nbgrader's tools (the student's door has them off).
    const creates = await page.evaluate(() => window.jupyterapp.isPluginActivated("@jupyter/nbgrader:create-assignment"));
    assert.equal(creates, true, "nbgrader's Create Assignment is on in the instructor's door");
    const formgrader = (await lab.api("/formgrader", { redirect: "manual" })).status;
    assert.ok([200, 302].includes(formgrader), `the formgrader is served in the instructor's door (status ${formgrader})`);
    await page.screenshot({ path: path.join(artifactsDir, "00-launcher.png") });
  } finally {
    await page.close();
  }
});

for (const file of chapters) {
  const name = file.replace(/\.ipynb$/, "");

  test(`${name}: runs in the TypeScript kernel with every plot drawn and no error`, { timeout: CHAPTER_TIMEOUT_MS }, async (t) => {
    const chapterStart = Date.now();
    const page = await browser.context.newPage();
    try {
      await openNotebook(page, lab, file);
      timings.push([`${name}: open, kernel ready`, (Date.now() - chapterStart) / 1000]);

      const kernel = await kernelShown(page);
      assert.deepEqual(kernel, { name: "tslab", displayName: "TypeScript", toolbarLabel: "TypeScript" }, "the notebook's kernel");

      const before = await executionCounts(page);
      await startOutputRecorder(page);
      await runAllFromMenu(page);
      const runSeconds = await waitForExecution(page, { before, timeoutMs: RUN_ALL_TIMEOUT_MS });
      const curves = await stopOutputRecorder(page);
      timings.push([`${name}: Run All Cells`, runSeconds]);
      t.diagnostic(`Run All Cells took ${runSeconds.toFixed(1)} s`);

      const model = await modelCells(page);
      const cells = await pageCells(page);
      const shots = await screenshotNotebook(page, path.join(artifactsDir, name));
      t.diagnostic(`screenshots: ${shots.map((f) => path.relative(fromRoot(), f)).join(", ")}`);

      assert.equal(cells.length, model.length, "every cell of the notebook is in the page");
      assert.deepEqual(cellsNotRun(model), [], "every code cell ran");
      assert.deepEqual(errorsShown(model, cells), [], "no cell shows an error");

      assert.deepEqual(plotsNotDrawn(model, cells), [], "every plot is drawn");
      assert.deepEqual(curvesLeftStatic(model), [], "every live curve ends as an interactive plot");
      const code = model.filter((c) => c.type === "code");
      if (code.some((c) => /\b(show|trainingCurve)\(/.test(c.source))) {
        assert.ok(plotlyOutputs(model) > 0, "the chapter shows figures, so the page must hold plotly plots");
      }
      const curveCells = code.filter((c) => /\btrainingCurve\(/.test(c.source)).map((c) => c.index);
      for (const [key, states] of Object.entries(curves)) {
        const drawn = new Set(states.filter((s) => s.startsWith("svg"))).size;
        t.diagnostic(`live curve at cell ${key.replace(":", ", output ")}: ${drawn} SVG states while training, then ${states[states.length - 1]}`);
      }
      assert.deepEqual(liveCurveProblems(curves, curveCells), [], "training curves redraw while training runs");

      // a test cell's reportResult shows the student one readable line (its JSON part is for the autograder)
      for (const cell of code.filter((c) => /\breportResult\(/.test(c.source))) {
        const shown = cells[cell.index].outputs.filter((o) => o.mime === "text/plain").map((o) => o.text);
        assert.ok(
          shown.some((text) => /: estimate -?\d+\.\d{4} nats, ground truth -?\d+\.\d{4} nats, within [\d.]+: yes/.test(text)),
          `cell ${cell.index} should show its result as a line of text, shows ${JSON.stringify(cells[cell.index].outputs)}`,
        );
      }

      assert.deepEqual(mathProblems(model, cells), [], "LaTeX is rendered");
      if (model.some((c) => c.type === "markdown" && c.source.includes("$"))) {
        assert.ok(cells.reduce((n, c) => n + c.math, 0) > 0, "the chapter's LaTeX shows as MathJax output");
      }

      if (file === chapters[0]) {
        await t.test(`completion and hover help know neural-mi's ${COMPLETION.name}`, () => completionAndHelp(page, name));
      }
      const solution = model.find((c) => c.metadata?.nbgrader?.grade_id === WRONG_ANSWER.exercise && c.metadata.nbgrader.solution);
      if (solution) {
        await t.test(`a wrong answer to "${WRONG_ANSWER.exercise}" gets a readable red error from its test`, () =>
          wrongAnswer(page, model, solution, name),
        );
      }
    } catch (error) {
      // What the page showed when it went wrong (a dialog, a half-run notebook).
      await page.screenshot({ path: path.join(artifactsDir, `${name}-failure.png`) }).catch(() => {});
      throw error;
    } finally {
      await page.close();
      await lab.shutdownKernels();
      timings.push([`${name}: in all`, (Date.now() - chapterStart) / 1000]);
    }
  });
}

test(`some chapter has the exercise "${WRONG_ANSWER.exercise}" that gets a wrong answer`, () => {
  const has = allNotebooks.some((f) =>
    JSON.parse(notebookBytes.get(f).toString("utf8")).cells.some((c) => c.metadata?.nbgrader?.grade_id === WRONG_ANSWER.exercise),
  );
  assert.ok(has, `no notebook has a cell with grade_id "${WRONG_ANSWER.exercise}"; update WRONG_ANSWER in tests/browser/student-view.test.mjs`);
});

test("the lab saved nothing: the notebooks on disk are untouched", () => {
  assert.deepEqual(lab.savedFiles(), [], "JupyterLab wrote these files (they are restored after the test)");
});

/** Tab after a prefix completes a neural-mi export; Shift+Tab shows its documentation. */
async function completionAndHelp(page, name) {
  await addCellAtEnd(page);
  await page.keyboard.type(`import { ${COMPLETION.name} } from "neural-mi";`);
  await page.keyboard.press("Enter");
  await page.keyboard.type(COMPLETION.prefix);
  await page.keyboard.press("Tab");

  // The kernel answers (TypeScript's language service); JupyterLab lists the matches.
  const item = page.locator(`.jp-Completer .jp-Completer-item[data-value="${COMPLETION.name}"]`);
  try {
    await item.waitFor({ timeout: 60_000 });
  } catch {
    const offered = await page.locator(".jp-Completer .jp-Completer-item").evaluateAll((els) => els.map((e) => e.dataset.value));
    throw new Error(`Tab after "${COMPLETION.prefix}" did not offer ${COMPLETION.name}; offered: ${offered.join(", ") || "nothing"}`);
  }
  await page.screenshot({ path: path.join(artifactsDir, `${name}-completion.png`) });
  await item.click();
  assert.equal((await currentLine(page)).trim(), COMPLETION.name, `choosing the completion writes ${COMPLETION.name}`);

  // Shift+Tab with the cursor on the name: the kernel's inspect reply in a tooltip.
  await page.keyboard.press("Shift+Tab");
  const tooltip = page.locator(".jp-Tooltip");
  await tooltip.waitFor({ timeout: 60_000 });
  const help = (await tooltip.textContent()).trim();
  await page.screenshot({ path: path.join(artifactsDir, `${name}-hover-help.png`) });
  assert.match(help, new RegExp(`\\bclass ${COMPLETION.name}\\b`), `the help declares the class: "${help}"`);
  const documentation = help.split("\n").filter((line) => line.trim() !== "" && !line.includes(COMPLETION.name));
  assert.ok(documentation.join(" ").length >= 20, `the help carries the class's documentation, got "${help}"`);
  await page.keyboard.press("Escape");
}

/** Types a wrong answer into the exercise, runs it and its test, and reads the red error. */
async function wrongAnswer(page, model, solution, name) {
  const testCell = model.find((c) => c.index > solution.index && c.type === "code" && c.metadata?.nbgrader?.grade);
  assert.ok(testCell, `no graded test cell follows the solution cell ${solution.index}`);
  const parts = thrownMessageParts(testCell.source);
  assert.ok(parts.length > 0, `the test cell ${testCell.index} throws no Error with a message`);

  await typeOverSolution(page, solution.index, WRONG_ANSWER.line);
  const edited = (await modelCells(page))[solution.index].source;
  assert.ok(edited.includes(WRONG_ANSWER.line), `the typed answer is in the cell:\n${edited}`);
  assert.match(edited, /BEGIN SOLUTION[\s\S]*END SOLUTION/, "the solution markers are kept");

  const before = await executionCounts(page);
  await page.keyboard.press("Shift+Enter");
  await runCell(page, testCell.index);
  await waitForExecution(page, { before, timeoutMs: 5 * 60_000 });

  const after = await modelCells(page);
  assert.deepEqual(errorsShown([after[solution.index]], []), [], "the wrong answer itself runs");
  const errors = after[testCell.index].outputs.filter((o) => o.type === "error");
  assert.equal(errors.length, 1, `the test cell fails with one error output, got ${JSON.stringify(after[testCell.index].outputs)}`);

  const shown = (await pageCells(page))[testCell.index].outputs.filter((o) => o.mime === "application/vnd.jupyter.stderr");
  assert.equal(shown.length, 1, "the page shows the test's error");
  const [red] = shown;
  await screenshotCells(page, solution.index, testCell.index, path.join(artifactsDir, `${name}-wrong-answer.png`));
  assert.ok(isReddish(red.background), `the error is shown on a red background, got ${red.background}`);
  assert.match(red.text, new RegExp(`\\b${errors[0].ename}\\b`), "the red text names the error");
  assert.ok(
    parts.some((p) => containsInOrder(red.text, p)),
    `the red text carries one of the test's messages (${parts.map((p) => p.join("…")).join(" | ")}):\n${red.text}`,
  );
}

/** A screenshot from the top of one cell to the bottom of another (the answer and its test). */
async function screenshotCells(page, first, last, file) {
  const cells = page.locator(".jp-Notebook .jp-Cell");
  await cells.nth(last).scrollIntoViewIfNeeded();
  await cells.nth(first).scrollIntoViewIfNeeded();
  const top = await cells.nth(first).boundingBox();
  const bottom = await cells.nth(last).boundingBox();
  const viewport = page.viewportSize();
  const y = Math.max(0, top.y);
  const height = Math.min(bottom.y + bottom.height, viewport.height) - y;
  await page.screenshot({ path: file, clip: { x: top.x, y, width: Math.min(top.width, viewport.width - top.x), height } });
}
