import { checkOptionNames, fail, shown } from "./checks";
import { activeKernel, sendFigure, type TslabDisplay } from "./display";
import { type Figure, type ScatterTrace, withPrintedForm } from "./figure";
import { axis, baseLayout } from "./layout";
import { colorAt } from "./palette";

export interface TrainingCurveOptions {
  /** The true value, drawn as a dashed horizontal line. */
  groundTruth?: number;
  /** Series shown from the start, in legend order; others appear when first updated. */
  names?: string[];
  title?: string;
  /** Unit of the estimates, for the axis and the ground-truth label. */
  unit?: string;
  xLabel?: string;
  width?: number;
  height?: number;
  /** Minimum time between two redraws in a kernel; later points are drawn by a trailing redraw. */
  throttleMs?: number;
}

interface SeriesData {
  x: number[];
  y: number[];
}

const GROUND_TRUTH_COLOR = "#444444";

/**
 * A training curve that redraws in place while training runs: estimates per epoch for one or
 * more estimators against the ground truth.
 *
 * ```ts
 * const curve = trainingCurve({ groundTruth, names: ["MINE"] });
 * await trainer.train({ epochs: 100, onEpoch: curve.update });
 * curve.finish();   // curve.figure() gives the figure, e.g. for toHTML
 * ```
 *
 * In a kernel it is displayed when made. While it is updated, it is redrawn (at most every
 * `throttleMs`) as a static SVG: JupyterLab reuses an output's renderer when an update keeps
 * the same preferred MIME type, and the plotly renderer ignores new data once it has drawn
 * (jupyterlab-plotly 7.1 `renderModel` returns early), so plotly JSON could not update in
 * place. `finish()` sends the interactive plotly figure, which replaces the SVG.
 */
export class TrainingCurve {
  /** Adds a point to a series (the first one by default); fits `train({ onEpoch })`. */
  readonly update: (epoch: number, estimate: number, name?: string) => void;

