import { binomialUpperTail, evenlySpaced } from "./row-sampling";

/** A row's two nearest neighbours are "in line" with it when the sine of the angle they make at it is at most this. */
const IN_LINE = 0.01;
/** The rows compared with: the sine at most this. */
const WIDER = 0.1;
/**
 * Of the rows within WIDER, the share within IN_LINE where the directions to the neighbours are
 * locally uniform (a smooth density): arcsin(0.01)/arcsin(0.1) ≈ 0.1, and half again for local
 * anisotropy (a strong dependence stretches the neighbourhoods along its ridge; Gaussians up to ρ = 0.999
 * still give about 0.1). At 0.2, y = eˣ in 5 % of 2000 rows went unnoticed in 3 of 20 samples (47 of 171).
 */
const SHARE_IN_LINE = 0.15;
/** The fewest rows in line that can raise the alarm. */
const MIN_ROWS = 10;

export interface CurveRows {
  /** Rows (of those read) whose two nearest neighbours are in line with them. */
  inLine: number;
  /** Rows whose neighbours are within the wider angle. */
  near: number;
  /** Rows read. */
  of: number;
}

/**
 * Rows lying exactly on a thin smooth curve v = f(u) (y = eˣ or x³ in a share of the rows, the rest
 * independent), beyond what a smooth density makes at the chance `level`, else undefined. Their MI is
 * infinite, and at any n it is not resolved: their neighbours are each other, closer the larger n, and
 * every method's estimate keeps rising with n (y = eˣ in 5 % of 2000 rows: KSG trusted 0.03 [0.005,
 * 0.12] in 9 of 20 samples).
 *
 * Where the density is smooth the directions from a row to its two nearest neighbours are about
 * independent and uniform, so the sine of the angle between them is rarely small: within 0.01 for
 * about a tenth of the rows where it is within 0.1. On a curve of curvature κ the neighbours lie
 * along it, at gaps h, and the sine is about κ·h, far below 0.01 once the rows on it are dense.
 * Exactly collinear neighbours (values on a grid, lines: `affine-copies.ts`) are not counted, nor rows
 * whose nearest neighbour lies along an axis (a steep stretch of a curve is lost with them).
 */
export function curveRows(u: Float64Array, v: Float64Array, level: number, most = 2000): CurveRows | undefined {
  // the rows read are evenly spaced beyond `most`
  const rows = evenlySpaced(u.length, most);
  const su = spread(u);
  const sv = spread(v);
  if (!(su > 0 && sv > 0)) return undefined;
  const a = Float64Array.from(rows, (k) => u[k] / su);
  const b = Float64Array.from(rows, (k) => v[k] / sv);
  const n = a.length;
  let inLine = 0;
  let near = 0;
  // rows by u: a row's nearest neighbours are sought outward from it in that order, up to the second distance found
  const order = Array.from({ length: n }, (_, k) => k).sort((p, q) => a[p] - a[q]);
  for (let at = 0; at < n; at++) {
    const i = order[at];
    let first = Infinity;
    let second = Infinity;
    let j1 = -1;
    let j2 = -1;
    for (let up = at + 1, down = at - 1; up < n || down >= 0; ) {
      const gapUp = up < n ? a[order[up]] - a[i] : Infinity;
      const gapDown = down >= 0 ? a[i] - a[order[down]] : Infinity;
      const gap = Math.min(gapUp, gapDown);
      if (gap * gap > second) break;
      // (a value that is not a number compares false with every gap: the side is chosen by position, so the sweep always ends)
      const j = down < 0 || (up < n && gapUp <= gapDown) ? order[up++] : order[down--];
      const du = a[j] - a[i];
      const dv = b[j] - b[i];
      const d = du * du + dv * dv;
      if (d === 0 || d >= second) continue;
      if (d < first) {
        second = first;
        j2 = j1;
        first = d;
        j1 = j;
      } else {
        second = d;
        j2 = j;
      }
    }
    if (j2 < 0) continue;
    // a neighbour straight above or beside the row (within 0.01 of an axis) is left out: a margin spread
    // over many decades (x = 10^u, u uniform on 12 decades) crushes most rows onto x ≈ 0, a line in these units
    if (Math.min(Math.abs(a[j1] - a[i]), Math.abs(b[j1] - b[i])) < IN_LINE * Math.sqrt(first)) continue;
    const sine = Math.abs((a[j1] - a[i]) * (b[j2] - b[i]) - (b[j1] - b[i]) * (a[j2] - a[i])) / Math.sqrt(first * second);
    if (!(sine > 0)) continue;
    if (sine <= WIDER) near += 1;
    if (sine <= IN_LINE) inLine += 1;
  }
  if (inLine < MIN_ROWS || binomialUpperTail(inLine, near, SHARE_IN_LINE) >= level) return undefined;
  return { inLine, near, of: n };
}

/** Each column's spread, computed once however many pairs it is in (a sort of the whole column). */
const spreads = new WeakMap<Float64Array, number>();

/** The interquartile range (the curve's rows can be the tail: y = eˣ). */
function spread(values: Float64Array): number {
  const known = spreads.get(values);
  if (known !== undefined) return known;
  const value = interquartileRange(values);
  spreads.set(values, value);
  return value;
}

function interquartileRange(values: Float64Array): number {
  const sorted = Float64Array.from(values).sort();
  const at = (p: number) => sorted[Math.floor(p * (sorted.length - 1))];
  return at(0.75) - at(0.25);
}
