import { checkOptionNames, checkPointCount, checkRange, describeType, fail, FIGURE_OPTION_NAMES, MAX_GRID_POINTS, shown } from "./checks";
import { type Figure, type HeatmapTrace, withPrintedForm } from "./figure";
import { axis, baseLayout, title, type FigureOptions } from "./layout";
import { linspace } from "./numeric";
import { RDBU_REVERSED } from "./palette";

/** A function of (x, y) evaluated on many points at once, e.g. a network's `evaluate`. */
export type SurfaceFunction = ((points: number[][]) => ArrayLike<number>) | { evaluate(points: number[][]): ArrayLike<number> };

export interface HeatmapOptions extends FigureOptions {
  xRange?: [number, number];
  yRange?: [number, number];
  /** Grid points per axis, or [along x, along y]; both ends of each range included. */
  grid?: number | [number, number];
  xLabel?: string;
  yLabel?: string;
  colorbarTitle?: string;
  /** Value at the white middle of the diverging scale; `null` for the data's own range. */
  zmid?: number | null;
}

function evaluator(fn: unknown): (points: number[][]) => ArrayLike<number> {
  if (typeof fn === "function") return fn as (points: number[][]) => ArrayLike<number>;
  if (fn !== null && typeof fn === "object" && typeof (fn as { evaluate?: unknown }).evaluate === "function") {
    const target = fn as { evaluate(points: number[][]): ArrayLike<number> };
    return (points) => target.evaluate(points);
  }
  return fail(
    "heatmap",
    `fn must be a function (points: number[][]) => number[] or an object with evaluate(points), such as a Net; got ${describeType(fn)}`,
  );
}

/**
 * A heat map of t(x, y) on a regular grid, with a diverging blue-white-red scale centred on 0.
 * The function is called once with every grid point [x, y], row by row (y outer, x inner),
 * and z[row][column] = t(x[column], y[row]).
 */
export function heatmap(fn: SurfaceFunction, options: HeatmapOptions = {}): Figure {
  const name = "heatmap";
  checkOptionNames(options, name, [...FIGURE_OPTION_NAMES, ...["xRange", "yRange", "grid", "xLabel", "yLabel", "colorbarTitle", "zmid"]]);
  const evaluate = evaluator(fn);
  const xRange = checkRange(options.xRange ?? [-5, 5], name, "options.xRange");
  const yRange = checkRange(options.yRange ?? [-5, 5], name, "options.yRange");
  const grid = options.grid ?? 50;
  const [nx, ny] = Array.isArray(grid) ? grid : [grid, grid];
  checkPointCount(nx, name, "options.grid", 2, MAX_GRID_POINTS);
  checkPointCount(ny, name, "options.grid", 2, MAX_GRID_POINTS);
  const x = linspace(xRange[0], xRange[1], nx);
  const y = linspace(yRange[0], yRange[1], ny);
  const points = y.flatMap((yv) => x.map((xv) => [xv, yv]));
  const values = evaluate(points);
  if (values === null || typeof values !== "object" || typeof values.length !== "number") {
    fail(name, `fn returned ${describeType(values)}; it must return one number per point`);
  }
  if (values.length !== points.length) {
    fail(name, `fn returned ${values.length} values for ${points.length} points; it must return one number per point`);
  }
  const z = y.map((_, r) =>
    x.map((_, c) => {
      const v = values[r * nx + c];
      if (typeof v !== "number" || !Number.isFinite(v)) {
        fail(name, `fn returned ${String(v)} at (x, y) = (${x[c]}, ${y[r]}); the values must be finite (has training diverged?)`);
      }
      return v;
    }),
  );
  const trace: HeatmapTrace = {
    type: "heatmap",
    name: options.title ?? "t(x, y)",
    x,
    y,
    z,
    colorscale: RDBU_REVERSED,
    showscale: true,
  };
  const colorbarTitle = title(options.colorbarTitle ?? "t");
  if (colorbarTitle) trace.colorbar = { title: colorbarTitle };
  const zmid = options.zmid === undefined ? 0 : options.zmid;
  if (zmid !== null) {
    if (typeof zmid !== "number" || !Number.isFinite(zmid)) fail(name, `options.zmid must be a finite number or null, got ${shown(zmid)}`);
    trace.zmid = zmid;
  }
  const layout = baseLayout(name, { title: "t(x, y)", ...options }, { width: 540, height: 460 });
  // Cells are centred on the grid points, so the outer cells reach half a step past the range.
  const halfX = (x[1] - x[0]) / 2;
  const halfY = (y[1] - y[0]) / 2;
  layout.xaxis = axis(options.xLabel ?? "x", { range: [xRange[0] - halfX, xRange[1] + halfX] });
  layout.yaxis = axis(options.yLabel ?? "y", { range: [yRange[0] - halfY, yRange[1] + halfY] });
  return withPrintedForm({ data: [trace], layout });
}
