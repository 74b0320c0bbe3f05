import { axisKey, type Axis, type Figure, type Margin, type Trace } from "../figure";

/** Where things go on the page: the plot area, its subplots and their axis scales. */

export const DEFAULT_SIZE = { width: 700, height: 450 };
export const DEFAULT_MARGIN: Margin = { l: 80, r: 80, t: 100, b: 80 };

export interface Box {
  left: number;
  top: number;
  right: number;
  bottom: number;
}

export interface AxisGeometry {
  reference: string;
  spec: Axis;
  range: [number, number];
  /** Pixel positions of range[0] and range[1]. */
  pixels: [number, number];
}

export interface Subplot {
  x: AxisGeometry;
  y: AxisGeometry;
  box: Box;
  traces: Trace[];
}

export function toPixel(axis: AxisGeometry, value: number): number {
  const [d0, d1] = axis.range;
  const [p0, p1] = axis.pixels;
  return p0 + ((value - d0) / (d1 - d0)) * (p1 - p0);
}

function xReference(trace: Trace): string {
  return trace.xaxis ?? "x";
}

function yReference(trace: Trace): string {
  return trace.yaxis ?? "y";
}

/** Extents that make a trace fully visible on its x or y axis (before padding). */
function traceExtent(trace: Trace, letter: "x" | "y"): { low: number; high: number; pad: boolean } {
  let low = Infinity;
  let high = -Infinity;
  const include = (v: number): void => {
    if (Number.isFinite(v)) {
      low = Math.min(low, v);
      high = Math.max(high, v);
    }
  };
  const values = letter === "x" ? trace.x : trace.y;
  if (trace.type === "heatmap") {
    for (const edge of cellEdges(values)) include(edge);
    return { low, high, pad: false };
  }
  values.forEach(include);
  if (trace.type === "scatter") {
    if (letter === "y" && trace.fill === "tozeroy") include(0);
    return { low, high, pad: letter === "y" || trace.mode !== "lines" };
  }
  return { low, high, pad: false };
}

/** Boundaries of the cells centred on `centres` (n + 1 of them). */
export function cellEdges(centres: number[]): number[] {
  const n = centres.length;
  if (n === 1) return [centres[0] - 0.5, centres[0] + 0.5];
  const edges = [centres[0] - (centres[1] - centres[0]) / 2];
  for (let i = 1; i < n; i++) edges.push((centres[i - 1] + centres[i]) / 2);
  edges.push(centres[n - 1] + (centres[n - 1] - centres[n - 2]) / 2);
  return edges;
}

function autorange(traces: Trace[], letter: "x" | "y"): [number, number] {
  let low = Infinity;
  let high = -Infinity;
  let pad = false;
  for (const trace of traces) {
    const e = traceExtent(trace, letter);
    if (e.low <= e.high) {
      low = Math.min(low, e.low);
      high = Math.max(high, e.high);
      pad = pad || e.pad;
    }
  }
  if (!(low <= high)) return [0, 1];
  if (low === high) return [low - Math.max(1, Math.abs(low)) * 0.5, high + Math.max(1, Math.abs(high)) * 0.5];
  const margin = pad ? (high - low) * 0.05 : 0;
  return [low - margin, high + margin];
}

/** Subplots in the order their first trace appears, with axis ranges and pixel boxes. */
export function subplots(figure: Figure, plotArea: Box): Subplot[] {
  const pairs = new Map<string, Trace[]>();
  for (const trace of figure.data) {
    const key = `${xReference(trace)} ${yReference(trace)}`;
    const list = pairs.get(key) ?? [];
    list.push(trace);
    pairs.set(key, list);
  }
  if (pairs.size === 0) pairs.set("x y", []);
  const width = plotArea.right - plotArea.left;
  const height = plotArea.bottom - plotArea.top;
  return Array.from(pairs.entries(), ([key, traces]) => {
    const [xRef, yRef] = key.split(" ");
    const xSpec = figure.layout[axisKey(xRef)] ?? {};
    const ySpec = figure.layout[axisKey(yRef)] ?? {};
    const onX = figure.data.filter((t) => xReference(t) === xRef);
    const onY = figure.data.filter((t) => yReference(t) === yRef);
    const [xd0, xd1] = xSpec.domain ?? [0, 1];
    const [yd0, yd1] = ySpec.domain ?? [0, 1];
    const box: Box = {
      left: plotArea.left + xd0 * width,
      right: plotArea.left + xd1 * width,
      top: plotArea.bottom - yd1 * height,
      bottom: plotArea.bottom - yd0 * height,
    };
    return {
      x: { reference: xRef, spec: xSpec, range: xSpec.range ?? autorange(onX, "x"), pixels: [box.left, box.right] },
      y: { reference: yRef, spec: ySpec, range: ySpec.range ?? autorange(onY, "y"), pixels: [box.bottom, box.top] },
      box,
      traces,
    };
  });
}
