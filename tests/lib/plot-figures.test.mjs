// The plotly figures made by the plot builders: traces, axes, sizes, values, input checks.
import assert from "node:assert/strict";
import { test } from "node:test";
import { inspect } from "node:util";
import {
  densityPlot,
  describeFigure,
  heatmap,
  lineChart,
  pairPlot,
  RDBU_REVERSED,
  scatter,
  sliderFigure,
  toHTML,
  trainingCurve,
  writeHTML,
} from "neural-mi";

// Deterministic, roughly Gaussian-looking samples without any generator.
const rows = (n, d = 2) =>
  Array.from({ length: n }, (_, i) => Array.from({ length: d }, (_, j) => Math.sin(1.7 * i + j) + 0.3 * Math.cos(0.37 * i * (j + 1))));

function trapezoid(x, y) {
  let sum = 0;
  for (let i = 1; i < x.length; i++) sum += ((x[i] - x[i - 1]) * (y[i] + y[i - 1])) / 2;
  return sum;
}

test("scatter: one marker trace holding the two columns, labelled axes, a size", () => {
  const points = rows(30);
  const figure = scatter(points, { title: "Samples", xLabel: "X", yLabel: "Y" });
  assert.equal(figure.data.length, 1);
  const [trace] = figure.data;
  assert.equal(trace.type, "scatter");
  assert.equal(trace.mode, "markers");
  assert.deepEqual(trace.x, points.map((p) => p[0]));
  assert.deepEqual(trace.y, points.map((p) => p[1]));
  assert.equal(figure.layout.title.text, "Samples");
  assert.equal(figure.layout.xaxis.title.text, "X");
  assert.equal(figure.layout.yaxis.title.text, "Y");
  assert.ok(figure.layout.width > 0 && figure.layout.height > 0);
  assert.equal(figure.layout.showlegend, false);
  // The figure is plain JSON: what the kernel sends is what the builder made.
  assert.deepEqual(JSON.parse(JSON.stringify(figure)), figure);
});

test("scatter: {x, y} input, overlaid named sets with a legend, typed arrays and tensor-likes", () => {
  const single = scatter({ x: [1, 2, 3], y: new Float32Array([4, 5, 6]) });
  assert.deepEqual(single.data[0].y, [4, 5, 6]);
  const tensorLike = { arraySync: () => [[1, 2], [3, 4]] };
  const overlay = scatter([
    { name: "Z", points: rows(10) },
    { name: "Z'", points: tensorLike },
  ]);
  assert.deepEqual(overlay.data.map((t) => t.name), ["Z", "Z'"]);
  assert.notEqual(overlay.data[0].marker.color, overlay.data[1].marker.color);
  assert.equal(overlay.layout.showlegend, true);
  assert.deepEqual(overlay.data[1].x, [1, 3]);
});

test("scatter: bad input names the argument and the fix", () => {
  assert.throws(() => scatter(rows(5, 3)), /points has 3 columns.*use pairPlot/);
  assert.throws(() => scatter({ x: [1, 2], y: [1] }), /points\.x has 2 values but points\.y has 1/);
  assert.throws(() => scatter([[0, 1], [NaN, 2]]), /points\[1\]\[0\] is NaN/);
  assert.throws(() => scatter([]), /points is empty/);
  assert.throws(() => scatter([[1, 2], [3]]), /points\[1\] has 1 values, expected 2/);
  assert.throws(() => scatter(rows(5), { width: -3 }), /options\.width must be an integer/);
});

