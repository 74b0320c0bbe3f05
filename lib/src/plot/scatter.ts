import { checkFraction, checkOptionNames, checkPositive, fail, FIGURE_OPTION_NAMES, toRows, toValues, type Rows, type Values } from "./checks";
import { type Figure, type ScatterTrace, withPrintedForm } from "./figure";
import { axis, baseLayout, type FigureOptions } from "./layout";
import { colorAt } from "./palette";

/** Rows [x, y] (extra columns are an error), or the two coordinates as separate sequences. */
export type PointsInput = Rows | { x: Values; y: Values };

export interface NamedPoints {
  name: string;
  points: PointsInput;
}

export interface ScatterOptions extends FigureOptions {
  xLabel?: string;
  yLabel?: string;
  /** Legend name of a single data set. */
  name?: string;
  markerSize?: number;
  opacity?: number;
}

function isNamedPoints(value: unknown): value is NamedPoints {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "points" in value;
}

/** The x and y coordinates of a scatter input, checked. */
export function coordinates(points: PointsInput, fn: string, arg: string): { x: number[]; y: number[] } {
  if (points !== null && typeof points === "object" && "x" in points && "y" in points && !Array.isArray(points)) {
    const x = toValues(points.x, fn, `${arg}.x`);
    const y = toValues(points.y, fn, `${arg}.y`);
    if (x.length !== y.length) fail(fn, `${arg}.x has ${x.length} values but ${arg}.y has ${y.length}; they must match`);
    return { x, y };
  }
  const rows = toRows(points, fn, arg, 2);
  if (rows[0].length !== 2) {
    fail(fn, `${arg} has ${rows[0].length} columns; a scatter plot takes rows [x, y] (use pairPlot for more columns)`);
  }
  return { x: rows.map((r) => r[0]), y: rows.map((r) => r[1]) };
}

/**
 * A scatter plot of samples: one data set (`points`) or several overlaid
 * (`[{ name, points }, ...]`, e.g. Z and Z').
 */
export function scatter(points: PointsInput | NamedPoints[], options: ScatterOptions = {}): Figure {
  const fn = "scatter";
  checkOptionNames(options, fn, [...FIGURE_OPTION_NAMES, ...["xLabel", "yLabel", "name", "markerSize", "opacity"]]);
  const sets: NamedPoints[] =
    Array.isArray(points) && points.length > 0 && isNamedPoints(points[0])
      ? (points as NamedPoints[])
      : [{ name: options.name ?? "samples", points: points as PointsInput }];
  const size = checkPositive(options.markerSize ?? 4, fn, "options.markerSize");
  const opacity = checkFraction(options.opacity ?? (sets.length > 1 ? 0.6 : 0.8), fn, "options.opacity");
  const data: ScatterTrace[] = sets.map((set, i) => {
    if (!isNamedPoints(set)) fail(fn, `points[${i}] must be { name, points } like points[0]`);
    const { x, y } = coordinates(set.points, fn, sets.length > 1 ? `points[${i}].points` : "points");
    return {
      type: "scatter",
      mode: "markers",
      name: String(set.name),
      x,
      y,
      marker: { size, color: colorAt(i), opacity },
    };
  });
  const layout = baseLayout(fn, options, { width: 520, height: 460 });
  layout.xaxis = axis(options.xLabel ?? "x");
  layout.yaxis = axis(options.yLabel ?? "y");
  layout.showlegend = data.length > 1;
  return withPrintedForm({ data, layout });
}
