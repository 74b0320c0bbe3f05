import { checkInteger, checkOptionNames, fail } from "./checks";
import { type AnimateArgs, type Figure, type Frame, type Layout, withPrintedForm } from "./figure";

export interface SliderFrame {
  /** The step's label on the slider, e.g. the value of n'. */
  label: string | number;
  figure: Figure;
}

export interface SliderOptions {
  /** What the slider chooses, shown before the current value ("n'"). */
  label?: string;
  /** Index of the step shown first; the last step by default. */
  active?: number;
}

const SLIDER_SPACE = 100;

/** The parts of a frame's layout that may change from step to step (titles, axes). */
function frameLayout(layout: Layout): Layout {
  const { width: _w, height: _h, margin: _m, sliders: _s, ...rest } = layout;
  return rest;
}

/**
 * One figure with a plotly slider over pre-computed figures of the same kind (each a step):
 * moving the slider swaps the traces in place, without a kernel round trip, so it works in
 * exported pages too (where the static fallback shows the active step).
 */
export function sliderFigure(frames: SliderFrame[], options: SliderOptions = {}): Figure {
  const fn = "sliderFigure";
  checkOptionNames(options, fn, ["label", "active"]);
  if (!Array.isArray(frames) || frames.length === 0) {
    fail(fn, "frames must be a non-empty array of { label, figure }");
  }
  const names = frames.map((frame, i) => {
    if (frame === null || typeof frame !== "object" || !frame.figure || !Array.isArray(frame.figure.data)) {
      fail(fn, `frames[${i}] must be { label, figure } with a figure made by a builder such as pairPlot`);
    }
    if (frame.figure.data.length !== frames[0].figure.data.length) {
      fail(fn, `frames[${i}] has ${frame.figure.data.length} traces but frames[0] has ${frames[0].figure.data.length}; every step must be the same kind of figure`);
    }
    return String(frame.label);
  });
  if (new Set(names).size !== names.length) fail(fn, `frame labels must be distinct, got ${JSON.stringify(names)}`);
  const active = checkInteger(options.active ?? frames.length - 1, fn, "options.active", 0);
  if (active >= frames.length) fail(fn, `options.active is ${active} but there are only ${frames.length} frames`);
  const label = options.label ?? "step";

  const shown = frames[active].figure;
  const margin = shown.layout.margin ?? { l: 70, r: 30, t: 60, b: 60 };
  const animate: AnimateArgs = { mode: "immediate", frame: { duration: 0, redraw: true }, transition: { duration: 0 } };
  const layout: Layout = {
    ...shown.layout,
    height: (shown.layout.height ?? 450) + SLIDER_SPACE,
    margin: { ...margin, b: margin.b + SLIDER_SPACE },
    sliders: [
      {
        active,
        currentvalue: { prefix: `${label} = ` },
        pad: { t: 60 },
        steps: names.map((name) => ({ label: name, method: "animate", args: [[name], animate] })),
      },
    ],
  };
  const plotlyFrames: Frame[] = frames.map((frame, i) => ({
    name: names[i],
    data: frame.figure.data,
    layout: frameLayout(frame.figure.layout),
  }));
  return withPrintedForm({ data: shown.data, layout, frames: plotlyFrames });
}
