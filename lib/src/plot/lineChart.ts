import { checkOptionNames, fail, FIGURE_OPTION_NAMES, toValues, type Values } from "./checks";
import { type Figure, type Line, type ScatterTrace, withPrintedForm } from "./figure";
import { axis, baseLayout, type FigureOptions } from "./layout";
import { colorAt } from "./palette";

export interface LineSeries {
  name?: string;
  /** Defaults to 1, 2, ..., n (iterations or epochs counted from 1). */
  x?: Values;
  y: Values;
  mode?: "lines" | "markers" | "lines+markers";
  dash?: Line["dash"];
}

export type SeriesInput = Values | LineSeries | LineSeries[] | Record<string, Values>;

export interface LineChartOptions extends FigureOptions {
  xLabel?: string;
  yLabel?: string;
}

function isSeries(value: unknown): value is LineSeries {
  return value !== null && typeof value === "object" && !Array.isArray(value) && "y" in value;
}

function isValues(value: unknown): value is Values {
  return (
    ArrayBuffer.isView(value) ||
    (Array.isArray(value) && (value.length === 0 || !isSeries(value[0]))) ||
    (value !== null && typeof value === "object" && typeof (value as { arraySync?: unknown }).arraySync === "function")
  );
}

function normalise(series: SeriesInput): LineSeries[] {
  if (Array.isArray(series) && series.length === 0) fail("lineChart", "series is empty; pass at least one series of values");
  if (isValues(series)) return [{ y: series }];
  if (isSeries(series)) return [series];
  if (Array.isArray(series)) return series;
  if (series !== null && typeof series === "object") {
    return Object.entries(series).map(([name, y]) => ({ name, y }));
  }
  return fail("lineChart", `series must be numbers, { y }, an array of { name, y } or { name: numbers }, got ${typeof series}`);
}

/**
 * Lines of values against their index or given x: a loss curve (`lineChart(history.loss)`),
 * or several named series (`lineChart({ MINE: a, "MI-NEE": b })`).
 */
export function lineChart(series: SeriesInput, options: LineChartOptions = {}): Figure {
  const fn = "lineChart";
  checkOptionNames(options, fn, [...FIGURE_OPTION_NAMES, ...["xLabel", "yLabel"]]);
  const list = normalise(series);
  if (list.length === 0) fail(fn, "series is empty; pass at least one series of values");
  const data: ScatterTrace[] = list.map((s, i) => {
    if (!isSeries(s)) fail(fn, `series[${i}] must be { name?, x?, y }`);
    const arg = list.length > 1 ? `series[${i}]` : "series";
    const y = toValues(s.y, fn, `${arg}.y`);
    const x = s.x === undefined ? y.map((_, k) => k + 1) : toValues(s.x, fn, `${arg}.x`);
    if (x.length !== y.length) fail(fn, `${arg}.x has ${x.length} values but ${arg}.y has ${y.length}; they must match`);
    const mode = s.mode ?? "lines";
    const trace: ScatterTrace = {
      type: "scatter",
      mode,
      name: s.name ?? (list.length > 1 ? `series ${i + 1}` : "values"),
      x,
      y,
      line: { color: colorAt(i), width: 2, ...(s.dash ? { dash: s.dash } : {}) },
    };
    if (mode !== "lines") trace.marker = { color: colorAt(i), size: 5 };
    return trace;
  });
  const layout = baseLayout(fn, options, { width: 640, height: 400 });
  layout.xaxis = axis(options.xLabel ?? "iteration");
  layout.yaxis = axis(options.yLabel);
  layout.showlegend = data.length > 1;
  return withPrintedForm({ data, layout });
}