  private readonly data = new Map<string, SeriesData>();
  private readonly options: TrainingCurveOptions;
  private readonly throttleMs: number;
  private readonly output: TslabDisplay | undefined;
  private lastDraw = -Infinity;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: TrainingCurveOptions = {}) {
    const fn = "trainingCurve";
    checkOptionNames(options, fn, ["groundTruth", "names", "title", "unit", "xLabel", "width", "height", "throttleMs"]);
    if (options.groundTruth !== undefined && !Number.isFinite(options.groundTruth)) {
      fail(fn, `options.groundTruth must be a finite number, got ${shown(options.groundTruth)}`);
    }
    const names = options.names ?? ["estimate"];
    if (!Array.isArray(names) || names.length === 0 || names.some((n) => typeof n !== "string")) {
      fail(fn, `options.names must be a non-empty array of series names, got ${JSON.stringify(names)}`);
    }
    if (new Set(names).size !== names.length) fail(fn, `options.names must be distinct, got ${JSON.stringify(names)}`);
    this.throttleMs = options.throttleMs ?? 200;
    if (!(this.throttleMs >= 0)) fail(fn, `options.throttleMs must be a number ≥ 0, got ${shown(options.throttleMs)}`);
    this.options = { ...options, names: [...names] };
    for (const name of names) this.data.set(name, { x: [], y: [] });
    // Checks the size options once, so that a bad width fails here rather than mid-training.
    this.figure();

    const first = names[0];
    this.update = (epoch: number, estimate: number, name?: string): void => {
      if (typeof epoch !== "number" || !Number.isFinite(epoch)) {
        fail("trainingCurve.update", `epoch must be a finite number, got ${shown(epoch)}`);
      }
      if (typeof estimate !== "number") fail("trainingCurve.update", `estimate must be a number, got ${typeof estimate}`);
      const series = this.seriesData(name ?? first, "update");
      // A diverged estimate (NaN, ±Infinity) is kept: it shows as a gap in the line.
      series.x.push(epoch);
      series.y.push(estimate);
      this.redraw();
    };

    // Printed form when a cell ends with the curve itself (tslab prints the last value).
    Object.defineProperty(this, Symbol.for("nodejs.util.inspect.custom"), {
      value: () => `[TrainingCurve: ${this.summary()}]`,
      enumerable: false,
    });

    const kernel = activeKernel();
    this.output = kernel?.newDisplay();
    this.redraw(true);
  }

  /** The update callback of one named series: `onEpoch: curve.series("MI-NEE")`. */
  series(name: string): (epoch: number, estimate: number) => void {
    this.seriesData(name, "series");
    return (epoch, estimate) => this.update(epoch, estimate, name);
  }

  /**
   * Appends the next point of several series at once (each at its own next epoch, counted
   * from 1): a number for the first series, numbers in `names` order, or { name: value }.
   */
  push(values: number | ArrayLike<number> | Record<string, number>): void {
    const names = this.options.names as string[];
    let entries: Array<[string, number]>;
    if (typeof values === "number") entries = [[names[0], values]];
    else if (Array.isArray(values) || ArrayBuffer.isView(values)) {
      const list = Array.from(values as ArrayLike<number>);
      if (list.length > names.length) {
        fail("trainingCurve.push", `got ${list.length} values but the curve has ${names.length} series (${names.join(", ")})`);
      }
      entries = list.map((v, i) => [names[i], v]);
    } else if (values !== null && typeof values === "object") entries = Object.entries(values as Record<string, number>);
    else return fail("trainingCurve.push", `values must be a number, an array or { name: value }, got ${typeof values}`);
    for (const [name, value] of entries) {
      const series = this.seriesData(name, "push");
      const next = series.x.length > 0 ? series.x[series.x.length - 1] + 1 : 1;
      this.update(next, value, name);
    }
  }

  /**
   * Draws the final, interactive figure now. Returns nothing, so that a cell ending with
   * `curve.finish();` prints nothing; `figure()` gives the figure.
   */
  finish(): void {
    this.cancelTimer();
    if (this.output) sendFigure(this.output, this.figure(), "interactive", this.summary());
    this.lastDraw = Date.now();
  }

  /** The points so far, per series. */
  values(): Record<string, { x: number[]; y: number[] }> {
    const out: Record<string, { x: number[]; y: number[] }> = {};
    for (const [name, s] of this.data) out[name] = { x: [...s.x], y: [...s.y] };
    return out;
  }

  /** The current figure (a snapshot). */
  figure(): Figure {
    const { groundTruth, unit = "nats" } = this.options;
    const traces: ScatterTrace[] = Array.from(this.data, ([name, s], i) => ({
      type: "scatter",
      mode: "lines+markers",
      name,
      x: [...s.x],
      y: [...s.y],
      line: { color: colorAt(i), width: 2 },
      marker: { color: colorAt(i), size: 4 },
    }));
    if (groundTruth !== undefined) {
      const xs = traces.flatMap((t) => t.x);
      const span = xs.length > 0 ? [Math.min(...xs), Math.max(...xs)] : [0, 1];
      traces.push({
        type: "scatter",
        mode: "lines",
        name: `ground truth (${formatValue(groundTruth)} ${unit})`,
        x: span,
        y: [groundTruth, groundTruth],
        line: { color: GROUND_TRUTH_COLOR, width: 2, dash: "dash" },
      });
    }
    const layout = baseLayout("trainingCurve", { title: "Estimate per epoch", ...this.options }, { width: 680, height: 420 });
    layout.xaxis = axis(this.options.xLabel ?? "epoch");
    layout.yaxis = axis(`estimate (${unit})`);
    layout.showlegend = true;
    return withPrintedForm({ data: traces, layout });
  }

  private seriesData(name: string, method: string): SeriesData {
    if (typeof name !== "string") fail(`trainingCurve.${method}`, `a series name must be a string, got ${typeof name}`);
    let series = this.data.get(name);
    if (!series) {
      series = { x: [], y: [] };
      this.data.set(name, series);
      (this.options.names as string[]).push(name);
    }
    return series;
  }

  /** One line for text front ends: the latest estimate of each series. */
  private summary(): string {
    const latest = Array.from(this.data, ([name, s]) =>
      s.y.length > 0 ? `${name} ${formatValue(s.y[s.y.length - 1])} at epoch ${s.x[s.x.length - 1]}` : `${name} (no estimate yet)`,
    );
    const truth = this.options.groundTruth;
    const unit = this.options.unit ?? "nats";
    return `${this.options.title ?? "Estimate per epoch"}: ${latest.join("; ")}${truth === undefined ? "" : `; ground truth ${formatValue(truth)} ${unit}`}`;
  }

  private redraw(force = false): void {
    if (!this.output) return;
    const wait = this.lastDraw + this.throttleMs - Date.now();
    if (force || wait <= 0) {
      this.cancelTimer();
      this.drawStatic();
    } else if (!this.timer) {
      // Longer delays overflow Node's timers (a warning on stderr, then 1 ms).
      this.timer = setTimeout(() => {
        this.timer = undefined;
        this.drawStatic();
      }, Math.min(wait, 2 ** 31 - 1));
      this.timer.unref?.();
    }
  }

  private drawStatic(): void {
    if (!this.output) return;
    sendFigure(this.output, this.figure(), "static", this.summary());
    this.lastDraw = Date.now();
  }

  private cancelTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function formatValue(v: number): string {
  return Number.isFinite(v) ? v.toFixed(3) : String(v);
}

/** Makes (and, in a kernel, displays) a live training curve; see `TrainingCurve`. */
export function trainingCurve(options: TrainingCurveOptions = {}): TrainingCurve {
  return new TrainingCurve(options);
}
