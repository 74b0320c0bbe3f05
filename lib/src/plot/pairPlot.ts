import { checkInteger, checkOptionNames, checkPointCount, checkPositive, fail, FIGURE_OPTION_NAMES, MAX_GRID_POINTS, toRows, type Rows } from "./checks";
import {
  axisKey,
  axisReference,
  withPrintedForm,
  type Axis,
  type ContourTrace,
  type Figure,
  type Layout,
  type ScatterTrace,
  type Trace,
} from "./figure";
import { gaussianKde, gaussianKde2d } from "./kde";
import { axis, baseLayout, type FigureOptions } from "./layout";
import { column, extent, linspace } from "./numeric";
import { colorAt, DENSITY_BLUES, withOpacity } from "./palette";

export interface PairPlotOptions extends FigureOptions {
  /** One name per column; "X", "Y" for two columns, "X1", "X2", ... otherwise. */
  labels?: string[];
  /** Pixels per panel when width/height are not given. */
  panelSize?: number;
  markerSize?: number;
  /** Grid points per axis of the 2-D densities. */
  gridPoints?: number;
  /** Number of contour levels of the 2-D densities. */
  levels?: number;
}

const GAP = 0.08;
const CUT = 3;

function defaultLabels(d: number): string[] {
  return d === 2 ? ["X", "Y"] : Array.from({ length: d }, (_, i) => `X${i + 1}`);
}

/**
 * A pair plot of samples (rows, one column per variable): scatter plots below the
 * diagonal, contours of the 2-D kernel density above it, 1-D kernel densities on it.
 * Panel (row i, column j) puts variable j on x and variable i on y.
 */
export function pairPlot(columns: Rows, options: PairPlotOptions = {}): Figure {
  const fn = "pairPlot";
  checkOptionNames(options, fn, [...FIGURE_OPTION_NAMES, ...["labels", "panelSize", "markerSize", "gridPoints", "levels"]]);
  const rows = toRows(columns, fn, "columns", 1);
  const d = rows[0].length;
  const labels = options.labels ?? defaultLabels(d);
  if (!Array.isArray(labels) || labels.length !== d) {
    fail(fn, `options.labels must name each of the ${d} columns, got ${JSON.stringify(labels)}`);
  }
  const markerSize = checkPositive(options.markerSize ?? 3, fn, "options.markerSize");
  const gridPoints = checkPointCount(options.gridPoints ?? 40, fn, "options.gridPoints", 3, MAX_GRID_POINTS);
  const levels = checkInteger(options.levels ?? 8, fn, "options.levels", 1);
  const panel = checkInteger(options.panelSize ?? 250, fn, "options.panelSize", 50);

  const variables = Array.from({ length: d }, (_, j) => column(rows, j));
  const curves = variables.map((values) => {
    const kde = gaussianKde(values);
    const [low, high] = extent(values);
    const x = linspace(low - CUT * kde.bandwidth, high + CUT * kde.bandwidth, 100);
    return { x, density: x.map((v) => kde.density(v)) };
  });
  const ranges = curves.map((c): [number, number] => [c.x[0], c.x[c.x.length - 1]]);

  const layout = baseLayout(fn, options, {
    width: d * panel + 100,
    height: d * panel + 90,
    margin: { l: 70, r: 30, t: options.title ? 60 : 30, b: 60 },
  });
  layout.showlegend = false;
  const data: Trace[] = [];
  for (let i = 0; i < d; i++) {
    for (let j = 0; j < d; j++) {
      const index = i * d + j + 1;
      const xRef = axisReference("x", index);
      const yRef = axisReference("y", index);
      setAxes(layout, index, i, j, d, {
        xLabel: i === d - 1 ? labels[j] : undefined,
        yLabel: j === 0 ? (i === 0 ? `density of ${labels[0]}` : labels[i]) : undefined,
        xRange: ranges[j],
        yRange: i === j ? [0, Math.max(...curves[j].density) * 1.05] : ranges[i],
        diagonal: i === j,
      });
      const onAxes = { xaxis: xRef, yaxis: yRef, showlegend: false };
      if (i === j) {
        data.push(densityTrace(curves[j], labels[j], onAxes));
      } else if (i > j) {
        data.push(scatterTrace(variables[j], variables[i], `${labels[i]} against ${labels[j]}`, markerSize, onAxes));
      } else {
        data.push(contourTrace(variables[j], variables[i], ranges[j], ranges[i], gridPoints, levels, labels, i, j, onAxes));
      }
    }
  }
  return withPrintedForm({ data, layout });
}

function setAxes(
  layout: Layout,
  index: number,
  row: number,
  col: number,
  d: number,
  spec: { xLabel?: string; yLabel?: string; xRange: [number, number]; yRange: [number, number]; diagonal: boolean },
): void {
  const xDomain: [number, number] = [col / d + GAP / 2, (col + 1) / d - GAP / 2];
  const yDomain: [number, number] = [1 - (row + 1) / d + GAP / 2, 1 - row / d - GAP / 2];
  const xAxis: Axis = axis(spec.xLabel, {
    domain: d === 1 ? [0, 1] : xDomain,
    anchor: axisReference("y", index),
    range: spec.xRange,
    zeroline: false,
  });
  const yAxis: Axis = axis(spec.yLabel, {
    domain: d === 1 ? [0, 1] : yDomain,
    anchor: axisReference("x", index),
    range: spec.yRange,
    zeroline: false,
    // The density scale of a diagonal panel is not the row variable's scale.
    showticklabels: !spec.diagonal,
  });
  layout[axisKey(axisReference("x", index))] = xAxis;
  layout[axisKey(axisReference("y", index))] = yAxis;
}

type OnAxes = { xaxis: string; yaxis: string; showlegend: boolean };

function densityTrace(curve: { x: number[]; density: number[] }, label: string, onAxes: OnAxes): ScatterTrace {
  return {
    type: "scatter",
    mode: "lines",
    name: `density of ${label}`,
    x: curve.x,
    y: curve.density,
    line: { color: colorAt(0), width: 2 },
    fill: "tozeroy",
    fillcolor: withOpacity(colorAt(0), 0.25),
    ...onAxes,
  };
}

function scatterTrace(x: number[], y: number[], name: string, size: number, onAxes: OnAxes): ScatterTrace {
  return {
    type: "scatter",
    mode: "markers",
    name,
    x,
    y,
    marker: { size, color: colorAt(0), opacity: 0.6 },
    ...onAxes,
  };
}

function contourTrace(
  xs: number[],
  ys: number[],
  xRange: [number, number],
  yRange: [number, number],
  gridPoints: number,
  levels: number,
  labels: string[],
  i: number,
  j: number,
  onAxes: OnAxes,
): ContourTrace {
  const kde = gaussianKde2d(xs.map((x, k) => [x, ys[k]]));
  const x = linspace(xRange[0], xRange[1], gridPoints);
  const y = linspace(yRange[0], yRange[1], gridPoints);
  const z = y.map((yv) => x.map((xv) => kde.density(xv, yv)));
  const top = Math.max(...z.map((row) => Math.max(...row)));
  const size = top / (levels + 1);
  return {
    type: "contour",
    name: `density of (${labels[j]}, ${labels[i]})`,
    x,
    y,
    z,
    autocontour: false,
    contours: { coloring: "lines", start: size, end: levels * size, size },
    colorscale: DENSITY_BLUES,
    showscale: false,
    line: { width: 1.5 },
    ...onAxes,
  };
}