test("pairPlot: densities on the diagonal, scatter below, contours above, one subplot each", () => {
  const samples = rows(200);
  const figure = pairPlot(samples, { labels: ["X", "Y"], levels: 6 });
  assert.deepEqual(
    figure.data.map((t) => `${t.type}/${t.mode ?? ""}/${t.xaxis}/${t.yaxis}`),
    ["scatter/lines/x/y", "contour//x2/y2", "scatter/markers/x3/y3", "scatter/lines/x4/y4"],
  );
  const [densityX, contour, points, densityY] = figure.data;
  // Panel (row 1, column 0): X on the x axis, Y on the y axis.
  assert.deepEqual(points.x, samples.map((s) => s[0]));
  assert.deepEqual(points.y, samples.map((s) => s[1]));
  assert.equal(densityX.fill, "tozeroy");
  assert.ok(Math.abs(trapezoid(densityX.x, densityX.y) - 1) < 0.01);
  assert.ok(Math.abs(trapezoid(densityY.x, densityY.y) - 1) < 0.01);
  assert.equal(contour.contours.coloring, "lines");
  assert.equal(Math.round((contour.contours.end - contour.contours.start) / contour.contours.size) + 1, 6);
  assert.equal(contour.z.length, contour.y.length);
  assert.ok(contour.z.every((row) => row.length === contour.x.length));
  // Axis titles on the outer panels only; columns share x ranges, rows share y ranges.
  const { layout } = figure;
  assert.equal(layout.xaxis3.title.text, "X");
  assert.equal(layout.xaxis4.title.text, "Y");
  assert.equal(layout.yaxis3.title.text, "Y");
  assert.equal(layout.xaxis2.title, undefined);
  assert.deepEqual(layout.xaxis.range, layout.xaxis3.range);
  assert.deepEqual(layout.yaxis3.range, layout.xaxis4.range);
  assert.deepEqual(layout.yaxis2.range, layout.xaxis.range);
  assert.equal(layout.yaxis.showticklabels, false);
  // Domains of the panels do not overlap and each axis is anchored to its partner.
  assert.ok(layout.xaxis.domain[1] < layout.xaxis2.domain[0]);
  assert.ok(layout.yaxis3.domain[1] < layout.yaxis.domain[0]);
  assert.equal(layout.xaxis4.anchor, "y4");
  assert.equal(layout.yaxis4.anchor, "x4");
  assert.equal(layout.showlegend, false);
});

test("pairPlot: d columns give d × d panels; labels must match the columns", () => {
  const figure = pairPlot(rows(50, 3));
  assert.equal(figure.data.length, 9);
  assert.deepEqual(
    figure.data.map((t) => t.type),
    ["scatter", "contour", "contour", "scatter", "scatter", "contour", "scatter", "scatter", "scatter"],
  );
  assert.equal(figure.layout.xaxis9.title.text, "X3");
  assert.ok(figure.layout.width > pairPlot(rows(50)).layout.width);
  assert.throws(() => pairPlot(rows(10), { labels: ["X"] }), /options\.labels must name each of the 2 columns/);
  assert.throws(() => pairPlot([[1, NaN]]), /columns\[0\]\[1\] is NaN/);
});

test("heatmap: z[row][column] is t(x[column], y[row]) on a grid including both ends", () => {
  const t = (x, y) => Math.sin(x) * y + 0.1 * x * x;
  let calls = 0;
  const figure = heatmap(
    (points) => {
      calls += 1;
      return points.map(([x, y]) => t(x, y));
    },
    { grid: [7, 4], xRange: [-3, 3], yRange: [0, 1.5], title: "t" },
  );
  assert.equal(calls, 1, "one batched call for the whole grid");
  const [trace] = figure.data;
  assert.equal(trace.type, "heatmap");
  assert.deepEqual(trace.x, [-3, -2, -1, 0, 1, 2, 3]);
  assert.deepEqual(trace.y, [0, 0.5, 1, 1.5]);
  assert.equal(trace.z.length, 4);
  trace.z.forEach((row, r) => row.forEach((v, c) => assert.equal(v, t(trace.x[c], trace.y[r]))));
  assert.deepEqual(trace.colorscale, RDBU_REVERSED);
  assert.equal(trace.zmid, 0);
  assert.equal(trace.showscale, true);
});

test("heatmap: the course defaults (50 × 50 on [-5, 5]²) and objects with evaluate()", () => {
  const net = { evaluate: (points) => Float32Array.from(points, ([x, y]) => x - y) };
  const figure = heatmap(net);
  const [trace] = figure.data;
  assert.equal(trace.x.length, 50);
  assert.equal(trace.y.length, 50);
  assert.equal(trace.x[0], -5);
  assert.equal(trace.x[49], 5);
  assert.equal(trace.z[49][0], -10);
  // Blue for low values, red for high values (matplotlib's RdBu_r).
  assert.equal(RDBU_REVERSED[0][1], "#053061");
  assert.equal(RDBU_REVERSED[RDBU_REVERSED.length - 1][1], "#67001f");
});

