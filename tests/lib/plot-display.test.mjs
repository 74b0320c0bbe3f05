// Showing figures: silent outside a kernel; inside one, one output with plotly JSON, SVG and
// text, and a training curve that redraws in place. The kernel side is a stand-in module
// laid out like tslab's (dist/jupyter.js holding the cell's writer, dist/public.js the
// display API), so these tests need no Jupyter; tests/kernel drives the real one.
import assert from "node:assert/strict";
import fs from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { test } from "node:test";
import { inKernel, lineChart, PLOTLY_MIME, scatter, show, trainingCurve } from "neural-mi";

const require = createRequire(import.meta.url);
const figure = () => scatter([[0, 1], [1, 2], [2, 0]], { title: "three points" });

/** Runs fn and returns what it wrote to stdout and stderr. */
function captureOutput(fn) {
  const written = { stdout: "", stderr: "" };
  const originals = { stdout: process.stdout.write, stderr: process.stderr.write };
  for (const stream of ["stdout", "stderr"]) {
    process[stream].write = (chunk, ...rest) => {
      written[stream] += String(chunk);
      const callback = rest.find((r) => typeof r === "function");
      if (callback) callback();
      return true;
    };
  }
  try {
    const result = fn();
    return { result, ...written };
  } finally {
    process.stdout.write = originals.stdout;
    process.stderr.write = originals.stderr;
  }
}

const JUPYTER_JS = `
exports.lastWriteDisplayData = (message, update) => globalThis.fakeKernelMessages.push({ message, update });
`;
// Mirrors tslab's display objects: a new display's first output is display_data, later
// ones update_display_data with the same display_id.
const PUBLIC_JS = (withBundle) => `
const jupyter = require("./jupyter");
let next = 0;
class Display {
  constructor(id) { this.id = id; this.update = false; }
  raw(type, value) { this.send({ [type]: value }); }
  ${withBundle ? "bundle(data) { this.send(data); }" : ""}
  send(data) {
    const update = this.update;
    if (this.id) this.update = true;
    jupyter.lastWriteDisplayData({ data, metadata: {}, transient: { display_id: this.id } }, update);
  }
}
exports.display = new Display();
exports.newDisplay = () => new Display("display-" + ++next);
`;

/** Installs a stand-in kernel (as if tslab were running a cell) for the duration of fn. */
async function withFakeKernel({ withBundle = true } = {}, fn) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "neural-mi-plot-"));
  const dist = path.join(dir, "node_modules", "tslab", "dist");
  fs.mkdirSync(dist, { recursive: true });
  fs.writeFileSync(path.join(dist, "jupyter.js"), JUPYTER_JS);
  fs.writeFileSync(path.join(dist, "public.js"), PUBLIC_JS(withBundle));
  globalThis.fakeKernelMessages = [];
  require(path.join(dist, "jupyter.js"));
  try {
    return await fn(globalThis.fakeKernelMessages);
  } finally {
    delete require.cache[path.join(dist, "jupyter.js")];
    delete require.cache[path.join(dist, "public.js")];
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

test("outside a kernel, show returns the figure and prints nothing", () => {
  assert.equal(inKernel(), false);
  const fig = figure();
  const { result, stdout, stderr } = captureOutput(() => show(fig));
  assert.equal(result, fig);
  assert.equal(stdout, "");
  assert.equal(stderr, "");
  assert.ok(!Object.keys(require.cache).some((file) => /[\\/]tslab[\\/]/.test(file)), "show does not load tslab");
});

test("a loaded but idle tslab (no cell running) counts as outside a kernel", () => {
  const { stdout, stderr } = captureOutput(() => {
    const tslab = require("tslab");
    assert.equal(typeof tslab.display.raw, "function");
    assert.equal(inKernel(), false);
    show(figure());
    const curve = trainingCurve({ groundTruth: 1 });
    curve.update(1, 0.5);
    curve.finish();
  });
  assert.equal(stdout, "");
  assert.equal(stderr, "");
});

test("in a kernel, show sends one output with plotly JSON, the SVG fallback and a line of text", async () => {
  await withFakeKernel({}, (messages) => {
    assert.equal(inKernel(), true);
    const fig = figure();
    const { result, stdout, stderr } = captureOutput(() => show(fig));
    assert.equal(result, undefined, "nothing for tslab to print as the cell's value");
    assert.equal(stdout + stderr, "");
    assert.equal(messages.length, 1);
    const [{ message, update }] = messages;
    assert.equal(update, false);
    assert.deepEqual(Object.keys(message.data).sort(), [PLOTLY_MIME, "image/svg+xml", "text/plain"].sort());
    assert.equal(message.data[PLOTLY_MIME], fig, "the figure object itself, not a JSON string");
    assert.match(message.data["image/svg+xml"], /^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
    assert.equal(message.data["text/plain"], 'three points: 3 points "samples"');
    assert.throws(() => show({ nope: true }), /show: expected a figure/);
  });
});

test("in a kernel, a training curve redraws one display in place and ends interactive", async () => {
  await withFakeKernel({}, async (messages) => {
    const curve = trainingCurve({ groundTruth: 0.5, names: ["MINE"], throttleMs: 0 });
    for (let epoch = 1; epoch <= 3; epoch++) {
      await new Promise((resolve) => setImmediate(resolve));
      curve.update(epoch, epoch / 6);
    }
    curve.finish();
    const final = curve.figure();
    assert.equal(messages.length, 5, "shown when made, once per update, once at the end");
    const ids = new Set(messages.map((m) => m.message.transient.display_id));
    assert.equal(ids.size, 1);
    assert.deepEqual(messages.map((m) => m.update), [false, true, true, true, true]);
    // While training: SVG and text only (plotly's renderer would not redraw in place).
    for (const { message } of messages.slice(0, 4)) {
      assert.deepEqual(Object.keys(message.data).sort(), ["image/svg+xml", "text/plain"]);
    }
    assert.equal(messages[3].message.data["text/plain"], "Estimate per epoch: MINE 0.500 at epoch 3; ground truth 0.500 nats");
    assert.equal((messages[3].message.data["image/svg+xml"].match(/class="marker"/g) ?? []).length, 3);
    const last = messages[4].message.data;
    assert.deepEqual(last[PLOTLY_MIME], final);
    assert.ok(last["image/svg+xml"].startsWith("<svg"));
  });
});

test("updates closer together than throttleMs are not drawn until the end", async () => {
  await withFakeKernel({}, async (messages) => {
    // A throttle far longer than this test: only the first drawing and finish() are sent.
    const curve = trainingCurve({ names: ["MINE"], throttleMs: 1e9 });
    for (let epoch = 1; epoch <= 50; epoch++) curve.update(epoch, epoch);
    curve.finish();
    assert.equal(messages.length, 2);
    assert.equal(messages[1].message.data[PLOTLY_MIME].data[0].x.length, 50);
  });
});

test("an unpatched tslab (no display.bundle) still gets the plotly figure, with a note on stdout once", async () => {
  await withFakeKernel({ withBundle: false }, (messages) => {
    const { stdout, stderr } = captureOutput(() => {
      show(figure());
      show(lineChart([1, 2, 3]));
    });
    assert.equal(stderr, "");
    assert.equal(stdout.trim().split("\n").length, 1);
    assert.match(stdout, /no display\.bundle .*patches\/tslab\+1\.0\.22\.patch/);
    assert.equal(messages.length, 2);
    for (const { message } of messages) assert.deepEqual(Object.keys(message.data), [PLOTLY_MIME]);
  });
});
