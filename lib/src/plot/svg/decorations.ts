import type { HeatmapTrace, Slider, Trace } from "../figure";
import { colorRange, traceColor } from "./traces";
import { toPixel, type Box, type Subplot } from "./geometry";
import { formatTicks, niceTicks } from "./ticks";
import { element, text } from "./xml";

/** Axes, colour bar, legend, titles and slider of the static rendering. */

export const FONT = { family: "Helvetica, Arial, sans-serif", size: 12, color: "#2a3f5f" };
const GRID = "#e5e9f0";
const AXIS = "#6b7a90";

/** Rough width of a label in pixels (no font metrics without a browser). */
export function textWidth(label: string, size = FONT.size): number {
  return label.length * size * 0.58;
}

function label(x: number, y: number, content: string, extra: Record<string, string | number | undefined> = {}): string {
  return element("text", { x, y, ...extra }, text(content));
}

export function drawAxes(subplot: Subplot): string {
  const { box, x, y } = subplot;
  const parts: string[] = [];
  const xTicks = niceTicks(Math.min(...x.range), Math.max(...x.range), Math.max(2, (box.right - box.left) / 90));
  const yTicks = niceTicks(Math.min(...y.range), Math.max(...y.range), Math.max(2, (box.bottom - box.top) / 60));
  const xLabels = formatTicks(xTicks);
  const yLabels = formatTicks(yTicks);
  xTicks.forEach((v, i) => {
    const p = toPixel(x, v);
    if (x.spec.showgrid !== false) parts.push(element("line", { class: "grid", x1: p, x2: p, y1: box.top, y2: box.bottom, stroke: GRID }));
    parts.push(element("line", { class: "tick", x1: p, x2: p, y1: box.bottom, y2: box.bottom + 4, stroke: AXIS }));
    if (x.spec.showticklabels !== false) parts.push(label(p, box.bottom + 17, xLabels[i], { "text-anchor": "middle" }));
  });
  yTicks.forEach((v, i) => {
    const p = toPixel(y, v);
    if (y.spec.showgrid !== false) parts.push(element("line", { class: "grid", x1: box.left, x2: box.right, y1: p, y2: p, stroke: GRID }));
    parts.push(element("line", { class: "tick", x1: box.left - 4, x2: box.left, y1: p, y2: p, stroke: AXIS }));
    if (y.spec.showticklabels !== false) parts.push(label(box.left - 7, p + 4, yLabels[i], { "text-anchor": "end" }));
  });
  parts.push(
    element("rect", {
      class: "frame",
      x: box.left,
      y: box.top,
      width: box.right - box.left,
      height: box.bottom - box.top,
      fill: "none",
      stroke: AXIS,
      "stroke-width": 1,
    }),
  );
  if (x.spec.title?.text) {
    parts.push(label((box.left + box.right) / 2, box.bottom + 38, x.spec.title.text, { "text-anchor": "middle", class: "axis-title" }));
  }
  if (y.spec.title?.text) {
    const widest = y.spec.showticklabels === false ? 0 : Math.max(0, ...yLabels.map((l) => textWidth(l)));
    const cx = box.left - 16 - widest;
    const cy = (box.top + box.bottom) / 2;
    parts.push(label(cx, cy, y.spec.title.text, { "text-anchor": "middle", transform: `rotate(-90 ${cx.toFixed(1)} ${cy.toFixed(1)})`, class: "axis-title" }));
  }
  return element("g", { class: "axes" }, parts);
}

export const COLORBAR_WIDTH = 80;

export function drawColorbar(trace: HeatmapTrace, box: Box, id: string): string {
  const [low, high] = colorRange(trace);
  const left = box.right + 18;
  const barWidth = 14;
  const stops = trace.colorscale.map(([offset, color]) => element("stop", { offset: offset.toFixed(3), "stop-color": color }));
  const gradient = element("linearGradient", { id, x1: "0", y1: "1", x2: "0", y2: "0" }, stops);
  const parts = [element("defs", {}, gradient)];
  parts.push(element("rect", { class: "colorbar", x: left, y: box.top, width: barWidth, height: box.bottom - box.top, fill: `url(#${id})`, stroke: AXIS, "stroke-width": 0.5 }));
  if (high > low) {
    const ticks = niceTicks(low, high, 5);
    const labels = formatTicks(ticks);
    ticks.forEach((v, i) => {
      const p = box.bottom - ((v - low) / (high - low)) * (box.bottom - box.top);
      parts.push(element("line", { x1: left + barWidth, x2: left + barWidth + 4, y1: p, y2: p, stroke: AXIS }));
      parts.push(label(left + barWidth + 7, p + 4, labels[i]));
    });
  } else {
    parts.push(label(left + barWidth + 7, (box.top + box.bottom) / 2 + 4, formatTicks([low])[0]));
  }
  if (trace.colorbar?.title?.text) parts.push(label(left, box.top - 8, trace.colorbar.title.text));
  return element("g", { class: "colorbar" }, parts);
}

export interface LegendEntry {
  name: string;
  trace: Trace;
  index: number;
}

export function legendWidth(entries: LegendEntry[]): number {
  return entries.length === 0 ? 0 : 46 + Math.max(...entries.map((e) => textWidth(e.name)));
}

export function drawLegend(entries: LegendEntry[], left: number, top: number): string {
  const rows = entries.map(({ name, trace, index }, row) => {
    const y = top + 10 + row * 20;
    const sample: string[] = [];
    if (trace.type === "scatter") {
      const color = traceColor(trace, index);
      if (trace.mode !== "markers") {
        const dash = trace.line?.dash === "dash" ? "6 4" : trace.line?.dash === "dot" ? "2 3" : undefined;
        sample.push(element("line", { x1: left, x2: left + 28, y1: y, y2: y, stroke: color, "stroke-width": 2, "stroke-dasharray": dash }));
      }
      if (trace.mode !== "lines") sample.push(element("circle", { cx: left + 14, cy: y, r: 4, fill: trace.marker?.color ?? color }));
    }
    return element("g", { class: "legend-entry" }, [...sample, label(left + 36, y + 4, name)]);
  });
  return element("g", { class: "legend" }, rows);
}

export function drawTitle(content: string, width: number, top: number): string {
  return label(width / 2, Math.max(18, top / 2 + 6), content, { "text-anchor": "middle", "font-size": 16, class: "title" });
}

/** A still picture of the slider: its steps, the active one marked, and the current value. */
export function drawSlider(slider: Slider, area: Box, top: number): string {
  const steps = slider.steps;
  const left = area.left + 10;
  const right = area.right - 10;
  const y = top + 18;
  const at = (i: number): number => (steps.length === 1 ? (left + right) / 2 : left + ((right - left) * i) / (steps.length - 1));
  const parts = [element("line", { x1: left, x2: right, y1: y, y2: y, stroke: "#bec8d9", "stroke-width": 4, "stroke-linecap": "round" })];
  steps.forEach((step, i) => {
    parts.push(element("line", { x1: at(i), x2: at(i), y1: y + 6, y2: y + 10, stroke: AXIS }));
    parts.push(label(at(i), y + 24, step.label, { "text-anchor": "middle", "font-size": 10 }));
  });
  const active = Math.min(Math.max(0, slider.active), steps.length - 1);
  parts.push(element("circle", { class: "slider-knob", cx: at(active), cy: y, r: 7, fill: "#ffffff", stroke: AXIS }));
  parts.push(label(left, y - 14, `${slider.currentvalue.prefix}${steps[active]?.label ?? ""}`));
  return element("g", { class: "slider" }, parts);
}