test("heatmap: a bad function or bad values are refused clearly", () => {
  assert.throws(() => heatmap(42), /fn must be a function .* or an object with evaluate/);
  assert.throws(() => heatmap(() => [1, 2, 3], { grid: 3 }), /fn returned 3 values for 9 points/);
  assert.throws(() => heatmap((p) => p.map(() => NaN), { grid: 2 }), /fn returned NaN at \(x, y\) = \(-5, -5\)/);
  assert.throws(() => heatmap((p) => p.map(() => 0), { xRange: [1, 1] }), /options\.xRange must be \[low, high\]/);
  assert.throws(() => heatmap((p) => p.map(() => 0), { grid: 1 }), /options\.grid must be an integer ≥ 2/);
});

test("lineChart: values against 1..n, or several named series with a legend", () => {
  const loss = [3, 2, 1.5, 1.2];
  const one = lineChart(loss, { yLabel: "loss" });
  assert.deepEqual(one.data[0].x, [1, 2, 3, 4]);
  assert.deepEqual(one.data[0].y, loss);
  assert.equal(one.layout.xaxis.title.text, "iteration");
  assert.equal(one.layout.yaxis.title.text, "loss");
  const two = lineChart({ MINE: [1, 2], "MI-NEE": [2, 3] });
  assert.deepEqual(two.data.map((t) => t.name), ["MINE", "MI-NEE"]);
  assert.equal(two.layout.showlegend, true);
  const explicit = lineChart([{ name: "a", x: [0, 10], y: [1, 2], mode: "markers" }]);
  assert.deepEqual(explicit.data[0].x, [0, 10]);
  assert.throws(() => lineChart({ y: [1, 2], x: [1] }), /series\.x has 1 values but series\.y has 2/);
  assert.throws(() => lineChart([]), /series is empty/);
});

test("densityPlot: one filled density curve per sample, each of mass 1", () => {
  const figure = densityPlot({ "t(Z)": rows(300).map((r) => r[0]), "t(Z')": rows(300).map((r) => r[1] + 1) }, { points: 300 });
  assert.deepEqual(figure.data.map((t) => t.name), ["t(Z)", "t(Z')"]);
  for (const trace of figure.data) {
    assert.equal(trace.fill, "tozeroy");
    assert.equal(trace.x.length, 300);
    assert.ok(Math.abs(trapezoid(trace.x, trace.y) - 1) < 5e-3);
  }
  assert.equal(figure.layout.xaxis.title.text, "t");
  assert.throws(() => densityPlot({}), /samples is empty/);
  assert.throws(() => densityPlot({ a: [1, Infinity] }), /samples\["a"\]\[1\] is Infinity/);
});

test("sliderFigure: plotly frames and a slider step per pre-computed figure", () => {
  const sizes = [10, 50, 200];
  const all = rows(200);
  const figure = sliderFigure(
    sizes.map((n) => ({ label: n, figure: pairPlot(all.slice(0, n)) })),
    { label: "n'" },
  );
  assert.equal(figure.frames.length, 3);
  assert.deepEqual(figure.frames.map((f) => f.name), ["10", "50", "200"]);
  const [slider] = figure.layout.sliders;
  assert.equal(slider.active, 2);
  assert.equal(slider.currentvalue.prefix, "n' = ");
  assert.deepEqual(slider.steps.map((s) => s.label), ["10", "50", "200"]);
  assert.deepEqual(slider.steps.map((s) => s.args[0]), [["10"], ["50"], ["200"]]);
  assert.equal(slider.steps[0].method, "animate");
  // The figure first shows the active step; each frame carries its own traces and axes.
  assert.deepEqual(figure.data, figure.frames[2].data);
  assert.equal(figure.frames[0].data[2].x.length, 10);
  assert.ok(figure.frames[0].layout.xaxis.range);
  assert.equal(figure.frames[0].layout.width, undefined);
  assert.ok(figure.layout.height > pairPlot(all).layout.height, "room for the slider");
  const first = sliderFigure([{ label: "a", figure: scatter(rows(3)) }, { label: "b", figure: scatter(rows(4)) }], { active: 0 });
  assert.equal(first.data[0].x.length, 3);
  assert.throws(() => sliderFigure([]), /frames must be a non-empty array/);
  assert.throws(
    () => sliderFigure([{ label: 1, figure: scatter(rows(3)) }, { label: 2, figure: pairPlot(rows(3)) }]),
    /frames\[1\] has 4 traces but frames\[0\] has 1/,
  );
  assert.throws(() => sliderFigure([{ label: 1, figure: scatter(rows(3)) }], { active: 1 }), /options\.active is 1/);
});

