/** Plots for the course: plotly figures, shown through tslab with a static SVG fallback. */
export type {
  Axis,
  ColorScale,
  ContourTrace,
  Figure,
  Frame,
  HeatmapTrace,
  Layout,
  ScatterTrace,
  Slider,
  Trace,
} from "./figure";
export type { FigureOptions } from "./layout";
export { scatter, type NamedPoints, type PointsInput, type ScatterOptions } from "./scatter";
export { pairPlot, type PairPlotOptions } from "./pairPlot";
export { heatmap, type HeatmapOptions, type SurfaceFunction } from "./heatmap";
export { lineChart, type LineChartOptions, type LineSeries, type SeriesInput } from "./lineChart";
export { densityPlot, type DensityPlotOptions, type NamedValues } from "./densityPlot";
export { sliderFigure, type SliderFrame, type SliderOptions } from "./slider";
export { trainingCurve, TrainingCurve, type TrainingCurveOptions } from "./trainingCurve";
export {
  gaussianKde,
  gaussianKde2d,
  kdeCurve,
  kdeGrid,
  scottFactor,
  type DensityCurve,
  type DensityGrid,
  type GridOptions,
  type Kde1d,
  type Kde2d,
  type KdeOptions,
} from "./kde";
export { show, inKernel, mimeBundle, PLOTLY_MIME } from "./display";
export { describe as describeFigure } from "./describe";
export { toSVG } from "./svg/render";
export { toHTML, writeHTML, type HtmlOptions } from "./html";
export { RDBU_REVERSED, COLORWAY } from "./palette";
