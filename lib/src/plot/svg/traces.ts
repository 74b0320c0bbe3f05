import type { ContourTrace, HeatmapTrace, ScatterTrace, Trace } from "../figure";
import { colorAt, interpolate } from "../palette";
import { contourSegments } from "./contour";
import { cellEdges, toPixel, type Subplot } from "./geometry";
import { element, px } from "./xml";

/**
 * Trace drawing. Each drawn element carries a class naming what it is: one `line` path per
 * line trace (and one `fill` path below it when filled), one `marker` circle per point, one
 * `cell` rect per heat map cell, one `contour` path per contour level.
 */

const DASHES: Record<string, string | undefined> = { solid: undefined, dash: "6 4", dot: "2 3" };

export function traceColor(trace: ScatterTrace, index: number): string {
  return trace.line?.color ?? trace.marker?.color ?? colorAt(index);
}

export function drawTrace(trace: Trace, index: number, subplot: Subplot): string {
  switch (trace.type) {
    case "scatter":
      return drawScatter(trace, index, subplot);
    case "heatmap":
      return drawHeatmap(trace, subplot);
    case "contour":
      return drawContour(trace, subplot);
  }
}

/** Runs of consecutive finite points, in pixels. */
function pixelRuns(trace: ScatterTrace, subplot: Subplot): Array<Array<[number, number]>> {
  const runs: Array<Array<[number, number]>> = [];
  let run: Array<[number, number]> = [];
  const n = Math.min(trace.x.length, trace.y.length);
  for (let i = 0; i < n; i++) {
    const x = trace.x[i];
    const y = trace.y[i];
    if (typeof x === "number" && typeof y === "number" && Number.isFinite(x) && Number.isFinite(y)) {
      run.push([toPixel(subplot.x, x), toPixel(subplot.y, y)]);
    } else if (run.length > 0) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length > 0) runs.push(run);
  return runs;
}

function drawScatter(trace: ScatterTrace, index: number, subplot: Subplot): string {
  const color = traceColor(trace, index);
  const runs = pixelRuns(trace, subplot);
  const parts: string[] = [];
  if (trace.fill === "tozeroy" && runs.length > 0) {
    const base = toPixel(subplot.y, Math.min(Math.max(0, subplot.y.range[0]), subplot.y.range[1]));
    const d = runs
      .map((run) => `M${px(run[0][0])} ${px(base)}` + run.map(([x, y]) => `L${px(x)} ${px(y)}`).join("") + `L${px(run[run.length - 1][0])} ${px(base)}Z`)
      .join("");
    parts.push(element("path", { class: "fill", d, fill: trace.fillcolor ?? color, "fill-opacity": trace.fillcolor ? undefined : 0.3, stroke: "none" }));
  }
  if (trace.mode !== "markers" && runs.some((run) => run.length > 1)) {
    const d = runs.map((run) => run.map(([x, y], i) => `${i === 0 ? "M" : "L"}${px(x)} ${px(y)}`).join("")).join("");
    parts.push(
      element("path", {
        class: "line",
        d,
        fill: "none",
        stroke: color,
        "stroke-width": trace.line?.width ?? 2,
        "stroke-dasharray": DASHES[trace.line?.dash ?? "solid"],
        "stroke-linejoin": "round",
      }),
    );
  }
  if (trace.mode !== "lines") {
    const radius = (trace.marker?.size ?? 6) / 2;
    const circles = runs.flat().map(([x, y]) => element("circle", { class: "marker", cx: x, cy: y, r: radius }));
    parts.push(element("g", { fill: trace.marker?.color ?? color, "fill-opacity": trace.marker?.opacity }, circles));
  }
  return parts.join("");
}

/** The colour range of a heat map: plotly's zmin/zmax, else the data's, widened to centre zmid. */
export function colorRange(trace: HeatmapTrace): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  for (const row of trace.z) {
    for (const v of row) {
      if (Number.isFinite(v)) {
        low = Math.min(low, v);
        high = Math.max(high, v);
      }
    }
  }
  if (!(low <= high)) return [0, 1];
  if (trace.zmid !== undefined && trace.zmin === undefined && trace.zmax === undefined) {
    const half = Math.max(high - trace.zmid, trace.zmid - low);
    return [trace.zmid - half, trace.zmid + half];
  }
  return [trace.zmin ?? low, trace.zmax ?? high];
}

function drawHeatmap(trace: HeatmapTrace, subplot: Subplot): string {
  const [low, high] = colorRange(trace);
  const xEdges = cellEdges(trace.x).map((v) => toPixel(subplot.x, v));
  const yEdges = cellEdges(trace.y).map((v) => toPixel(subplot.y, v));
  const cells: string[] = [];
  trace.z.forEach((row, r) =>
    row.forEach((v, c) => {
      if (!Number.isFinite(v) || c + 1 >= xEdges.length || r + 1 >= yEdges.length) return;
      const x = Math.min(xEdges[c], xEdges[c + 1]);
      const y = Math.min(yEdges[r], yEdges[r + 1]);
      cells.push(
        element("rect", {
          class: "cell",
          x,
          y,
          // A little overlap hides hairline seams between neighbouring cells.
          width: Math.abs(xEdges[c + 1] - xEdges[c]) + 0.3,
          height: Math.abs(yEdges[r + 1] - yEdges[r]) + 0.3,
          fill: interpolate(trace.colorscale, high > low ? (v - low) / (high - low) : 0.5),
        }),
      );
    }),
  );
  return element("g", { "shape-rendering": "crispEdges" }, cells);
}

export function contourLevels(trace: ContourTrace): number[] {
  const { start, end, size } = trace.contours;
  const levels: number[] = [];
  if (!(size > 0)) return [start];
  for (let level = start; level <= end + size * 1e-9; level += size) levels.push(level);
  return levels;
}

function drawContour(trace: ContourTrace, subplot: Subplot): string {
  const levels = contourLevels(trace);
  return levels
    .map((level, k) => {
      const segments = contourSegments(trace.x, trace.y, trace.z, level);
      const d = segments
        .map(([x1, y1, x2, y2]) =>
          `M${px(toPixel(subplot.x, x1))} ${px(toPixel(subplot.y, y1))}L${px(toPixel(subplot.x, x2))} ${px(toPixel(subplot.y, y2))}`,
        )
        .join("");
      return element("path", {
        class: "contour",
        d: d || "M0 0",
        fill: "none",
        stroke: interpolate(trace.colorscale, levels.length > 1 ? k / (levels.length - 1) : 0.5),
        "stroke-width": trace.line?.width ?? 1,
        "stroke-linecap": "round",
      });
    })
    .join("");
}