test("trainingCurve: points per series against the ground truth line, outside a kernel", () => {
  const curve = trainingCurve({ groundTruth: 0.8, names: ["MINE"], unit: "nats", title: "MI" });
  curve.update(1, 0.2);
  curve.update(2, 0.5);
  const minee = curve.series("MI-NEE");
  minee(1, 0.1);
  curve.push({ "MI-NEE": 0.3 });
  curve.push(0.7);
  assert.equal(curve.finish(), undefined, "nothing for tslab to print after a training cell");
  const figure = curve.figure();
  assert.deepEqual(figure.data.map((t) => t.name), ["MINE", "MI-NEE", "ground truth (0.800 nats)"]);
  assert.deepEqual(figure.data[0].x, [1, 2, 3]);
  assert.deepEqual(figure.data[0].y, [0.2, 0.5, 0.7]);
  assert.deepEqual(figure.data[1].x, [1, 2]);
  const truth = figure.data[2];
  assert.deepEqual(truth.y, [0.8, 0.8]);
  assert.deepEqual(truth.x, [1, 3], "the ground truth spans the epochs trained");
  assert.equal(truth.line.dash, "dash");
  assert.equal(figure.layout.yaxis.title.text, "estimate (nats)");
  assert.equal(figure.layout.title.text, "MI");
  assert.deepEqual(curve.values().MINE.y, [0.2, 0.5, 0.7]);
});

test("trainingCurve: update fits train({ onEpoch }) and keeps diverged estimates as gaps", async () => {
  const curve = trainingCurve({ names: ["DV"] });
  const train = async ({ epochs, onEpoch }) => {
    for (let epoch = 1; epoch <= epochs; epoch++) {
      await new Promise((resolve) => setImmediate(resolve));
      onEpoch(epoch, epoch === 2 ? NaN : epoch / 10);
    }
  };
  await train({ epochs: 3, onEpoch: curve.update });
  curve.finish();
  const figure = curve.figure();
  assert.deepEqual(figure.data[0].x, [1, 2, 3]);
  assert.ok(Number.isNaN(figure.data[0].y[1]));
  assert.equal(figure.data.length, 1, "no ground truth line when none is given");
  assert.throws(() => curve.update(NaN, 1), /epoch must be a finite number/);
  assert.throws(() => trainingCurve({ groundTruth: NaN }), /options\.groundTruth must be a finite number/);
  assert.throws(() => trainingCurve({ names: [] }), /options\.names must be a non-empty array/);
  assert.throws(() => curve.push([1, 2]), /got 2 values but the curve has 1 series/);
});

test("toHTML: a standalone page with plotly.js inlined and every figure drawn", () => {
  const figures = [scatter(rows(5), { title: "a </script> <b> title" }), lineChart([1, 2, 3])];
  const page = toHTML(figures);
  assert.match(page, /^<!DOCTYPE html>/);
  assert.match(page, /plotly\.js v\d+\.\d+\.\d+/, "the plotly.js bundle is inlined");
  assert.equal((page.match(/<script\b/g) ?? []).length, 2);
  assert.equal((page.match(/<\/script>/g) ?? []).length, 2, "no early end of a script element");
  assert.equal((page.match(/<div id="figure-\d+"/g) ?? []).length, 2);
  const json = page.slice(page.indexOf("const figures = ") + 16, page.indexOf(";\nfigures.forEach"));
  assert.deepEqual(JSON.parse(json), JSON.parse(JSON.stringify(figures)));
  assert.match(page, /<title>a &lt;\/script&gt; &lt;b&gt; title<\/title>/);
  const linked = toHTML(figures[1], { plotly: { src: "https://example.org/plotly.min.js" } });
  assert.ok(linked.length < 10000);
  assert.match(linked, /<script src="https:\/\/example\.org\/plotly\.min\.js"><\/script>/);
  assert.throws(() => toHTML([]), /figures is empty/);
  assert.throws(() => toHTML({ data: 1 }), /expected a figure/);
});

