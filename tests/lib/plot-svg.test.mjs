// The static SVG rendering: well-formed XML, one drawn element per trace element, the right
// places and colours.
import assert from "node:assert/strict";
import { test } from "node:test";
import {
  densityPlot,
  heatmap,
  lineChart,
  pairPlot,
  scatter,
  sliderFigure,
  toSVG,
  trainingCurve,
} from "neural-mi";

/**
 * A strict little XML parser for what an SVG may contain here: elements with quoted
 * attributes, text, the five predefined entities. Throws on anything malformed.
 */
function parseXml(xml) {
  const tag = /<(\/?)([A-Za-z][\w:.-]*)((?:\s+[A-Za-z_:][\w:.-]*="[^"<]*")*)\s*(\/?)>/y;
  const badEntity = /&(?!(?:amp|lt|gt|quot|apos|#\d+|#x[0-9a-fA-F]+);)/;
  const stack = [];
  let root = null;
  let i = 0;
  while (i < xml.length) {
    const open = xml.indexOf("<", i);
    const content = open < 0 ? xml.slice(i) : xml.slice(i, open);
    if (badEntity.test(content)) throw new Error(`unescaped & in text near ${i}`);
    if (content.includes(">")) throw new Error(`stray > in text near ${i}`);
    if (content.trim() !== "") {
      if (stack.length === 0) throw new Error(`text outside the root element near ${i}`);
      stack[stack.length - 1].children.push(unescape(content));
    }
    if (open < 0) break;
    tag.lastIndex = open;
    const match = tag.exec(xml);
    if (!match) throw new Error(`malformed tag at ${open}: ${xml.slice(open, open + 60)}`);
    const [, closing, name, rawAttributes, selfClosing] = match;
    if (closing) {
      if (rawAttributes || selfClosing) throw new Error(`malformed closing tag </${name}>`);
      const top = stack.pop();
      if (!top || top.name !== name) throw new Error(`</${name}> closes <${top?.name}>`);
    } else {
      const attrs = {};
      for (const [, key, value] of rawAttributes.matchAll(/([A-Za-z_:][\w:.-]*)="([^"]*)"/g)) {
        if (key in attrs) throw new Error(`duplicate attribute ${key} on <${name}>`);
        if (badEntity.test(value)) throw new Error(`unescaped & in attribute ${key}`);
        attrs[key] = unescape(value);
      }
      const node = { name, attrs, children: [] };
      if (stack.length > 0) stack[stack.length - 1].children.push(node);
      else if (root) throw new Error("more than one root element");
      else root = node;
      if (!selfClosing) stack.push(node);
    }
    i = tag.lastIndex;
  }
  if (stack.length > 0) throw new Error(`<${stack[stack.length - 1].name}> is never closed`);
  if (!root) throw new Error("no root element");
  return root;
}

function unescape(text) {
  return text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");
}

function findAll(node, predicate, out = []) {
  if (typeof node === "string") return out;
  if (predicate(node)) out.push(node);
  for (const child of node.children) findAll(child, predicate, out);
  return out;
}
const byClass = (root, name, cls) => findAll(root, (n) => n.name === name && n.attrs.class === cls);
const texts = (root) => findAll(root, (n) => n.name === "text").map((n) => n.children.join(""));

function render(figure) {
  const root = parseXml(toSVG(figure));
  assert.equal(root.name, "svg");
  assert.equal(root.attrs.xmlns, "http://www.w3.org/2000/svg");
  assert.equal(Number(root.attrs.width), figure.layout.width);
  assert.equal(Number(root.attrs.height), figure.layout.height);
  return root;
}

/** Absolute M/L points of a path's d attribute. */
function pathPoints(d) {
  return Array.from(d.matchAll(/[ML](-?[\d.]+) (-?[\d.]+)/g), (m) => [Number(m[1]), Number(m[2])]);
}

const rows = (n) => Array.from({ length: n }, (_, i) => [Math.sin(1.3 * i), Math.cos(0.7 * i) + 0.5 * Math.sin(1.3 * i)]);

test("the checker itself rejects malformed markup", () => {
  assert.throws(() => parseXml("<svg><g></svg>"), /closes/);
  assert.throws(() => parseXml("<svg>a & b</svg>"), /unescaped &/);
  assert.throws(() => parseXml('<svg x="1" x="2"/>'), /duplicate attribute/);
  assert.throws(() => parseXml("<svg><g>"), /never closed/);
  assert.throws(() => parseXml("<svg/><svg/>"), /more than one root/);
  assert.equal(parseXml('<svg a="&lt;"><t>x &amp; y</t></svg>').children[0].children[0], "x & y");
});

test("scatter: one circle per point, inside the plot frame", () => {
  const figure = scatter(rows(100));
  const root = render(figure);
  const markers = byClass(root, "circle", "marker");
  assert.equal(markers.length, 100);
  const [frame] = byClass(root, "rect", "frame");
  const left = Number(frame.attrs.x);
  const top = Number(frame.attrs.y);
  const right = left + Number(frame.attrs.width);
  const bottom = top + Number(frame.attrs.height);
  for (const m of markers) {
    assert.ok(Number(m.attrs.cx) >= left && Number(m.attrs.cx) <= right);
    assert.ok(Number(m.attrs.cy) >= top && Number(m.attrs.cy) <= bottom);
  }
  // Larger y is higher on the page.
  const i = figure.data[0].y.indexOf(Math.max(...figure.data[0].y));
  assert.ok(Math.abs(Number(markers[i].attrs.cy) - Math.min(...markers.map((m) => Number(m.attrs.cy)))) < 0.11);
  assert.equal(findAll(root, (n) => n.attrs.class === "legend").length, 0, "no legend for one data set");
});

test("overlaid scatter and line charts: a legend entry per named trace", () => {
  const overlay = render(scatter([{ name: "Z", points: rows(10) }, { name: "Z'", points: rows(20) }]));
  assert.equal(byClass(overlay, "circle", "marker").length, 30);
  assert.equal(byClass(overlay, "g", "legend-entry").length, 2);
  assert.ok(texts(overlay).includes("Z'"));
  const lines = render(lineChart({ loss: [3, 2, 1], estimate: [0, 1, 2] }));
  assert.equal(byClass(lines, "path", "line").length, 2);
  assert.equal(byClass(lines, "circle", "marker").length, 0);
  assert.equal(byClass(lines, "g", "legend-entry").length, 2);
  assert.equal(pathPoints(byClass(lines, "path", "line")[0].attrs.d).length, 3);
});

test("heatmap: one rect per grid cell, coloured on the diverging scale, row 0 at the bottom", () => {
  assert.equal(byClass(render(heatmap((p) => p.map(([x, y]) => x * y))), "rect", "cell").length, 2500);
  const root = render(heatmap((p) => p.map(([x]) => x), { grid: [5, 3] }));
  const cells = byClass(root, "rect", "cell");
  assert.equal(cells.length, 15);
  // Cells come row by row; x = -5 is the lowest value (dark blue), x = 0 the middle
  // (near white), x = 5 the highest (dark red).
  assert.deepEqual(cells.slice(0, 5).map((c) => c.attrs.fill).filter((_, i) => i % 2 === 0), ["#053061", "#f7f7f7", "#67001f"]);
  assert.ok(Number(cells[0].attrs.y) > Number(cells[10].attrs.y), "y grows upwards");
  assert.ok(Number(cells[0].attrs.x) < Number(cells[1].attrs.x));
  assert.equal(byClass(root, "rect", "colorbar").length, 1);
  const labels = texts(root);
  for (const tick of ["-4", "0", "4"]) assert.ok(labels.includes(tick), `tick label ${tick} in ${labels}`);
});

test("pairPlot: markers, filled density curves and one path per contour level", () => {
  const root = render(pairPlot(rows(40), { levels: 5, title: "Pairs" }));
  assert.equal(byClass(root, "circle", "marker").length, 40);
  assert.equal(byClass(root, "path", "fill").length, 2);
  assert.equal(byClass(root, "path", "line").length, 2);
  assert.equal(byClass(root, "path", "contour").length, 5);
  assert.equal(byClass(root, "g", "axes").length, 4);
  assert.equal(byClass(root, "text", "title")[0].children[0], "Pairs");
  // Each subplot clips its own traces.
  const clips = findAll(root, (n) => n.name === "clipPath");
  assert.equal(clips.length, 4);
  assert.equal(new Set(clips.map((c) => c.attrs.id)).size, 4);
});

test("contour lines lie on the level set", () => {
  // z = x² + y² on [-2, 2]², drawn on a 400 × 400 plot area with no margins: 100 px per
  // unit, so the level z = 1 must come out as a circle of radius 100 px around (200, 200).
  const grid = Array.from({ length: 41 }, (_, i) => -2 + i / 10);
  const figure = {
    data: [
      {
        type: "contour",
        x: grid,
        y: grid,
        z: grid.map((y) => grid.map((x) => x * x + y * y)),
        autocontour: false,
        contours: { coloring: "lines", start: 1, end: 1, size: 1 },
        colorscale: [[0, "#000000"], [1, "#000000"]],
        showscale: false,
      },
    ],
    layout: { width: 400, height: 400, margin: { l: 0, r: 0, t: 0, b: 0 }, xaxis: { range: [-2, 2] }, yaxis: { range: [-2, 2] } },
  };
  const [path] = byClass(render(figure), "path", "contour");
  const points = pathPoints(path.attrs.d);
  assert.ok(points.length >= 80, `${points.length} points`);
  const angles = new Set();
  for (const [x, y] of points) {
    // Linear interpolation of x² + y² between grid points 0.1 apart: under 0.01 units off.
    assert.ok(Math.abs(Math.hypot(x - 200, y - 200) - 100) < 1, `(${x}, ${y})`);
    angles.add(Math.floor((Math.atan2(y - 200, x - 200) + Math.PI) / (Math.PI / 8)) % 16);
  }
  assert.equal(angles.size, 16, "the whole circle is drawn");
});

test("densityPlot and trainingCurve: filled curves, gaps at diverged estimates, the ground truth dashed", () => {
  const density = render(densityPlot({ a: [0, 1, 2, 1.5], b: [3, 4, 3.5] }));
  assert.equal(byClass(density, "path", "fill").length, 2);
  assert.equal(byClass(density, "path", "line").length, 2);

  const curve = trainingCurve({ groundTruth: 1, names: ["MINE"] });
  [0.1, 0.4, NaN, 0.8, 0.9].forEach((v, i) => curve.update(i + 1, v));
  curve.finish();
  const root = render(curve.figure());
  const [estimates, truth] = byClass(root, "path", "line");
  assert.equal((estimates.attrs.d.match(/M/g) ?? []).length, 2, "the line breaks at NaN");
  assert.equal(byClass(root, "circle", "marker").length, 4);
  assert.equal(truth.attrs["stroke-dasharray"], "6 4");
  assert.ok(texts(root).includes("ground truth (1.000 nats)"));
});

test("sliderFigure: the active step is drawn with a still slider", () => {
  const all = rows(60);
  const root = render(
    sliderFigure(
      [20, 40, 60].map((n) => ({ label: n, figure: scatter(all.slice(0, n)) })),
      { label: "n'", active: 1 },
    ),
  );
  assert.equal(byClass(root, "circle", "marker").length, 40);
  const [slider] = byClass(root, "g", "slider");
  const labels = texts(slider);
  assert.ok(labels.includes("n' = 40"));
  for (const step of ["20", "40", "60"]) assert.ok(labels.includes(step));
  assert.equal(byClass(slider, "circle", "slider-knob").length, 1);
});

test("text is escaped and unsupported figures are refused", () => {
  const root = render(scatter(rows(3), { title: 'a < b & "c"', xLabel: "x > 0" }));
  assert.equal(byClass(root, "text", "title")[0].children[0], 'a < b & "c"');
  assert.ok(texts(root).includes("x > 0"));
  assert.throws(() => toSVG({ data: [{ type: "bar", x: [1], y: [1] }], layout: {} }), /figure\.data\[0\] has type "bar"/);
  assert.throws(() => toSVG(null), /toSVG: expected a figure/);
  // A figure with no traces still draws its (empty) axes.
  parseXml(toSVG({ data: [], layout: { title: { text: "empty" } } }));
});
