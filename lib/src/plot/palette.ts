import type { ColorScale } from "./figure";

/** Trace colours in order (the category-10 palette plotly also uses by default). */
export const COLORWAY = [
  "#1f77b4",
  "#ff7f0e",
  "#2ca02c",
  "#d62728",
  "#9467bd",
  "#8c564b",
  "#e377c2",
  "#7f7f7f",
  "#bcbd22",
  "#17becf",
];

export function colorAt(index: number): string {
  return COLORWAY[index % COLORWAY.length];
}

/**
 * ColorBrewer's 11-class red-blue scale reversed: blue for negative values, near-white at
 * the middle, red for positive values (matplotlib's "RdBu_r"). Written out rather than
 * named because plotly's built-in "RdBu" is a different (grey-centred) scale.
 */
export const RDBU_REVERSED: ColorScale = [
  "#053061",
  "#2166ac",
  "#4393c3",
  "#92c5de",
  "#d1e5f0",
  "#f7f7f7",
  "#fddbc7",
  "#f4a582",
  "#d6604d",
  "#b2182b",
  "#67001f",
].map((color, i): [number, string] => [i / 10, color]);

/** Light to dark blue, for density contour lines. */
export const DENSITY_BLUES: ColorScale = [
  [0, "#9ecae1"],
  [0.5, "#4292c6"],
  [1, "#08306b"],
];

type Rgb = [number, number, number];

function parseHex(color: string): Rgb {
  const match = /^#([0-9a-f]{6})$/i.exec(color);
  if (!match) throw new Error(`neural-mi plot: colour "${color}" is not a #rrggbb hex colour`);
  const value = parseInt(match[1], 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

function toHex([r, g, b]: Rgb): string {
  return "#" + [r, g, b].map((c) => Math.round(c).toString(16).padStart(2, "0")).join("");
}

/** The colour of a scale at position `t` in [0, 1] (clamped), linearly interpolated in RGB. */
export function interpolate(scale: ColorScale, t: number): string {
  const u = Math.min(1, Math.max(0, Number.isFinite(t) ? t : 0));
  for (let i = 1; i < scale.length; i++) {
    const [p1, c1] = scale[i];
    if (u <= p1 || i === scale.length - 1) {
      const [p0, c0] = scale[i - 1];
      const w = p1 > p0 ? (u - p0) / (p1 - p0) : 0;
      const a = parseHex(c0);
      const b = parseHex(c1);
      return toHex([0, 1, 2].map((k) => a[k] + (b[k] - a[k]) * Math.min(1, Math.max(0, w))) as Rgb);
    }
  }
  return scale[0][1];
}

/** A #rrggbb colour made translucent, as an rgba() string both plotly and SVG accept. */
export function withOpacity(color: string, opacity: number): string {
  const [r, g, b] = parseHex(color);
  return `rgba(${r},${g},${b},${opacity})`;
}
