import { checkOptionNames, checkPointCount, fail, FIGURE_OPTION_NAMES, MAX_CURVE_POINTS, toValues, type Values } from "./checks";
import { type Figure, type ScatterTrace, withPrintedForm } from "./figure";
import { kdeCurve } from "./kde";
import { axis, baseLayout, type FigureOptions } from "./layout";
import { colorAt, withOpacity } from "./palette";

export interface DensityPlotOptions extends FigureOptions {
  xLabel?: string;
  /** Grid points of each density curve. */
  points?: number;
}

export type NamedValues = Record<string, Values> | Array<{ name: string; values: Values }>;

/**
 * Kernel density curves of several samples on one axis, e.g. the values of t on Z and on Z':
 * `densityPlot({ "t(Z)": net.evaluate(z), "t(Z')": net.evaluate(zRef) })`.
 */
export function densityPlot(samples: NamedValues, options: DensityPlotOptions = {}): Figure {
  const fn = "densityPlot";
  checkOptionNames(options, fn, [...FIGURE_OPTION_NAMES, ...["xLabel", "points"]]);
  if (samples === null || typeof samples !== "object") {
    fail(fn, `samples must be { name: values } or [{ name, values }], got ${typeof samples}`);
  }
  // one sample's values without a name (densityPlot(values)) read as samples[0] of a list, or a tensor's fields as names
  const unnamed =
    ArrayBuffer.isView(samples) ||
    typeof (samples as { arraySync?: unknown }).arraySync === "function" ||
    (Array.isArray(samples) && samples.length > 0 && (samples as unknown[]).every((v) => typeof v === "number" || Array.isArray(v)));
  if (unnamed) fail(fn, `samples is one sample's values without a name; name it: densityPlot({ "t(Z)": values }), or pass [{ name, values }] for several`);
  const list = Array.isArray(samples)
    ? samples.map((s, i) => {
        if (s === null || typeof s !== "object" || !("values" in s)) fail(fn, `samples[${i}] must be { name, values }`);
        return { name: String(s.name), values: s.values, arg: `samples[${i}].values` };
      })
    : Object.entries(samples).map(([name, values]) => ({ name, values, arg: `samples["${name}"]` }));
  if (list.length === 0) fail(fn, "samples is empty; pass at least one named sample");
  const points = checkPointCount(options.points ?? 200, fn, "options.points", 2, MAX_CURVE_POINTS);
  const data: ScatterTrace[] = list.map(({ name, values, arg }, i) => {
    const curve = kdeCurve(toValues(values, fn, arg), { points });
    return {
      type: "scatter",
      mode: "lines",
      name,
      x: curve.x,
      y: curve.density,
      line: { color: colorAt(i), width: 2 },
      fill: "tozeroy",
      fillcolor: withOpacity(colorAt(i), 0.2),
    };
  });
  const layout = baseLayout(fn, options, { width: 640, height: 400 });
  layout.xaxis = axis(options.xLabel ?? "t");
  layout.yaxis = axis("density");
  layout.showlegend = data.length > 1;
  return withPrintedForm({ data, layout });
}