test("a figure or curve left as a cell's last value prints as a short hint, not a JSON dump", () => {
  const figure = scatter(rows(4), { title: "Samples" });
  assert.equal(inspect(figure), '[Figure "Samples": 1 trace(s); show(figure) draws it]');
  assert.deepEqual(Object.keys(figure), ["data", "layout"]);
  assert.equal(JSON.stringify(figure), JSON.stringify({ data: figure.data, layout: figure.layout }));
  const curve = trainingCurve({ groundTruth: 1, names: ["MINE"] });
  curve.update(1, 0.25);
  assert.equal(inspect(curve), "[TrainingCurve: Estimate per epoch: MINE 0.250 at epoch 1; ground truth 1.000 nats]");
});

test("heatmap, pairPlot and densityPlot refuse grids finer than a figure shows (grid: 1e6 asked for 10^12 points)", () => {
  assert.throws(() => heatmap((points) => points.map(() => 0), { grid: 1001 }), /heatmap: options\.grid must be at most 1000 \(finer than a figure shows; memory would run out\), got 1001/);
  assert.throws(() => heatmap((points) => points.map(() => 0), { grid: [2, 1001] }), /heatmap: options\.grid must be at most 1000/);
  assert.throws(() => pairPlot([[1, 2], [2, 1], [3, 3]], { gridPoints: 1001 }), /pairPlot: options\.gridPoints must be at most 1000/);
  assert.throws(() => densityPlot([{ name: "a", values: [1, 2, 3] }], { points: 100_001 }), /densityPlot: options\.points must be at most 100000/);
});

test("describeFigure names a value that is no figure, where it read null's layout", () => {
  assert.throws(() => describeFigure(null), /neural-mi describeFigure: expected a figure \{ data: \[\.\.\.\], layout: \{\.\.\.\} \}.*got null/);
  assert.match(describeFigure(scatter([[1, 2]])), /^Figure: 1 points/);
});

test("every figure builder refuses an option name it does not know, suggesting the one meant (heatmap drew [-5, 5]² for xrange)", () => {
  const unknown = (run, pattern) => assert.throws(run, pattern);
  unknown(() => scatter([[1, 2]], { titel: "a" }), /neural-mi scatter: unknown option "titel" \(did you mean "title"\?\); known options: title, width, height, xLabel/);
  unknown(() => heatmap((points) => points.map(() => 0), { xrange: [-1, 1] }), /heatmap: unknown option "xrange" \(did you mean "xRange"\?\)/);
  unknown(() => lineChart([1, 2], { ylabel: "y" }), /lineChart: unknown option "ylabel" \(did you mean "yLabel"\?\)/);
  unknown(() => densityPlot({ a: [1, 2, 3] }, { point: 50 }), /densityPlot: unknown option "point" \(did you mean "points"\?\)/);
  unknown(() => pairPlot([[1, 2], [2, 3]], { label: ["a", "b"] }), /pairPlot: unknown option "label" \(did you mean "labels"\?\)/);
  unknown(() => sliderFigure([{ label: "a", figure: scatter([[1, 2]]) }], { activ: 0 }), /sliderFigure: unknown option "activ" \(did you mean "active"\?\)/);
  unknown(() => trainingCurve({ groundtruth: 1 }), /trainingCurve: unknown option "groundtruth" \(did you mean "groundTruth"\?\)/);
  unknown(() => toHTML(scatter([[1, 2]]), { plotli: "inline" }), /toHTML: unknown option "plotli" \(did you mean "plotly"\?\)/);
  assert.throws(() => lineChart([1, 2], null), /lineChart: options must be an object such as \{ title: "\.\.\." \}, got null/);
});

test("writeHTML names the path it cannot write and why, where node named a temporary file", () => {
  assert.throws(() => writeHTML("/nonexistent-folder/plots.html", scatter([[1, 2]])), /neural-mi writeHTML: cannot write "\/nonexistent-folder\/plots\.html": its folder does not exist; create it first or give another path/);
});

test("a number given as a string is quoted in the builders' errors, where \"0.5\" read as the very number asked for", () => {
  assert.throws(() => trainingCurve({ groundTruth: "0.5" }), /options\.groundTruth must be a finite number, got "0\.5" \(a string: give the number itself\)/);
  assert.throws(() => scatter([[1, 2]], { markerSize: "3" }), /options\.markerSize must be a positive number, got "3" \(a string/);
});
