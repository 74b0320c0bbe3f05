// The browser test's detectors on hand-made page and model states: each must flag the
// problem it is for (a passing browser run alone cannot show that they would).
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  cellsNotRun,
  containsInOrder,
  curvesLeftStatic,
  errorsShown,
  isReddish,
  liveCurveProblems,
  mathProblems,
  plotsNotDrawn,
  thrownMessageParts,
} from "./helpers/checks.mjs";

const PLOTLY = "application/vnd.plotly.v1+json";
const STDERR = "application/vnd.jupyter.stderr";

const figure = { type: "display_data", mimes: [PLOTLY, "image/svg+xml", "text/plain"] };
const codeCell = (index, outputs, executionCount = index) => ({ index, type: "code", source: "show(x);", executionCount, outputs });
const shownCell = (index, outputs) => ({ index, markdown: false, math: 0, mathErrors: 0, outputs });
const drawn = { mime: PLOTLY, plotlyDrawn: true, traces: 1 };

test("a plotly figure that the page does not draw is reported with its cell", () => {
  const model = [codeCell(0, [figure]), codeCell(1, [figure])];
  assert.deepEqual(plotsNotDrawn(model, [shownCell(0, [drawn]), shownCell(1, [drawn])]), []);
  const problems = plotsNotDrawn(model, [shownCell(0, [drawn]), shownCell(1, [{ mime: PLOTLY, plotlyDrawn: false, traces: 0 }])]);
  assert.equal(problems.length, 1);
  assert.match(problems[0], /^cell 1, output 0: the plotly figure is not drawn/);
  assert.match(plotsNotDrawn(model, [shownCell(0, [drawn]), shownCell(1, [])])[0], /not in the page/);
});

test("error outputs, stderr and red outputs are errors; plain output is not", () => {
  const model = [
    codeCell(0, [{ type: "stream", name: "stdout", mimes: [], text: "fine" }]),
    codeCell(1, [{ type: "error", mimes: [], ename: "TypeError", evalue: "x is not a function" }]),
    codeCell(2, [{ type: "stream", name: "stderr", mimes: [], text: "warning\n" }]),
  ];
  const shown = [shownCell(0, [{ mime: "application/vnd.jupyter.stdout" }]), shownCell(1, [{ mime: STDERR, text: "TypeError: x is not a function" }])];
  assert.deepEqual(errorsShown(model, shown), [
    "cell 1: TypeError: x is not a function",
    "cell 2 wrote to stderr: warning",
    "cell 1 shows a red output: TypeError: x is not a function",
  ]);
  assert.deepEqual(errorsShown([model[0]], [shown[0]]), []);
});

test("cells without an execution count did not run", () => {
  assert.deepEqual(cellsNotRun([codeCell(0, [], 1), { index: 1, type: "markdown", source: "# x" }, codeCell(2, [], null)]), [
    "cell 2 did not run: show(x);",
  ]);
});

test("a live curve must redraw, end as a plotly plot, and appear in every cell that makes one", () => {
  assert.deepEqual(liveCurveProblems({ "3:0": ["svg a", "svg b", "svg c", "plotly"] }, [3]), []);
  assert.deepEqual(liveCurveProblems({ "3:0": ["svg a", "plotly"] }, [3]), [
    "no training curve was seen redrawn while training ran (every live curve showed at most one state)",
  ]);
  assert.match(liveCurveProblems({ "3:0": ["svg a", "svg b"] }, [3])[0], /did not become a plotly plot/);
  assert.match(liveCurveProblems({ "3:0": ["svg a", "svg b", "plotly"] }, [3, 5])[0], /cell 5 makes a training curve/);
  assert.deepEqual(liveCurveProblems({}, []), [], "a chapter without training curves has nothing to show");
});

test("an SVG-only output at the end is a curve that was never finished", () => {
  assert.deepEqual(curvesLeftStatic([codeCell(0, [figure])]), []);
  assert.match(curvesLeftStatic([codeCell(0, [{ type: "display_data", mimes: ["image/svg+xml", "text/plain"] }])])[0], /static SVG/);
});

test("markdown with LaTeX needs rendered math; dollars in code do not count", () => {
  const model = [
    { index: 0, type: "markdown", source: "The ratio $r = dP/dQ$." },
    { index: 1, type: "markdown", source: "Costs `$5` in code." },
    { index: 2, type: "markdown", source: "$$\nD = E[f(r)]\n$$" },
  ];
  const cells = [
    { index: 0, markdown: true, math: 1, mathErrors: 0, outputs: [] },
    { index: 1, markdown: true, math: 0, mathErrors: 0, outputs: [] },
    { index: 2, markdown: true, math: 0, mathErrors: 0, outputs: [] },
  ];
  assert.deepEqual(mathProblems(model, cells), ["markdown cell 2 has LaTeX but no rendered math: $$"]);
  cells[2] = { ...cells[2], math: 1, mathErrors: 1 };
  assert.deepEqual(mathProblems(model, cells), ["markdown cell 2: MathJax reports 1 error(s)"]);
});

test("a test cell's messages are split into their fixed parts and found in the traceback", () => {
  const source = [
    "if (bad) throw new Error(`groundTruth(${rho}) returned ${got}, expected ${expected.toFixed(6)} nats`);",
    'if (other) throw new Error("every row must be a pair");',
  ].join("\n");
  const parts = thrownMessageParts(source);
  assert.deepEqual(parts, [["groundTruth(", ") returned ", ", expected ", " nats"], ["every row must be a pair"]]);
  const traceback = "Error: groundTruth(0.5) returned 0.2075, expected 0.143841 nats (natural logarithm)\n    at check";
  assert.ok(containsInOrder(traceback, parts[0]));
  assert.ok(!containsInOrder(traceback, parts[1]));
  assert.ok(!containsInOrder("expected 1, groundTruth(0.5) returned 2", parts[0]), "the parts must come in order");
});

test("red backgrounds are told from white and grey", () => {
  assert.ok(isReddish("rgb(255, 221, 221)"));
  assert.ok(!isReddish("rgb(255, 255, 255)"));
  assert.ok(!isReddish("rgba(0, 0, 0, 0)"));
  assert.ok(!isReddish("rgb(238, 238, 238)"));
});
