import { describeType, fail } from "./checks";
import type { Figure, Trace } from "./figure";

export function checkFigure(figure: unknown, fn: string): asserts figure is Figure {
  if (
    figure === null ||
    typeof figure !== "object" ||
    !Array.isArray((figure as Figure).data) ||
    (figure as Figure).layout === null ||
    typeof (figure as Figure).layout !== "object"
  ) {
    fail(fn, `expected a figure { data: [...], layout: {...} } made by scatter, pairPlot, heatmap, ...; got ${describeType(figure)}`);
  }
  (figure as Figure).data.forEach((trace: Trace, i: number) => {
    if (!trace || !["scatter", "heatmap", "contour"].includes(trace.type)) {
      fail(fn, `figure.data[${i}] has type ${JSON.stringify(trace?.type)}; the drawing supports scatter, heatmap and contour traces`);
    }
    const arrays = trace.type === "scatter" ? ["x", "y"] : ["x", "y", "z"];
    for (const key of arrays) {
      if (!Array.isArray((trace as unknown as Record<string, unknown>)[key])) {
        fail(fn, `figure.data[${i}].${key} must be an array (a ${trace.type} trace needs ${arrays.join(", ")})`);
      }
    }
  });
}

function describeTrace(trace: Trace): string {
  const name = trace.name ? ` "${trace.name}"` : "";
  if (trace.type === "scatter") {
    const kind = trace.mode === "markers" ? "points" : "points on a line";
    return `${trace.x.length} ${kind}${name}`;
  }
  const kind = trace.type === "heatmap" ? "heat map" : "density contours";
  return `${kind}${name} on a ${trace.x.length}×${trace.y.length} grid`;
}

/** A one-line description of a figure, the text/plain form of a displayed plot. */
export function describe(figure: Figure): string {
  // describeFigure(null) read null's layout
  checkFigure(figure, "describeFigure");
  const title = figure.layout.title?.text ?? "Figure";
  const traces = figure.data.map(describeTrace);
  const shown = traces.length > 4 ? [...traces.slice(0, 4), `${traces.length - 4} more`] : traces;
  const steps = figure.layout.sliders?.[0]?.steps.length;
  return `${title}: ${shown.join("; ") || "no data"}${steps ? ` (slider with ${steps} steps)` : ""}`;
}
