/**
 * The subset of plotly's figure schema that this library writes and that its SVG renderer
 * draws. Figures are plain JSON objects: plotly.js (in JupyterLab or a page made by
 * `toHTML`) renders them unchanged.
 */

/** A plotly colour scale: pairs of (position in [0, 1], CSS colour), positions increasing. */
export type ColorScale = Array<[number, string]>;

export interface Title {
  text: string;
}

export interface Axis {
  title?: Title;
  /** Plotly's axis reference of the other axis of the same subplot ("x", "y2", ...). */
  anchor?: string;
  /** Fraction of the plot area the axis spans. */
  domain?: [number, number];
  range?: [number, number];
  showticklabels?: boolean;
  showgrid?: boolean;
  zeroline?: boolean;
  type?: "linear" | "log";
}

export interface Marker {
  size?: number;
  color?: string;
  opacity?: number;
}

export interface Line {
  color?: string;
  width?: number;
  dash?: "solid" | "dash" | "dot";
}

interface TraceBase {
  name?: string;
  showlegend?: boolean;
  /** Axis references; "x"/"y" when absent. */
  xaxis?: string;
  yaxis?: string;
}

export interface ScatterTrace extends TraceBase {
  type: "scatter";
  mode: "markers" | "lines" | "lines+markers";
  x: number[];
  y: number[];
  marker?: Marker;
  line?: Line;
  fill?: "none" | "tozeroy";
  fillcolor?: string;
}

export interface ColorBar {
  title?: Title;
}

/** A grid of values: z[row][column] is the value at (x[column], y[row]). */
interface GridTrace extends TraceBase {
  x: number[];
  y: number[];
  z: number[][];
  colorscale: ColorScale;
  showscale?: boolean;
  colorbar?: ColorBar;
}

export interface HeatmapTrace extends GridTrace {
  type: "heatmap";
  /** Value placed at the middle of the colour scale (diverging scales). */
  zmid?: number;
  zmin?: number;
  zmax?: number;
}

export interface ContourTrace extends GridTrace {
  type: "contour";
  autocontour: false;
  contours: { coloring: "lines"; start: number; end: number; size: number };
  line?: { width?: number };
}

export type Trace = ScatterTrace | HeatmapTrace | ContourTrace;

export interface Margin {
  l: number;
  r: number;
  t: number;
  b: number;
}

export interface AnimateArgs {
  mode: "immediate";
  frame: { duration: number; redraw: boolean };
  transition: { duration: number };
}

export interface SliderStep {
  label: string;
  method: "animate";
  args: [string[], AnimateArgs];
}

export interface Slider {
  active: number;
  steps: SliderStep[];
  currentvalue: { prefix: string };
  pad?: { t: number };
}

/** Layout keys for axes: "xaxis", "xaxis2", ..., "yaxis", "yaxis2", ... */
export type AxisKey = `xaxis${string}` | `yaxis${string}`;

export type Layout = {
  title?: Title;
  width?: number;
  height?: number;
  margin?: Margin;
  showlegend?: boolean;
  sliders?: Slider[];
} & { [key in AxisKey]?: Axis };

export interface Frame {
  name: string;
  data: Trace[];
  layout?: Layout;
}

export interface Figure {
  data: Trace[];
  layout: Layout;
  frames?: Frame[];
}

/** The axis layout key ("xaxis2") for a trace's axis reference ("x2"). */
export function axisKey(reference: string): AxisKey {
  const match = /^([xy])(\d*)$/.exec(reference);
  if (!match) throw new Error(`neural-mi plot: "${reference}" is not an axis reference like "x", "x2" or "y3"`);
  return `${match[1]}axis${match[2] === "1" ? "" : match[2]}` as AxisKey;
}

/** The axis reference ("x2") for the given letter and 1-based subplot index. */
export function axisReference(letter: "x" | "y", index: number): string {
  return index === 1 ? letter : `${letter}${index}`;
}

const INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Gives a figure a short printed form. tslab prints a cell's last value; a figure left there
 * (instead of passed to `show`) then reads as a hint rather than a dump of its JSON. The
 * property is a non-enumerable symbol: JSON and plotly never see it.
 */
export function withPrintedForm<F extends Figure>(figure: F): F {
  Object.defineProperty(figure, INSPECT, {
    value: () => {
      const title = figure.layout.title?.text;
      return `[Figure${title ? ` "${title}"` : ""}: ${figure.data.length} trace(s); show(figure) draws it]`;
    },
    enumerable: false,
  });
  return figure;
}
