import { checkFigure, describe } from "./describe";
import type { Figure } from "./figure";
import { toSVG } from "./svg/render";

/**
 * Showing figures in a running tslab kernel.
 *
 * One output carries three forms of the same figure: plotly's JSON (interactive, drawn by the
 * plotly labextension in JupyterLab), an SVG drawn by this library (shown where plotly's MIME
 * type is not rendered: nbconvert/nbgrader HTML, other front ends) and a line of text.
 * JupyterLab picks the MIME type whose renderer has the lowest rank: the jupyterlab-plotly
 * extension (plotly 7.1, .venv/share/jupyter/labextensions/jupyterlab-plotly) registers its
 * renderer for application/vnd.plotly.v1+json with rank 2 and `safe: true`, while
 * JupyterLab 4's built-in SVG renderer has defaultRank 80 and `safe: false` (it is only
 * used for trusted outputs), text/plain 120. So the plotly renderer wins, trusted or not.
 *
 * Outside a kernel (plain node, tests) nothing is sent and nothing is printed.
 */

export const PLOTLY_MIME = "application/vnd.plotly.v1+json";

/** What this module uses of tslab's public display API (bundle: the patched kernel). */
export interface TslabDisplay {
  raw(contentType: string, value: unknown): void;
  bundle?(data: Record<string, unknown>): void;
}

interface TslabPublic {
  display: TslabDisplay;
  newDisplay(): TslabDisplay;
}

// tslab's jupyter module holds the writer of the cell being executed; public.js (what
// `require("tslab")` returns) sends through it and throws "Not ready" when it is unset.
// The kernel's own copy of tslab is found among the loaded modules, so a plain
// `require("tslab")` resolving to another installation cannot mislead the check, and
// tslab is never loaded outside a kernel.
const JUPYTER_MODULE = /[\\/]tslab[\\/]dist[\\/]jupyter\.js$/;

/** The tslab public API of the running kernel, or undefined outside a kernel. */
export function activeKernel(): TslabPublic | undefined {
  // names only, and each entry read as data: an accessor a cell defined on the cache (or on an
  // entry) would otherwise run inside whatever asked, a test's reportResult among them
  const cache = require.cache as Record<string, unknown>;
  for (const file of Object.keys(cache)) {
    if (!JUPYTER_MODULE.test(file)) continue;
    const entry = Object.getOwnPropertyDescriptor(cache, file);
    const loaded: unknown = entry && "value" in entry ? entry.value : undefined;
    const exported = loaded && typeof loaded === "object" ? Object.getOwnPropertyDescriptor(loaded, "exports") : undefined;
    if (!exported || !("value" in exported) || !exported.value || typeof exported.value !== "object") continue;
    const jupyter = exported.value as { lastWriteDisplayData?: unknown };
    if (typeof jupyter.lastWriteDisplayData !== "function") continue;
    try {
      const tslab = require(file.replace(/jupyter\.js$/, "public.js")) as Partial<TslabPublic>;
      if (tslab.display && typeof tslab.newDisplay === "function") return tslab as TslabPublic;
    } catch {
      // An unusable copy of tslab: keep looking, else behave as outside a kernel.
    }
  }
  return undefined;
}

/** True inside a running tslab kernel, where `show` displays figures. */
export function inKernel(): boolean {
  return activeKernel() !== undefined;
}

let noteShown = false;

function noteMissingBundle(): void {
  if (noteShown) return;
  noteShown = true;
  console.log(
    "neural-mi: this tslab kernel has no display.bundle (patches/tslab+1.0.22.patch is not applied; " +
      "run npm install), so plots are sent as plotly JSON only, without their SVG fallback for exported HTML.",
  );
}

/**
 * "interactive": plotly JSON + SVG + text (the normal display).
 * "static": SVG + text only, for frequent in-place updates (see trainingCurve).
 */
export type Presentation = "interactive" | "static";

export function mimeBundle(figure: Figure, presentation: Presentation = "interactive", summary?: string): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  if (presentation === "interactive") data[PLOTLY_MIME] = figure;
  data["image/svg+xml"] = toSVG(figure);
  data["text/plain"] = summary ?? describe(figure);
  return data;
}

/** Sends a figure to a tslab display (new or updatable), with or without bundle support. */
export function sendFigure(target: TslabDisplay, figure: Figure, presentation: Presentation, summary?: string): void {
  if (typeof target.bundle === "function") {
    target.bundle(mimeBundle(figure, presentation, summary));
    return;
  }
  noteMissingBundle();
  if (presentation === "interactive") target.raw(PLOTLY_MIME, figure);
  else target.raw("image/svg+xml", toSVG(figure));
}

/**
 * Displays a figure below the running cell. Returns undefined when it was displayed (so that
 * tslab does not also print the object as the cell's last value) and the figure itself
 * outside a kernel, where it does nothing else.
 */
export function show(figure: Figure): Figure | undefined {
  checkFigure(figure, "show");
  const kernel = activeKernel();
  if (!kernel) return figure;
  sendFigure(kernel.display, figure, "interactive");
  return undefined;
}
