// tslab's display API as patched: one output carrying several MIME types, JSON
// types sent as objects, in-place updates, and clear errors for bad input.
import assert from "node:assert/strict";
import { test } from "node:test";
import { runHeadless, joinText, makeNotebook } from "../../scripts/lib/notebook.mjs";
import { errorsOf, streams } from "./helpers.mjs";

const PLOTLY = "application/vnd.plotly.v1+json";

const cells = [
  'import * as tslab from "tslab";\n' +
    "const figure = { data: [{ x: [1, 2], y: [3, 4], type: \"scatter\" }], layout: { title: { text: \"t\" } } };\n" +
    `tslab.display.bundle({ "${PLOTLY}": figure, "image/svg+xml": "<svg xmlns='http://www.w3.org/2000/svg'/>", "text/plain": "a plot" });`,
  `tslab.display.bundle({ "application/json": JSON.stringify({ a: [1, 2] }), "text/plain": "json" });`,
  `tslab.display.raw("${PLOTLY}", { data: [], layout: {} });`,
  'tslab.display.bundle({ "image/png": new Uint8Array([137, 80, 78, 71]), "text/plain": "png" });',
  'const live = tslab.newDisplay();\nlive.bundle({ "text/plain": "step 1" });\nlive.bundle({ "text/plain": "step 2", "text/html": "<b>step 2</b>" });\nconsole.log("done");',
  'tslab.display.bundle({ "application/json": "{not json" });',
  "const cyclic: any = {}; cyclic.self = cyclic;\ntslab.display.bundle({ \"application/json\": cyclic });",
  "tslab.display.bundle({});",
];

test("display.bundle, display.raw and newDisplay through nbclient", async () => {
  const { notebook, status, stderr } = await runHeadless(makeNotebook(cells), { allowErrors: true });
  assert.equal(status, 0, stderr);
  const [plot, json, raw, png, live, badJson, cyclic, empty] = notebook.cells;

  assert.equal(plot.outputs.length, 1, "one output for the whole bundle");
  const [bundle] = plot.outputs;
  assert.equal(bundle.output_type, "display_data");
  assert.deepEqual(Object.keys(bundle.data).sort(), ["image/svg+xml", PLOTLY, "text/plain"].sort());
  assert.equal(typeof bundle.data[PLOTLY], "object", "plotly JSON travels as an object");
  assert.deepEqual(bundle.data[PLOTLY].data[0].y, [3, 4]);

  assert.deepEqual(json.outputs[0].data["application/json"], { a: [1, 2] }, "a JSON string is sent parsed");
  assert.deepEqual(raw.outputs[0].data[PLOTLY], { data: [], layout: {} });
  assert.equal(png.outputs[0].data["image/png"], Buffer.from([137, 80, 78, 71]).toString("base64"));

  const displays = live.outputs.filter((o) => o.output_type === "display_data");
  assert.equal(displays.length, 1, "updates replace the display instead of adding outputs");
  assert.equal(joinText(displays[0].data["text/plain"]), "step 2");
  assert.equal(joinText(displays[0].data["text/html"]), "<b>step 2</b>");
  assert.equal(streams(live, "stdout"), "done\n");

  for (const [cell, pattern] of [
    [badJson, /application\/json is a string that is not valid JSON/],
    [cyclic, /could not be converted to JSON/],
    [empty, /data is empty/],
  ]) {
    const errors = errorsOf(cell);
    assert.equal(errors.length, 1, cell.source);
    assert.equal(errors[0].ename, "TypeError");
    assert.match(errors[0].evalue, pattern);
    assert.equal(cell.outputs.filter((o) => o.output_type === "display_data").length, 0);
  }
  for (const cell of notebook.cells) assert.equal(streams(cell, "stderr"), "", cell.source);
});
