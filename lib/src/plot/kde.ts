import { checkInteger, checkPointCount, checkPositive, fail, MAX_CURVE_POINTS, MAX_GRID_POINTS, shown, toRows, toValues } from "./checks";
import { covariance, extent, linspace, mean } from "./numeric";

/**
 * Gaussian kernel density estimates with Scott's rule: the kernel's covariance is the data's
 * sample covariance scaled by n^(−2/(d+4)) in d dimensions (bandwidth factor n^(−1/(d+4))).
 */

export function scottFactor(n: number, dims: number): number {
  // n = 0 gave Infinity, n = −1 NaN
  checkInteger(n, "scottFactor", "n (the sample count)", 1);
  checkInteger(dims, "scottFactor", "dims", 1);
  return Math.pow(n, -1 / (dims + 4));
}

export interface Kde1d {
  /** Kernel standard deviation. */
  bandwidth: number;
  density(x: number): number;
}

export interface Kde2d {
  /** Kernel covariance [[sxx, sxy], [sxy, syy]]. */
  covariance: [[number, number], [number, number]];
  density(x: number, y: number): number;
}

export interface KdeOptions {
  /** Kernel standard deviation (1-D); Scott's rule when absent. */
  bandwidth?: number;
}

/**
 * A variance that overflowed (values beyond about ±1e154, whose squares pass double precision's
 * 1.8e308) made an infinite kernel: the density curve's grid was NaN and the figure drawn empty.
 */
function checkSquaresFinite(variance: number, fn: string, what: string): number {
  if (!Number.isFinite(variance)) {
    fail(fn, `${what} spread too widely for a density estimate (their variance overflows double precision, beyond about ±1e154); divide them by a common scale first`);
  }
  return variance;
}

/** A kernel for a sample without spread (all values equal): narrow but drawable. */
function fallbackScale(values: ArrayLike<number>): number {
  return 1e-3 * Math.max(1, Math.abs(mean(values)));
}

export function gaussianKde(values: ArrayLike<number>, options: KdeOptions = {}): Kde1d {
  const data = toValues(values, "gaussianKde", "values");
  const n = data.length;
  let bandwidth: number;
  if (options.bandwidth !== undefined) {
    bandwidth = checkPositive(options.bandwidth, "gaussianKde", "options.bandwidth");
  } else {
    const sd = Math.sqrt(checkSquaresFinite(covariance(data, data), "gaussianKde", "values"));
    bandwidth = sd > 0 ? sd * scottFactor(n, 1) : fallbackScale(data);
  }
  const norm = 1 / (n * bandwidth * Math.sqrt(2 * Math.PI));
  return {
    bandwidth,
    density(x: number): number {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const u = (x - data[i]) / bandwidth;
        sum += Math.exp(-0.5 * u * u);
      }
      return sum * norm;
    },
  };
}

export function gaussianKde2d(points: number[][]): Kde2d {
  const rows = toRows(points, "gaussianKde2d", "points", 2);
  const xs = rows.map((r) => r[0]);
  const ys = rows.map((r) => r[1]);
  const n = rows.length;
  const f2 = scottFactor(n, 2) ** 2;
  let sxx = checkSquaresFinite(covariance(xs, xs), "gaussianKde2d", "points' first column") * f2;
  let syy = checkSquaresFinite(covariance(ys, ys), "gaussianKde2d", "points' second column") * f2;
  let sxy = covariance(xs, ys) * f2;
  // A constant coordinate or perfectly correlated coordinates make the kernel singular;
  // a small ridge keeps the estimate finite and drawable.
  if (!(sxx > 0)) sxx = fallbackScale(xs) ** 2;
  if (!(syy > 0)) syy = fallbackScale(ys) ** 2;
  if (sxx * syy - sxy * sxy <= 1e-9 * sxx * syy) {
    sxx *= 1.001;
    syy *= 1.001;
    sxy *= 0.999;
  }
  const det = sxx * syy - sxy * sxy;
  const [ixx, iyy, ixy] = [syy / det, sxx / det, -sxy / det];
  const norm = 1 / (n * 2 * Math.PI * Math.sqrt(det));
  return {
    covariance: [
      [sxx, sxy],
      [sxy, syy],
    ],
    density(x: number, y: number): number {
      let sum = 0;
      for (let i = 0; i < n; i++) {
        const dx = x - xs[i];
        const dy = y - ys[i];
        sum += Math.exp(-0.5 * (ixx * dx * dx + 2 * ixy * dx * dy + iyy * dy * dy));
      }
      return sum * norm;
    },
  };
}

export interface GridOptions {
  /** Grid points per axis. */
  points?: number;
  /** How many kernel standard deviations the grid extends past the data (seaborn's `cut`). */
  cut?: number;
}

export interface DensityCurve {
  x: number[];
  density: number[];
}

export interface DensityGrid {
  x: number[];
  y: number[];
  /** z[row][column] is the density at (x[column], y[row]). */
  z: number[][];
}

function gridOptions(options: GridOptions, fn: string, defaultPoints: number, maxPoints: number): { points: number; cut: number } {
  const points = checkPointCount(options.points ?? defaultPoints, fn, "options.points", 2, maxPoints);
  const cut = options.cut ?? 3;
  if (!(cut >= 0)) throw new Error(`neural-mi ${fn}: options.cut must be a number ≥ 0, got ${shown(cut)}`);
  return { points, cut };
}

/** The 1-D density on an even grid covering the data plus `cut` bandwidths on each side. */
export function kdeCurve(values: ArrayLike<number>, options: GridOptions & KdeOptions = {}): DensityCurve {
  const { points, cut } = gridOptions(options, "kdeCurve", 200, MAX_CURVE_POINTS);
  const data = toValues(values, "kdeCurve", "values");
  const kde = gaussianKde(data, options);
  const [low, high] = extent(data);
  const x = linspace(low - cut * kde.bandwidth, high + cut * kde.bandwidth, points);
  return { x, density: x.map((v) => kde.density(v)) };
}

/** The 2-D density of rows [x, y] on an even grid covering the data plus `cut` kernel widths. */
export function kdeGrid(points: number[][], options: GridOptions = {}): DensityGrid {
  const { points: count, cut } = gridOptions(options, "kdeGrid", 40, MAX_GRID_POINTS);
  const rows = toRows(points, "kdeGrid", "points", 2);
  const kde = gaussianKde2d(rows);
  const [xLow, xHigh] = extent(rows.map((r) => r[0]));
  const [yLow, yHigh] = extent(rows.map((r) => r[1]));
  const hx = Math.sqrt(kde.covariance[0][0]);
  const hy = Math.sqrt(kde.covariance[1][1]);
  const x = linspace(xLow - cut * hx, xHigh + cut * hx, count);
  const y = linspace(yLow - cut * hy, yHigh + cut * hy, count);
  return { x, y, z: y.map((yv) => x.map((xv) => kde.density(xv, yv))) };
}
